import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { commands } from '../../commands/index.ts'
import { openAppStore } from '../../src/app.ts'
import { readChatText } from '../../src/parse/chat-text.ts'
import type { ChatMessage } from '../../src/core/chat-message.ts'
import { createInbox } from '../../src/core/inbox.ts'
import { createRouter } from '../../src/core/router.ts'
import { systemClock } from '../../src/clock.ts'
import type { Logger } from '../../src/log.ts'
import { settingsFromEnv } from '../../src/settings.ts'
import type { Row } from './tally.ts'

/** Reproducible randomness (mulberry32): the same seed fuzzes the same messages. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Pieces of chat, plain and hostile: what groups say, and what the fault campaign threw at the bot. */
const PIECES = [
  '厂房主体结构已完成60%，预计5月底封顶',
  '施工用电还没接入，供电局说要等电力设施迁改',
  '征地拆迁还有两户没谈妥，0号前必须拿到',
  '主体结构完成百分之一千',
  '元旦前必须拿到施工许可证',
  '9999年12月31日前竣工',
  '2月30日前完成',
  '已解决',
  '收到👍',
  "'); DROP TABLE people;--",
  '" OR 1=1 --',
  '\u0000\u0001\u001f',
  '\ud800',
  '\u202e反向文字',
  '\u200b\u200d',
  '＃问题 ＃进度',
  '@所有人 明天上午九点开调度会',
  '「张三：青苗补偿怎么样了？」\n- - - - - - - - - - - - - - -\n已经协调好了',
  '下周三前、3.15前、15号前、10个工作日内',
  '６０％',
]
const COMMANDS = ['/status', '/issues all', '/resolve 1 已协调', '/reopen 1 未解决', '/assign 1 @', '/stage 签约 0001-01-01', '/stage 动工', '/bind 辛项目', '/quiet on', '/quiet off', '/undo', '/progress 设备进场', '/report 审批卡住了', '/help', '/resolve 99999999', '／解决　＃１']

const ROOMS = Array.from({ length: 5 }, (_, i) => ({ id: `fuzz-${i}@chatroom`, topic: `【项目】模糊${i + 1}号推进群`, ownerId: 'wxid_0' }))
const PEOPLE = ['张三', '李四', '王总', '管理员', '赵六', '钱七'].map((name, i) => ({ id: `wxid_${i}`, name }))

function text(next: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  const roll = next()
  if (roll < 0.1) return pick(COMMANDS)
  // Long pastes: the 明天 that stalled the parser, a slash and 20,000 characters, an /assign of 10,000.
  if (roll < 0.12) return pick(['明天', '/', '/assign 1 ', '施工许可证还没批下来，']).padEnd(2_000 + Math.floor(next() * 18_000), pick(['明天', '长', '名', 'x']))
  const parts = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(PIECES))
  return parts.join(pick(['，', '。', '\n', ' ', '']))
}

/**
 * 10,000 fuzzed messages through the production router, in the inbox's batches, on a real SQLite
 * file: none may throw out of the router, and every text or picture in a bound group is stored.
 */
export async function fuzz(dir: string, count = 10_000): Promise<Row> {
  mkdirSync(dir, { recursive: true })
  const errors: string[] = []
  const log: Logger = { info: () => {}, warn: () => {}, error: (l) => errors.push(l) }
  const db = await openAppStore(join(dir, 'fuzz.sqlite'), log)
  const { rules } = settingsFromEnv({ BOT_ADMINS: '管理员', WEB_PORT: '0' })
  const router = createRouter({ rules, clock: systemClock, commands, botName: () => '督办助手', dataDir: dir, log })
  const inbox = createInbox({ db, router, clock: systemClock, log, afterBatch: () => undefined })
  const next = random(20261130)
  const ids: { id: string; kind: ChatMessage['kind']; command: boolean }[] = []
  let slowest = 0
  for (let n = 0; n < count; n++) {
    const kind: ChatMessage['kind'] = next() < 0.9 ? 'text' : next() < 0.5 ? 'other' : 'recall'
    const body = kind === 'recall' ? (ids[Math.floor(next() * ids.length)]?.id ?? 'none') : kind === 'other' ? '' : text(next)
    const msg: ChatMessage = {
      id: `fuzz-${n}`,
      kind,
      text: body,
      ...readChatText(body, kind),
      talker: PEOPLE[Math.floor(next() * PEOPLE.length)]!,
      room: ROOMS[Math.floor(next() * ROOMS.length)]!,
      mentionIds: next() < 0.1 ? [PEOPLE[2]!.id] : [],
      mentionsBot: false,
      sentAt: new Date(),
    }
    ids.push({ id: msg.id, kind, command: msg.command !== undefined })
    inbox.push({ id: msg.id, read: async () => msg })
    // Batches as they come, and a measure of the slowest turn (the parser's cap keeps it short).
    if (n % 100 === 99) {
      const started = performance.now()
      await inbox.settled()
      slowest = Math.max(slowest, performance.now() - started)
    }
  }
  await inbox.settled()
  // Chat must be stored whatever it holds; a command that is refused (wrong arguments, not allowed)
  // is answered with why and, like any failed message, leaves nothing behind.
  const expected = new Set(ids.filter((i) => i.kind !== 'recall' && !i.command).map((i) => i.id))
  const stored = (await db.selectFrom('messages').select('wechat_id').execute()).filter((r) => expected.has(r.wechat_id)).length
  const replies = (await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
  await db.destroy()
  // The router logs what it could not handle (and answers it with an apology): each is a lost message.
  const crashes = errors.filter((l) => /^message fuzz-\d+:/u.test(l)).length
  return {
    name: '模糊输入：10,000 条经路由器（进程内）',
    messagesIn: count,
    delivered: count,
    stored,
    repliesDue: replies,
    sent: replies,
    duplicated: 0,
    lost: expected.size - stored,
    note: `入库只计聊天 ${expected.size} 条（另有撤回与命令 ${count - expected.size} 条）；路由器异常 ${crashes} 次；每 100 条一批最慢 ${Math.round(slowest)} ms；回复为入队数（进程内不发送）`,
  }
}
