import type { Db } from './database.ts'

/**
 * A message the ledger does not keep (a private command) is about to be answered: true the first
 * time its WeChat id comes, false for every later delivery of it, which is then left unanswered.
 */
export async function firstAnswer(db: Db, wechatId: string, at: Date): Promise<boolean> {
  const rows = await db
    .insertInto('answered_messages')
    .values({ wechat_id: wechatId, answered_at: at.toISOString() })
    .onConflict((oc) => oc.column('wechat_id').doNothing())
    .returning('wechat_id')
    .execute()
  return rows.length > 0
}

/** Whether a message was answered outside the ledger: a /bind's second delivery, once the group is bound. */
export async function answeredBefore(db: Db, wechatId: string): Promise<boolean> {
  return (await db.selectFrom('answered_messages').select('wechat_id').where('wechat_id', '=', wechatId).executeTakeFirst()) !== undefined
}
