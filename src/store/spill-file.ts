import { closeSync, existsSync, openSync, readSync, statSync, writeSync } from 'node:fs'

/** Room kept in advance for ids the database cannot take: about 5,000 WeChat message ids. */
export const SPILL_BYTES = 256 * 1024

/**
 * Where the ids of arriving messages go while the database refuses writes (the disk is full): a
 * file next to it, filled with zeros when the bot starts, so that its blocks are the disk's before
 * the disk fills, and written over in place afterwards (an overwrite needs no new block). The ids
 * are plain lines up to the first zero byte. A kill -9 while the disk is full then leaves them
 * behind, to be read again from the service at the next start, as the `arrivals` table does.
 */
export class SpillFile {
  readonly #fd: number
  #used = 0
  /** Ids found in the file when it was opened: the last run died with them unhandled. */
  readonly leftOver: string[]

  private constructor(fd: number, leftOver: string[], used: number) {
    this.#fd = fd
    this.leftOver = leftOver
    this.#used = used
  }

  /** Opens the file, making it SPILL_BYTES of zeros if it is missing or short. */
  static open(path: string): SpillFile {
    const size = existsSync(path) ? statSync(path).size : 0
    const fresh = size < SPILL_BYTES
    const fd = openSync(path, size > 0 ? 'r+' : 'w+', 0o600)
    const bytes = Buffer.alloc(SPILL_BYTES)
    if (size > 0) readSync(fd, bytes, 0, Math.min(size, SPILL_BYTES), 0)
    const end = bytes.indexOf(0)
    const text = bytes.subarray(0, end < 0 ? SPILL_BYTES : end).toString('utf8')
    const leftOver = text.split('\n').filter((line) => line !== '')
    if (fresh) writeSync(fd, Buffer.alloc(SPILL_BYTES), 0, SPILL_BYTES, 0)
    // A short file was rewritten whole: what it held is in `leftOver`, and the caller notes it.
    return new SpillFile(fd, leftOver, fresh ? 0 : end < 0 ? SPILL_BYTES : end)
  }

  /** Writes the ids after those kept; false for what no longer fits (then only memory holds them). */
  add(ids: readonly string[]): boolean {
    const bytes = Buffer.from(ids.map((id) => `${id}\n`).join(''), 'utf8')
    if (this.#used + bytes.length > SPILL_BYTES) return false
    writeSync(this.#fd, bytes, 0, bytes.length, this.#used)
    this.#used += bytes.length
    return true
  }

  /** Everything kept is in the database now: zeros over it, in place. */
  clear(): void {
    if (this.#used === 0) return
    writeSync(this.#fd, Buffer.alloc(this.#used), 0, this.#used, 0)
    this.#used = 0
  }

  close(): void {
    closeSync(this.#fd)
  }
}
