import type { WechatyOptions } from 'wechaty'
import { PuppetService } from 'wechaty-puppet-service'
import type { WechatyConnection } from '../config.ts'

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
