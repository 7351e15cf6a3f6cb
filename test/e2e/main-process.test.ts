import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, statSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import SQLite from 'better-sqlite3'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { freePort, isolateHome, waitFor, WireHarness } from './harness.ts'
import { checkout, checkoutForOthers } from './reachable-checkout.ts'

let h: WireHarness
const children: ChildProcess[] = []

beforeAll(async () => {
  isolateHome()
  h = await WireHarness.start()
})

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
  await h?.stop()
})

/** `npm start` as a child process with only the given settings (and a private HOME). */
function start(
  env: Record<string, string>,
  dir = mkdtempSync(join(tmpdir(), 'duban-main-')),
  as: { uid: number; gid: number; cwd: string } | undefined = undefined,
) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: checkout,
    ...as,
    // No whiteboard unless asked: 8080 may be taken on a developer's machine. No WECHATY_LOG: its
    // English WARN lines must stay out of what a deployer reads by default.
    env: { PATH: process.env['PATH'] ?? '', HOME: dir, DATABASE_PATH: join(dir, 'duban.sqlite'), WEB_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  child.stdout!.on('data', (d) => (output += String(d)))
  child.stderr!.on('data', (d) => (output += String(d)))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => output, exited }
}

it('connects to a puppet service from the Wechaty variables, works, and stops cleanly on SIGTERM', async () => {
  const bot = start({
    WECHATY_PUPPET_SERVICE_TOKEN: h.token,
    WECHATY_PUPPET_SERVICE_ENDPOINT: h.endpoint,
    WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
    SEND_INTERVAL_MS: '10',
  })
  await waitFor(() => h.puppet.state.active(), 20_000, () => `the service never got a client: ${bot.output()}`)
  h.loginBot()
  await waitFor(() => bot.output().includes('已启动：数据库'), 10_000, () => bot.output())
  const zhang = h.contact('张三')
  const room = h.room('【项目】进程推进群', [zhang])
  h.say(zhang, room, '项目已正式签约')
  await h.waitForSay(room, /已记录节点：签约/, 10_000)
  bot.child.kill('SIGTERM')
  expect(await bot.exited).toBe(0)
  expect(bot.output()).toMatch(/收到 SIGTERM，正在停止/)
  // What a deployer reads is Chinese: Wechaty's own "07:30:42 WARN …" lines stay out.
  expect(bot.output()).not.toMatch(/WARN|[Ll]ogged in/)
  expect(bot.output()).toMatch(/已登录微信：督办助手/)
}, 40_000)

it('fails loudly, naming what to check, when the configured service is unreachable', async () => {
  const bot = start({
    WECHATY_PUPPET_SERVICE_TOKEN: `insecure_${crypto.randomUUID()}`,
    WECHATY_PUPPET_SERVICE_ENDPOINT: `127.0.0.1:${await freePort()}`,
    WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
    LOGIN_TIMEOUT_SECONDS: '2',
  })
  expect(await bot.exited).toBe(1)
  expect(bot.output()).toMatch(/督办助手无法连接微信：2 秒内没有登录[\s\S]*WECHATY_PUPPET_SERVICE_ENDPOINT（现为 127\.0\.0\.1:\d+）[\s\S]*WECHATY_PUPPET_SERVICE_TOKEN/)
}, 40_000)

it('stops at once, saying so in Chinese, when the service refuses the token', async () => {
  // An hour to log in: only giving up on the refusal itself ends this run within the test's time.
  const bot = start({
    WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_not-the-token',
    WECHATY_PUPPET_SERVICE_ENDPOINT: h.endpoint,
    WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
    LOGIN_TIMEOUT_SECONDS: '3600',
  })
  expect(await bot.exited).toBe(1)
  expect(bot.output()).toMatch(/puppet 服务拒绝了这个 token，再等也不会好，已立即退出[\s\S]*请检查 WECHATY_PUPPET_SERVICE_TOKEN/)
  expect(bot.output()).not.toMatch(/WARN/)
}, 40_000)

it('stops at once when the puppet named cannot even start', async () => {
  const bot = start({ WECHATY_PUPPET: 'wechaty-puppet-not-installed', LOGIN_TIMEOUT_SECONDS: '3600' })
  expect(await bot.exited).toBe(1)
  expect(bot.output()).toMatch(/督办助手无法启动微信组件 wechaty-puppet-not-installed，再等也不会好，已立即退出[\s\S]*请检查 WECHATY_PUPPET/)
}, 40_000)

it('refuses a token without its provider prefix before connecting, with exit code 2', async () => {
  const bot = start({ WECHATY_PUPPET_SERVICE_TOKEN: '3f2a9c1e-0000-4000-8000-000000000000', LOGIN_TIMEOUT_SECONDS: '3600' })
  expect(await bot.exited).toBe(2)
  expect(bot.output()).toMatch(/^设置有误[\s\S]*WECHATY_PUPPET_SERVICE_TOKEN：格式不对/)
}, 40_000)

it('stops with a Chinese error naming the port when the board’s port is taken', async () => {
  const taken = createServer()
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
  const port = (taken.address() as { port: number }).port
  const bot = start({
    WECHATY_PUPPET_SERVICE_TOKEN: h.token,
    WECHATY_PUPPET_SERVICE_ENDPOINT: h.endpoint,
    WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
    WEB_PORT: String(port),
  })
  try {
    expect(await bot.exited).toBe(1)
    expect(bot.output()).toContain(`白板无法启动：端口 127.0.0.1:${port} 已被占用`)
    expect(bot.output()).toContain('WEB_PORT=0')
  } finally {
    taken.close()
  }
}, 40_000)

it('with no connection opens the console, saying so in Chinese, and :help lists every console command', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-main-console-'))
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(import.meta.dirname, '../..'),
    env: { PATH: process.env['PATH'] ?? '', HOME: dir, DATABASE_PATH: join(dir, 'duban.sqlite'), WEB_PORT: '0' },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  child.stdout!.on('data', (d) => (output += String(d)))
  child.stderr!.on('data', (d) => (output += String(d)))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  await waitFor(() => output.includes('试试'), 20_000, () => output)
  const before = output.length
  child.stdin!.write(':help\n:quit\n')
  expect(await exited).toBe(0)
  const screen = stripVTControlCharacters(output)
  expect(screen.split('\n')[0]).toBe('未配置微信连接（WECHATY_PUPPET_SERVICE_TOKEN），现在打开本地控制台：模拟的微信群，数据与正式数据分开。')
  const help = stripVTControlCharacters(output.slice(before))
  for (const command of [':as 李四', ':群 乙项目', ':时间 2026-12-21 09:00', ':quote 3 已解决', ':recall', ':private /状态', ':help', ':quit']) expect(help).toContain(command)
  // Nothing a newcomer reads is English: no "logged in as", no "bound to new project", no WARN.
  expect(screen).not.toMatch(/logged in|bound|WARN/)
  expect(screen).toContain('已登录微信：督办助手')
}, 40_000)


it('never prints a rejected token, not even in Wechaty’s verbose log', async () => {
  const token = `insecure_${crypto.randomUUID()}`
  const bot = start({
    WECHATY_PUPPET_SERVICE_TOKEN: token,
    WECHATY_PUPPET_SERVICE_ENDPOINT: h.endpoint,
    WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
    WECHATY_LOG: 'verbose',
    LOGIN_TIMEOUT_SECONDS: '3',
  })
  expect(await bot.exited).toBe(1)
  // The service did say why, and Wechaty logged its options: both printed, the token masked.
  expect(bot.output()).toContain('Invalid Wechaty TOKEN')
  expect(bot.output()).toContain(`${token.slice(0, 4)}…${token.slice(-4)}（已隐藏）`)
  expect(bot.output()).not.toContain(token)
  expect(bot.output()).not.toContain(token.slice(9))
}, 40_000)

it('says in Chinese what is wrong with DATABASE_PATH, without a stack trace', async () => {
  const connection = {
    WECHATY_PUPPET_SERVICE_TOKEN: h.token,
    WECHATY_PUPPET_SERVICE_ENDPOINT: h.endpoint,
    WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
  }
  const dir = mkdtempSync(join(tmpdir(), 'duban-main-db-'))
  const folder = join(dir, 'a-folder')
  mkdirSync(folder)
  const corrupt = join(dir, 'corrupt.sqlite')
  writeFileSync(corrupt, 'SQLite format 3\u0000'.padEnd(4096, 'x'))
  for (const [path, why] of [
    [folder, '这是一个文件夹'],
    [corrupt, '这个文件不是 SQLite 数据库，或者已经损坏'],
  ] as const) {
    const bot = start({ ...connection, DATABASE_PATH: path }, dir)
    expect(await bot.exited).toBe(1)
    expect(bot.output()).toContain(`无法打开数据库（DATABASE_PATH=${path}）：${why}`)
    expect(bot.output()).not.toMatch(/^\s+at /mu)
  }
}, 40_000)

it('says so when DATABASE_PATH is read-only, and leaves it read-only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-main-ro-'))
  const path = join(dir, 'duban.sqlite')
  new SQLite(path).exec('create table t (x)').close()
  chmodSync(path, 0o444)
  chmodSync(dir, 0o555)
  // Root writes whatever the mode says: the bot then runs as nobody, as a deployment's own account
  // would, from a checkout nobody can reach (a clone in /root is not).
  const reachable = process.getuid?.() === 0 ? checkoutForOthers() : null
  const as = reachable ? { uid: 65534, gid: 65534, cwd: reachable.dir } : undefined
  const bot = start(
    {
      WECHATY_PUPPET_SERVICE_TOKEN: h.token,
      WECHATY_PUPPET_SERVICE_ENDPOINT: h.endpoint,
      WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
      DATABASE_PATH: path,
      HOME: tmpdir(),
    },
    dir,
    as,
  )
  expect(await bot.exited).toBe(1)
  reachable?.remove()
  expect(bot.output()).toContain(`无法打开数据库（DATABASE_PATH=${path}）：没有写入权限`)
  expect(bot.output()).not.toMatch(/^\s+at /mu)
  expect(statSync(path).mode & 0o222).toBe(0)
}, 40_000)
