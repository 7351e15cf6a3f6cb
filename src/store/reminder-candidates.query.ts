import type { Contact, ReminderCandidate } from '../domain/reminders.ts'
import type { Db } from './database.ts'
import { listProjects } from './projects.repository.ts'
import { getAllStageDates } from './stages.repository.ts'

/**
 * Every active project as the reminder job weighs it, in four queries whatever the number of
 * projects: its group, stage dates, the day of its latest progress, and its latest progress reporters.
 */
export async function listReminderCandidates(db: Db): Promise<ReminderCandidate[]> {
  const projects = await listProjects(db)
  const stages = await getAllStageDates(db)
  const latest = await db
    .selectFrom('progress_updates')
    .select('project_id')
    .select((eb) => eb.fn.max('recorded_on').as('last_on'))
    .where('retracted_at', 'is', null)
    .groupBy('project_id')
    .execute()
  const lastOn = new Map(latest.map((r) => [r.project_id, r.last_on]))
  const reporters = await db
    .selectFrom('progress_updates')
    .innerJoin('people', 'people.id', 'progress_updates.reporter_id')
    .select(['progress_updates.project_id', 'people.wechat_id', 'people.name'])
    .select((eb) => eb.fn.max('progress_updates.recorded_at').as('last_at'))
    .where('progress_updates.retracted_at', 'is', null)
    .groupBy(['progress_updates.project_id', 'people.id'])
    .orderBy('last_at', 'desc')
    .execute()
  const byProject = new Map<number, Contact[]>()
  for (const r of reporters) {
    const list = byProject.get(r.project_id)
    const contact = { id: r.wechat_id, name: r.name }
    if (list) list.push(contact)
    else byProject.set(r.project_id, [contact])
  }
  return projects.map((p) => ({
    projectId: p.id,
    projectName: p.name,
    roomId: p.roomId,
    muted: p.muted,
    stages: stages.get(p.id) ?? {},
    lastProgressOn: lastOn.get(p.id) ?? null,
    recentReporters: byProject.get(p.id) ?? [],
  }))
}
