import { randomBytes } from 'node:crypto'
import type { Db } from './database.ts'

/**
 * The whiteboard's signing secret (when BOARD_SECRET is not set): made on first use and kept, so
 * links handed out stay valid across restarts. Two processes starting at once agree on the first.
 */
export async function getOrCreateBoardSecret(db: Db, at: Date): Promise<string> {
  const kept = await db.selectFrom('board_secret').select('secret').where('id', '=', 1).executeTakeFirst()
  if (kept) return kept.secret
  await db
    .insertInto('board_secret')
    .values({ id: 1, secret: randomBytes(32).toString('base64url'), created_at: at.toISOString() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
  const row = await db.selectFrom('board_secret').select('secret').where('id', '=', 1).executeTakeFirstOrThrow()
  return row.secret
}
