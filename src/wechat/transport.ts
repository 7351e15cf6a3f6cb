import { FileBox } from 'file-box'
import { WechatyBuilder, type Message, type Wechaty, type WechatyOptions } from 'wechaty'
import { backoffMs } from '../backoff.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../log.ts'
import type { OutboxItem } from '../store/index.ts'
import type { Arrival } from '../core/inbox.ts'
import { AnnouncedOrder } from './announced-order.ts'
import { superviseConnection, type Supervisor } from './supervisor.ts'
import { toChatMessage } from './wechaty-adapter.ts'

/** A puppet instance (PuppetService, PuppetMock) or a puppet package name. */
export type Puppet = NonNullable<WechatyOptions['puppet']>

/** Restart the puppet after `offlineMs` logged out, or when its event stream says nothing for `silentMs`. */
export interface SupervisorSettings {
  offlineMs: number
  silentMs: number
  checkEveryMs: number
}

export interface TransportOptions {
  puppet: Puppet
  /** Every message from someone else, in arrival order. */
  onMessage(arrival: Arrival): void
  /** The service has announced a message by its id, before Wechaty loads it (Inbox.note). */
  onAnnounced?(id: string): void
  /** An announced message that will never reach `onMessage`: the bot's own, or one the service lost (Inbox.drop). */
  onDropped?(id: string): void
  loginTimeoutMs: number
  /** Keep the link alive (supervisor.ts); absent for the console and most tests. */
  supervisor?: SupervisorSettings | undefined
  clock: Clock
  log: Logger
}

/** WeChat as the rest of the bot needs it: messages in, texts and files out, logged in or not. */
export interface Transport {
  wechaty: Wechaty
  /** Starts Wechaty and waits for login; throws `LoginError` when it does not come in time. */
  start(): Promise<void>
  /** Logged in, and (when supervised) the event stream alive: what the sender waits for. */
  isOnline(): boolean
  /** The bot's own WeChat name ('' before login). */
  botName(): string
  /** Whether WeChat still knows a group id: the groups the account is in now. */
  roomExists(roomId: string): Promise<boolean>
  /** A contact's name as WeChat has it now; undefined when WeChat does not know the id. */
  contactName(contactId: string): Promise<string | undefined>
  /** Every contact whose name is exactly `name`. */
  contactsNamed(name: string): Promise<{ id: string; name: string }[]>
  /**
   * Fetches again, by id, messages the service announced before the bot last stopped without
   * handling them (a kill -9 in mid-burst); each reaches `onMessage` as if it had just arrived.
   */
  fetchAgain(ids: readonly string[]): Promise<void>
  /** Sends one outbox item; resolves with WeChat's message id when the puppet reports one. */
  send(item: OutboxItem): Promise<string | undefined>
  /** Stops receiving and sending; the supervisor first. */
  stop(): Promise<void>
}

/**
 * Why start-up gave up on logging in: the time ran out (the service may be down or unreachable,
 * which can heal), or, at once, what waiting cannot heal: the service refused the token, or the
 * puppet would not even start (WECHATY_PUPPET names a package that is not installed).
 */
export class LoginError extends Error {
  constructor(
    readonly reason: 'timeout' | 'token-refused' | 'start-failed',
    /** The last error Wechaty reported while waiting, as it said it ('' when none). */
    readonly lastError: string,
    readonly timeoutMs: number,
  ) {
    super(reason === 'timeout' ? `no login within ${Math.round(timeoutMs / 1000)} s${lastError ? `: ${lastError}` : ''}` : lastError)
    this.name = 'LoginError'
  }
}

/**
 * Errors no wait can heal, so start-up stops at once instead of running out the login timeout.
 * Examples: the service answering `16 UNAUTHENTICATED: Invalid Wechaty TOKEN "insecure_x"`, and the
 * client refusing a token without a provider prefix (`requires a SNI as prefix of the token`).
 */
const TOKEN_REFUSED = /UNAUTHENTICATED|Invalid Wechaty TOKEN|requires a SNI as prefix/u

/** Wechaty's words when it dropped a message it could not load: "message not found for id: <id>". */
const DROPPED = /^message not found for id: (\S+)$/u
/** A dropped message is looked for again after 1 s, 2 s, 4 s… (at most a minute apart), this many times: about ten minutes. */
const RELOAD_ATTEMPTS = 14
/** How long the messages announced after one still loading wait for it (AnnouncedOrder). */
const HOLD_FOR_EARLIER_MS = 10_000

/** The only place that drives Wechaty: events in, sends out, login, the supervisor. */
export function createTransport(o: TransportOptions): Transport {
  const wechaty = WechatyBuilder.build({ puppet: o.puppet as WechatyOptions['puppet'] })
  let stopping = false
  // While start-up waits for login, a refused token ends it with its own explanation (main.ts),
  // so the error is not logged as well.
  let starting = false
  let supervisor: Supervisor | undefined
  let lastHeardAt = o.clock.now().getTime()
  const reloads = new Set<NodeJS.Timeout>()
  // Wechaty emits messages as each finishes loading, a new group's first ones late: the inbox gets them as announced.
  const inOrder = new AnnouncedOrder<Message>((m) => o.onMessage({ id: m.id, read: () => toChatMessage(m) }), HOLD_FOR_EARLIER_MS)

  const arrive = (m: Message) => {
    // The bot receives its own messages: drop them first, or it would parse its own replies.
    if (m.self()) {
      inOrder.gone(m.id)
      return o.onDropped?.(m.id)
    }
    inOrder.arrived(m.id, m)
  }
  /**
   * Wechaty drops a message whose group or sender it cannot load (the service went away after
   * handing over the message id): it is looked for again until the service is back.
   */
  const reload = (id: string, attempt: number) => {
    const timer = setTimeout(async () => {
      reloads.delete(timer)
      if (stopping) return
      const found = await wechaty.Message.find({ id }).catch(() => undefined)
      if (found) return arrive(found)
      if (attempt < RELOAD_ATTEMPTS) return reload(id, attempt + 1)
      o.log.error(`消息 ${id} 多次无法从微信服务读取，已放弃`)
      o.onDropped?.(id)
    }, backoffMs(attempt, 1_000, 60_000))
    reloads.add(timer)
  }

  // Noted before Wechaty asks the service for the payload, the sender and the group, which takes a
  // while in a burst: a crash meanwhile leaves the id behind (Inbox.note).
  wechaty.on('puppet', (puppet) => {
    puppet.on('message', ({ messageId }) => {
      inOrder.announce(messageId)
      o.onAnnounced?.(messageId)
    })
  })
  wechaty.on('message', arrive)
  wechaty.on('login', (user) => o.log.info(`已登录微信：${user.name()}`))
  wechaty.on('logout', (user) => {
    if (!stopping) o.log.warn(`微信已登出：${user.name()}`)
  })
  wechaty.on('error', (error) => {
    const dropped = DROPPED.exec(error.message)?.[1]
    if (dropped) {
      inOrder.gone(dropped)
      o.log.warn(`消息 ${dropped} 暂时无法从微信服务读取，稍后重试`)
      return reload(dropped, 1)
    }
    // Wechaty 1.20 reports NOPUPPET once at every start, before its puppet is wired: not a problem.
    if (error.message === 'NOPUPPET' || (starting && TOKEN_REFUSED.test(error.message))) return
    o.log.warn(`微信连接报错：${error.message}`)
  })

  return {
    wechaty,
    async start() {
      // Listen before starting: a dead service reports its errors while start() is still running.
      starting = true
      const login = waitForLogin(wechaty, o.loginTimeoutMs)
      login.done.catch(() => undefined) // awaited below; this only keeps an early timeout from counting as unhandled
      // start() resolves with a dead service or a wrong token (those come as error events); it
      // rejects when the puppet cannot start at all: "Cannot find package 'wechaty-puppet-x'".
      await wechaty.start().catch((error: unknown) => login.fail(new LoginError('start-failed', String(error), o.loginTimeoutMs)))
      // Left set when start-up fails: the stop that follows may still hear the refusal.
      await login.done
      starting = false
      if (o.supervisor) {
        // PuppetService says `heartbeat` for every event the stream brings, heartbeats included.
        wechaty.puppet.on('heartbeat', () => {
          lastHeardAt = o.clock.now().getTime()
        })
        lastHeardAt = o.clock.now().getTime()
        supervisor = superviseConnection({
          ...o.supervisor,
          isLoggedIn: () => wechaty.isLoggedIn,
          lastHeardAt: () => lastHeardAt,
          ding: () => wechaty.puppet.ding('duban'),
          restart: async () => {
            await wechaty.puppet.stop()
            await wechaty.puppet.start()
          },
          clock: o.clock,
          log: o.log,
        })
      }
    },
    isOnline: () => wechaty.isLoggedIn && (supervisor?.streamAlive() ?? true),
    botName: () => (wechaty.isLoggedIn ? wechaty.currentUser.name() : ''),
    roomExists: async (roomId) => (await wechaty.puppet.roomList()).includes(roomId),
    contactName: async (contactId) => {
      try {
        return (await wechaty.puppet.contactPayload(contactId)).name || undefined
      } catch {
        return undefined
      }
    },
    async contactsNamed(name) {
      const ids = await wechaty.puppet.contactSearch({ name })
      return Promise.all(ids.map(async (id) => ({ id, name: (await wechaty.puppet.contactPayload(id)).name })))
    },
    async fetchAgain(ids) {
      for (const id of ids) {
        const found = await wechaty.Message.find({ id }).catch(() => undefined)
        if (found) arrive(found)
        else reload(id, 1)
      }
    },
    send: (item) => sendItem(wechaty, item),
    async stop() {
      stopping = true
      inOrder.clear()
      for (const timer of reloads) clearTimeout(timer)
      if (reloads.size > 0) o.log.error(`停止时仍有 ${reloads.size} 条消息未能从微信服务读取，下次启动时重新读取`)
      supervisor?.stop()
      await wechaty.stop()
    },
  }
}

/**
 * `start()` resolves even with a wrong token or a dead service and reports trouble as `error`
 * events, so login is awaited with a timeout and the last error goes into the failure; a refused
 * token fails at once, and so does whatever `fail` is given (a puppet that would not start).
 */
function waitForLogin(wechaty: Wechaty, timeoutMs: number): { done: Promise<void>; fail(error: LoginError): void } {
  let fail: (error: LoginError) => void = () => undefined
  const done = new Promise<void>((resolve, reject) => {
    if (wechaty.isLoggedIn) return resolve()
    let lastError = ''
    const end = (error?: LoginError) => {
      clearTimeout(timer)
      wechaty.off('error', onError)
      wechaty.off('login', onLogin)
      if (error) reject(error)
      else resolve()
    }
    const timer = setTimeout(() => end(new LoginError('timeout', lastError, timeoutMs)), timeoutMs)
    const onError = (e: Error) => {
      if (e.message === 'NOPUPPET') return
      lastError = e.message
      if (TOKEN_REFUSED.test(e.message)) end(new LoginError('token-refused', e.message, timeoutMs))
    }
    const onLogin = () => end()
    wechaty.on('error', onError)
    wechaty.once('login', onLogin)
    fail = (error) => end(error)
  })
  return { done, fail: (error) => fail(error) }
}

/** Sends one outbox item: a file, or a text with room @mentions written as WeChat does (`@name` + U+2005). */
async function sendItem(wechaty: Wechaty, item: OutboxItem): Promise<string | undefined> {
  if (item.file) return (await wechaty.puppet.messageSendFile(item.target.id, FileBox.fromFile(item.file.path, item.file.name))) ?? undefined
  let text = item.text
  if (item.target.kind === 'room' && item.mentions.length > 0) {
    const names = await Promise.all(item.mentions.map(async (id) => (await wechaty.puppet.contactPayload(id)).name))
    text = `${names.map((n) => `@${n}\u2005`).join('')}${text}`
  }
  const id = await wechaty.puppet.messageSendText(item.target.id, text, item.target.kind === 'room' ? item.mentions : undefined)
  return id ?? undefined
}
