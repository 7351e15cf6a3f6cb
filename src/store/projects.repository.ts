import type { Db } from './database.ts'
import { toProject } from './mappers.ts'
import type { Project } from '../domain/types.ts'

/**
 * How a project got its group: its name matched PROJECT_ROOM_PATTERN ('topic'), or /bind by an
 * admin, or by the group's owner who is no admin ('owner': the only binding that yields).
 */
export type BoundBy = 'topic' | 'admin' | 'owner'

export interface NewProject {
  name: string
  county?: string | null
  roomId?: string | null
  roomTopic?: string | null
  boundBy?: BoundBy | null
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
      bound_by: input.boundBy ?? null,
      created_at: input.at.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toProject(row)
}

/** The project bound to a room id. */
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
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return row ? toProject(row) : null
}

export async function findProjectByName(db: Db, name: string): Promise<Project | null> {
  const row = await db.selectFrom('projects').selectAll().where('name', '=', name).executeTakeFirst()
  return row ? toProject(row) : null
}

/**
 * Binds (or re-binds, after an id change) a group to a project, keeping its topic beside the id;
 * `boundBy` when the binding is new, not when the same group only changed its id or its name.
 */
export async function bindProjectRoom(db: Db, projectId: number, roomId: string, roomTopic: string, boundBy?: BoundBy): Promise<void> {
  await db
    .updateTable('projects')
    .set({ room_id: roomId, room_topic: roomTopic, ...(boundBy ? { bound_by: boundBy } : {}) })
    .where('id', '=', projectId)
    .execute()
}

/** How the project's group was bound; null for a binding made before this was recorded (trusted as an admin's). */
export async function findProjectBoundBy(db: Db, projectId: number): Promise<BoundBy | null> {
  const row = await db.selectFrom('projects').select('bound_by').where('id', '=', projectId).executeTakeFirst()
  return (row?.bound_by ?? null) as BoundBy | null
}

/** Releases the group; the project and its history stay. */
export async function unbindProjectRoom(db: Db, projectId: number): Promise<void> {
  await db.updateTable('projects').set({ room_id: null }).where('id', '=', projectId).execute()
}

export async function setProjectMuted(db: Db, projectId: number, muted: boolean): Promise<void> {
  await db.updateTable('projects').set({ muted: muted ? 1 : 0 }).where('id', '=', projectId).execute()
}

export async function listProjects(db: Db): Promise<Project[]> {
  const rows = await db.selectFrom('projects').selectAll().orderBy('id').execute()
  return rows.map(toProject)
}

/**
 * Binds a group to the project of that name, creating the project when there is none. Null when
 * that project is bound to another group: a name belongs to one group at a time.
 */
export async function bindRoomByProjectName(
  db: Db,
  name: string,
  room: { id: string; topic: string },
  at: Date,
  boundBy: BoundBy,
): Promise<{ project: Project; created: boolean } | null> {
  const existing = await findProjectByName(db, name)
  if (!existing) return { project: await createProject(db, { name, roomId: room.id, roomTopic: room.topic, boundBy, at }), created: true }
  if (existing.roomId !== null && existing.roomId !== room.id) return null
  await bindProjectRoom(db, existing.id, room.id, room.topic, boundBy)
  return { project: { ...existing, roomId: room.id, roomTopic: room.topic }, created: false }
}
