import { randomUUID } from 'node:crypto'
import { dirname, join } from 'node:path'
import { createInterface, type Interface } from 'node:readline'
import { types } from 'wechaty'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import { silentLogger, type Logger } from '../log.ts'
import type { Db } from '../store/index.ts'
import { startOnMock } from './mock-login.ts'
import { findOrBindProject } from './project-binding.ts'

/** The bot as the console drives it (app.ts builds it). */
export interface ConsoleBot {
  start(): Promise<void>
  drained(timeoutMs?: number): Promise<void>
  stop(): Promise<void>
  /** A link to the whiteboard valid from now; undefined when the board is off. */
  boardLink(): { url: string; expiresAt: Date } | undefined
}

export const CONSOLE_TOPIC = '【项目】年产10万吨新材料推进群'
/** The demo group's owner, also made an admin in the console so every command can be tried. */
export const CONSOLE_OWNER = '张三'
const MEMBERS = [CONSOLE_OWNER, '李四', '王五']

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
  input?: NodeJS.ReadableStream
  output?: NodeJS.WritableStream
}

/** The console's own commands, as the README's table lists them. */
const CONSOLE_HELP = [
  ':as 李四          换人发言（新名字会自动进群）',
  ':quote 3 已解决   引用第 3 条消息回复（编号见方括号）',
  ':recall           撤回当前成员刚发的消息',
  ':private /状态   私聊机器人',
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
 * The local console: duban on a simulated WeChat with one demo project group. What a person types
 * is said in the group by the current member; the bot's replies are printed as they are sent.
 */
export async function runConsole(o: ConsoleOptions): Promise<void> {
  const out = o.output ?? process.stdout
  const print = (s: string) => out.write(`${s}\n`)
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
  const room = mocker.createRoom({
    id: `${randomUUID()}@chatroom`,
    topic: CONSOLE_TOPIC,
    memberIdList: [botUser.id, ...[...people.values()].map((p) => p.id)],
    ownerId: person(CONSOLE_OWNER).id,
  })
  const history: Line[] = []
  const lastSaid = new Map<string, string>()
  let speaker = CONSOLE_OWNER

  let rl: Interface | undefined
  const prompt = () => {
    rl?.setPrompt(`${bold(speaker)}> `)
    rl?.prompt(true)
  }
  const log: Logger = {
    info: (l) => print(dim(`  · ${l}`)),
    warn: (l) => print(dim(`  ! ${l}`)),
    error: (l) => print(`  ✗ ${l}`),
  }

  // Everything the bot sends passes through the mock as a message from the bot's account.
  puppet.on('message', ({ messageId }) => {
    const payload = mocker.messagePayload(messageId)
    if (payload.talkerId !== botUser.id) return
    const where = 'roomId' in payload && payload.roomId ? '' : '（私聊）'
    history.push({ id: messageId, name: botUser.payload.name, text: payload.text ?? '' })
    print(`\n${cyan(`[${history.length}] 督办助手${where}：`)}${(payload.text ?? '').replace(/\n/gu, '\n    ')}`)
    prompt()
  })

  // PuppetMock cannot carry a file from disk (it serialises the FileBox, which a local file refuses):
  // the console says what was sent and where it lies, as the other side would see a file message.
  puppet.messageSendFile = async (conversationId, file) => {
    const id = randomUUID()
    const text = `[文件] ${file.name}（已保存在 ${join(dirname(o.databasePath), 'exports')}）`
    history.push({ id, name: botUser.payload.name, text })
    print(`\n${cyan(`[${history.length}] 督办助手${conversationId.includes('@') ? '' : '（私聊）'}：`)}${text}`)
    prompt()
  }

  const bot = o.createApp(puppet, log)
  await startOnMock(bot, puppet, mocker, botUser)
  // WeChat knows only this run's group: an earlier run's demo project is re-bound to it, every
  // start, which is no news to the person at the console (the header names the group).
  await findOrBindProject(o.db, { id: room.id, topic: CONSOLE_TOPIC }, o.projectRoomPattern, new Date(), silentLogger, async (id) => id === room.id)
  const board = bot.boardLink()

  const emit = (partial: Record<string, unknown>) => {
    const id = randomUUID()
    mocker.MessageMock.create({ id, timestamp: Date.now(), type: types.Message.Text, talkerId: person(speaker).id, ...partial } as never)
    puppet.emit('message', { messageId: id })
    return id
  }
  /** Says `text` in the group as the current speaker and echoes it with its number. */
  const sayInGroup = (text: string, shown = text) => {
    const id = emit({ roomId: room.id, text, mentionIdList: [] })
    history.push({ id, name: speaker, text })
    lastSaid.set(speaker, id)
    print(dim(`[${history.length}] ${speaker}：${shown}`))
  }

  print(bold('督办助手 · 本地控制台') + dim(`（模拟微信，数据存于 ${o.databasePath}）`))
  print(`群「${CONSOLE_TOPIC}」，成员：${MEMBERS.join('、')}（${CONSOLE_OWNER} 是群主和管理员）`)
  if (board) print(`督办白板（只读网页，用浏览器打开，${Math.round((board.expiresAt.getTime() - Date.now()) / 86_400_000)} 天内有效）：${cyan(board.url)}`)
  const printHelp = () => {
    print('直接输入文字，就是以当前成员的身份在群里发言。控制台命令：')
    for (const line of CONSOLE_HELP) print(dim(`  ${line}`))
  }
  printHelp()
  print('试试：')
  for (const t of ['施工用电还没接入，供电局说要等电力设施迁改', '主体完成80%，但是环评批复还没下来', '@督办助手 审批进展怎么样了？', '/问题', '供电接入已解决', '/状态']) {
    print(dim(`  ${t}`))
  }
  // CONFIRM=issues by default: a newcomer's first "主体完成60%" would otherwise seem unheard.
  print(dim('  普通进度（如“厂房主体结构已完成60%”）照常记录，默认不单独回复，发 /状态 可以看到。'))

  const commands: Record<string, (arg: string) => void> = {
    as: (name) => {
      if (name === '') return print('用法：:as 名字')
      const fresh = !people.has(name)
      const c = person(name)
      if (fresh) room.payload.memberIdList.push(c.id)
      speaker = name
    },
    quote: (arg) => {
      const m = /^(\d+)\s+([\s\S]+)$/u.exec(arg)
      const quoted = m ? history[Number(m[1]) - 1] : undefined
      if (!m || !quoted) return print('用法：:quote 编号 回复内容（编号是消息前方括号里的数字）')
      sayInGroup(`「${quoted.name}：${quoted.text}」\n- - - - - - - - - - - - - - -\n${m[2]}`, `（引用 [${m[1]}]）${m[2]}`)
    },
    recall: () => {
      const id = lastSaid.get(speaker)
      if (!id) return print(`${speaker} 还没有可撤回的消息。`)
      lastSaid.delete(speaker)
      emit({ roomId: room.id, type: types.Message.Recalled, text: id })
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
      if (line === ':quit' || line === ':q') return rl?.close()
      const m = /^:(\w+)\s*([\s\S]*)$/u.exec(line)
      if (m) {
        const run = commands[m[1]!]
        if (run) run(m[2]!.trim())
        else print('不认识这个控制台命令；:help 查看。')
      } else if (line !== '') {
        sayInGroup(line)
      }
      prompt()
    })
    // Ctrl+C in a terminal reaches readline, not the process: leave the way :quit does.
    rl.on('SIGINT', () => rl?.close())
    rl.on('close', resolve)
    prompt()
  })
  // Typed (or piped) lines may still be on their way: answer them before leaving.
  await bot.drained(10_000)
  await bot.stop()
}
