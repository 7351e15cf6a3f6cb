import { randomUUID } from 'node:crypto'
import { statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as PUPPET from 'wechaty-puppet'
import type { mock } from 'wechaty-puppet-mock'
import { FakeClock } from '../../src/clock.ts'
import { isolateHome, waitFor, WireHarness } from './harness.ts'
import { startBot, type BotUnderTest } from './start-bot.ts'

const TODAY = '2026-11-30'
const FILE_NAME = `督办台账-${TODAY}.xlsx`

let h: WireHarness
let b: BotUnderTest
let admin: mock.ContactMock
let zhang: mock.ContactMock
let room: mock.RoomMock

/** A message sent at a given time: the group has a history before today. */
function sayAt(member: mock.ContactMock, text: string, at: string): string {
  const msg = h.mocker.MessageMock.create({
    id: randomUUID(),
    timestamp: new Date(`${at}+08:00`).getTime(),
    talkerId: member.id,
    roomId: room.id,
    type: PUPPET.types.Message.Text,
    text,
    mentionIdList: [],
  } as PUPPET.payloads.Message)
  h.puppet.emit('message', { messageId: msg.id })
  return msg.id
}

beforeAll(async () => {
  isolateHome()
  h = await WireHarness.start()
  b = await startBot(h, { clock: new FakeClock(`${TODAY}T10:00:00+08:00`) })
  admin = h.admin()
  zhang = h.contact('张科长')
  room = h.room('【项目】新材料推进群', [zhang, admin])
  sayAt(zhang, '施工用电还没接入，供电局说要等电力设施迁改', '2026-11-16T09:00:00')
  await h.waitForSay(room, /已登记问题 #1/)
  // Plain progress gets no reply of its own (CONFIRM=issues): wait until it is handled.
  await b.handled(sayAt(zhang, '厂房主体已完成60%，预计12月底封顶', '2026-11-24T15:00:00'))
})

afterAll(async () => {
  await b?.stop()
  await h?.stop()
})

describe('/导出 over the wire', () => {
  it('an admin in private chat gets a summary, then exactly one file: the workbook, whole', async () => {
    h.say(admin, 'bot', '/导出')
    expect(await h.waitForSay(admin, /督办台账/)).toBe(
      '📊 督办台账（截至11月30日）：项目 1 个，问题 1 个（未办结 1 个，其中超期 1 个），进度记录 1 条。Excel 文件随后发送，含项目台账、问题台账、进度记录、专班汇总、周通报五张表。',
    )
    const [file] = await waitFor(() => h.files.length > 0 && h.files, 10_000, () => 'no file was sent')
    expect(h.files).toHaveLength(1)
    expect(file).toMatchObject({ conversationId: admin.id, name: FILE_NAME })

    const book = new ExcelJS.Workbook()
    // exceljs declares its own Buffer (an ArrayBuffer); hand it the bytes as one.
    await book.xlsx.load(new Uint8Array(file!.bytes).buffer)
    expect(book.worksheets.map((s) => s.name)).toEqual(['项目台账', '问题台账', '进度记录', '专班汇总', '周通报'])
    const issues = book.getWorksheet('问题台账')!
    // Under the title row (titled with the time the admin asked) and the header: 序号 1.
    expect(issues.getCell('A1').value).toMatch(/^督办台账 · 问题台账（截至\d{4}年\d+月\d+日 \d\d:\d\d）$/u)
    expect(issues.getRow(3).getCell(1).value).toBe(1)
    expect(issues.getRow(3).getCell(5).value).toBe('施工用电还没接入，供电局说要等电力设施迁改')
    expect(issues.getRow(3).getCell(11).value).toBe('超期')

    // Kept in the data folder, next to the database, for its owner only.
    const kept = join(dirname(b.dbPath), 'exports', FILE_NAME)
    expect(statSync(kept).mode & 0o777).toBe(0o600)
    expect(statSync(kept).size).toBe(file!.bytes.length)
  })

  it('anyone else in private chat is refused, and no file goes out', async () => {
    const sent = h.files.length
    h.say(zhang, 'bot', '/导出')
    expect(await h.waitForSay(zhang, /./)).toBe('您好，我是督办助手，只在项目群里记录进度和问题；私聊查询仅对管理员开放。')
    h.say(admin, room, '/export')
    expect(await h.waitForSay(room, /导出/)).toBe('/导出 请在私聊使用。')
    await b.app.drained()
    expect(h.files).toHaveLength(sent)
  })

  it('/help lists it for an admin in private chat', async () => {
    h.say(admin, 'bot', '/help')
    expect(await h.waitForSay(admin, /督办助手命令/)).toContain('\n/导出 导出督办台账 Excel')
  })
})
