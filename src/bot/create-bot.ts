import { WechatyBuilder, type Message, type Wechaty, type WechatyOptions } from 'wechaty'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import type { Clock } from '../clock.ts'
import type { ParsedRecord } from '../parse/types.ts'
import { nextOutboxAttemptAt, type Db, type OutboxItem } from '../store/index.ts'
import type { ChatMessage } from './chat-message.ts'
import { createMessageHandler, type BotSettings } from './handle-message.ts'
import type { Logger } from './logger.ts'
import { enqueueText, storeOutboxQueue, type Outgoing } from './outbox-queue.ts'
import { OutboxSender } from './outbox-sender.ts'
import { superviseLogin } from './supervisor.ts'
import { toChatMessage } from './wechaty-adapter.ts'

/** At most this many waiting messages share one transaction. */
const BATCH = 200

export interface BotOptions {
  /** A puppet instance (PuppetService, PuppetMock) or a puppet package name. */
  puppet: NonNullable<WechatyOptions['puppet']>
  db: Db
  clock: Clock
  calendar: WorkingCalendar
  parse(text: string, sentAt: Date): ParsedRecord[]
  settings: BotSettings & { sendIntervalMs: number; loginTimeoutMs: number }
  log: Logger
  supervisor?: { offlineMs: number; checkEveryMs: number }
  /** For tests: pin the pacing jitter. */
  random?: () => number
}

export interface Bot {
  wechaty: Wechaty
  sender: OutboxSender
  /** Queues a text (the jobs use this too). */
  say(out: Outgoing): Promise<void>
  /** Starts Wechaty and waits for login; throws `LoginError` when it does not come in time. */
  start(): Promise<void>
  /** Resolves once every message received so far is handled and the outbox is empty (or `timeoutMs` passed). */
  drained(timeoutMs?: number): Promise<void>
  /** Stops cleanly: the send in flight is finished and recorded, then Wechaty stops. */
  stop(): Promise<void>
}

export class LoginError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LoginError'
  }
}

export function createBot(o: BotOptions): Bot {
  const wechaty = WechatyBuilder.build({ puppet: o.puppet as WechatyOptions['puppet'] })
  const sender = new OutboxSender({
    queue: storeOutboxQueue(o.db),
    send: (item) => sendItem(wechaty, item),
    isOnline: () => wechaty.isLoggedIn,
    clock: o.clock,
    intervalMs: o.settings.sendIntervalMs,
    log: o.log,
    ...(o.random ? { random: o.random } : {}),
  })
  const say = async (out: Outgoing) => {
    await enqueueText(o.db, o.clock, out)
    sender.wake()
  }
  const handle = createMessageHandler({
    clock: o.clock,
    calendar: o.calendar,
    parse: o.parse,
    settings: o.settings,
    botName: () => (wechaty.isLoggedIn ? wechaty.currentUser.name() : ''),
    send: (trx, out) => enqueueText(trx, o.clock, out),
    // The groups the account is in now; an id from before a re-login that changed ids is not among them.
    roomExists: async (roomId) => (await wechaty.puppet.roomList()).includes(roomId),
    log: o.log,
  })

  // Messages are handled one at a time, in arrival order (a "已解决" must see the issue reported
  // just before it), and those that arrived meanwhile are handled together in one transaction:
  // a commit per message would cap the bot at a few hundred messages a second.
  const waiting: Message[] = []
  let working: Promise<void> | undefined
  let received = 0
  const work = async () => {
    while (waiting.length > 0) {
      const batch: ChatMessage[] = []
      for (const m of waiting.splice(0, BATCH)) {
        try {
          batch.push(await toChatMessage(m))
        } catch (error) {
          o.log.error(`message ${m.id}: could not read it: ${String(error)}`)
        }
      }
      await handleBatch(batch)
      sender.wake()
    }
    working = undefined
  }
  const handleBatch = async (batch: ChatMessage[]) => {
    try {
      await o.db.transaction().execute(async (trx) => {
        for (const msg of batch) await handle(msg, trx)
      })
    } catch (error) {
      // The commit itself failed (the disk, a lock held too long): try each message on its own.
      handle.forgetProjects()
      o.log.error(`a batch of ${batch.length} messages failed to commit (${String(error)}); retrying one by one`)
      for (const msg of batch) {
        await o.db
          .transaction()
          .execute((trx) => handle(msg, trx))
          .catch((e: unknown) => o.log.error(`message ${msg.id} lost: ${String(e)}`))
      }
    }
  }
  wechaty.on('message', (m) => {
    // The bot receives its own messages: drop them first, or it would parse its own replies.
    if (m.self()) return
    received++
    waiting.push(m)
    working ??= work()
  })
  wechaty.on('login', (user) => o.log.info(`logged in as ${user.name()}`))
  let stopping = false
  wechaty.on('logout', (user) => {
    if (!stopping) o.log.warn(`logged out: ${user.name()}`)
  })
  wechaty.on('error', (error) => {
    // Wechaty 1.20 reports NOPUPPET once at every start, before its puppet is wired: not a problem.
    if (error.message !== 'NOPUPPET') o.log.warn(`wechaty: ${error.message}`)
  })

  let supervisor: { stop(): void } | undefined
  return {
    wechaty,
    sender,
    say,
    async start() {
      // Listen before starting: a dead service reports its errors while start() is still running.
      const login = waitForLogin(wechaty, o.settings.loginTimeoutMs)
      login.catch(() => undefined) // awaited below; this only keeps an early timeout from counting as unhandled
      await wechaty.start().catch((error: unknown) => o.log.warn(`wechaty start: ${String(error)}`))
      await login
      sender.start()
      if (o.supervisor) {
        supervisor = superviseLogin({
          ...o.supervisor,
          isLoggedIn: () => wechaty.isLoggedIn,
          restart: async () => {
            await wechaty.puppet.stop()
            await wechaty.puppet.start()
          },
          clock: o.clock,
          log: o.log,
        })
      }
    },
    async drained(timeoutMs = 30_000) {
      // Quiet means: nothing arrived, nothing in hand, nothing queued, for a little while (a message
      // emitted by the puppet reaches the 'message' event only after Wechaty loads its payload).
      const deadline = performance.now() + timeoutMs
      let quietSince = performance.now()
      let seen = received
      while (performance.now() < deadline) {
        await working
        const idle = received === seen && (await nextOutboxAttemptAt(o.db)) === null
        if (!idle) {
          seen = received
          quietSince = performance.now()
        } else if (performance.now() - quietSince >= 300) {
          return
        }
        await new Promise((r) => setTimeout(r, 20))
      }
    },
    async stop() {
      stopping = true
      supervisor?.stop()
      await sender.stop()
      // Stop receiving before draining: a message arriving meanwhile is still handled and stored
      // (its replies wait in the outbox for the next start), never cut off by the database closing.
      await wechaty.stop()
      await working
    },
  }
}

/**
 * `start()` resolves even with a wrong token or a dead service and reports trouble as `error`
 * events, so login is awaited with a timeout and the last error goes into the failure.
 */
async function waitForLogin(wechaty: Wechaty, timeoutMs: number): Promise<void> {
  if (wechaty.isLoggedIn) return
  let lastError = ''
  const onError = (e: Error) => {
    lastError = e.message
  }
  wechaty.on('error', onError)
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new LoginError(`WeChat did not log in within ${Math.round(timeoutMs / 1000)} s${lastError ? ` (last error: ${lastError})` : ''}`))
      }, timeoutMs)
      wechaty.once('login', () => {
        clearTimeout(timer)
        resolve()
      })
    })
  } finally {
    wechaty.off('error', onError)
  }
}

/** Sends one outbox item; room @mentions are written as WeChat does (`@name` + U+2005). */
async function sendItem(wechaty: Wechaty, item: OutboxItem): Promise<string | undefined> {
  let text = item.text
  if (item.target.kind === 'room' && item.mentions.length > 0) {
    const names = await Promise.all(item.mentions.map(async (id) => (await wechaty.puppet.contactPayload(id)).name))
    text = `${names.map((n) => `@${n}\u2005`).join('')}${text}`
  }
  const id = await wechaty.puppet.messageSendText(item.target.id, text, item.target.kind === 'room' ? item.mentions : undefined)
  return id ?? undefined
}
