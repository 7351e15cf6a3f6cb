import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, statSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import SQLite from 'better-sqlite3'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { freePort, isolateHome, waitFor, WireHarness } from './harness.ts'

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
function start(env: Record<string, string>, dir = mkdtempSync(join(tmpdir(), 'duban-main-')), as: { uid: number; gid: number } | undefined = undefined) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(import.meta.dirname, '../..'),
    ...as,
    // No whiteboard unless asked: 8080 may be taken on a developer's machine.
    env: { PATH: process.env['PATH'] ?? '', HOME: dir, WECHATY_LOG: 'silent', DATABASE_PATH: join(dir, 'duban.sqlite'), WEB_PORT: '0', ...env },
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
  await waitFor(() => bot.output().includes('running;'), 10_000, () => bot.output())
  const zhang = h.contact('张三')
  const room = h.room('【项目】进程推进群', [zhang])
  h.say(zhang, room, '项目已正式签约')
  await h.waitForSay(room, /已记录进度：签约/, 10_000)
  bot.child.kill('SIGTERM')
  expect(await bot.exited).toBe(0)
  expect(bot.output()).toMatch(/SIGTERM: stopping/)
}, 40_000)

it('fails loudly, naming what to check, when the configured service is unreachable', async () => {
  const bot = start({
    WECHATY_PUPPET_SERVICE_TOKEN: `insecure_${crypto.randomUUID()}`,
    WECHATY_PUPPET_SERVICE_ENDPOINT: `127.0.0.1:${await freePort()}`,
    WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
    LOGIN_TIMEOUT_SECONDS: '2',
  })
  expect(await bot.exited).toBe(1)
  expect(bot.output()).toMatch(/could not connect to WeChat[\s\S]*WECHATY_PUPPET_SERVICE_TOKEN[\s\S]*WECHATY_PUPPET_SERVICE_ENDPOINT/)
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
  // Root writes whatever the mode says: the bot then runs as nobody, as a deployment's own account would.
  const as = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined
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
  expect(bot.output()).toContain(`无法打开数据库（DATABASE_PATH=${path}）：没有写入权限`)
  expect(bot.output()).not.toMatch(/^\s+at /mu)
  expect(statSync(path).mode & 0o222).toBe(0)
}, 40_000)
