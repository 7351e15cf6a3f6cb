import { afterEach, describe, expect, it } from 'vitest'
import { loadCalendar } from '../../../src/calendar/load-calendar.ts'
import { findDates } from '../../../src/parse/dates.ts'
import { parseChatText } from '../../../src/parse/parse-chat-text.ts'

const calendar = loadCalendar()
const first = (clause: string, today: string) => findDates(clause, today, calendar)[0]

describe('the date table of SPEC.md, sent on Monday 2026-03-02', () => {
  it.each([
    ['5月底', '2026-05-31'],
    ['5月末', '2026-05-31'],
    ['6月中旬', '2026-06-15'],
    ['6月上旬', '2026-06-10'],
    ['6月下旬', '2026-06-30'],
    ['3月15日前', '2026-03-15'],
    ['3.15前', '2026-03-15'],
    ['15号前', '2026-03-15'],
    ['月底', '2026-03-31'],
    ['本月底', '2026-03-31'],
    ['本周五', '2026-03-06'],
    ['下周三', '2026-03-11'],
    ['3天内', '2026-03-05'],
    ['一周内', '2026-03-09'],
    ['年底', '2026-12-31'],
    ['年内', '2026-12-31'],
    // the 10th working day after Monday 2 March: no holiday in between
    ['10个工作日内', '2026-03-16'],
  ])('%s → %s', (text, date) => {
    expect(first(text, '2026-03-02')?.date).toBe(date)
  })
})

describe('more date phrases', () => {
  it.each([
    ['下月底', '2026-01-16', '2026-02-28'],
    ['下个月15号', '2026-06-15', '2026-07-15'],
    ['十二月十五号', '2026-03-02', '2026-12-15'],
    ['明年3月底', '2026-03-02', '2027-03-31'],
    ['两周内', '2026-03-02', '2026-03-16'],
    ['两个月内', '2026-08-31', '2026-10-31'],
    ['明天', '2026-03-05', '2026-03-06'],
    ['后天', '2026-03-05', '2026-03-07'],
    ['周五前', '2026-03-07', '2026-03-13'], // a bare weekday that has passed is next week's
    ['下下周一', '2026-03-04', '2026-03-16'],
    ['本周内', '2026-03-03', '2026-03-06'],
    ['上半年', '2026-03-02', '2026-06-30'],
    ['国庆前', '2026-09-01', '2026-09-30'],
  ])('%s sent %s → %s', (text, today, date) => {
    expect(first(text, today)?.date).toBe(date)
  })

  it('rolls a month/day over the year end: 1月15日 sent on 2026-12-31 is 2027-01-15', () => {
    expect(first('1月15日前', '2026-12-31')?.date).toBe('2027-01-15')
  })

  it('starts weeks on Monday: 下周三 sent on Sunday 2026-03-08 is 2026-03-11', () => {
    expect(first('下周三', '2026-03-08')?.date).toBe('2026-03-11')
  })

  it('reads 号 only as a day where a date is meant: 3号楼, 2号厂房 and 5.2亿 are none', () => {
    expect(findDates('3号楼高支模', '2026-03-02', calendar)).toEqual([])
    expect(findDates('2号厂房钢结构', '2026-03-02', calendar)).toEqual([])
    expect(findDates('总投资5.2亿', '2026-03-02', calendar)).toEqual([])
  })

  it('marks deadlines, past facts and "after" points', () => {
    expect(first('企业要求1月20日前必须拿到证', '2026-01-13')).toMatchObject({ date: '2026-01-20', deadline: true })
    expect(first('下周三省厅来调研前要拿出方案', '2026-05-25')).toMatchObject({ date: '2026-06-03', deadline: true })
    expect(first('需在8月5日回复', '2026-07-30')).toMatchObject({ deadline: true })
    expect(first('4月7日已经开工', '2026-04-28')).toMatchObject({ past: true })
    expect(first('已于11月1日正式投产', '2026-11-03')).toMatchObject({ past: true })
    expect(first('国庆后进场施工', '2026-09-07')).toMatchObject({ date: '2026-10-01', after: true })
    expect(first('10号以后进场', '2026-09-07')).toMatchObject({ after: true })
  })
})

describe('impossible and implausible dates give none (issue 10)', () => {
  it('reads no day 0: 0号前 is no date (it gave 2026-04-00)', () => {
    expect(findDates('0号前必须拿到', '2026-03-20', calendar)).toEqual([])
    expect(findDates('下个月0号', '2026-03-20', calendar)).toEqual([])
  })

  it('takes the coming holiday for a deadline before it, never last year’s', () => {
    // 元旦前 sent in March: this year's 31 December, not last year's (an issue born overdue).
    expect(first('元旦前必须拿到', '2026-03-20')).toMatchObject({ date: '2026-12-31', past: false })
    expect(first('五一前必须拿到', '2026-05-20')).toMatchObject({ date: '2027-04-30', past: false })
    expect(first('五一前必须拿到', '2026-04-20')?.date).toBe('2026-04-30')
    // On the holiday itself, "before it" is the next one's eve.
    expect(first('国庆前完成', '2026-10-01')?.date).toBe('2027-09-30')
  })

  it('keeps a whole month just ended a fact, as a recent month/day is (issue 20)', () => {
    expect(first('8月份的房租已经交了', '2026-10-05')).toMatchObject({ date: '2026-08-31', past: true })
    expect(first('11月的社保今天补缴了', '2027-01-12')).toMatchObject({ date: '2026-11-30', past: true })
    expect(first('9月完成设备安装', '2026-03-02')).toMatchObject({ date: '2026-09-30', past: false })
    expect(first('5月完成设备安装', '2026-12-02')).toMatchObject({ date: '2027-05-31', past: false })
    expect(first('预计12月份具备投产条件', '2026-02-10')).toMatchObject({ date: '2026-12-31', past: false })
    expect(parseChatText('民工8月份的工资今天全部发到卡上了', '2026-10-05T10:00:00+08:00', { calendar }).map((r) => r.type)).toEqual(['resolution'])
  })

  it('keeps a bare holiday of the recent past a fact', () => {
    expect(first('五一后只来了90人', '2026-05-11')).toMatchObject({ date: '2026-05-01', past: true })
  })

  it('reads no date more than 20 years ahead or 50 back: 9999年12月31日前 is none (nor its 12月31日)', () => {
    expect(findDates('9999年12月31日前必须拿到', '2026-03-20', calendar)).toEqual([])
    expect(first('预计2040年底竣工', '2026-03-20')?.date).toBe('2040-12-31')
    expect(findDates('1900年3月5日', '2026-03-20', calendar)).toEqual([])
  })
})

describe('working days in dates', () => {
  it.each([
    // Spring Festival 2026: 15–23 Feb off, Saturday 14 Feb and Saturday 28 Feb make-up working days
    ['2026-02-09', '2026-02-28'],
    // Qingming: 4–6 April off
    ['2026-04-02', '2026-04-17'],
    // Mid-Autumn and National Day: 25 Sep, 1–7 Oct off, Saturday 10 Oct a make-up day
    ['2026-09-20', '2026-10-10'],
  ])('10个工作日内 sent %s → %s', (today, date) => {
    expect(first('10个工作日内', today)?.date).toBe(date)
  })

  it('counts into a year without a notice by the holiday law (provisional): 元旦 2027 is off', () => {
    expect(first('10个工作日内', '2026-12-28')?.date).toBe('2027-01-12')
  })

  it('says so instead of guessing when the year cannot be computed at all', () => {
    const mention = first('10个工作日内', '2099-12-28')
    expect(mention?.date).toBeNull()
    expect(mention?.problem).toMatch(/2100/)
    const [issue] = parseChatText('施工许可还没批，企业要求10个工作日内办结', '2099-12-28T10:00:00+08:00', { calendar })
    expect(issue).toMatchObject({ type: 'issue', category: 'approval', due: null })
    expect(issue).toHaveProperty('dueProblem')
  })
})

describe('the day of sentAt is taken in Asia/Shanghai, whatever the process timezone', () => {
  const original = process.env.TZ
  afterEach(() => {
    process.env.TZ = original
  })

  it.each(['UTC', 'America/Los_Angeles', 'Asia/Shanghai'])('TZ=%s', (tz) => {
    process.env.TZ = tz
    // 16:30 UTC on 1 March is 00:30 on Monday 2 March in Shanghai: 本周五 is 6 March.
    const [record] = parseChatText('钢结构吊装完成80%，本周五全部完成', '2026-03-01T16:30:00Z', { calendar })
    expect(record).toMatchObject({ type: 'progress', percent: 80, due: '2026-03-06' })
  })
})

describe('cost in proportion to the text (issue 10: 100,000 characters of 明天 took 4.4 s)', () => {
  /** The best of three runs, so that a busy machine's pause in one of them does not count. */
  const cost = (text: string) =>
    Math.min(
      ...[0, 1, 2].map(() => {
        const start = performance.now()
        findDates(text, '2026-03-20', calendar)
        return performance.now() - start
      }),
    )

  it('takes about ten times as long for ten times the text, not a hundred times', () => {
    const small = cost('明天'.repeat(5_000))
    const large = cost('明天'.repeat(50_000))
    // Linear gives ~10; the quadratic overlap check gave ~100.
    expect(large / small).toBeLessThan(30)
  })
})
