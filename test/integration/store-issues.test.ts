import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  assignIssue,
  findIssueByNumber,
  findIssuesByQuotedMessage,
  ingestMessage,
  listIssueEvents,
  listIssueTopics,
  markOutboxSent,
  openIssue,
  recordFollowUp,
  reopenIssue,
  resolveIssue,
  upsertPerson,
} from '../../src/store/index.ts'
import { message, newProject, openTestStore, queued, settings, type TestStore } from './store-fixture.ts'
import { slaDueDate } from '../../src/domain/sla.ts'

describe('issues', () => {
  let store: TestStore
  beforeEach(async () => (store = await openTestStore()))
  afterEach(async () => store.close())

  const report = (projectId: number, at: Date, due: string | null = null) =>
    openIssue(store.db, { projectId, messageId: null, command: 'report', actorId: null, at }, { category: 'finance', due, summary: '贷款未到位' }, settings)

  it('numbers issues per project, however they interleave', async () => {
    const projects = []
    for (let i = 0; i < 40; i++) projects.push(await newProject(store.db, `项目${i}`))
    const at = new Date('2026-03-02T01:00:00Z')
    for (let round = 0; round < 5; round++) {
      for (const p of projects.slice(round * 3)) await report(p.id, at)
    }
    const rows = await store.db.selectFrom('issues').select(['project_id', 'number']).orderBy('project_id').orderBy('number').execute()
    const byProject = new Map<number, number[]>()
    for (const r of rows) byProject.set(r.project_id, [...(byProject.get(r.project_id) ?? []), r.number])
    expect(byProject.get(projects[0]!.id)).toEqual([1])
    expect(byProject.get(projects[39]!.id)).toEqual([1, 2, 3, 4, 5])
    for (const numbers of byProject.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1))
  })

  it('keeps every status change as an event: open, resolved, reopened, resolved again, assigned', async () => {
    const p = await newProject(store.db, '宏达电子')
    const wang = await upsertPerson(store.db, { wechatId: 'wxid_wang', name: '王局' }, new Date('2026-03-02T00:00:00Z'))
    const issue = await report(p.id, new Date('2026-03-02T01:00:00Z'))
    const t = (h: number) => new Date(`2026-03-0${h}T03:00:00Z`)
    const src = (day: number) => ({ actorId: wang.id, messageId: null, at: t(day) })

    const resolved = await resolveIssue(store.db, { issueId: issue.id, text: '银行已放款', command: 'resolve', ...src(3) }, settings.timeZone)
    expect(resolved.changed).toBe(true)
    expect(resolved.issue).toMatchObject({ status: 'resolved', resolvedOn: '2026-03-03', resolutionText: '银行已放款', resolvedById: wang.id })
    const twice = await resolveIssue(store.db, { issueId: issue.id, text: '又说一次', command: 'resolve', ...src(4) }, settings.timeZone)
    expect(twice).toMatchObject({ changed: false, issue: { resolutionText: '银行已放款' } })

    const reopened = await reopenIssue(store.db, { issueId: issue.id, reason: '只放了一半', ...src(4) })
    expect(reopened.issue).toMatchObject({ status: 'reopened', resolvedAt: null, resolutionText: null })
    expect((await reopenIssue(store.db, { issueId: issue.id, reason: null, ...src(4) })).changed).toBe(false)
    expect((await listIssueTopics(store.db, p.id)).map((t) => [t.issue.number, t.issue.status])).toEqual([[1, 'reopened']])

    await assignIssue(store.db, { issueId: issue.id, assigneeId: wang.id, ...src(5) })
    await resolveIssue(store.db, { issueId: issue.id, text: '全部到位', command: 'resolve', ...src(6) }, settings.timeZone)
    const events = await listIssueEvents(store.db, issue.id)
    expect(events.map((e) => [e.kind, e.status, e.note])).toEqual([
      ['opened', 'open', null],
      ['resolved', 'resolved', '银行已放款'],
      ['reopened', 'reopened', '只放了一半'],
      ['assigned', 'reopened', null],
      ['resolved', 'resolved', '全部到位'],
    ])
    expect(events[3]?.assigneeId).toBe(wang.id)
    expect((await findIssueByNumber(store.db, p.id, 1))?.assigneeId).toBe(wang.id)
    // Each close left its resolution record behind.
    const resolutions = await store.db.selectFrom('resolutions').select(['summary', 'source_command']).orderBy('id').execute()
    expect(resolutions).toEqual([
      { summary: '银行已放款', source_command: 'resolve' },
      { summary: '全部到位', source_command: 'resolve' },
    ])
  })

  it('keeps what a follow-up and a recurring issue said as facts, not sentences', async () => {
    const p = await newProject(store.db, '宏达电子')
    const first = await report(p.id, new Date('2026-03-02T01:00:00Z'))
    const at = new Date('2026-03-03T01:00:00Z')
    await recordFollowUp(store.db, { issueId: first.id, summary: '催了一下', due: '2026-04-15', actorId: null, messageId: null, at })
    await recordFollowUp(store.db, { issueId: first.id, summary: '还在办', due: '2026-04-15', actorId: null, messageId: null, at })
    expect((await findIssueByNumber(store.db, p.id, 1))?.dueOn).toBe('2026-04-15')
    const again = await openIssue(store.db, { projectId: p.id, messageId: null, command: 'report', actorId: null, at }, { category: 'finance', due: null, summary: '又没到位', recurs: 1 }, settings)
    const facts = async (id: number) => (await listIssueEvents(store.db, id)).map((e) => [e.kind, e.note, e.dueOn, e.recurs])
    expect(await facts(first.id)).toEqual([
      ['opened', null, null, null],
      ['followed-up', '催了一下', '2026-04-15', null],
      // The deadline did not move this time.
      ['followed-up', '还在办', null, null],
    ])
    expect(await facts(again.id)).toEqual([['opened', null, null, 1]])
  })

  it.each([
    // Thursday before the Spring Festival: Fri, make-up Sat 14th, (holiday 15th–23rd), Tue 24th … make-up Sat 28th.
    ['2026-02-12T10:00:00+08:00', '2026-02-28'],
    ['2026-02-10T10:00:00+08:00', '2026-02-26'],
    // Opened during the holiday: the clock starts on the first working day after it.
    ['2026-02-18T10:00:00+08:00', '2026-03-03'],
    // Opened on the make-up Saturday itself.
    ['2026-02-28T10:00:00+08:00', '2026-03-10'],
    // 23:30 UTC on 2 March is already the 3rd in Beijing.
    ['2026-03-02T23:30:00Z', '2026-03-12'],
  ])('an issue opened at %s is due on %s (7 working days)', async (openedAt, due) => {
    const p = await newProject(store.db, '宏达电子')
    expect((await report(p.id, new Date(openedAt))).dueOn).toBe(due)
  })

  it('uses a stated due date over the SLA, and another SLA when configured', async () => {
    const p = await newProject(store.db, '宏达电子')
    expect((await report(p.id, new Date('2026-03-02T01:00:00Z'), '2026-03-20')).dueOn).toBe('2026-03-20')
    const short = await openIssue(
      store.db,
      { projectId: p.id, messageId: null, command: 'report', actorId: null, at: new Date('2026-02-13T01:00:00Z') },
      { category: 'land', due: null, summary: '征地' },
      { ...settings, dueDate: slaDueDate(settings.calendar, 1) },
    )
    expect(short.dueOn).toBe('2026-02-14')
  })

  it('finds the issue a quoted reply points at: its message, or the bot confirmation about it', async () => {
    const p = await newProject(store.db, '宏达电子')
    const m = message(p.id)
    const r = await ingestMessage(store.db, m, [{ type: 'issue', category: 'labour', due: null, summary: '缺焊工' }], settings)
    if (r.duplicate) throw new Error('unexpected duplicate')
    const at = new Date('2026-03-02T01:00:00Z')
    const item = await queued(store.db, { target: { kind: 'room', id: m.roomId }, text: '已记录问题 #1', issueId: r.issues[0]!.id, at })
    await markOutboxSent(store.db, item.id, at, 'bot-msg-1')
    expect((await findIssuesByQuotedMessage(store.db, m.wechatId)).map((i) => i.number)).toEqual([1])
    expect((await findIssuesByQuotedMessage(store.db, 'bot-msg-1')).map((i) => i.number)).toEqual([1])
    expect(await findIssuesByQuotedMessage(store.db, 'other')).toEqual([])
  })
})
