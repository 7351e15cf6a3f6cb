import type { LocalDate } from '../calendar/local-date.ts'
import { inTransaction, type Db } from './database.ts'
import { OPEN_STATUSES } from '../domain/issue-status.ts'
import { addIssueEvent } from './issues.repository.ts'

export interface OpenIssueDue {
  id: number
  status: 'open' | 'reopened'
  openedOn: LocalDate
  dueOn: LocalDate
}

/** Open issues due on or after `from`: those whose due date a newly official year may move. */
export async function listOpenIssueDues(db: Db, from: LocalDate): Promise<OpenIssueDue[]> {
  const rows = await db
    .selectFrom('issues')
    .select(['id', 'status', 'opened_on', 'due_on'])
    .where('status', 'in', OPEN_STATUSES)
    .where('retracted_at', 'is', null)
    .where('due_on', '>=', from)
    .execute()
  return rows.map((r) => ({ id: r.id, status: r.status as OpenIssueDue['status'], openedOn: r.opened_on, dueOn: r.due_on! }))
}

/**
 * Moves an issue's due date and records it on the issue as a `due-recomputed` event, together; the
 * note is data, "before after" ("2027-02-12 2027-02-18"), worded by the page that shows it.
 */
export async function recomputeIssueDue(db: Db, issue: OpenIssueDue, dueOn: LocalDate, at: Date): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    // Unless a message moved it meanwhile (a new deadline said in the group).
    const moved = await trx.updateTable('issues').set({ due_on: dueOn }).where('id', '=', issue.id).where('due_on', '=', issue.dueOn).executeTakeFirst()
    if (moved.numUpdatedRows === 0n) return false
    await addIssueEvent(trx, issue.id, 'due-recomputed', issue.status, { actorId: null, messageId: null, at }, { note: `${issue.dueOn} ${dueOn}` })
    return true
  })
}
