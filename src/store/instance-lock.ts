import { sql } from 'kysely'
import type { Db } from './database.ts'

/** Who holds the database: one running bot, by a token of its own, its machine and process. */
export interface LockHolder {
  /** A token new at every start: a restarted process with the same pid is another holder. */
  owner: string
  host: string
  pid: number
  since: Date
  heartbeatAt: Date
}

export type LockAttempt = { taken: true; previous: LockHolder | undefined } | { taken: false; holder: LockHolder }

/**
 * The one-row table of the running bot. Created here, not by a migration: the lock is taken
 * before migrating, so that a new version waiting to take over (`npm start -- --takeover`) never
 * changes the schema under the old one still running.
 */
const CREATE = sql`create table if not exists instance_lock (
  id integer primary key check (id = 1),
  owner text not null,
  host text not null,
  pid integer not null,
  since text not null,
  heartbeat_at text not null
)`

/**
 * Takes the database for `me` unless a live holder has it, in one write transaction (BEGIN
 * IMMEDIATE: two processes starting at the same moment cannot both find it free). `isGone` says
 * whether a holder is dead (its process is gone, or its heartbeat too old): a holder killed with
 * kill -9 never blocks the next start. Taking it from a dead holder also releases the outbox items
 * its sender had claimed, which would otherwise wait out their lease.
 */
export async function takeInstanceLock(db: Db, me: Omit<LockHolder, 'heartbeatAt'>, at: Date, isGone: (holder: LockHolder) => boolean): Promise<LockAttempt> {
  await CREATE.execute(db)
  return db.transaction().execute(async (trx) => {
    const current = await readHolder(trx)
    if (current && current.owner !== me.owner && !isGone(current)) return { taken: false, holder: current }
    await sql`insert into instance_lock (id, owner, host, pid, since, heartbeat_at)
      values (1, ${me.owner}, ${me.host}, ${me.pid}, ${me.since.toISOString()}, ${at.toISOString()})
      on conflict (id) do update set owner = excluded.owner, host = excluded.host, pid = excluded.pid,
        since = excluded.since, heartbeat_at = excluded.heartbeat_at`.execute(trx)
    if (current && current.owner !== me.owner) {
      await trx.updateTable('outbox').set({ claimed_by: null, claimed_until: null }).where('claimed_by', '=', current.owner).execute()
    }
    return { taken: true, previous: current && current.owner !== me.owner ? current : undefined }
  })
}

/** The holder now, if any. */
export async function readInstanceLock(db: Db): Promise<LockHolder | undefined> {
  await CREATE.execute(db)
  return readHolder(db)
}

async function readHolder(db: Db): Promise<LockHolder | undefined> {
  const { rows } = await sql<{ owner: string; host: string; pid: number; since: string; heartbeat_at: string }>`
    select owner, host, pid, since, heartbeat_at from instance_lock where id = 1`.execute(db)
  const row = rows[0]
  return row ? { owner: row.owner, host: row.host, pid: row.pid, since: new Date(row.since), heartbeatAt: new Date(row.heartbeat_at) } : undefined
}

/** The holder says it is alive; false when it no longer holds the lock (another process took it). */
export async function beatInstanceLock(db: Db, owner: string, at: Date): Promise<boolean> {
  const { numAffectedRows } = await sql`update instance_lock set heartbeat_at = ${at.toISOString()} where owner = ${owner}`.execute(db)
  return Number(numAffectedRows ?? 0) > 0
}

/** The holder leaves: the next process may take the database at once. */
export async function releaseInstanceLock(db: Db, owner: string): Promise<void> {
  await sql`delete from instance_lock where owner = ${owner}`.execute(db)
}
