import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { photoMime, photoPath, savePhotoFile } from '../../src/store/index.ts'

describe('photo files', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  it('keeps a picture once by its content, owner-only, whole', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'duban-photos-'))
    dirs.push(dataDir)
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])
    const sha = savePhotoFile(dataDir, bytes)
    expect(sha).toMatch(/^[0-9a-f]{64}$/u)
    expect(savePhotoFile(dataDir, Buffer.from(bytes))).toBe(sha)
    const file = photoPath(dataDir, sha)
    expect(readFileSync(file).equals(bytes)).toBe(true)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    // One file, no temporary left behind.
    expect(readdirSync(join(dataDir, 'photos', sha.slice(0, 2)))).toEqual([sha])
  })

  it.each([
    [[0xff, 0xd8, 0xff, 0xe1], 'image/jpeg'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a], 'image/png'],
    [[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], 'image/gif'],
    [[0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50], 'image/webp'],
    [[0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45], null],
    [[...Buffer.from('会议纪要')], null],
    [[], null],
  ])('%j is %s', (bytes, mime) => {
    expect(photoMime(Uint8Array.from(bytes))).toBe(mime)
  })
})
