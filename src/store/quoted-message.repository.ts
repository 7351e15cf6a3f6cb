import { sql } from 'kysely'
import type { Db } from './database.ts'
import { literalLimit } from './literal-limit.ts'
import { findIssueById, findIssuesByQuotedMessage } from './issues.repository.ts'
import type { Issue } from '../domain/types.ts'

/**
 * The issues a quoted reply points at. Quotes arrive as text (「张三：原文」), not as ids, so the
 * quoted message is found by its text in that group: the newest stored message with that text,
 * or, when the quoted sender is the bot, the newest confirmation it sent there about an issue.
 * WeChat may shorten a long quote with "…", so a prefix match is the fallback.
 * Undefined when nothing known is quoted.
 */
export async function findQuotedIssues(
  db: Db,
  roomId: string,
  quote: { name: string; text: string },
  botName: string,
): Promise<Issue[] | undefined> {
  if (quote.text === '') return undefined
  // A plain prefix comparison, not LIKE: "完成60%" must not turn the % into a wildcard. SQLite counts
  // characters, not UTF-16 units, hence the spread.
  const head = quote.text.replace(/…$/u, '')
  const startsWithHead = sql<boolean>`substr(text, 1, ${[...head].length}) = ${head}`
  if (quote.name === botName) {
    const row = await db
      .selectFrom('outbox')
      .select('issue_id')
      .where('target_id', '=', roomId)
      .where('issue_id', 'is not', null)
      .where((eb) => eb.or([eb('text', '=', quote.text), startsWithHead]))
      .orderBy('id', 'desc')
      .limit(literalLimit(1))
      .executeTakeFirst()
    const issue = row?.issue_id ? await findIssueById(db, row.issue_id) : null
    return issue ? [issue] : undefined
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
