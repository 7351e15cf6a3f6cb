import type { WechatyOptions } from 'wechaty'
import { PuppetService } from 'wechaty-puppet-service'

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
