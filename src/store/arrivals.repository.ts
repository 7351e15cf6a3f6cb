import { sql } from 'kysely'
import type { Db } from './database.ts'

/**
 * The puppet service has announced a message: note its id at once, before the bot spends any time
 * loading it, so that a crash in between leaves the id behind to be read again. A second note of
 * the same id is harmless. A note never waits for another process's lock (SQLite would wait
 * synchronously, freezing the bot for the busy timeout at every message): it fails at once with
 * SQLITE_BUSY instead, and the message is then only in memory until it is handled.
 */
export async function noteArrival(db: Db, wechatId: string, at: Date): Promise<void> {
  await db.connection().execute(async (conn) => {
    const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(conn)
    const timeout = rows[0]?.timeout ?? 0
    await sql`pragma busy_timeout = 0`.execute(conn)
    try {
      await conn
        .insertInto('arrivals')
        .values({ wechat_id: wechatId, arrived_at: at.toISOString() })
        .onConflict((oc) => oc.column('wechat_id').doNothing())
        .execute()
    } finally {
      await sql.raw(`pragma busy_timeout = ${Math.trunc(timeout)}`).execute(conn)
    }
  })
}

/** These messages are handled (stored, answered, or deliberately ignored): nothing to read again. */
export async function forgetArrivals(db: Db, wechatIds: readonly string[]): Promise<void> {
  if (wechatIds.length === 0) return
  await db.deleteFrom('arrivals').where('wechat_id', 'in', wechatIds).execute()
}

/** The messages announced but never handled (the process died in between), in the order they came. */
export async function listArrivals(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('arrivals').select('wechat_id').orderBy(sql`rowid`).execute()
  return rows.map((r) => r.wechat_id)
}
