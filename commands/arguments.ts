import { UsageError, UserFacingError, type BoundProject, type CommandContext } from '../src/bot/index.ts'
import type { Issue } from '../src/domain/types.ts'
import { parseMessage } from '../src/parse/parse-message.ts'
import type { ParsedRecord } from '../src/parse/types.ts'
import { findIssueByNumber } from '../src/store/index.ts'

/** The group's project; the router only runs project commands in bound groups. */
export function projectOf(ctx: CommandContext): BoundProject {
  if (!ctx.project) throw new UserFacingError('这个命令请在项目群里使用。')
  return ctx.project
}

/**
 * Reads "编号 [其余]" from the arguments: `3 已协调`, `#3 已协调`, `3号 已协调` (full-width ＃３ was
 * folded before). Wrong or missing number → the command's usage.
 */
export function issueNumberAndRest(args: string): { number: number; rest: string } {
  const m = /^#?\s*(\d{1,6})\s*号?(?:\s+|$)([\s\S]*)$/u.exec(args)
  if (!m) throw new UsageError('请写问题编号，例如 3 或 #3。')
  return { number: Number(m[1]), rest: m[2]!.trim() }
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
