import type { Selectable } from 'kysely'
import type { Db } from './database.ts'
import type { PeopleTable } from './schema.ts'
import { toPerson } from './mappers.ts'
import { compiler, prepare, slot } from './prepared.ts'
import type { Person } from './types.ts'

export interface SeenPerson {
  wechatId: string
  /** The display name as last seen: it changes, the id does not (within one login). */
  name: string
}

const upsertPersonRow = prepare<{ wechatId: string; name: string; at: string }, Selectable<PeopleTable>>(
  compiler
    .insertInto('people')
    .values({ wechat_id: slot('wechatId'), name: slot('name'), updated_at: slot('at') })
    .onConflict((oc) =>
      oc.column('wechat_id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), updated_at: eb.ref('excluded.updated_at') })),
    )
    .returningAll(),
)

/** Inserts a person or refreshes their display name; returns their row id. */
export async function upsertPerson(db: Db, person: SeenPerson, at: Date): Promise<Person> {
  const [row] = await upsertPersonRow(db, { wechatId: person.wechatId, name: person.name, at: at.toISOString() })
  return toPerson(row!)
}

const upsertMembership = prepare<{ projectId: number; personId: number; at: string }, unknown>(
  compiler
    .insertInto('memberships')
    .values({ project_id: slot('projectId'), person_id: slot('personId'), first_seen_at: slot('at'), last_seen_at: slot('at') })
    .onConflict((oc) => oc.columns(['project_id', 'person_id']).doUpdateSet({ last_seen_at: slot('at') })),
)

/** Notes that a person was seen in a project's group. */
export async function recordMembership(db: Db, projectId: number, personId: number, at: Date): Promise<void> {
  await upsertMembership(db, { projectId, personId, at: at.toISOString() })
}

export async function findPersonByWechatId(db: Db, wechatId: string): Promise<Person | null> {
  const row = await db.selectFrom('people').selectAll().where('wechat_id', '=', wechatId).executeTakeFirst()
  return row ? toPerson(row) : null
}

export async function findPersonById(db: Db, id: number): Promise<Person | null> {
  const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toPerson(row) : null
}

/** People seen in a project's group, most recently seen first. */
export async function listProjectMembers(db: Db, projectId: number): Promise<Person[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .selectAll('people')
    .where('memberships.project_id', '=', projectId)
    .orderBy('memberships.last_seen_at', 'desc')
    .execute()
  return rows.map(toPerson)
}
