import type { LocalDate } from '../calendar/local-date.ts'
import type { Teams } from '../domain/teams.ts'
import type { Retraction } from '../domain/types.ts'
import { clip, dateText, STAGE_NAMES } from './labels.ts'

/**
 * What a recall took back, in one message; empty when the recalled message held no record.
 * Example: "张三撤回了一条消息，已撤销：问题 #3（土地工作专班）".
 */
export function renderRecall(r: Retraction, who: string, teams: Teams, today: LocalDate, photos = 0): string {
  return renderRetraction(r, `${who}撤回了一条消息，已撤销：`, teams, today, photos)
}

/**
 * Each record taken back, named so it can be told from its neighbours:
 * "已撤销：进度「厂房主体结构已完成60%」、问题 #2（金融工作专班）", "已撤销：节点 动工（11月30日）".
 */
export function renderRetraction(r: Retraction, lead: string, teams: Teams, today: LocalDate, photos = 0): string {
  const items = [
    ...r.progress.map((p) => `进度「${clip(p.summary, 20)}」${p.stage ? `（节点 ${STAGE_NAMES[p.stage]}）` : ''}`),
    ...r.issues.map((i) => `问题 #${i.number}（${teams[i.category].name}）`),
    ...r.resolutions.map((x) => `办结说明「${clip(x.summary, 20)}」`),
    ...r.stages
      .filter((s) => !r.progress.some((p) => p.stage === s.stage))
      .map((s) => `节点 ${STAGE_NAMES[s.stage]}（${dateText(s.reachedOn, today)}）`),
    // A recalled photo leaves the ledger and the board: "已撤销：照片 1 张".
    ...(photos > 0 ? [`照片 ${photos} 张`] : []),
  ]
  if (items.length === 0) return ''
  const reopened = r.reopened.map((i) => `\n问题 #${i.number} 恢复为未办结`).join('')
  return `${lead}${items.join('、')}${reopened}`
}
