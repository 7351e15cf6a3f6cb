/**
 * `npm run bench -- wire`: intake over the real wire. One PuppetServer + PuppetMock (its own
 * process, wire-server.ts) says the same 10,000 group messages to two clients in turn, both
 * connected through wechaty-puppet-service as production is: a bare Wechaty bot whose message
 * handler only counts, then the whole bot (createApp: adapter → inbox → router → parser → store →
 * outbox). The figure is how many messages a second each takes in, and their ratio; beside it the
 * same ratio in process (bot.ts), which compares against an event loop no deployment has.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { log as wechatyLog, WechatyBuilder } from 'wechaty'
import { PuppetService } from 'wechaty-puppet-service'
import { commands } from '../commands/index.ts'
import { appOptions, createApp } from '../src/app.ts'
import { FakeClock } from '../src/clock.ts'
import { silentLogger } from '../src/log.ts'
import { settingsFromEnv } from '../src/settings.ts'
import { migrateToLatest, openDatabase } from '../src/store/index.ts'

const GROUPS = Number(process.env['BENCH_WIRE_GROUPS'] ?? 1_000)
const MESSAGES = Number(process.env['BENCH_WIRE_MESSAGES'] ?? 10_000)

interface Server {
  child: ChildProcess
  endpoint: string
  token: string
  order(o: { login?: boolean; emit?: number; from?: number; stop?: boolean }): void
}

async function startServer(root: string): Promise<Server> {
  const child = fork(join(import.meta.dirname, 'wire-server.ts'), [String(GROUPS), root], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const { endpoint, token } = await new Promise<{ endpoint: string; token: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { endpoint: string; token: string }))
    child.once('exit', (code) => reject(new Error(`微信通道：性能测试的 puppet 服务进程已退出（退出码 ${code}）`)))
  })
  return { child, endpoint, token, order: (o) => child.send(o) }
}

async function until(done: () => boolean | Promise<boolean>, what: string, timeoutMs = 600_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!(await done())) {
    if (performance.now() > deadline) throw new Error(`微信通道：等待${what}超时`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

const connect = (s: Server) => new PuppetService({ endpoint: s.endpoint, token: s.token, tls: { disable: true } })

/** Messages a second through a bare Wechaty over the wire: its handler only counts. */
async function bareRate(server: Server): Promise<{ rate: number; cpuMsPerMessage: number }> {
  const wechaty = WechatyBuilder.build({ puppet: connect(server) })
  let seen = 0
  wechaty.on('message', (m) => {
    if (!m.self()) seen++
  })
  let loggedIn = false
  wechaty.on('login', () => {
    loggedIn = true
  })
  await wechaty.start()
  server.order({ login: true })
  await until(() => loggedIn, '空转机器人登录', 30_000)
  // One message per group first, as the bot's run binds each group with its first message.
  server.order({ emit: GROUPS, from: 0 })
  await until(() => seen >= GROUPS, '空转机器人预热')
  const cpu = process.cpuUsage()
  const started = performance.now()
  server.order({ emit: MESSAGES, from: GROUPS })
  await until(() => seen >= GROUPS + MESSAGES, '空转机器人收完全部消息')
  const rate = MESSAGES / ((performance.now() - started) / 1000)
  const used = process.cpuUsage(cpu)
  await wechaty.stop()
  return { rate, cpuMsPerMessage: (used.user + used.system) / 1000 / MESSAGES }
}

/** Messages a second through the whole bot over the wire, counted as stored rows. */
async function botRate(server: Server): Promise<{ rate: number; cpuMsPerMessage: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-wire-'))
  const db = openDatabase(join(dir, 'bench.sqlite'))
  await migrateToLatest(db)
  // Replies queue in the outbox as in production; a long interval keeps them from being sent here.
  const settings = settingsFromEnv({ SEND_INTERVAL_MS: '600000', LOGIN_TIMEOUT_SECONDS: '30', WEB_PORT: '0', DATABASE_PATH: join(dir, 'bench.sqlite') })
  const bot = createApp({
    ...appOptions(settings, db, commands, silentLogger, new FakeClock('2026-03-02T09:00:00+08:00')),
    puppet: connect(server),
    jobs: [],
  })
  const started = bot.start()
  await new Promise((r) => setTimeout(r, 500))
  server.order({ login: true })
  await started
  // max(id) reads one end of the rowid index; count(*) would scan the table on every poll.
  const stored = async () => Number((await db.selectFrom('messages').select((eb) => eb.fn.max('id').as('n')).executeTakeFirstOrThrow()).n ?? 0)
  server.order({ emit: GROUPS, from: 0 })
  await until(async () => (await stored()) >= GROUPS, '机器人绑定全部群')
  const cpu = process.cpuUsage()
  const begun = performance.now()
  server.order({ emit: MESSAGES, from: GROUPS })
  await until(async () => (await stored()) >= GROUPS + MESSAGES, '机器人存下全部消息')
  const rate = MESSAGES / ((performance.now() - begun) / 1000)
  const used = process.cpuUsage(cpu)
  await bot.stop()
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
  return { rate, cpuMsPerMessage: (used.user + used.system) / 1000 / MESSAGES }
}

export async function benchWire(root: string, report: (line: string) => void): Promise<void> {
  wechatyLog.level('silent')
  const home = process.env['HOME']
  process.env['HOME'] = mkdtempSync(join(tmpdir(), 'duban-bench-wire-home-'))
  const server = await startServer(root)
  try {
    const bare = await bareRate(server)
    const bot = await botRate(server)
    report(
      `微信通道：Wechaty 空转经 puppet-service 收消息（PuppetServer + PuppetMock 在另一进程）${Math.round(bare.rate)} 条/秒` +
        `（每条消息 CPU ${(bare.cpuMsPerMessage * 1000).toFixed(0)} µs）`,
    )
    report(
      `微信通道：整个机器人走同一通道，同样 ${MESSAGES.toLocaleString('en')} 条消息、${GROUPS} 个群：${Math.round(bot.rate)} 条/秒` +
        `（机器人进程每条消息 CPU ${(bot.cpuMsPerMessage * 1000).toFixed(0)} µs，含 gRPC）`,
    )
    report(`微信通道：比值 ${(bot.rate / bare.rate).toFixed(2)}（目标 ≥ 0.8）`)
  } finally {
    server.order({ stop: true })
    process.env['HOME'] = home
  }
}
