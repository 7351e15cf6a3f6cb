import type { Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-12-08 and never imports app code.
// An issue's events held sentences the store wrote: a follow-up's note ended in "（期限改为 2026-04-15）"
// when it moved the deadline, an issue that came back was noted "#3 办结后再次出现", and an issue
// reopened because its resolution was taken back was noted 'resolution retracted'. From now on an
// event keeps facts and the pages word them: the deadline in due_on, the earlier number in recurs,
// and the reopen by a taken-back resolution is its own kind. The rows written before are rewritten
// the same way; a note a person wrote is left as it was.

const MOVED = /^([\s\S]*)（期限改为 (\d{4}-\d{2}-\d{2})）$/u
const RECURS = /^#(\d+) 办结后再次出现$/u

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('issue_events').addColumn('due_on', 'text').execute()
  await db.schema.alterTable('issue_events').addColumn('recurs', 'integer').execute()
  const followUps = await db.selectFrom('issue_events').select(['id', 'note']).where('kind', '=', 'followed-up').where('note', 'like', '%（期限改为 %）').execute()
  for (const row of followUps) {
    const moved = MOVED.exec(row.note)
    if (moved) await db.updateTable('issue_events').set({ note: moved[1], due_on: moved[2] }).where('id', '=', row.id).execute()
  }
  const opened = await db.selectFrom('issue_events').select(['id', 'note']).where('kind', '=', 'opened').where('note', 'like', '#% 办结后再次出现').execute()
  for (const row of opened) {
    const recurs = RECURS.exec(row.note)
    if (recurs) await db.updateTable('issue_events').set({ note: null, recurs: Number(recurs[1]) }).where('id', '=', row.id).execute()
  }
  await db
    .updateTable('issue_events')
    .set({ kind: 'resolution-retracted', note: null })
    .where('kind', '=', 'reopened')
    .where('note', '=', 'resolution retracted')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db
    .updateTable('issue_events')
    .set({ kind: 'reopened', note: 'resolution retracted' })
    .where('kind', '=', 'resolution-retracted')
    .execute()
  const recurring = await db.selectFrom('issue_events').select(['id', 'recurs']).where('recurs', 'is not', null).execute()
  for (const row of recurring) await db.updateTable('issue_events').set({ note: `#${row.recurs} 办结后再次出现` }).where('id', '=', row.id).execute()
  const moved = await db.selectFrom('issue_events').select(['id', 'note', 'due_on']).where('due_on', 'is not', null).execute()
  for (const row of moved) await db.updateTable('issue_events').set({ note: `${row.note ?? ''}（期限改为 ${row.due_on}）` }).where('id', '=', row.id).execute()
  await db.schema.alterTable('issue_events').dropColumn('recurs').execute()
  await db.schema.alterTable('issue_events').dropColumn('due_on').execute()
}
