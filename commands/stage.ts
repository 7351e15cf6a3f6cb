import { defineCommand, UsageError, UserFacingError, type CommandContext } from '../src/core/index.ts'
import { isLocalDate, makeDate } from '../src/calendar/local-date.ts'
import { isPlausibleDate } from '../src/parse/dates.ts'
import type { Stage } from '../src/parse/types.ts'
import { findStageDate, recordStage, retractStage } from '../src/store/index.ts'
import { clip, dateText, STAGE_NAMES, stageFromWord } from '../src/text/labels.ts'
import { renderRetraction } from '../src/text/recall.ts'
import { commandSource, projectOf } from './arguments.ts'

/** "2026-03-15", "2026.3.15", "2026/3/15", "2026年3月15日" → 2026-03-15. */
function readDate(text: string): string | undefined {
  const m = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$/u.exec(text)
  if (!m) return undefined
  const date = makeDate(Number(m[1]), Number(m[2]), Number(m[3]))
  return isLocalDate(date) ? date : undefined
}

/** The words that take a stage back: "/节点 撤销 动工". */
const TAKE_BACK = ['撤销', '取消', 'undo']

function stageOf(word: string): Stage {
  const stage = stageFromWord(word)
  if (!stage) throw new UsageError(`节点只能是：${Object.values(STAGE_NAMES).join('、')}。`)
  return stage
}

/**
 * "/节点 撤销 动工" takes the stage back, whoever recorded it: a member saying "今天正式开工了" (marked
 * as not confirmed) or an admin's own wrong /节点.
 */
async function takeBack(ctx: CommandContext, stage: Stage): Promise<string> {
  const source = commandSource(ctx, 'stage')
  const retraction = await retractStage(ctx.db, { projectId: source.projectId, stage, actorId: source.actorId, messageId: source.messageId, at: ctx.now })
  const text = renderRetraction(retraction, '已撤销：', ctx.rules.teams, ctx.today)
  if (text === '') throw new UserFacingError(`本项目没有“${STAGE_NAMES[stage]}”节点可撤销。`)
  return text
}

export default defineCommand({
  name: 'stage',
  aliases: ['节点'],
  description: '记录项目到达的节点（签约、供地、动工、竣工、投产），今天或指定日期；更正日期；撤销记错的节点',
  usage: '/节点 节点名 [日期] 或 /节点 撤销 节点名，例如 /节点 动工 2026-03-15',
  where: ['project'],
  who: 'admin',
  async run(ctx) {
    const [word = '', second, ...extra] = ctx.args.split(/\s+/u)
    if (extra.length > 0) throw new UsageError()
    if (TAKE_BACK.includes(word.toLowerCase())) {
      if (second === undefined) throw new UsageError('请写要撤销的节点，例如 /节点 撤销 动工。')
      return takeBack(ctx, stageOf(second))
    }
    const stage = stageOf(word)
    const reachedOn = second === undefined ? ctx.today : readDate(second)
    if (!reachedOn) throw new UsageError(`看不懂日期“${clip(second ?? '', 20)}”，请写成 2026-03-15。`)
    if (reachedOn > ctx.today) throw new UsageError('节点是已经到达的，日期不能晚于今天；计划日期请直接在群里说。')
    // "/stage 签约 0001-01-01" is a slip, not a signing.
    if (!isPlausibleDate(reachedOn, ctx.today)) throw new UsageError(`日期“${reachedOn}”太早了，节点日期应在近 50 年内。`)
    const earlier = await findStageDate(ctx.db, projectOf(ctx).id, stage)
    await recordStage(ctx.db, commandSource(ctx, 'stage'), stage, reachedOn)
    // A new date for a stage already dated is a correction, said as one: the old date stays in the ledger's history.
    if (earlier !== null && earlier !== reachedOn) {
      return `已更正节点：${STAGE_NAMES[stage]} ${dateText(earlier, ctx.today)} → ${dateText(reachedOn, ctx.today)}（原记录保留在台账中）`
    }
    return `已记录节点：${STAGE_NAMES[stage]}（${dateText(reachedOn, ctx.today)}）`
  },
})
