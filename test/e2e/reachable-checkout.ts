import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, cpSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

/** The repository's root: the checkout the tests run from. */
export const checkout = resolve(import.meta.dirname, '../..')

/** What `npm start` reads from the checkout besides the operating system and Node. */
const NEEDED = ['package.json', 'tsconfig.json', 'src', 'commands', 'data', 'node_modules']

/**
 * True when another account (one neither the owner's nor in its group) can search every folder from
 * the root down to `path`: a clone in /root (mode 0700) or any other private folder is out of its reach.
 */
export function othersCanReach(path: string): boolean {
  for (let dir = realpathSync(path); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false
    if (dir === dirname(dir)) return true
  }
}

/**
 * A folder another account can run `npm start` from: the checkout itself when it can reach it, else
 * a world-readable copy of what the bot reads, made of hard links (a plain copy when the temporary
 * folder is on another disk). `remove` takes the copy away in the background: unlinking its 30,000
 * files takes seconds.
 */
export function checkoutForOthers(): { dir: string; remove: () => void } {
  if (NEEDED.every((name) => othersCanReach(join(checkout, name)))) return { dir: checkout, remove: () => undefined }
  const dir = mkdtempSync(join(tmpdir(), 'duban-checkout-'))
  chmodSync(dir, 0o755)
  for (const name of NEEDED) {
    // node_modules is a link to a shared folder in some checkouts: the copy holds its files.
    const from = realpathSync(join(checkout, name))
    const linked = spawnSync('cp', ['-a', '--link', from, join(dir, name)], { stdio: 'ignore' })
    if (linked.status !== 0) {
      rmSync(join(dir, name), { recursive: true, force: true })
      cpSync(from, join(dir, name), { recursive: true, preserveTimestamps: true, verbatimSymlinks: true })
    }
  }
  return { dir, remove: () => spawn('rm', ['-rf', dir], { detached: true, stdio: 'ignore' }).unref() }
}
