import { renderProgressLine } from '../src/bot/render-records.ts'
import { UsageError } from '../src/bot/errors.ts'
import { recordProgress } from '../src/store/index.ts'
import { commandSource } from './arguments.ts'
import { defineCommand } from './define-command.ts'

export default defineCommand({
  name: 'progress',
  aliases: ['进度'],
  description: '把这段话记为进度（即使我没认出来）',
  usage: '/progress 文本，例如 /progress 主体结构完成60%',
  place: 'project',
  async run(ctx) {
    if (ctx.args === '') throw new UsageError('请写上进度内容。')
    // The parser still reads stage, percentage and planned date when it can.
    const parsed = ctx.parse(ctx.args, ctx.now).find((r) => r.type === 'progress')
    const { progress } = await recordProgress(
      ctx.db,
      commandSource(ctx, 'progress'),
      { stage: parsed?.stage ?? null, percent: parsed?.percent ?? null, due: parsed?.due ?? null, summary: ctx.args },
      ctx.settings.timezone,
    )
    return renderProgressLine(progress)
  },
})
