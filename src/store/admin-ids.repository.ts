import type { Db } from './database.ts'

/** The WeChat id each BOT_ADMINS name was resolved to, by name. */
export async function listAdminIds(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('admin_ids').select(['entry', 'wechat_id']).execute()
  return new Map(rows.map((r) => [r.entry, r.wechat_id]))
}

/** Keeps the id a BOT_ADMINS name was resolved to; a name already kept keeps its first id. */
export async function keepAdminId(db: Db, entry: string, wechatId: string, at: Date): Promise<void> {
  await db
    .insertInto('admin_ids')
    .values({ entry, wechat_id: wechatId, resolved_at: at.toISOString() })
    .onConflict((oc) => oc.column('entry').doNothing())
    .execute()
}
