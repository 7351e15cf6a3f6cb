import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Clock } from './clock.ts'
import type { Logger } from './log.ts'
import { beatInstanceLock, releaseInstanceLock, takeInstanceLock, type Db, type LockHolder } from './store/index.ts'
import { renderInstanceRefusal, renderInstanceWait } from './text/start-up.ts'

/** A holder that has not said it is alive for this long is gone, whatever its process table says. */
export const LOCK_LEASE_MS = 30_000
const HEARTBEAT_MS = 5_000
/** How often a process waiting to take over looks whether the old one has left. */
const TAKEOVER_POLL_MS = 100
/** How long a taking-over process waits for the old one's process to end once it let go of the lock. */
const PROCESS_EXIT_WAIT_MS = 10_000

/** The database is held by another live bot: the message says whom, in Chinese. */
export class InstanceRefusedError extends Error {}

/** This process holds the database: its token (the sender's claims carry it too) and how it lets go. */
export interface InstanceHold {
  owner: string
  /** Stops the heartbeat and frees the database for the next process at once. */
  release(): Promise<void>
}

export interface HoldOptions {
  databasePath: string
  /** Wait for the holder to leave and take over then (`--takeover`), instead of refusing. */
  wait: boolean
  timeZone: string
  clock: Clock
  log: Logger
  /** Another process took the lock while this one ran (it had stopped beating for LOCK_LEASE_MS). */
  onLost(): void
}

/**
 * One bot per database: taken before the schema is touched, beaten every few seconds, released at
 * the last moment of a stop. A holder on this machine whose process is gone (kill -9, a crash) or
 * that has not beaten for LOCK_LEASE_MS (another machine, a reused pid) never blocks.
 */
export async function holdInstance(db: Db, o: HoldOptions): Promise<InstanceHold> {
  const owner = randomUUID()
  const me = { owner, host: hostname(), pid: process.pid, since: o.clock.now() }
  let told = false
  /** The holder waited for (--takeover). */
  let waitedFor: LockHolder | undefined
  for (;;) {
    const attempt = await takeInstanceLock(db, me, o.clock.now(), (holder) => isGone(holder, o.clock.now()))
    if (attempt.taken) {
      const prev = attempt.previous
      if (prev) o.log.warn(`上一个督办助手进程（主机 ${prev.host}，进程 ${prev.pid}）没有正常退出，已接替它的数据库锁`)
      break
    }
    const seen = { ...attempt.holder, timeZone: o.timeZone }
    if (!o.wait) throw new InstanceRefusedError(renderInstanceRefusal(seen, o.databasePath))
    if (!told) o.log.info(renderInstanceWait(seen))
    told = true
    waitedFor = attempt.holder
    await new Promise((r) => setTimeout(r, TAKEOVER_POLL_MS))
  }
  // It lets go of the lock the moment before its database closes; its link to the puppet service
  // (which takes one client at a time) and its cache folder go with its process, a moment later.
  if (waitedFor && waitedFor.host === hostname()) {
    for (const until = performance.now() + PROCESS_EXIT_WAIT_MS; processAlive(waitedFor.pid) && performance.now() < until; ) await new Promise((r) => setTimeout(r, 10))
  }
  if (told) o.log.info('原进程已退出，现在接替')
  let lost = false
  const timer = setInterval(() => {
    beatInstanceLock(db, owner, o.clock.now()).then(
      (held) => {
        if (held || lost) return
        lost = true
        o.log.error('数据库锁已被另一个督办助手进程接替（本进程曾长时间没有响应）：本进程停止，以免两个机器人同时工作')
        o.onLost()
      },
      // A locked or full database: the lease allows half a minute before anyone may take over.
      () => undefined,
    )
  }, HEARTBEAT_MS)
  timer.unref()
  return {
    owner,
    async release() {
      clearInterval(timer)
      await releaseInstanceLock(db, owner).catch((e: unknown) => o.log.warn(`未能释放数据库锁（${String(e)}）：下一个进程最多等 ${LOCK_LEASE_MS / 1000} 秒`))
    },
  }
}

/** Dead: on this machine and its process gone (or it is this very pid, from before a restart); or silent too long. */
function isGone(holder: LockHolder, now: Date): boolean {
  if (now.getTime() - holder.heartbeatAt.getTime() > LOCK_LEASE_MS) return true
  if (holder.host !== hostname()) return false
  return holder.pid === process.pid || !processAlive(holder.pid)
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, under another account.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
