import type { Selectable } from 'kysely'
import type { Db } from './database.ts'
import type { PeopleTable } from './schema.ts'
import { toPerson } from './mappers.ts'
import { prepare, slot } from './prepared.ts'
import type { Person } from '../domain/types.ts'

export interface SeenPerson {
  wechatId: string
  /** The display name as last seen: it changes, the id does not (within one login). */
  name: string
}

// Every message names its sender: these run once per message, so they write only on a change
// (a write dirties a page the commit must copy to the WAL; a read does not).

const selectPerson = prepare<{ wechatId: string }, Selectable<PeopleTable>>((qb) =>
  qb.selectFrom('people').selectAll().where('wechat_id', '=', slot('wechatId')),
)
const insertPerson = prepare<{ wechatId: string; name: string; at: string }, Selectable<PeopleTable>>((qb) =>
  qb.insertInto('people').values({ wechat_id: slot('wechatId'), name: slot('name'), updated_at: slot('at') }).returningAll(),
)
const renamePerson = prepare<{ id: number; name: string; at: string }, unknown>((qb) =>
  qb.updateTable('people').set({ name: slot('name'), updated_at: slot('at') }).where('id', '=', slot('id')),
)

/** Inserts a person or refreshes their display name; returns them. */
export async function upsertPerson(db: Db, person: SeenPerson, at: Date): Promise<Person> {
  const [found] = await selectPerson(db, { wechatId: person.wechatId })
  if (!found) {
    const [row] = await insertPerson(db, { wechatId: person.wechatId, name: person.name, at: at.toISOString() })
    return toPerson(row!)
  }
  if (found.name !== person.name) await renamePerson(db, { id: found.id, name: person.name, at: at.toISOString() })
  return { ...toPerson(found), name: person.name }
}

/**
 * What the intake may skip reading again: the senders it stored or read, and the memberships it
 * noted today. Its owner (the router) clears it whenever a transaction it wrote in may have been
 * rolled back, so a remembered row always exists.
 */
export class IntakeMemo {
  readonly #people = new Map<string, Person>()
  readonly #memberships = new Set<string>()

  /** The stored person, when known under this name (a new display name is written again). */
  person(seen: SeenPerson): Person | undefined {
    const known = this.#people.get(seen.wechatId)
    return known?.name === seen.name ? known : undefined
  }

  rememberPerson(person: Person): void {
    if (this.#people.size >= MEMO_LIMIT) this.#people.clear()
    this.#people.set(person.wechatId, person)
  }

  /** Whether the membership was noted already on the (UTC) day of `at`, and remembers it as noted. */
  membershipNoted(projectId: number, personId: number, at: Date): boolean {
    const key = `${projectId}:${personId}:${at.toISOString().slice(0, 10)}`
    if (this.#memberships.has(key)) return true
    if (this.#memberships.size >= MEMO_LIMIT) this.#memberships.clear()
    this.#memberships.add(key)
    return false
  }

  clear(): void {
    this.#people.clear()
    this.#memberships.clear()
  }
}

const MEMO_LIMIT = 50_000

/** `last_seen_at` moves at most once a (UTC) day: enough to tell who is still around. */
const upsertMembership = prepare<{ projectId: number; personId: number; at: string; dayStart: string }, unknown>((qb) =>
  qb
    .insertInto('memberships')
    .values({ project_id: slot('projectId'), person_id: slot('personId'), first_seen_at: slot('at'), last_seen_at: slot('at') })
    .onConflict((oc) =>
      oc
        .columns(['project_id', 'person_id'])
        .doUpdateSet({ last_seen_at: slot('at') })
        .where('memberships.last_seen_at', '<', slot('dayStart')),
    ),
)

/** Notes that a person was seen in a project's group. */
export async function recordMembership(db: Db, projectId: number, personId: number, at: Date): Promise<void> {
  const iso = at.toISOString()
  await upsertMembership(db, { projectId, personId, at: iso, dayStart: `${iso.slice(0, 10)}T00:00:00.000Z` })
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

/** The display names of these people, by id; ids not found are left out. Asked 500 at a time (SQLite caps parameters). */
export async function findPersonNames(db: Db, ids: Iterable<number>): Promise<Map<number, string>> {
  const unique = [...new Set(ids)]
  const names = new Map<number, string>()
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db.selectFrom('people').select(['id', 'name']).where('id', 'in', unique.slice(i, i + 500)).execute()
    for (const r of rows) names.set(r.id, r.name)
  }
  return names
}
