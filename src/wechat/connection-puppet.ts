import { log, type WechatyOptions } from 'wechaty'
import { PuppetService } from 'wechaty-puppet-service'

/** The levels of Wechaty's logger (brolog), quietest first: WECHATY_LOG. */
export type WechatyLogLevel = 'silent' | 'error' | 'warn' | 'info' | 'verbose' | 'silly'

/**
 * Wechaty and its puppets log in English with their own clock ("07:30:42 WARN ServiceCtl stop()
 * found that is starting…"): noise to a deployer, so silent unless WECHATY_LOG asks for a level.
 */
export function setWechatyLogLevel(level: WechatyLogLevel | undefined): void {
  log.level(level ?? 'silent')
}

/** The puppet service client, when a connection is configured. */
export interface WechatyConnection {
  /** The puppet package name, e.g. `wechaty-puppet-service`. */
  puppet: string
  token: string | undefined
  endpoint: string | undefined
  /** `WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true`: plain gRPC, for a service on a trusted network. */
  noTls: boolean
}

/**
 * The puppet for a configured connection. The puppet service gets its settings passed in (not read
 * from the environment behind our back); any other puppet package is loaded by name and reads its
 * own variables, as Wechaty documents.
 */
export function connectionPuppet(c: WechatyConnection): NonNullable<WechatyOptions['puppet']> {
  if (c.puppet !== 'wechaty-puppet-service') return c.puppet as NonNullable<WechatyOptions['puppet']>
  return new PuppetService({
    token: c.token,
    ...(c.endpoint ? { endpoint: c.endpoint } : {}),
    ...(c.noTls ? { tls: { disable: true } } : {}),
  })
}
