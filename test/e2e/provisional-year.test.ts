/**
 * 2027, a year without a State Council notice, over the real wire: an issue raised on 2027-02-01
 * gets a due date that skips the provisional 春节, /status and /问题 mark it 暂定; the notice,
 * imported while the bot runs, makes the year official and moves the due date, without a restart.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src/clock.ts'
import { listIssueEvents } from '../../src/store/index.ts'
import { waitFor, type WireHarness } from './harness.ts'
import { startOnWire, stopOnWire, type BotUnderTest } from './start-bot.ts'

const root = resolve(import.meta.dirname, '../..')
const holidaysFile = join(mkdtempSync(join(tmpdir(), 'duban-e2e-holidays-')), 'holidays.json')
let h: WireHarness
let b: BotUnderTest

beforeAll(async () => {
  ;({ h, b } = await startOnWire({ clock: new FakeClock('2027-02-01T10:00:00+08:00'), env: { HOLIDAYS_FILE: holidaysFile } }))
})

afterAll(() => stopOnWire(h, b))

describe('a year without a notice', () => {
  it('counts due dates by the holiday law, marks them 暂定, and counts again once the notice is imported', async () => {
    const zhang = h.contact('张三')
    const admin = h.contact('管理员')
    const room = h.room('【项目】新年度推进群', [zhang, admin])
    h.say(zhang, room, '施工用电还没接入，供电局说要等电力设施迁改', [], new Date('2027-02-01T10:00:00+08:00'))
    // 2月2日–4日, then 除夕 to 初三 (5–8日) off, then 9–12日: the 7th working day is 2月12日.
    expect(await h.waitForSay(room, /已登记问题 #1/)).toMatch(/ · 2月12日前办结（暂定）\n/)

    h.say(zhang, room, '/问题')
    expect(await h.waitForSay(room, /未办结问题/)).toMatch(/#1 增资扩产和园区建设专班 · 张三 · 今天提出 · 2月12日前 · 暂定\n/)
    h.say(zhang, room, '/状态')
    const status = await h.waitForSay(room, /项目「新年度」/)
    expect(status).toMatch(/#1 增资扩产和园区建设专班（暂定）：/)
    expect(status).toMatch(/\n注：标“暂定”的到期日和工作日数按法定节假日推算/)

    // The admin imports a 2027 notice (春节 2月5日–13日, 2月20日 worked) as the README says.
    // Dates made up for the test (春节 2月5日–13日, 2月20日 worked), in the published form.
    const made = join(root, 'test/fixtures/notice-2027-made-up.txt')
    const run = spawnSync(resolve(root, 'node_modules/.bin/tsx'), ['src/cli/holidays.ts', 'import', made], { cwd: root, encoding: 'utf8', env: { ...process.env, HOLIDAYS_FILE: holidaysFile } })
    expect(run.status).toBe(0)

    // Within one poll of the file: 2月2日–4日, 春节 5–13日 off, 15–18日: 2月18日, with an event.
    const moved = await waitFor(
      async () => {
        const row = await b.db.selectFrom('issues').select(['id', 'due_on']).executeTakeFirst()
        return row?.due_on === '2027-02-18' ? row : undefined
      },
      20_000,
      () => 'the due date was not recomputed',
    )
    expect((await listIssueEvents(b.db, moved.id)).map((e) => e.kind)).toEqual(['opened', 'due-recomputed'])
    expect(b.logs).toContain('info 按 2027 年的放假安排重算了 1 个未办结问题的到期日')
    h.say(zhang, room, '/问题')
    const after = await h.waitForSay(room, /未办结问题/)
    expect(after).toMatch(/2月18日前/)
    expect(after).not.toMatch(/ · 暂定/)
  })
})
