import { sql } from 'kysely'
import type { Db } from './database.ts'
import { literalLimit } from './literal-limit.ts'
import { findIssueById, findIssuesByQuotedMessage } from './issues.repository.ts'
import type { Issue } from '../domain/types.ts'

/**
 * The issues a quoted reply points at. Quotes arrive as text (「张三：原文」), not as ids, so the
 * quoted message is found by its text in that group: the newest stored message with that text,
 * or, when the quoted sender is the bot, the newest confirmation it sent there about an issue.
 * WeChat may shorten a long quote with "…", so a prefix match is the fallback. A confirmation that
 * went out folded with others (the sender was behind) is found by the first text of the fold, and
 * points at the issues of every text in it.
 * Undefined when nothing known is quoted.
 */
export async function findQuotedIssues(
  db: Db,
  roomId: string,
  quote: { name: string; text: string },
  botName: string,
): Promise<Issue[] | undefined> {
  if (quote.text === '') return undefined
  // A plain prefix comparison, not LIKE: "完成60%" must not turn the % into a wildcard. SQL counts
  // characters, not UTF-16 units, hence the spread.
  const head = quote.text.replace(/…$/u, '')
  const startsWithHead = sql<boolean>`substr(text, 1, ${[...head].length}) = ${head}`
  if (quote.name === botName) {
    const carrier = sql<boolean>`exists (select 1 from outbox as f where f.sent_with = outbox.id)`
    // "已记录进度：60%\n已登记问题 #3…" quotes the fold that "已记录进度：60%" carried.
    const showsFold = sql<boolean>`substr(${quote.text}, 1, length(text) + 1) = text || ${sql.lit('\n')}`
    const row = await db
      .selectFrom('outbox')
      .select('id')
      .where('target_id', '=', roomId)
      .where((eb) =>
        eb.or([
          eb.and([eb.or([eb('issue_id', 'is not', null), carrier]), eb.or([eb('text', '=', quote.text), startsWithHead])]),
          eb.and([carrier, showsFold]),
        ]),
      )
      .orderBy('id', 'desc')
      .limit(literalLimit(1))
      .executeTakeFirst()
    if (!row) return undefined
    const folded = await db
      .selectFrom('outbox')
      .select('issue_id')
      .where((eb) => eb.or([eb('id', '=', row.id), eb('sent_with', '=', row.id)]))
      .where('issue_id', 'is not', null)
      .orderBy('id')
      .execute()
    const issues = []
    for (const { issue_id } of folded) {
      const issue = issue_id === null ? null : await findIssueById(db, issue_id)
      if (issue) issues.push(issue)
    }
    return issues.length > 0 ? issues : undefined
  }
  const row = await db
    .selectFrom('messages')
    .select('wechat_id')
    .where('room_id', '=', roomId)
    .where((eb) => eb.or([eb('text', '=', quote.text), startsWithHead]))
    .orderBy('id', 'desc')
    .limit(literalLimit(1))
    .executeTakeFirst()
  return row ? findIssuesByQuotedMessage(db, row.wechat_id) : undefined
}
