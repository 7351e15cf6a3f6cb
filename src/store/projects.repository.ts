import type { Db } from './database.ts'
import { toProject } from './mappers.ts'
import type { Project } from './types.ts'

export interface NewProject {
  name: string
  county?: string | null
  roomId?: string | null
  roomTopic?: string | null
  at: Date
}

export async function createProject(db: Db, input: NewProject): Promise<Project> {
  const row = await db
    .insertInto('projects')
    .values({
      name: input.name,
      county: input.county ?? null,
      room_id: input.roomId ?? null,
      room_topic: input.roomTopic ?? null,
      created_at: input.at.toISOString(),
      archived_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toProject(row)
}

export async function findProjectById(db: Db, id: number): Promise<Project | null> {
  const row = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toProject(row) : null
}

/** The project bound to a room id (archived ones too: the caller decides what an archived group means). */
export async function findProjectByRoomId(db: Db, roomId: string): Promise<Project | null> {
  const row = await db.selectFrom('projects').selectAll().where('room_id', '=', roomId).executeTakeFirst()
  return row ? toProject(row) : null
}

/** An active project last seen under this group topic: how a group with a new id is found again. */
export async function findProjectByTopic(db: Db, topic: string): Promise<Project | null> {
  const row = await db
    .selectFrom('projects')
    .selectAll()
    .where('room_topic', '=', topic)
    .where('archived_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return row ? toProject(row) : null
}

export async function findProjectByName(db: Db, name: string): Promise<Project | null> {
  const row = await db
    .selectFrom('projects')
    .selectAll()
    .where('name', '=', name)
    .where('archived_at', 'is', null)
    .executeTakeFirst()
  return row ? toProject(row) : null
}

/** Binds (or re-binds, after an id change) a group to a project, keeping its topic beside the id. */
export async function bindProjectRoom(db: Db, projectId: number, roomId: string, roomTopic: string): Promise<void> {
  await db.updateTable('projects').set({ room_id: roomId, room_topic: roomTopic }).where('id', '=', projectId).execute()
}

/** Releases the group; the project and its history stay. */
export async function unbindProjectRoom(db: Db, projectId: number): Promise<void> {
  await db.updateTable('projects').set({ room_id: null }).where('id', '=', projectId).execute()
}

export async function setProjectMuted(db: Db, projectId: number, muted: boolean): Promise<void> {
  await db.updateTable('projects').set({ muted: muted ? 1 : 0 }).where('id', '=', projectId).execute()
}

export async function archiveProject(db: Db, projectId: number, at: Date): Promise<void> {
  await db
    .updateTable('projects')
    .set({ archived_at: at.toISOString(), room_id: null })
    .where('id', '=', projectId)
    .execute()
}

export async function listActiveProjects(db: Db): Promise<Project[]> {
  const rows = await db.selectFrom('projects').selectAll().where('archived_at', 'is', null).orderBy('id').execute()
  return rows.map(toProject)
}
