import { defineCommand, UsageError } from '../src/bot/index.ts'
import { isLocalDate, makeDate } from '../src/calendar/local-date.ts'
import { isPlausibleDate } from '../src/parse/dates.ts'
import { recordStage } from '../src/store/index.ts'
import { clip, shortDate, STAGE_NAMES, stageFromWord } from '../src/text/labels.ts'
import { commandSource } from './arguments.ts'

/** "2026-03-15", "2026.3.15", "2026/3/15", "2026年3月15日" → 2026-03-15. */
function readDate(text: string): string | undefined {
  const m = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$/u.exec(text)
  if (!m) return undefined
  const date = makeDate(Number(m[1]), Number(m[2]), Number(m[3]))
  return isLocalDate(date) ? date : undefined
}

export default defineCommand({
  name: 'stage',
  aliases: ['节点'],
  description: '记录项目到达的节点（签约、供地、动工、竣工、投产），今天或指定日期',
  usage: '/stage 节点 [日期]，例如 /stage 动工 2026-03-15',
  where: ['project'],
  who: 'admin',
  async run(ctx) {
    const [word = '', dateText, ...extra] = ctx.args.split(/\s+/u)
    const stage = stageFromWord(word)
    if (!stage || extra.length > 0) throw new UsageError(`节点只能是：${Object.values(STAGE_NAMES).join('、')}。`)
    const reachedOn = dateText === undefined ? ctx.today : readDate(dateText)
    if (!reachedOn) throw new UsageError(`看不懂日期“${clip(dateText ?? '', 20)}”，请写成 2026-03-15。`)
    if (reachedOn > ctx.today) throw new UsageError('节点是已经到达的，日期不能晚于今天；计划日期请直接在群里说。')
    // "/stage 签约 0001-01-01" is a slip, not a signing.
    if (!isPlausibleDate(reachedOn, ctx.today)) throw new UsageError(`日期“${reachedOn}”太早了，节点日期应在近 50 年内。`)
    await recordStage(ctx.db, commandSource(ctx, 'stage'), stage, reachedOn)
    return `已记录节点：${STAGE_NAMES[stage]}（${shortDate(reachedOn)}）`
  },
})
