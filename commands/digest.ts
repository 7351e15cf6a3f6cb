import { UsageError, UserFacingError } from '../src/bot/errors.ts'
import { buildDigestBlocks } from '../src/jobs/build-digest.ts'
import { defineCommand } from './define-command.ts'

export default defineCommand({
  name: 'digest',
  aliases: ['简报'],
  description: '今日督办日报（管理员，私聊或简报接收群）',
  usage: '/digest',
  adminOnly: true,
  place: 'anywhere',
  async run(ctx) {
    if (ctx.args.trim() !== '') throw new UsageError()
    const digest = ctx.settings.digest
    if (!digest) throw new UserFacingError('本机器人未配置督办日报。')
    // In a group, only where the digest goes anyway: a project group's members are not its readers.
    if (ctx.message.room && !digest.recipients.includes(ctx.message.room.topic)) {
      throw new UserFacingError('督办日报只在私聊或简报接收群（DIGEST_RECIPIENTS）里发送。')
    }
    const blocks = await buildDigestBlocks(ctx.db, ctx.today, {
      calendar: ctx.calendar,
      timeZone: ctx.settings.timezone,
      thresholds: digest.thresholds,
      teamNames: ctx.settings.teamNames,
    })
    // The outbox splits long texts at line boundaries into numbered parts of its own.
    return blocks.join('\n\n')
  },
})
