/**
 * The bot's figures for `npm run bench`: messages per second through the whole bot in-process
 * (simulated WeChat → adapter → router → parser → store → outbox), beside the bare Wechaty
 * message-event rate measured in the same run on the same machine; and the resident memory once
 * 1,000 groups are bound.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { log as wechatyLog, types, WechatyBuilder } from 'wechaty'
import type { PuppetMock, mock } from 'wechaty-puppet-mock'
import { commands } from '../commands/index.ts'
import { appOptions, createApp, startOnMock } from '../src/app.ts'
import { FakeClock } from '../src/clock.ts'
import { silentLogger } from '../src/log.ts'
import { settingsFromEnv } from '../src/settings.ts'
import { migrateToLatest, openDatabase } from '../src/store/index.ts'
import { mockProjectGroups } from './mock-groups.ts'

const GROUPS = 1_000
const MESSAGES = 10_000

/** What a project group says in a day: mostly chatter, some progress, some problems, a few fixes. */
const LINES = [
  '收到',
  '好的，明天上午九点现场碰头',
  '厂房主体结构已完成60%，预计5月底封顶',
  '施工用电还没接入，供电局说要等电力设施迁改',
  '辛苦了👍',
  '设备已进场，正在安装调试',
  '征地拆迁还有两户没谈妥，需要镇里协调',
  '请各单位按时报送本周进度',
  '消防验收已通过',
  '融资贷款还差3000万资金缺口',
]

interface Simulated {
  mocker: mock.Mocker
  puppet: PuppetMock
  botUser: mock.ContactMock
  /** Emits `count` group messages spread over the groups, round robin. */
  emit(count: number): void
}

function simulate(groups: number): Simulated {
  const { mocker, puppet, botUser, people, rooms } = mockProjectGroups(groups, 20)
  let n = 0
  return {
    mocker,
    puppet,
    botUser,
    emit(count) {
      for (let i = 0; i < count; i++, n++) {
        const id = randomUUID()
        mocker.MessageMock.create({
          id,
          timestamp: Date.UTC(2026, 2, 2, 1) + n * 1000,
          type: types.Message.Text,
          talkerId: people[n % people.length]!.id,
          roomId: rooms[n % rooms.length]!.id,
          text: LINES[n % LINES.length]!,
          mentionIdList: [],
        })
        puppet.emit('message', { messageId: id })
      }
    },
  }
}

async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((r) => setTimeout(r, 5))
}

/** The bare rate: a Wechaty bot on the mock whose message handler only counts. */
async function bareWechatyRate(): Promise<number> {
  const sim = simulate(GROUPS)
  const wechaty = WechatyBuilder.build({ puppet: sim.puppet })
  let seen = 0
  wechaty.on('message', (m) => {
    if (!m.self()) seen++
  })
  await wechaty.start()
  sim.mocker.login(sim.botUser)
  // Warm the room payload caches, as the bot's run below does with its first messages.
  sim.emit(GROUPS)
  await until(() => seen >= GROUPS)
  const start = performance.now()
  sim.emit(MESSAGES)
  await until(() => seen >= GROUPS + MESSAGES)
  const rate = MESSAGES / ((performance.now() - start) / 1000)
  await wechaty.stop()
  return rate
}

export async function benchBot(report: (line: string) => void): Promise<void> {
  wechatyLog.level('silent')
  const bare = await bareWechatyRate()

  const rssBefore = process.memoryUsage().rss / 2 ** 20
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-bot-'))
  const db = openDatabase(join(dir, 'bench.sqlite'))
  await migrateToLatest(db)
  const sim = simulate(GROUPS)
  // Confirmations queue up in the outbox as in production; pacing keeps them from being sent here.
  const settings = settingsFromEnv({ SEND_INTERVAL_MS: '600000', LOGIN_TIMEOUT_SECONDS: '10', WEB_PORT: '0' })
  const bot = createApp({
    ...appOptions(settings, db, commands, silentLogger, new FakeClock('2026-03-02T09:00:00+08:00')),
    puppet: sim.puppet,
    jobs: [],
  })
  await startOnMock(bot, sim.puppet, sim.mocker, sim.botUser)
  // max(id) reads one end of the rowid index; count(*) would scan the table on every poll.
  const stored = async () =>
    Number((await db.selectFrom('messages').select((eb) => eb.fn.max('id').as('n')).executeTakeFirstOrThrow()).n ?? 0)

  // The first message of each group binds it (a project is created): 1,000 bound groups.
  sim.emit(GROUPS)
  await until(async () => (await stored()) >= GROUPS)
  const start = performance.now()
  sim.emit(MESSAGES)
  await until(async () => (await stored()) >= GROUPS + MESSAGES)
  const rate = MESSAGES / ((performance.now() - start) / 1000)
  global.gc?.()
  const rss = process.memoryUsage().rss / 2 ** 20

  report(`机器人：Wechaty 空转处理消息事件（PuppetMock，进程内）${Math.round(bare)} 条/秒`)
  report(`机器人：整个机器人（模拟微信 → 解析 → 存储 → 发件箱），${GROUPS} 个群：${Math.round(rate)} 条/秒`)
  report(`机器人：进程内比值 ${(rate / bare).toFixed(2)}（对照的是实际部署中不存在的同进程事件循环；目标按真实通道衡量，见“微信通道：”各行）`)
  report(
    `机器人：绑定 ${GROUPS} 个群时常驻内存 ${Math.round(rss)} MiB` +
      `（比机器人启动前多 ${Math.round(rss - rssBefore)} MiB；含模拟微信）`,
  )
  await bot.stop()
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
}
