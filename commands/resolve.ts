import { renderClosed } from '../src/text/records.ts'
import { defineCommand, UserFacingError } from '../src/core/index.ts'
import { resolveIssue } from '../src/store/index.ts'
import { issueNumberAndRest, requireIssue } from './arguments.ts'

export default defineCommand({
  name: 'resolve',
  aliases: ['解决'],
  description: '办结问题 N，可写明解决办法',
  usage: '/解决 编号 [办法]，例如 /解决 3 已协调供电局接入',
  where: ['project'],
  who: 'anyone',
  async run(ctx) {
    const { number, rest } = issueNumberAndRest(ctx.args)
    const issue = await requireIssue(ctx, number)
    const { changed, issue: closed } = await resolveIssue(
      ctx.db,
      {
        issueId: issue.id,
        text: rest === '' ? null : rest,
        command: 'resolve',
        actorId: ctx.sender?.id ?? null,
        messageId: ctx.messageRowId,
        at: ctx.now,
      },
      ctx.rules.timeZone,
    )
    if (!changed) throw new UserFacingError(`问题 #${number} 已经办结。如需重开，发 /重开 ${number} 原因`)
    return { text: renderClosed(closed, ctx.message.talker.name, ctx.rules.teams), issueId: closed.id }
  },
})
