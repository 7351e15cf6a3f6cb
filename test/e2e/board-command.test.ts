import { createServer } from 'node:net'
import { PuppetMock } from 'wechaty-puppet-mock'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commands } from '../../commands/index.ts'
import { appOptions, createApp } from '../../src/app.ts'
import { silentLogger } from '../../src/log.ts'
import { settingsFromEnv } from '../../src/settings.ts'
import { migrateToLatest, openDatabase } from '../../src/store/index.ts'
import { BoardServerError } from '../../src/web/index.ts'
import { freePort, WireHarness } from './harness.ts'
import { startBot, startOnWire, stopOnWire, type BotUnderTest } from './start-bot.ts'

let h: WireHarness
let b: BotUnderTest

beforeAll(async () => {
  ;({ h, b } = await startOnWire({ env: { WEB_PORT: String(await freePort()) } }))
})

afterAll(() => stopOnWire(h, b))

/** Opens a board link as a browser would: the redirect that moves the token into a cookie, then the page. */
async function open(link: string): Promise<{ status: number; text: string }> {
  const first = await fetch(link, { redirect: 'manual' })
  if (first.status !== 303) return { status: first.status, text: await first.text() }
  const cookie = first.headers.get('set-cookie')!.split(';')[0]!
  const page = await fetch(new URL(first.headers.get('location')!, link), { headers: { cookie } })
  return { status: page.status, text: await page.text() }
}

describe('/白板 over the real wire', () => {
  it('gives an admin in private chat a link that opens the board with the city’s projects', async () => {
    const zhang = h.contact('张三')
    const room = h.room('【项目】白板甲推进群', [zhang])
    h.say(zhang, room, '施工用电还没接入，供电局说要等电力设施迁改')
    await h.waitForSay(room, /已登记问题 #1/)
    const admin = h.admin()
    h.say(admin, 'bot', '/白板')
    const reply = await h.waitForSay(admin, /督办白板/)
    expect(reply).toMatch(/7 天内有效（至 \d+月\d+日）/)
    // The deployer's hint goes to the admin here; the board's team pages only say "未设置".
    expect(reply).toMatch(/\n提示：各专班都未设置联络员，请在专班文件（TEAMS_FILE，默认 data\/teams\.json）中填写。$/u)
    const link = /http:\/\/127\.0\.0\.1:\d+\/board\?t=\d+\.[\w-]{43}/.exec(reply)?.[0]
    expect(link).toBeDefined()
    const board = await open(link!)
    expect(board.status).toBe(200)
    expect(board.text).toContain('白板甲')
    expect(board.text).toMatch(/🔴1|🟢1|🟡1/)
  })

  it('refuses anyone else in Chinese, and is not for groups', async () => {
    const stranger = h.contact('路人甲')
    h.say(stranger, 'bot', '/白板')
    expect(await h.waitForSay(stranger, /私聊查询仅对管理员开放/)).not.toContain('http')
    const admin = h.admin()
    const room = h.room('【项目】白板乙推进群', [admin])
    h.say(admin, room, '/board')
    expect(await h.waitForSay(room, /\/白板 请在私聊使用/)).not.toContain('http')
  })

  it('says so when the board is off (WEB_PORT=0)', async () => {
    const h2 = await WireHarness.start()
    const b2 = await startBot(h2)
    try {
      const admin = h2.contact('管理员')
      h2.say(admin, 'bot', '/白板')
      expect(await h2.waitForSay(admin, /白板没有开启/)).toMatch(/WEB_PORT/)
    } finally {
      await b2.stop()
      await h2.stop()
    }
  })
})

it('a port already in use stops the start with a Chinese error naming it', async () => {
  const taken = createServer()
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
  const port = (taken.address() as { port: number }).port
  const db = openDatabase(':memory:')
  await migrateToLatest(db)
  const app = createApp({
    ...appOptions(settingsFromEnv({ WEB_PORT: String(port) }), db, commands, silentLogger),
    puppet: new PuppetMock(),
    jobs: [],
  })
  try {
    const started = app.start()
    await expect(started).rejects.toBeInstanceOf(BoardServerError)
    await expect(started).rejects.toThrow(`白板无法启动：端口 127.0.0.1:${port} 已被占用`)
  } finally {
    await app.stop()
    await db.destroy()
    taken.close()
  }
})
