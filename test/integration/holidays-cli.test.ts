import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadCalendar } from '../../src/calendar/load-calendar.ts'
import { addDays } from '../../src/calendar/local-date.ts'

const root = resolve(import.meta.dirname, '../..')
const notices = resolve(root, 'test/fixtures/holiday-notices')
const official = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> }

function holidays(args: string[], file: string) {
  return spawnSync(resolve(root, 'node_modules/.bin/tsx'), ['src/cli/holidays.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, HOLIDAYS_FILE: file } })
}

describe('npm run holidays -- import', () => {
  it('turns the published 2026 notice into exactly the 2026 days chinese-days holds, and says what it added', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'duban-holidays-')), 'holidays.json')
    const run = holidays(['import', join(notices, '2026.txt')], file)
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(`已写入 ${file}：2026 年放假 33 天、调休上班 6 天。\n元旦：1月1日至1月3日放假；1月4日上班\n春节：2月15日至2月23日放假；2月14日、2月28日上班\n`)
    expect(run.stdout).toContain('与程序自带的 2026 年数据一致。')
    const json = JSON.parse(readFileSync(file, 'utf8')) as { years: Record<string, { holidays: string[]; workdays: string[] }> }
    expect(json.years['2026']).toEqual({
      holidays: Object.keys(official.holidays).filter((d) => d.startsWith('2026-')).sort(),
      workdays: Object.keys(official.workdays).filter((d) => d.startsWith('2026-')).sort(),
    })
    // Read back as the bot reads it, every day of the year agrees with the package's calendar.
    const imported = loadCalendar(file)
    const bundled = loadCalendar()
    for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) expect(imported.isWorkingDay(d), d).toBe(bundled.isWorkingDay(d))
  })

  it('makes 2027 official: a notice for it replaces the provisional year', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-holidays-'))
    const file = join(dir, 'holidays.json')
    // A 2027 notice in the published form (dates made up for the test: 2月6日 is 正月初一).
    const notice = resolve(root, 'test/fixtures/notice-2027-made-up.txt')
    expect(loadCalendar(file).isProvisional(2027)).toBe(true)
    const run = holidays(['import', notice], file)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const calendar = loadCalendar(file)
    expect(calendar.isProvisional(2027)).toBe(false)
    expect(calendar.isWorkingDay('2027-02-10')).toBe(false)
    expect(calendar.isWorkingDay('2027-02-20')).toBe(true)
  })

  it('refuses a notice it cannot read whole, names the sentence, and leaves the file as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-holidays-'))
    const file = join(dir, 'holidays.json')
    const bad = join(dir, 'bad.txt')
    writeFileSync(bad, readFileSync(join(notices, '2026.txt'), 'utf8').replace('5月9日（周六）上班', '5月9日（周日）上班'))
    const run = holidays(['import', bad], file)
    expect(run.status).toBe(2)
    expect(run.stderr).toBe(`没有导入：劳动节：读不懂这一句「5月9日(周日)上班」：2026-05-09 不是周日。请对照通知原文改正 ${bad} 后再导入，${file} 未改动。\n`)
    expect(existsSync(file)).toBe(false)
  })

  it('says how to use it', () => {
    const run = holidays([], join(tmpdir(), 'unused.json'))
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/^用法：npm run holidays -- import 通知\.txt/u)
  })
})
