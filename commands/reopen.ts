import { defineCommand, UserFacingError } from '../src/core/index.ts'
import { reopenIssue } from '../src/store/index.ts'
import { clip } from '../src/text/labels.ts'
import { issueNumberAndRest, requireIssue } from './arguments.ts'

export default defineCommand({
  name: 'reopen',
  aliases: ['重开'],
  description: '重开已办结的问题 N，可写明原因',
  usage: '/重开 编号 [原因]，例如 /重开 3 供电仍未接通',
  where: ['project'],
  who: 'anyone',
  async run(ctx) {
    const { number, rest } = issueNumberAndRest(ctx.args)
    const issue = await requireIssue(ctx, number)
    const { changed } = await reopenIssue(ctx.db, {
      issueId: issue.id,
      reason: rest === '' ? null : rest,
      actorId: ctx.sender?.id ?? null,
      messageId: ctx.messageRowId,
      at: ctx.now,
    })
    if (!changed) throw new UserFacingError(`问题 #${number} 尚未办结，无需重开。`)
    return { text: `🔁 问题 #${number} 已重开${rest ? `：${clip(rest, 40)}` : ''}`, issueId: issue.id }
  },
})
