import { defineCommand, UsageError } from '../src/core/index.ts'
import { recordProgress } from '../src/store/index.ts'
import { renderProgressLine } from '../src/text/records.ts'
import { commandSource, parseArguments } from './arguments.ts'

export default defineCommand({
  name: 'progress',
  aliases: ['进度'],
  description: '把这段话记为进度（即使我没认出来）',
  usage: '/进度 文本，例如 /进度 主体结构完成60%',
  where: ['project'],
  who: 'anyone',
  async run(ctx) {
    if (ctx.args === '') throw new UsageError('请写上进度内容。')
    // The parser still reads stage, percentage and planned date when it can.
    const parsed = parseArguments(ctx).find((r) => r.type === 'progress')
    const { progress } = await recordProgress(
      ctx.db,
      commandSource(ctx, 'progress'),
      { stage: parsed?.stage ?? null, percent: parsed?.percent ?? null, due: parsed?.due ?? null, summary: ctx.args },
      ctx.rules.timeZone,
    )
    return renderProgressLine(progress, { name: ctx.message.talker.name, admin: ctx.isAdmin })
  },
})
