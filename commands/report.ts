import { defineCommand, UsageError } from '../src/core/index.ts'
import { dueIsProvisional, slaDueDate } from '../src/domain/sla.ts'
import { openIssue } from '../src/store/index.ts'
import { renderIssueLine } from '../src/text/records.ts'
import { commandSource, parseArguments } from './arguments.ts'

export default defineCommand({
  name: 'report',
  aliases: ['上报'],
  description: '把这段话登记为问题（即使我没认出来）',
  usage: '/上报 文本，例如 /上报 施工许可证迟迟未批',
  where: ['project'],
  who: 'anyone',
  async run(ctx) {
    if (ctx.args === '') throw new UsageError('请写上问题内容。')
    // The parser still picks the team and a stated deadline when it can; otherwise 兜底专班.
    const parsed = parseArguments(ctx).find((r) => r.type === 'issue')
    const stated = parsed?.due ?? null
    const issue = await openIssue(
      ctx.db,
      commandSource(ctx, 'report'),
      { category: parsed?.category ?? 'other', due: stated, summary: ctx.args },
      { timeZone: ctx.rules.timeZone, dueDate: slaDueDate(ctx.rules.calendar, ctx.rules.slaWorkingDays) },
    )
    return { text: renderIssueLine(issue, ctx.rules.teams, null, dueIsProvisional(ctx.rules.calendar, issue, stated)), issueId: issue.id }
  },
})
