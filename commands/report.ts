import { renderIssueLine } from '../src/bot/render-records.ts'
import { UsageError } from '../src/bot/errors.ts'
import { openIssue } from '../src/store/index.ts'
import { commandSource } from './arguments.ts'
import { defineCommand } from './define-command.ts'

export default defineCommand({
  name: 'report',
  aliases: ['上报'],
  description: '把这段话登记为问题（即使我没认出来）',
  usage: '/report 文本，例如 /report 施工许可证迟迟未批',
  place: 'project',
  async run(ctx) {
    if (ctx.args === '') throw new UsageError('请写上问题内容。')
    // The parser still picks the team and a stated deadline when it can; otherwise 兜底专班.
    const parsed = ctx.parse(ctx.args, ctx.now).find((r) => r.type === 'issue')
    const issue = await openIssue(
      ctx.db,
      commandSource(ctx, 'report'),
      { category: parsed?.category ?? 'other', due: parsed?.due ?? null, summary: ctx.args },
      { calendar: ctx.calendar, timeZone: ctx.settings.timezone, slaWorkingDays: ctx.settings.slaWorkingDays },
    )
    return { text: renderIssueLine(issue, ctx.settings.teamNames), issueId: issue.id }
  },
})
