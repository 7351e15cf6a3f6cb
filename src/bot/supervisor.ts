import type { Clock } from '../clock.ts'
import type { Logger } from '../log.ts'

export interface SupervisorOptions {
  isLoggedIn(): boolean
  /** Stops and starts the puppet: how a dead gRPC link or a logout is brought back. */
  restart(): Promise<void>
  /** Offline this long → restart. */
  offlineMs: number
  checkEveryMs: number
  clock: Clock
  log: Logger
}

const MAX_BACKOFF_MS = 10 * 60_000

/**
 * Puppet-service reconnects are weak (wechaty/puppet-service #20, #172): after an outage the client
 * can stay offline for good. When the bot has not been logged in for `offlineMs`, restart the
 * puppet; if that does not help, wait twice as long before the next try.
 */
export function superviseLogin(o: SupervisorOptions): { stop(): void } {
  let offlineSince: number | undefined
  let wait = o.offlineMs
  let busy = false
  const timer = setInterval(() => {
    if (busy) return
    const now = o.clock.now().getTime()
    if (o.isLoggedIn()) {
      if (offlineSince !== undefined) o.log.info('微信已重新登录')
      offlineSince = undefined
      wait = o.offlineMs
      return
    }
    offlineSince ??= now
    if (now - offlineSince < wait) return
    busy = true
    o.log.warn(`微信已掉线 ${Math.round((now - offlineSince) / 1000)} 秒，正在重新连接`)
    o.restart()
      .catch((error: unknown) => o.log.error(`重新连接微信失败，稍后再试：${String(error)}`))
      .finally(() => {
        offlineSince = o.clock.now().getTime()
        wait = Math.min(MAX_BACKOFF_MS, wait * 2)
        busy = false
      })
  }, o.checkEveryMs)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
