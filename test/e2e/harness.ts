/**
 * The far side of the wire for end-to-end tests: a PuppetServer (wechaty-puppet-service) serving a
 * PuppetMock on 127.0.0.1. Tests play the people in the groups through the mocker and collect what
 * the bot says; the bot under test connects with PuppetService exactly as it would in production.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FileBox } from 'file-box'
import { log } from 'wechaty'
import * as PUPPET from 'wechaty-puppet'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import { PuppetServer } from 'wechaty-puppet-service'

type ContactMock = mock.ContactMock
type RoomMock = mock.RoomMock

/** One thing the bot said, as the far side saw it. */
export interface Said {
  id: string
  conversationId: string
  text: string
  at: number
}

/** One file the bot sent, as the far side received it over the wire. */
export interface SentFile {
  conversationId: string
  name: string
  bytes: Buffer
}

/** A free TCP port on loopback, found by letting the OS pick one. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/**
 * PuppetService keeps a payload cache under $HOME/.wechaty; a test must never share it with
 * another run, so HOME moves to a fresh temp folder (vitest runs each file in its own process).
 */
export function isolateHome(): string {
  // Wechaty's and the puppets' own logs would bury the test output.
  log.level('silent')
  const home = mkdtempSync(join(tmpdir(), 'duban-e2e-home-'))
  process.env['HOME'] = home
  return home
}

export class WireHarness {
  readonly mocker = new mock.Mocker()
  readonly puppet = new PuppetMock({ mocker: this.mocker })
  readonly token = `insecure_${randomUUID()}`
  readonly said: Said[] = []
  readonly files: SentFile[] = []
  endpoint = ''
  botUser!: ContactMock
  /** When set, the next sends fail with this error (WeChat's "操作过于频繁", a dead link…). */
  failNextSends: { count: number; message: string } | undefined
  /** Every send into these conversations fails with the error given (the bot was removed from the group, say). */
  readonly failSendsTo = new Map<string, string>()
  /** The next this many group lookups fail, as when the service goes away while the bot loads a message. */
  failRoomLookups = 0
  #server: PuppetServer | undefined
  #heartbeat: NodeJS.Timeout | undefined
  #sendsSeen = 0

  /** How many times the puppet behind the server was started (the bot's supervisor restarts it). */
  puppetStarts = 0
  /**
   * As a real puppet service does: the account is logged in again whenever the bot restarts the
   * puppet behind the server (a restart stops it, and stopping logs it out).
   */
  keepLoggedIn = false

  static async start(botName = '督办助手'): Promise<WireHarness> {
    const h = new WireHarness()
    await h.#listen(botName)
    return h
  }

  async #listen(botName: string): Promise<void> {
    this.botUser = this.mocker.createContact({ name: botName })
    this.#interceptSends()
    const onStart = this.puppet.onStart.bind(this.puppet)
    this.puppet.onStart = async () => {
      this.puppetStarts++
      await onStart()
      if (this.keepLoggedIn) void this.#loginOnceStarted()
    }
    this.endpoint = `127.0.0.1:${await freePort()}`
    await this.#serve()
  }

  async #serve(): Promise<void> {
    this.#server = new PuppetServer({
      endpoint: this.endpoint,
      puppet: this.puppet,
      token: this.token,
      tls: { disable: true },
    })
    await this.#server.start()
  }

  async #loginOnceStarted(): Promise<void> {
    await waitFor(() => this.puppet.state.active(), 10_000, () => 'the restarted puppet never came on')
    if (!this.puppet.isLoggedIn) this.loginBot()
  }

  /**
   * The puppet service goes away for `downMs` and comes back on the same address, the account still
   * logged in behind it: what a restart of the service, or a network cut, looks like to the bot.
   */
  async interruptService(downMs: number): Promise<void> {
    await this.#server?.stop()
    this.#server = undefined
    await new Promise((r) => setTimeout(r, downMs))
    await this.#serve()
  }

  /**
   * Wraps the mock's sends so the test sees every text and file the bot sends, in order, and can
   * make a text's send fail the way WeChat does.
   */
  #interceptSends(): void {
    const roomPayload = this.puppet.roomPayload.bind(this.puppet)
    this.puppet.roomPayload = async (roomId: string) => {
      if (this.failRoomLookups > 0) {
        this.failRoomLookups--
        throw new Error('14 UNAVAILABLE: Connection dropped')
      }
      return roomPayload(roomId)
    }
    const original = this.puppet.messageSendText.bind(this.puppet)
    this.puppet.messageSendText = async (conversationId: string, text: string) => {
      this.#sendsSeen++
      const refused = this.failSendsTo.get(conversationId)
      if (refused !== undefined) throw new Error(refused)
      if (this.failNextSends && this.failNextSends.count > 0) {
        this.failNextSends.count--
        throw new Error(this.failNextSends.message)
      }
      const id = await original(conversationId, text)
      this.said.push({ id: id ?? '', conversationId, text, at: performance.now() })
      return id
    }
    const originalFile = this.puppet.messageSendFile.bind(this.puppet)
    this.puppet.messageSendFile = async (conversationId, file) => {
      this.#sendsSeen++
      // The bytes as they arrived through the service's upload, not the bot's file on disk.
      this.files.push({ conversationId, name: file.name, bytes: await file.toBuffer() })
      return originalFile(conversationId, file)
    }
  }

  /** How many times the bot tried to send, failures included. */
  get sendAttempts(): number {
    return this.#sendsSeen
  }

  /**
   * PuppetMock emits neither `ready` nor heartbeats by itself: call this once the bot has started
   * (its gRPC stream is open). A heartbeat every few seconds keeps the client's watchdog quiet.
   */
  loginBot(): void {
    this.mocker.login(this.botUser)
    this.puppet.emit('ready', { data: 'ready' })
    this.#heartbeat ??= setInterval(() => this.puppet.emit('heartbeat', { data: 'e2e' }), 5_000)
    this.#heartbeat.unref()
  }

  contact(name: string): ContactMock {
    return this.mocker.createContact({ name })
  }

  #admin: ContactMock | undefined

  /**
   * The one contact named 管理员, whom the tests' BOT_ADMINS names: the bot ties the name to the
   * first contact it sees with it, so every test of a file plays the same person.
   */
  admin(): ContactMock {
    return (this.#admin ??= this.contact('管理员'))
  }

  /** Room ids must contain `@` for the mock to treat the conversation as a group. */
  room(topic: string, members: ContactMock[], ownerId?: string): RoomMock {
    return this.mocker.createRoom({
      id: `${randomUUID()}@chatroom`,
      topic,
      memberIdList: [this.botUser.id, ...members.map((m) => m.id)],
      ownerId: ownerId ?? members[0]?.id ?? '',
    })
  }

  /**
   * A member says `text` in a room (or privately to the bot), now or at the time `at` (a message
   * sent on the last day of a month); returns the new message id.
   */
  say(member: ContactMock, where: RoomMock | 'bot', text: string, mentions: ContactMock[] = [], at?: Date): string {
    return this.#emit({
      talkerId: member.id,
      type: PUPPET.types.Message.Text,
      text,
      ...(at ? { timestamp: at.getTime() } : {}),
      ...(where === 'bot'
        ? { listenerId: this.botUser.id }
        : { roomId: where.id, mentionIdList: mentions.map((m) => m.id) }),
    })
  }

  /** Says `text` with an @mention of the bot in front, as WeChat writes it (`@name` + U+2005). */
  sayToBot(member: ContactMock, room: RoomMock, text: string): string {
    return this.say(member, room, `@${this.botUser.payload.name}\u2005${text}`, [this.botUser])
  }

  /**
   * A quoted reply as PC/iPad puppets deliver it: the quoted sender and text in 「」, a dashed rule,
   * then the reply. Example: 「张三：征地拆迁还有两户没谈妥」\n- - - - - - - - - - - - - - -\n已解决
   */
  quote(member: ContactMock, room: RoomMock, quotedName: string, quotedText: string, reply: string): string {
    return this.say(member, room, `「${quotedName}：${quotedText}」\n- - - - - - - - - - - - - - -\n${reply}`)
  }

  /**
   * A photo with its bytes, as WeChat delivers one: an image message whose file the bot asks the
   * service for (PuppetMock answers messageFile from the mocker's file cache).
   */
  photo(member: ContactMock, room: RoomMock, bytes: Uint8Array, name = '现场.png'): string {
    const id = randomUUID()
    this.mocker.cacheFileBoxPayload.set(id, FileBox.fromBase64(Buffer.from(bytes).toString('base64'), name).toJSON())
    return this.#emit({ id, talkerId: member.id, roomId: room.id, type: PUPPET.types.Message.Image, text: '' })
  }

  /** A recall arrives as a new message of type Recalled whose text is the recalled message's id. */
  recall(member: ContactMock, room: RoomMock, messageId: string): string {
    return this.#emit({ talkerId: member.id, roomId: room.id, type: PUPPET.types.Message.Recalled, text: messageId })
  }

  #emit(partial: Partial<PUPPET.payloads.Message>): string {
    const payload = {
      id: randomUUID(),
      timestamp: Date.now(),
      mentionIdList: [],
      ...partial,
    } as PUPPET.payloads.Message
    const msg = this.mocker.MessageMock.create(payload)
    this.puppet.emit('message', { messageId: msg.id })
    return msg.id
  }

  /** What the bot said into one conversation, texts only. */
  saidIn(conversation: RoomMock | ContactMock): string[] {
    return this.said.filter((s) => s.conversationId === conversation.id).map((s) => s.text)
  }

  /** Every line the bot said into one conversation: replies folded into one message count one by one. */
  linesIn(conversation: RoomMock | ContactMock): string[] {
    return this.saidIn(conversation).flatMap((t) => t.split('\n'))
  }

  /**
   * Waits until the bot has said something matching into the conversation and returns it. A text
   * is handed out once, so two waits for "已记录" see two different confirmations.
   */
  async waitForSay(
    conversation: RoomMock | ContactMock,
    match: RegExp | ((text: string) => boolean),
    timeoutMs = 5_000,
  ): Promise<string> {
    const test = typeof match === 'function' ? match : (t: string) => match.test(t)
    const index = await waitFor(
      () => {
        const i = this.said.findIndex(
          (s, i) => !this.#handedOut.has(i) && s.conversationId === conversation.id && test(s.text),
        )
        return i >= 0 ? i + 1 : undefined
      },
      timeoutMs,
      () => `no reply matching ${String(match)}; said here: ${JSON.stringify(this.saidIn(conversation))}`,
    )
    this.#handedOut.add(index - 1)
    return this.said[index - 1]!.text
  }

  readonly #handedOut = new Set<number>()

  async stop(): Promise<void> {
    if (this.#heartbeat) clearInterval(this.#heartbeat)
    await this.#server?.stop()
    await this.puppet.stop().catch(() => undefined)
  }
}

/** Polls until `probe` returns (or resolves to) something truthy, or fails with `describe()` after the timeout. */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs: number,
  describe: () => string,
): Promise<T> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}
