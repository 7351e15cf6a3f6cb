import { randomBytes } from 'node:crypto'
import { createWriteStream, existsSync, linkSync, renameSync, rmSync, unlinkSync } from 'node:fs'
import { once } from 'node:events'
import { basename, dirname, join } from 'node:path'
import type { Writable } from 'node:stream'

/** The file is there already and was not to be replaced. */
export class OutputExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} 已存在`)
    this.name = 'OutputExistsError'
  }
}

/**
 * Writes a file so that it is either whole or absent: into a hidden temp file beside it (same
 * folder, so the last step is a rename, never a copy), readable by its owner only (it holds what
 * officials reported), which takes the final name only when `write` finished. On any failure, or
 * an abort, the temp file is removed and nothing is left behind. Without `overwrite` an existing
 * file is refused, both before starting and at the last step (a hard link cannot replace one).
 */
export async function writeFileAtomically<T>(path: string, overwrite: boolean, write: (out: Writable) => Promise<T>): Promise<T> {
  if (!overwrite && existsSync(path)) throw new OutputExistsError(path)
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  const out = createWriteStream(temp, { flags: 'wx', mode: 0o600 })
  // A missing folder or no permission shows here, before anything was created.
  await once(out, 'open')
  // Kept, not thrown from an event: `write` sees the failure its own way, this makes sure it counts.
  let failure: Error | undefined
  out.on('error', (error) => (failure ??= error))
  try {
    const result = await write(out)
    if (!out.closed && !failure) await once(out, 'close')
    if (failure) throw failure
    publish(temp, path, overwrite)
    return result
  } catch (error) {
    out.destroy()
    rmSync(temp, { force: true })
    throw error
  }
}

function publish(temp: string, path: string, overwrite: boolean): void {
  if (overwrite) return renameSync(temp, path)
  try {
    linkSync(temp, path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw new OutputExistsError(path)
    // Some filesystems (FAT on a USB stick) have no hard links: check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error
    if (existsSync(path)) throw new OutputExistsError(path)
    return renameSync(temp, path)
  }
  unlinkSync(temp)
}
