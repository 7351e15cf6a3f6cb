import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ParsedRecord } from '../../src/parse/types.ts'
import { getProjectStatus } from '../../src/reports/status.ts'
import {
  findIssueByNumber,
  findLatestProgress,
  findMessageByWechatId,
  findPersonByWechatId,
  getStageDates,
  ingestMessage,
  listIssueEvents,
  listProjectMembers,
  recallMessage,
  resolveIssue,
  undoLastRecord,
} from '../../src/store/index.ts'
import { message, newProject, openTestStore, recallOf, settings, type TestStore } from './store-fixture.ts'

const progress: ParsedRecord = { type: 'progress', stage: 'construction', percent: null, due: null, summary: '项目今天正式开工' }
const issue: ParsedRecord = { type: 'issue', category: 'land', due: null, summary: '青苗补偿还没谈妥' }

describe('ingest', () => {
  let store: TestStore
  beforeEach(async () => (store = await openTestStore()))
  afterEach(async () => store.close())

  it('stores the message and its records once; a second delivery changes nothing and says so', async () => {
    const p = await newProject(store.db, '宏达电子')
    const m = message(p.id, { text: '项目今天正式开工，青苗补偿还没谈妥' })
    const first = await ingestMessage(store.db, m, [progress, issue], settings)
    if (first.duplicate) throw new Error('first delivery taken for a duplicate')
    expect(first.progress).toHaveLength(1)
    expect(first.stages.map((s) => [s.stage, s.reachedOn])).toEqual([['construction', '2026-03-02']])
    expect(first.issues.map((i) => [i.number, i.category, i.messageId])).toEqual([[1, 'land', first.messageId]])

    const second = await ingestMessage(store.db, { ...m, sender: { wechatId: 'wxid_zhang', name: '改了名' } }, [progress, issue], settings)
    expect(second).toEqual({ duplicate: true, messageId: first.messageId })
    expect(await findIssueByNumber(store.db, p.id, 2)).toBeNull()
    const counts = await Promise.all(
      (['messages', 'progress_updates', 'issues', 'stage_events', 'issue_events'] as const).map(async (t) =>
        Number((await store.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      ),
    )
    expect(counts).toEqual([1, 1, 1, 1, 1])
    expect((await listProjectMembers(store.db, p.id)).map((x) => x.name)).toEqual(['张科长'])
  })

  it('keeps the sender, the times and the project activity', async () => {
    const p = await newProject(store.db, '宏达电子')
    const m = message(p.id, { sentAt: new Date('2026-03-01T17:30:00Z') })
    const r = await ingestMessage(store.db, m, [], settings)
    const stored = await findMessageByWechatId(store.db, m.wechatId)
    expect(stored).toMatchObject({ id: r.messageId, text: m.text, cut: false, sentAt: m.sentAt, receivedAt: m.receivedAt, recalledAt: null })
    // 17:30 UTC on the 1st is the 2nd in Beijing: the day a message counts for is read in the bot's zone.
    const row = await store.db.selectFrom('messages').select('sent_on').executeTakeFirstOrThrow()
    expect(row.sent_on).toBe('2026-03-02')
    const status = await getProjectStatus(store.db, p.id, { today: '2026-03-04', calendar: settings.calendar, timeZone: 'Asia/Shanghai', thresholds: { signedMonths: 6, landMonths: 6, constructionMonths: 18 } })
    expect([status?.lastMessageOn, status?.workingDaysSilent]).toEqual(['2026-03-02', 2])
  })

  it('follows a sender who renames, and notes a member as seen again on a later day only', async () => {
    const p = await newProject(store.db, '宏达电子')
    const at = (iso: string) => new Date(iso)
    await ingestMessage(store.db, message(p.id, { sentAt: at('2026-03-02T01:00:00Z') }), [], settings)
    await ingestMessage(store.db, message(p.id, { sentAt: at('2026-03-02T05:00:00Z') }), [], settings)
    const seen = () => store.db.selectFrom('memberships').select(['first_seen_at', 'last_seen_at']).executeTakeFirstOrThrow()
    expect(await seen()).toEqual({ first_seen_at: '2026-03-02T01:00:00.000Z', last_seen_at: '2026-03-02T01:00:00.000Z' })
    const renamed = await ingestMessage(store.db, message(p.id, { sentAt: at('2026-03-03T02:00:00Z'), sender: { wechatId: 'wxid_zhang', name: '张处长' } }), [], settings)
    expect(renamed.duplicate ? null : renamed.sender.name).toBe('张处长')
    expect((await findPersonByWechatId(store.db, 'wxid_zhang'))?.name).toBe('张处长')
    expect(await seen()).toEqual({ first_seen_at: '2026-03-02T01:00:00.000Z', last_seen_at: '2026-03-03T02:00:00.000Z' })
  })

  it('keeps 20,000 characters whole and cuts a longer text, marking it', async () => {
    const p = await newProject(store.db, '宏达电子')
    const whole = message(p.id, { text: '进'.repeat(20_000) })
    const long = message(p.id, { text: '度'.repeat(20_001) })
    await ingestMessage(store.db, whole, [], settings)
    await ingestMessage(store.db, long, [], settings)
    const a = await findMessageByWechatId(store.db, whole.wechatId)
    const b = await findMessageByWechatId(store.db, long.wechatId)
    expect([a?.text.length, a?.cut]).toEqual([20_000, false])
    expect([b?.text.length, b?.cut]).toEqual([20_000, true])
  })

  it('takes the whole message back on a failure: no half-stored records', async () => {
    const p = await newProject(store.db, '宏达电子')
    const bad = { ...issue, category: null } as unknown as ParsedRecord
    await expect(ingestMessage(store.db, message(p.id, { wechatId: 'half' }), [progress, bad], settings)).rejects.toThrow()
    expect(await findMessageByWechatId(store.db, 'half')).toBeNull()
    expect(await findLatestProgress(store.db, p.id)).toBeNull()
  })
})

describe('recall and undo', () => {
  let store: TestStore
  beforeEach(async () => (store = await openTestStore()))
  afterEach(async () => store.close())

  it('retracts the records of a recalled message, keeps them, and says which', async () => {
    const p = await newProject(store.db, '宏达电子')
    const kept = message(p.id, { text: '厂房封顶' })
    await ingestMessage(store.db, kept, [{ ...progress, stage: null, summary: '厂房封顶' }], settings)
    const m = message(p.id, { sentAt: new Date('2026-03-02T10:00:00+08:00') })
    await ingestMessage(store.db, m, [progress, issue], settings)

    const at = new Date('2026-03-02T02:01:00Z')
    const recall = await recallMessage(store.db, recallOf(m), at)
    expect(recall?.alreadyRecalled).toBe(false)
    expect(recall?.progress.map((x) => x.summary)).toEqual(['项目今天正式开工'])
    expect(recall?.issues.map((x) => x.number)).toEqual([1])
    expect(recall?.stages.map((x) => x.stage)).toEqual(['construction'])

    expect((await findMessageByWechatId(store.db, m.wechatId))?.recalledAt).toEqual(at)
    expect((await findLatestProgress(store.db, p.id))?.summary).toBe('厂房封顶')
    expect(await findIssueByNumber(store.db, p.id, 1)).toBeNull()
    expect(await getStageDates(store.db, p.id)).toEqual({})
    const stillThere = await store.db.selectFrom('issues').select(['number', 'retracted_at']).executeTakeFirstOrThrow()
    expect(stillThere).toEqual({ number: 1, retracted_at: at.toISOString() })
    const issueId = (await store.db.selectFrom('issues').select('id').executeTakeFirstOrThrow()).id
    expect((await listIssueEvents(store.db, issueId)).map((e) => e.kind)).toEqual(['opened', 'retracted'])

    const again = await recallMessage(store.db, recallOf(m), at)
    expect(again).toMatchObject({ alreadyRecalled: true, progress: [], issues: [] })
    expect(await recallMessage(store.db, { ...recallOf(m), wechatId: 'never-seen' }, at)).toBeNull()
  })

  it('takes nothing back for a recall from another group or another sender', async () => {
    const p = await newProject(store.db, '宏达电子')
    const m = message(p.id)
    await ingestMessage(store.db, m, [progress, issue], settings)
    const at = new Date('2026-03-02T02:01:00Z')
    expect(await recallMessage(store.db, { ...recallOf(m), roomId: 'other@chatroom' }, at)).toBeNull()
    expect(await recallMessage(store.db, { ...recallOf(m), senderWechatId: 'wxid_li' }, at)).toBeNull()
    expect((await findMessageByWechatId(store.db, m.wechatId))?.recalledAt).toBeNull()
    expect(await findIssueByNumber(store.db, p.id, 1)).not.toBeNull()
  })

  it('reopens an issue when the resolution that closed it is recalled', async () => {
    const p = await newProject(store.db, '宏达电子')
    const opened = await ingestMessage(store.db, message(p.id), [issue], settings)
    if (opened.duplicate) throw new Error('unexpected duplicate')
    const said = message(p.id, { text: '青苗补偿已解决', sentAt: new Date('2026-03-03T09:00:00+08:00') })
    const solved = await ingestMessage(store.db, said, [{ type: 'resolution', category: 'land', summary: '青苗补偿已解决' }], settings)
    if (solved.duplicate) throw new Error('unexpected duplicate')
    const issueId = opened.issues[0]!.id
    await resolveIssue(
      store.db,
      { issueId, text: '青苗补偿已解决', command: null, resolutionId: solved.resolutions[0]!.id, actorId: solved.sender.id, messageId: solved.messageId, at: said.sentAt },
      settings.timeZone,
    )
    expect((await findIssueByNumber(store.db, p.id, 1))?.status).toBe('resolved')

    const recall = await recallMessage(store.db, recallOf(said), new Date('2026-03-03T02:00:00Z'))
    expect(recall?.resolutions).toHaveLength(1)
    expect(recall?.reopened.map((i) => [i.number, i.status, i.resolvedAt])).toEqual([[1, 'reopened', null]])
    expect((await listIssueEvents(store.db, issueId)).map((e) => [e.kind, e.status])).toEqual([
      ['opened', 'open'],
      ['resolved', 'resolved'],
      ['resolution-retracted', 'reopened'],
    ])
  })

  it('undo takes back only the last record of that person, with the stage it implied', async () => {
    const p = await newProject(store.db, '宏达电子')
    const first = await ingestMessage(store.db, message(p.id, { sentAt: new Date('2026-03-02T09:00:00+08:00') }), [issue], settings)
    const last = await ingestMessage(store.db, message(p.id, { sentAt: new Date('2026-03-02T10:00:00+08:00') }), [progress], settings)
    await ingestMessage(
      store.db,
      message(p.id, { sender: { wechatId: 'wxid_li', name: '李主任' }, sentAt: new Date('2026-03-02T11:00:00+08:00') }),
      [issue],
      settings,
    )
    if (first.duplicate || last.duplicate) throw new Error('unexpected duplicate')
    const at = new Date('2026-03-02T04:00:00Z')
    const undone = await undoLastRecord(store.db, { projectId: p.id, personId: last.sender.id, messageId: null, at })
    expect(undone?.progress.map((x) => x.id)).toEqual([last.progress[0]!.id])
    expect(undone?.stages).toHaveLength(1)
    expect(undone?.issues).toEqual([])
    const next = await undoLastRecord(store.db, { projectId: p.id, personId: last.sender.id, messageId: null, at })
    expect(next?.issues.map((i) => i.number)).toEqual([1])
    expect(await undoLastRecord(store.db, { projectId: p.id, personId: last.sender.id, messageId: null, at })).toBeNull()
    expect((await findIssueByNumber(store.db, p.id, 2))?.reporterId).not.toBe(last.sender.id)
  })
})
