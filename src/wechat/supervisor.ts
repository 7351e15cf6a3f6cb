import { backoffMs } from '../backoff.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../log.ts'

export interface SupervisorOptions {
  isLoggedIn(): boolean
  /** When the puppet last said anything over its event stream (any event: a heartbeat, a message, a dong). */
  lastHeardAt(): number
  /** Asks the service for an answer over the event stream (a `dong`). */
  ding(): void
  /** Stops and starts the puppet: how a dead gRPC link or a logout is brought back. */
  restart(): Promise<void>
  /** Logged out this long → restart. */
  offlineMs: number
  /** Nothing heard this long → ding; no answer to the ding within half as long → the stream is dead. */
  silentMs: number
  checkEveryMs: number
  clock: Clock
  log: Logger
}

export interface Supervisor {
  /** False from the moment the event stream is found dead until it speaks again after a restart. */
  streamAlive(): boolean
  stop(): void
}

const MAX_BACKOFF_MS = 10 * 60_000

/**
 * Keeps the link to WeChat alive. Puppet-service reconnects are weak (wechaty/puppet-service #20,
 * #172): after the service restarts, the gRPC channel comes back for sends, but the event stream
 * that brings messages stays dead and `isLoggedIn` stays true, until Wechaty's own watchdog resets
 * the puppet a minute later; every message in between is lost. So:
 *
 * - a stream silent for `silentMs` is asked for a `dong`; without one it is dead: the sender pauses
 *   (`streamAlive()`), and the puppet is restarted, again after 1 s, 2 s, 4 s… (at most `silentMs`
 *   apart) until the stream speaks again;
 * - a bot logged out for `offlineMs` has its puppet restarted, then twice as long before the next try.
 */
export function superviseConnection(o: SupervisorOptions): Supervisor {
  let offlineSince: number | undefined
  /** Restarts tried since the bot was last logged in: the wait before the next grows with them. */
  let offlineRestarts = 0
  let dingAt: number | undefined
  /** Set while the stream is dead: since when, and when the puppet was last restarted for it. */
  let dead: { since: number; restartedAt: number; restarts: number } | undefined
  let busy = false

  /** Restarts the puppet; `after` notes when it ended, for the next wait. */
  const restart = (after: () => void) => {
    busy = true
    o.restart()
      .catch((error: unknown) => o.log.error(`重新连接微信失败，稍后再试：${String(error)}`))
      .finally(() => {
        after()
        busy = false
      })
  }

  const checkStream = (now: number) => {
    const heard = o.lastHeardAt()
    if (dead) {
      if (o.isLoggedIn() && heard > dead.restartedAt) {
        o.log.info(`与微信服务的事件流已恢复（中断约 ${Math.round((now - dead.since) / 1000)} 秒）`)
        dead = undefined
        dingAt = undefined
        return
      }
      // 1 s, 2 s, 4 s… between tries, at most silentMs: back within seconds of the service.
      if (now - dead.restartedAt < backoffMs(dead.restarts, 1_000, o.silentMs)) return
      const d = dead
      // Powers of two: the first tries, then fewer lines through a long outage.
      if ((d.restarts & (d.restarts + 1)) === 0) o.log.warn(`与微信服务的事件流仍未恢复，第 ${d.restarts + 1} 次重新连接`)
      restart(() => {
        d.restarts++
        d.restartedAt = o.clock.now().getTime()
      })
      return
    }
    if (now - heard < o.silentMs) {
      dingAt = undefined
      return
    }
    if (dingAt === undefined || dingAt < heard) {
      dingAt = now
      try {
        o.ding()
      } catch {
        // No client at all: the dong will not come, and the stream is found dead below.
      }
      return
    }
    if (now - dingAt < o.silentMs / 2) return
    o.log.warn(`与微信服务的事件流已 ${Math.round((now - heard) / 1000)} 秒没有任何消息，也不回应探测：暂停发送，重新连接`)
    const d = { since: heard, restartedAt: now, restarts: 0 }
    dead = d
    restart(() => {
      d.restarts++
      d.restartedAt = o.clock.now().getTime()
    })
  }

  const checkLogin = (now: number) => {
    if (o.isLoggedIn()) {
      if (offlineSince !== undefined) o.log.info('微信已重新登录')
      offlineSince = undefined
      offlineRestarts = 0
      return true
    }
    offlineSince ??= now
    if (now - offlineSince < backoffMs(offlineRestarts + 1, o.offlineMs, MAX_BACKOFF_MS)) return false
    o.log.warn(`微信已掉线 ${Math.round((now - offlineSince) / 1000)} 秒，正在重新连接`)
    restart(() => {
      offlineSince = o.clock.now().getTime()
      offlineRestarts++
    })
    return false
  }

  const timer = setInterval(() => {
    if (busy) return
    const now = o.clock.now().getTime()
    // A dead stream is the stream's business until it speaks again; logging in comes with that.
    if (dead || checkLogin(now)) checkStream(now)
  }, o.checkEveryMs)
  timer.unref()
  return { streamAlive: () => dead === undefined, stop: () => clearInterval(timer) }
}
