import { createHash, randomUUID } from 'node:crypto'
import { dirname, join } from 'node:path'
import { createInterface, type Interface } from 'node:readline'
import { types } from 'wechaty'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import { isLocalDate, makeDate } from '../calendar/local-date.ts'
import { zonedInstant } from '../calendar/zoned-time.ts'
import { MovableClock } from '../clock.ts'
import { silentLogger, type Logger } from '../log.ts'
import { latestActivityAt, listProjects, type Db } from '../store/index.ts'
import { startOnMock } from './mock-login.ts'
import { findOrBindProject } from '../core/project-binding.ts'

/** The bot as the console drives it (app.ts builds it). */
export interface ConsoleBot {
  start(): Promise<void>
  drained(timeoutMs?: number): Promise<void>
  stop(): Promise<void>
  /** A link to the whiteboard valid from now; undefined when the board is off. */
  boardLink(): { url: string; expiresAt: Date } | undefined
  /**
   * Moves the console's clock to `to`, running on the way whatever the schedule would have run
   * (reminders, issue lists, the digest); resolves to how many runs were due. Absent: no clock.
   */
  moveClockTo?(to: Date): Promise<number>
}

export const CONSOLE_TOPIC = '【项目】年产10万吨新材料推进群'
/** The demo group's owner, also made an admin in the console so every command can be tried. */
export const CONSOLE_OWNER = '张三'
const MEMBERS = [CONSOLE_OWNER, '李四', '王五']
/** The room ids of the console's groups start so: the groups of an earlier run are found by it. */
const CONSOLE_ROOM = 'console-'

const dim = (s: string) => `\x1b[2m${s}\x1b[0m`
const cyan = (s: string) => `\x1b[36m${s}\x1b[0m`
const bold = (s: string) => `\x1b[1m${s}\x1b[0m`

export interface ConsoleOptions {
  /** Builds the same bot the service runs, on the given simulated WeChat. */
  createApp(puppet: PuppetMock, log: Logger): ConsoleBot
  databasePath: string
  /** The console's database and group pattern: the demo group is bound at start, so the board shows it at once. */
  db: Db
  projectRoomPattern: RegExp
  /**
   * The bot's clock, which `:时间` moves (through ConsoleBot.moveClockTo); its time dates what is
   * typed. A run before moved it ahead: this one starts where that one left the ledger, never back.
   */
  clock?: MovableClock
  timeZone?: string
  input?: NodeJS.ReadableStream
  output?: NodeJS.WritableStream
}

/** The console's own commands, as the README's table lists them. */
const CONSOLE_HELP = [
  ':as 李四          换人发言（新名字会自动进群）',
  ':群 乙项目        换到「【项目】乙项目推进群」，没有就新建（绑定为项目）',
  ':时间 2026-12-21 09:00  把时钟拨到那时，其间该发的提醒、督办、简报照发',
  ':quote 3 已解决   引用第 3 条消息回复（编号见方括号）',
  ':recall           撤回当前成员刚发的消息',
  ':private /状态    私聊机器人',
  ':help             再看一遍帮助',
  ':quit             退出（Ctrl+C 亦可）',
  '群里的命令（/状态、/问题 等）发 /帮助 查看',
]

interface Line {
  id: string
  name: string
  text: string
}

/**
 * A console group's id, the same for the same topic in every run: after a restart each group
 * finds the project it was bound to by its id, whatever was bound or unbound in it.
 */
const consoleRoomId = (topic: string) => `${CONSOLE_ROOM}${createHash('sha256').update(topic).digest('hex').slice(0, 16)}@chatroom`

/**
 * "2026-12-21 09:00", "2026-12-21 9:00", "2026-12-21" (09:00): the instant in `timeZone`; undefined
 * for anything else.
 */
export function readConsoleTime(text: string, timeZone: string): Date | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/u.exec(text)
  if (!m) return undefined
  const day = makeDate(Number(m[1]), Number(m[2]), Number(m[3]))
  const [hour, minute] = m[4] === undefined ? [9, 0] : [Number(m[4]), Number(m[5])]
  if (!isLocalDate(day) || hour > 23 || minute > 59) return undefined
  return zonedInstant(day, hour, minute, 0, timeZone)
}

const clockFormats = new Map<string, Intl.DateTimeFormat>()
/** "12月21日 星期一 09:00" in the console's zone. */
function clockText(at: Date, timeZone: string): string {
  let f = clockFormats.get(timeZone)
  if (!f) clockFormats.set(timeZone, (f = new Intl.DateTimeFormat('zh-CN', { timeZone, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })))
  return f.format(at)
}

/**
 * The local console: duban on a simulated WeChat with the demo project group and any other group
 * typed into being (`:群 名称`). What a person types is said in the current group by the current
 * member, dated by the bot's clock (which `:时间` moves); the bot's replies are printed as they are sent.
 */
export async function runConsole(o: ConsoleOptions): Promise<void> {
  const out = o.output ?? process.stdout
  const clock = o.clock ?? new MovableClock()
  const latest = await latestActivityAt(o.db)
  if (latest && latest > clock.now()) clock.set(latest)
  const timeZone = o.timeZone ?? 'Asia/Shanghai'
  const print = (s: string): void => void out.write(`${s}\n`)
  const mocker = new mock.Mocker()
  const puppet = new PuppetMock({ mocker })
  const botUser = mocker.createContact({ name: '督办助手' })
  const people = new Map<string, mock.ContactMock>()
  const person = (name: string) => {
    let c = people.get(name)
    if (!c) people.set(name, (c = mocker.createContact({ name })))
    return c
  }
  for (const name of MEMBERS) person(name)
  /** The groups by id, in the order they were opened. */
  const rooms = new Map<string, mock.RoomMock>()
  const openRoom = (topic: string) => {
    const id = consoleRoomId(topic)
    let r = rooms.get(id)
    if (!r) {
      r = mocker.createRoom({ id, topic, memberIdList: [botUser.id, ...[...people.values()].map((p) => p.id)], ownerId: person(CONSOLE_OWNER).id })
      rooms.set(id, r)
    }
    return r
  }
  /** A group's short name for the prompt and the replies: "乙项目" for 【项目】乙项目推进群. */
  const shortName = (topic: string) => o.projectRoomPattern.exec(topic)?.[1]?.trim() ?? topic
  // The demo group, then the groups of earlier runs, each with the project it was bound to.
  let room = openRoom(CONSOLE_TOPIC)
  for (const p of await listProjects(o.db)) if (p.roomId?.startsWith(CONSOLE_ROOM) && p.roomTopic) openRoom(p.roomTopic)
  const history: Line[] = []
  const lastSaid = new Map<string, { id: string; roomId: string }>()
  let speaker = CONSOLE_OWNER

  let rl: Interface | undefined
  const prompt = () => {
    rl?.setPrompt(`${rooms.size > 1 ? dim(`[${shortName(room.payload.topic)}] `) : ''}${bold(speaker)}> `)
    rl?.prompt(true)
  }
  const log: Logger = {
    info: (l) => print(dim(`  · ${l}`)),
    warn: (l) => print(dim(`  ! ${l}`)),
    error: (l) => print(`  ✗ ${l}`),
  }
  /** Where a bot message went, when there is more than one place it could have: "（乙项目）", "（私聊）". */
  const whereTo = (conversationId: string | undefined) => {
    if (!conversationId || !conversationId.endsWith('@chatroom')) return '（私聊）'
    const r = rooms.get(conversationId)
    return rooms.size > 1 && r ? `（${shortName(r.payload.topic)}）` : ''
  }

  // Everything the bot sends passes through the mock as a message from the bot's account.
  puppet.on('message', ({ messageId }) => {
    const payload = mocker.messagePayload(messageId)
    if (payload.talkerId !== botUser.id) return
    const roomId = 'roomId' in payload ? payload.roomId : undefined
    history.push({ id: messageId, name: botUser.payload.name, text: payload.text ?? '' })
    print(`\n${cyan(`[${history.length}] 督办助手${whereTo(roomId)}：`)}${(payload.text ?? '').replace(/\n/gu, '\n    ')}`)
    prompt()
  })

  // PuppetMock cannot carry a file from disk (it serialises the FileBox, which a local file refuses):
  // the console says what was sent and where it lies, as the other side would see a file message.
  puppet.messageSendFile = async (conversationId, file) => {
    const id = randomUUID()
    const text = `[文件] ${file.name}（已保存在 ${join(dirname(o.databasePath), 'exports')}）`
    history.push({ id, name: botUser.payload.name, text })
    print(`\n${cyan(`[${history.length}] 督办助手${whereTo(conversationId)}：`)}${text}`)
    prompt()
  }

  const bot = o.createApp(puppet, log)
  await startOnMock(bot, puppet, mocker, botUser)
  /** Binds a group as a project (the board shows it at once); a group of an earlier run keeps its own. */
  const bind = (r: mock.RoomMock) =>
    // WeChat knows only this run's groups: a project bound to a group id of an older console (one
    // id per run then) is re-bound to its group here, which is no news to the person at the console.
    findOrBindProject(o.db, { id: r.id, topic: r.payload.topic }, o.projectRoomPattern, clock.now(), silentLogger, async (id) => rooms.has(id))
  for (const r of rooms.values()) await bind(r)
  const board = bot.boardLink()

  const emit = (partial: Record<string, unknown>) => {
    const id = randomUUID()
    mocker.MessageMock.create({ id, timestamp: clock.now().getTime(), type: types.Message.Text, talkerId: person(speaker).id, ...partial } as never)
    puppet.emit('message', { messageId: id })
    return id
  }
  /** Says `text` in the current group as the current speaker and echoes it with its number. */
  const sayInGroup = (text: string, shown = text) => {
    const id = emit({ roomId: room.id, text, mentionIdList: [] })
    history.push({ id, name: speaker, text })
    lastSaid.set(speaker, { id, roomId: room.id })
    print(dim(`[${history.length}] ${speaker}：${shown}`))
  }
  const joinRoom = (name: string) => {
    const id = person(name).id
    if (!room.payload.memberIdList.includes(id)) room.payload.memberIdList.push(id)
  }

  print(bold('督办助手 · 本地控制台') + dim(`（模拟微信，数据存于 ${o.databasePath}）`))
  print(`群「${CONSOLE_TOPIC}」，成员：${MEMBERS.join('、')}（${CONSOLE_OWNER} 是群主和管理员）`)
  if (rooms.size > 1) print(`上次建的群也在：${[...rooms.values()].slice(1).map((r) => `「${shortName(r.payload.topic)}」`).join('')}（:群 名称 换过去）`)
  print(`现在是 ${clockText(clock.now(), timeZone)}`)
  if (board) print(`督办白板（只读网页，用浏览器打开，${Math.round((board.expiresAt.getTime() - clock.now().getTime()) / 86_400_000)} 天内有效）：${cyan(board.url)}`)
  const printHelp = () => {
    print('直接输入文字，就是以当前成员的身份在当前群里发言。控制台命令：')
    for (const line of CONSOLE_HELP) print(dim(`  ${line}`))
  }
  printHelp()
  print('试试：')
  for (const t of ['施工用电还没接入，供电局说要等电力设施迁改', '主体完成80%，但是环评批复还没下来', '@督办助手 审批进展怎么样了？', '/问题', '供电接入已解决', '/状态']) {
    print(dim(`  ${t}`))
  }
  // CONFIRM=issues by default: a newcomer's first "主体完成60%" would otherwise seem unheard.
  print(dim('  普通进度（如“厂房主体结构已完成60%”）照常记录，默认不单独回复，发 /状态 可以看到。'))

  /** The clock jump of `:时间`, one at a time: typed lines wait for it. */
  let moving: Promise<void> = Promise.resolve()
  const commands: Record<string, (arg: string) => void | Promise<void>> = {
    as: (name) => {
      if (name === '') return print('用法：:as 名字')
      joinRoom(name)
      speaker = name
    },
    群: async (name) => {
      if (name === '') return print(`用法：:群 名称（现在在「${room.payload.topic}」）`)
      // "乙项目" → 【项目】乙项目推进群; a full group name that the pattern reads is kept as typed.
      const topic = o.projectRoomPattern.test(name) ? name : `【项目】${name}推进群`
      const fresh = !rooms.has(consoleRoomId(topic))
      room = openRoom(topic)
      joinRoom(speaker)
      if (!fresh) return print(`已换到群「${topic}」`)
      const project = await bind(room)
      print(`已新建群「${topic}」${project ? `，绑定为项目「${project.name}」` : '（群名指明的项目已绑定在别的群，这个群不记录）'}；:群 ${shortName(CONSOLE_TOPIC)} 换回`)
    },
    时间: async (arg) => {
      if (arg === '') return print(`现在是 ${clockText(clock.now(), timeZone)}。用法：:时间 2026-12-21 09:00`)
      const to = readConsoleTime(arg, timeZone)
      if (!to) return print('看不懂这个时间，请写成 2026-12-21 09:00（或只写日期，即当天 09:00）')
      if (to <= clock.now()) return print(`时间只能往后拨：现在是 ${clockText(clock.now(), timeZone)}`)
      if (!bot.moveClockTo) return print('这个控制台没有可拨的时钟。')
      // What was typed before the jump is handled at its own time.
      await bot.drained(10_000)
      const runs = await bot.moveClockTo(to)
      print(`已拨到 ${clockText(to, timeZone)}${runs > 0 ? `，其间定时任务运行了 ${runs} 次（周末和节假日不运行）` : '，其间没有要运行的定时任务'}`)
    },
    quote: (arg) => {
      const m = /^(\d+)\s+([\s\S]+)$/u.exec(arg)
      const quoted = m ? history[Number(m[1]) - 1] : undefined
      if (!m || !quoted) return print('用法：:quote 编号 回复内容（编号是消息前方括号里的数字）')
      sayInGroup(`「${quoted.name}：${quoted.text}」\n- - - - - - - - - - - - - - -\n${m[2]}`, `（引用 [${m[1]}]）${m[2]}`)
    },
    recall: () => {
      const said = lastSaid.get(speaker)
      if (!said) return print(`${speaker} 还没有可撤回的消息。`)
      lastSaid.delete(speaker)
      emit({ roomId: said.roomId, type: types.Message.Recalled, text: said.id })
      print(dim(`  （${speaker} 撤回了一条消息）`))
    },
    private: (text) => {
      if (text === '') return print('用法：:private 文本')
      emit({ listenerId: botUser.id, text })
    },
    help: printHelp,
  }

  const input = o.input ?? process.stdin
  rl = createInterface({ input, output: out, terminal: 'isTTY' in input && input.isTTY === true })
  await new Promise<void>((resolve) => {
    rl.on('line', (raw) => {
      const line = raw.trim()
      // In order: a line typed (or piped) during a clock jump waits for it to end.
      moving = moving.then(async () => {
        if (line === ':quit' || line === ':q') return rl?.close()
        const m = /^[:：](\S+?)(?:\s+([\s\S]*))?$/u.exec(line)
        if (m) {
          const run = commands[m[1]!]
          if (run) await run((m[2] ?? '').trim())
          else print('不认识这个控制台命令；:help 查看。')
        } else if (line !== '') {
          sayInGroup(line)
        }
        prompt()
      }).catch((error: unknown) => print(`  ✗ ${String(error)}`))
    })
    // Ctrl+C in a terminal reaches readline, not the process: leave the way :quit does.
    rl.on('SIGINT', () => rl?.close())
    rl.on('close', () => void moving.then(resolve))
    prompt()
  })
  // Typed (or piped) lines may still be on their way: answer them before leaving.
  await bot.drained(10_000)
  await bot.stop()
}
