import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { commands } from '../../commands/index.ts'
import type { ChatMessage } from '../../src/core/chat-message.ts'
import { commandWord } from '../../src/core/command.ts'
import { createRouter } from '../../src/core/router.ts'
import { FakeClock } from '../../src/clock.ts'
import { silentLogger } from '../../src/log.ts'
import { settingsFromEnv } from '../../src/settings.ts'
import { chatMessage } from './chat-message-fixture.ts'
import { openTestStore, type TestStore } from './store-fixture.ts'


/** Any English command name after a slash: "/reopen 3", "/board 请在私聊使用". */
const ENGLISH = new RegExp(`(?<![\\w.])/(?:${commands.map((c) => c.name).join('|')})\\b(?![./-])`, 'u')

/**
 * A reply names each command once, by its Chinese name: someone who typed /白板 is not told about
 * /board, and a close does not point to /reopen.
 */
describe('replies name commands by their Chinese names', () => {
  let store: TestStore
  afterEach(async () => store.close())

  async function start() {
    store = await openTestStore()
    const { rules } = settingsFromEnv({ BOT_ADMINS: 'wxid_王主任' })
    const router = createRouter({ rules, clock: new FakeClock('2026-03-02T09:00:00+08:00'), commands, botName: () => '督办助手', dataDir: store.dir, log: silentLogger })
    /** The reply to one message (every reply it queued, joined). */
    return async (msg: ChatMessage) => {
      const before = (await store.db.selectFrom('outbox').select((e) => e.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0
      await router.inBatch(store.db, (handle) => handle(msg))
      const rows = await store.db.selectFrom('outbox').select('text').where('id', '>', before).orderBy('id').execute()
      return rows.map((r) => r.text).join('\n')
    }
  }

  it('a private-only command in a group, a close, a typo, a member’s admin command', async () => {
    const say = await start()
    expect(await say(chatMessage('王主任', '/白板'))).toBe('/白板 请在私聊使用。')
    expect(await say(chatMessage('王主任', '/export'))).toBe('/导出 请在私聊使用。')
    await say(chatMessage('老张', '施工用电还没接入，供电局说要等电力设施迁改'))
    // The number in Chinese numerals, as people type it.
    expect(await say(chatMessage('老张', '/resolve 十二'))).toBe('本项目没有 #12 号问题。发 /问题 查看未办结的问题。')
    const closed = await say(chatMessage('老张', '/解决 一 已协调'))
    expect(closed).toMatch(/^✅ 问题 #1（/u)
    expect(closed).toMatch(/发 \/重开 1 原因$/u)
    expect(await say(chatMessage('老张', '/解决 1'))).toContain('发 /重开 1 原因')
    expect(await say(chatMessage('老张', '/stauts'))).toContain('您是不是要用 /状态')
    expect(await say(chatMessage('老张', '/stage 动工'))).toBe('/节点 仅限管理员使用。')
    expect(await say(chatMessage('老张', '/解决'))).toMatch(/用法：\/解决 编号/u)
    expect(await say(chatMessage('王主任', '随便说说', { room: undefined }))).toContain('/状态')
  })

  it('/帮助 lists every command under its Chinese name, wherever it runs', async () => {
    const say = await start()
    for (const [who, inRoom] of [['老张', true], ['王主任', false]] as const) {
      const help = await say(chatMessage(who, '/帮助', inRoom ? {} : { room: undefined }))
      for (const c of commands) expect(help).toContain(`\n${commandWord(c)}`)
      expect(help).toMatch(/\/白板 .*（管理员，私聊）/u)
      expect(help).not.toMatch(ENGLISH)
    }
  })

  it('every usage starts with the command’s Chinese name', () => {
    for (const c of commands) expect(c.usage.startsWith(commandWord(c))).toBe(true)
  })

  // The families of reply texts: every string a person reads is written in these folders.
  it('no reply or log text of the bot, its commands and jobs names an English command', () => {
    const files = ['src/text', 'commands', 'src/core', 'src/wechat', 'src/jobs', 'src/reports'].flatMap((dir) => readdirSync(dir).map((f) => join(dir, f))).filter((f) => f.endsWith('.ts'))
    const offending = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, k) => ({ where: `${file}:${k + 1}`, code: line.replace(/^\s*(?:\/\/|\*|\/\*\*).*$/u, '').replace(/\s\/\/\s.*$/u, '') }))
        .filter((l) => ENGLISH.test(l.code))
        .map((l) => `${l.where} ${l.code.trim()}`),
    )
    expect(offending).toEqual([])
  })
})
