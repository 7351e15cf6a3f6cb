import { mkdirSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { tightenDatabaseMode } from '../../src/store/index.ts'

it('leaves a folder given as DATABASE_PATH as it was: it is refused, never chmodded to 0700 first', () => {
  const folder = join(mkdtempSync(join(tmpdir(), 'duban-mode-')), 'data')
  mkdirSync(folder, { mode: 0o755 })
  expect(tightenDatabaseMode(folder)).toEqual([])
  expect(statSync(folder).mode & 0o777).toBe(0o755)
})
