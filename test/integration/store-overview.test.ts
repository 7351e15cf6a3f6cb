import { afterEach, beforeEach, expect, it } from 'vitest'
import { SEVERE_OVERDUE_WORKING_DAYS } from '../../src/domain/digest.ts'
import { countByColour } from '../../src/domain/sla.ts'
import { DEFAULT_SLOW_THRESHOLDS } from '../../src/domain/slow-projects.ts'
import type { Category } from '../../src/parse/types.ts'
import { listOpenIssues, listProjectOverview, listProjectStatuses, type StatusQuery } from '../../src/reports/status.ts'
import { countOpenIssuesDueByProject, countOpenIssuesDueByTeam, openIssue, resolveIssue } from '../../src/store/index.ts'
import { newProject, openTestStore, settings, type TestStore } from './store-fixture.ts'

let store: TestStore
beforeEach(async () => (store = await openTestStore()))
afterEach(async () => store.close())

it('counts open issues per project and per team in SQL exactly as the statuses count them one by one', async () => {
  const db = store.db
  const projects = [await newProject(db, '甲'), await newProject(db, '乙'), await newProject(db, '丙')]
  const opened: [number, Category, string, string | null][] = [
    [0, 'land', '2026-02-12T09:00:00', null], // due 02-28: red on 03-05
    [0, 'land', '2026-03-02T09:00:00', null], // due 03-11: green
    [0, 'finance', '2026-02-25T09:00:00', null], // due 03-05: yellow (today)
    [1, 'finance', '2026-02-27T09:00:00', null], // due 03-10: yellow (2 working days left)
    [1, 'approval', '2026-03-02T09:00:00', '2026-03-04'], // stated, past: red
    [1, 'approval', '2026-03-02T09:00:00', null], // due date lost below: green
    [2, 'safety', '2026-02-02T09:00:00', null], // due 02-11: 13 working days past due, 严重超期
    [2, 'safety', '2026-02-24T09:00:00', null], // due 03-04 (after 春节 and make-up 02-28): 1 past due, 超期
  ]
  const ids: number[] = []
  for (const [p, category, at, due] of opened) {
    const issue = await openIssue(db, { projectId: projects[p]!.id, messageId: null, command: 'report', actorId: null, at: new Date(`${at}+08:00`) }, { category, due, summary: category }, settings)
    ids.push(issue.id)
  }
  await db.updateTable('issues').set({ due_on: null }).where('id', '=', ids[5]!).execute()
  await resolveIssue(db, { issueId: ids[1]!, text: null, command: 'resolve', actorId: null, messageId: null, at: new Date('2026-03-03T09:00:00+08:00') }, settings.timeZone)

  const query: StatusQuery = { today: '2026-03-05', calendar: settings.calendar, timeZone: settings.timeZone, thresholds: DEFAULT_SLOW_THRESHOLDS }
  const overview = await listProjectOverview(db, query)
  const statuses = await listProjectStatuses(db, query)
  expect(overview.statuses).toEqual(statuses.statuses)
  expect(overview.statuses.map((s) => s.openIssues)).toEqual([
    { red: 1, yellow: 1, green: 0, total: 2 },
    { red: 1, yellow: 1, green: 1, total: 3 },
    { red: 2, yellow: 0, green: 0, total: 2 },
  ])
  expect(overview.teams).toMatchObject({
    land: { red: 1, yellow: 0, green: 0 },
    finance: { red: 0, yellow: 2, green: 0 },
    approval: { red: 1, yellow: 0, green: 1 },
    safety: { red: 2, yellow: 0, green: 0 },
    labour: { red: 0, yellow: 0, green: 0 },
  })
  // The board's colours: 严重超期 red, 超期 yellow, 临期 blue, each as the issues aged one by one say.
  expect(projects.map((p) => overview.colours.projects.get(p.id))).toEqual([
    { red: 0, yellow: 1, blue: 1, green: 0 },
    { red: 0, yellow: 1, blue: 1, green: 1 },
    { red: 1, yellow: 1, blue: 0, green: 0 },
  ])
  for (const p of projects) {
    const aged = await listOpenIssues(db, { projectId: p.id, today: query.today, calendar: query.calendar })
    expect(overview.colours.projects.get(p.id)).toEqual(countByColour(aged, SEVERE_OVERDUE_WORKING_DAYS))
  }
  expect(overview.colours.teams.safety).toEqual({ red: 1, yellow: 1, blue: 0, green: 0 })
  expect(overview.colours.teams.labour).toEqual({ red: 0, yellow: 0, blue: 0, green: 0 })
  expect(overview.team).toBeNull()
  const finance = await listProjectOverview(db, query, 'finance')
  expect(finance.team).toEqual(
    new Map([
      [projects[0]!.id, { red: 0, yellow: 0, blue: 1, green: 0 }],
      [projects[1]!.id, { red: 0, yellow: 0, blue: 1, green: 0 }],
    ]),
  )
})

it('counts open issues by the due dates it is given, with no calendar: the cutoffs are the caller\'s', async () => {
  const db = store.db
  const [a, b] = [await newProject(db, '甲'), await newProject(db, '乙')]
  const open = async (projectId: number, category: Category, due: string | null) =>
    (await openIssue(db, { projectId, messageId: null, command: 'report', actorId: null, at: new Date('2026-03-02T09:00:00+08:00') }, { category, due, summary: category }, settings)).id
  await open(a.id, 'land', '2026-03-03')
  await open(a.id, 'land', '2026-03-10')
  await open(a.id, 'finance', '2026-03-20')
  await open(b.id, 'finance', '2026-03-09')
  await db.updateTable('issues').set({ due_on: null }).where('id', '=', await open(b.id, 'land', '2026-03-04')).execute()

  const cutoffs = { severeBefore: '2026-03-04', overdueBefore: '2026-03-09', dueSoonBefore: '2026-03-11' }
  expect(await countOpenIssuesDueByProject(db, cutoffs)).toEqual(
    new Map([
      [a.id, { severe: 1, overdue: 1, dueSoon: 1, total: 3 }],
      [b.id, { severe: 0, overdue: 0, dueSoon: 1, total: 2 }],
    ]),
  )
  expect(await countOpenIssuesDueByProject(db, cutoffs, 'finance')).toEqual(
    new Map([
      [a.id, { severe: 0, overdue: 0, dueSoon: 0, total: 1 }],
      [b.id, { severe: 0, overdue: 0, dueSoon: 1, total: 1 }],
    ]),
  )
  expect(await countOpenIssuesDueByTeam(db, cutoffs)).toEqual(
    new Map([
      ['land', { severe: 1, overdue: 1, dueSoon: 1, total: 3 }],
      ['finance', { severe: 0, overdue: 0, dueSoon: 1, total: 2 }],
    ]),
  )
})
