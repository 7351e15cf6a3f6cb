import { UsageError, UserFacingError, type BoundProject, type CommandContext } from '../src/core/index.ts'
import type { Issue } from '../src/domain/types.ts'
import { parseNumeral } from '../src/parse/numerals.ts'
import { parseMessage } from '../src/parse/parse-message.ts'
import type { ParsedRecord } from '../src/parse/types.ts'
import { findIssueByNumber } from '../src/store/index.ts'

/** The group's project; the router only runs project commands in bound groups. */
export function projectOf(ctx: CommandContext): BoundProject {
  if (!ctx.project) throw new UserFacingError('这个命令请在项目群里使用。')
  return ctx.project
}

/** An issue number as typed: Arabic (3, #3) or Chinese (三, 十二, 一百零五); never past a million. */
const ISSUE_NUMBER = /^(?:#|第)?\s*(\d{1,6}|[零〇一二两三四五六七八九十百千]{1,8})\s*(?:号|个)?(?:问题)?(?:\s+|$)([\s\S]*)$/u

/**
 * Reads "编号 [其余]" from the arguments: `3 已协调`, `#3 已协调`, `3号 已协调`, and the same number in
 * Chinese numerals, read by the parser's own numeral reader: `三 已协调`, `第十二个`, `十二号问题 已办`
 * (full-width ＃３ was folded before). Wrong or missing number → the command's usage.
 */
export function issueNumberAndRest(args: string): { number: number; rest: string } {
  const m = ISSUE_NUMBER.exec(args)
  const number = m ? parseNumeral(m[1]!) : null
  if (!m || number === null || !Number.isInteger(number)) throw new UsageError('请写问题编号，例如 3、#3 或 三。')
  return { number, rest: m[2]!.trim() }
}

/** Issue #N of the group's project, or a clear answer that there is none. */
export async function requireIssue(ctx: CommandContext, number: number): Promise<Issue> {
  const issue = await findIssueByNumber(ctx.db, projectOf(ctx).id, number)
  if (!issue) throw new UserFacingError(`本项目没有 #${number} 号问题。发 /问题 查看未办结的问题。`)
  return issue
}

/** The source of a record a command makes: the command's message in the project's group. */
export function commandSource(ctx: CommandContext, command: string) {
  return {
    projectId: projectOf(ctx).id,
    messageId: ctx.messageRowId,
    command,
    actorId: ctx.sender?.id ?? null,
    at: ctx.now,
  }
}

/** What the parser reads in the arguments (a stage, a percentage, a team, a date), as of the command's time. */
export function parseArguments(ctx: CommandContext): ParsedRecord[] {
  return parseMessage({ body: ctx.args, sentAt: ctx.now }, { calendar: ctx.rules.calendar, timeZone: ctx.rules.timeZone })
}
