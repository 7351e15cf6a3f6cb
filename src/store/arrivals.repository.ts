import { withoutWaiting, type Db } from './database.ts'

/** Ids written per statement: two parameters each, well under SQLite's limit of 32,766 (PostgreSQL's is 65,535). */
const CHUNK = 1_000

/**
 * The puppet service has announced these messages: note their ids at once, before the bot spends
 * any time loading them, so that a crash in between leaves the ids behind to be read again. A
 * second note of an id is harmless. A note never waits for another process's lock (SQLite would
 * wait synchronously, freezing the bot for the busy timeout): it fails at once with SQLITE_BUSY
 * instead, and the messages are then only in memory until they are handled.
 */
export async function noteArrivals(db: Db, wechatIds: readonly string[], at: Date): Promise<void> {
  if (wechatIds.length === 0) return
  const arrivedAt = at.toISOString()
  await withoutWaiting(db, async (connection) => {
    for (let i = 0; i < wechatIds.length; i += CHUNK) {
      await connection
        .insertInto('arrivals')
        .values(wechatIds.slice(i, i + CHUNK).map((id) => ({ wechat_id: id, arrived_at: arrivedAt })))
        .onConflict((oc) => oc.column('wechat_id').doNothing())
        .execute()
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
  const rows = await db.selectFrom('arrivals').select('wechat_id').orderBy('seq').execute()
  return rows.map((r) => r.wechat_id)
}
