import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../../src/config.ts'
import { DEFAULT_TEAMS, parseTeams } from '../../../src/domain/teams.ts'
import { cronProblem, firstFireOn } from '../../../src/jobs/cron.ts'
import { zonedInstant } from '../../../src/calendar/zoned-time.ts'
import { loadTeams, settingsFromEnv } from '../../../src/settings.ts'

describe('cron settings', () => {
  it.each(['0 17 * * *', '30 8 * * *', '*/2 * * * * *', '0 0 9 * * 1-6'])('accepts %s', (expression) => {
    expect(cronProblem(expression)).toBeNull()
  })
  it.each([
    ['0 25 * * *', /“25”不是有效的时/],
    ['every day', /应为 5 段或 6 段，这里是 2 段/],
    ['', /不是有效的定时写法/],
  ])('refuses %j with a clear reason in Chinese', (expression, reason) => {
    expect(cronProblem(expression)).toMatch(reason)
  })

  it('are read with their defaults and checked at start, every bad one listed', () => {
    const config = loadConfig({})
    expect(config.schedule).toEqual({ reminder: '0 17 * * *', blockers: '0 9 * * *', digest: '30 8 * * *', weekly: '0 9 * * 1' })
    expect(config.reminderAfterWorkingDays).toBe(1)
    expect(config.slowThresholds).toEqual({ signedMonths: 6, landMonths: 6, constructionMonths: 18 })
    expect(config.teamsFile).toBe('data/teams.json')
    expect(config.holidaysFile).toBe('data/holidays.json')
    expect(loadConfig({ HOLIDAYS_FILE: '/etc/duban/holidays.json' }).holidaysFile).toBe('/etc/duban/holidays.json')
    expect(loadConfig({ DIGEST_RECIPIENTS: '王局长， 【督办】领导群,' }).digestRecipients).toEqual(['王局长', '【督办】领导群'])
    try {
      loadConfig({ REMINDER_CRON: '0 25 * * *', DIGEST_CRON: 'bad', SLOW_LAND_MONTHS: '0', REMINDER_AFTER_WORKING_DAYS: 'x' })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as ConfigError).problems.map((p) => p.split('=')[0])).toEqual([
        'REMINDER_CRON',
        'DIGEST_CRON',
        'REMINDER_AFTER_WORKING_DAYS',
        'SLOW_LAND_MONTHS',
      ])
    }
  })
})

describe('firstFireOn: whether a run missed while down is due', () => {
  it.each([
    ['0 17 * * *', '2026-10-10', '2026-10-10T09:00:00.000Z'],
    ['30 8 * * *', '2026-10-12', '2026-10-12T00:30:00.000Z'],
    ['*/2 * * * * *', '2026-10-10', '2026-10-09T16:00:00.000Z'],
    // A weekday-only schedule does not fire on the make-up Saturday: the city chose that.
    ['0 17 * * 1-5', '2026-10-10', null],
    // The weekly 通报: Mondays only.
    ['0 9 * * 1', '2026-10-12', '2026-10-12T01:00:00.000Z'],
    ['0 9 * * 1', '2026-10-13', null],
  ])('%s on %s → %s', (expression, day, at) => {
    expect(firstFireOn(expression, day, 'Asia/Shanghai')?.toISOString() ?? null).toBe(at)
  })

  it('reads wall-clock times in the zone, daylight saving included', () => {
    expect(zonedInstant('2026-07-01', 9, 0, 0, 'Europe/Berlin').toISOString()).toBe('2026-07-01T07:00:00.000Z')
    expect(zonedInstant('2026-01-05', 9, 0, 0, 'Europe/Berlin').toISOString()).toBe('2026-01-05T08:00:00.000Z')
  })
})

describe('the teams file', () => {
  it('ships the eight teams of SPEC.md, exactly the defaults', () => {
    const committed: unknown = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../data/teams.json'), 'utf8'))
    expect(parseTeams(committed)).toEqual(DEFAULT_TEAMS)
  })

  it('lets a city rename a team or add a liaison, writing only what changes', () => {
    const teams = parseTeams({ teams: { land: { liaisons: ['王科长', 'wxid_abc'] }, other: { name: '项目服务专班' } } })
    expect(teams.land).toEqual({ name: '土地工作专班', liaisons: ['王科长', 'wxid_abc'] })
    expect(teams.other).toEqual({ name: '项目服务专班', liaisons: [] })
    expect(teams.finance).toEqual(DEFAULT_TEAMS.finance)
  })

  it.each([
    [{ teams: { lands: { name: '土地' } } }, /teams：不认识的专班代码 lands/],
    [{ teams: { land: { name: '' } } }, /teams\.land\.name：专班名称不能为空/],
    [{ teams: { land: { liaison: '王科长' } } }, /teams\.land：不认识的字段 liaison/],
    [{}, /缺少 "teams"/],
  ])('refuses %j, naming the place in Chinese', (json, problem) => {
    expect(() => parseTeams(json, 'data/teams.json')).toThrow(problem)
  })

  it('is an error at start when missing or not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-teams-'))
    expect(() => loadTeams(join(dir, 'teams.json'))).toThrow(/TEAMS_FILE：找不到专班文件/)
    writeFileSync(join(dir, 'teams.json'), '{ "teams": ')
    expect(() => loadTeams(join(dir, 'teams.json'))).toThrow(/TEAMS_FILE：专班文件 .* 不是有效的 JSON/)
  })
})

describe('the settings as a whole', () => {
  it('lists a bad variable, a missing teams file and a broken holidays file in one Chinese error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-settings-'))
    writeFileSync(join(dir, 'holidays.json'), JSON.stringify({ years: { 2027: { holidays: ['2027-13-01'], workdays: [] } } }))
    try {
      settingsFromEnv({ SEND_INTERVAL_MS: 'fast', TEAMS_FILE: join(dir, 'teams.json'), HOLIDAYS_FILE: join(dir, 'holidays.json') })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as ConfigError).problems).toEqual([
        'SEND_INTERVAL_MS="fast"：应为 0 到 600000 之间的整数',
        `TEAMS_FILE：找不到专班文件 ${join(dir, 'teams.json')}；请从代码仓库复制 data/teams.json`,
        `HOLIDAYS_FILE：节假日文件 ${join(dir, 'holidays.json')} 有误：years.2027.holidays.0：不是有效的日期，应写成 2027-01-01 这样`,
      ])
      expect((error as ConfigError).message).toMatch(/^设置有误/)
    }
  })
})
