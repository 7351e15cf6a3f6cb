import type { Teams } from '../domain/teams.ts'
import type { Retraction } from '../domain/types.ts'
import { STAGE_NAMES } from './labels.ts'

/**
 * What a recall took back, in one message; empty when the recalled message held no record.
 * Example: "张三撤回了一条消息，已撤销：问题 #3（土地工作专班）".
 */
export function renderRecall(r: Retraction, who: string, teams: Teams): string {
  return renderRetraction(r, `${who}撤回了一条消息，已撤销：`, teams)
}

export function renderRetraction(r: Retraction, lead: string, teams: Teams): string {
  const items = [
    ...r.progress.map((p) => (p.stage ? `进度（${STAGE_NAMES[p.stage]}）` : '进度')),
    ...r.issues.map((i) => `问题 #${i.number}（${teams[i.category].name}）`),
    ...r.resolutions.map(() => '办结说明'),
    ...r.stages.filter((s) => !r.progress.some((p) => p.stage === s.stage)).map((s) => `节点 ${STAGE_NAMES[s.stage]}`),
  ]
  if (items.length === 0) return ''
  const reopened = r.reopened.map((i) => `\n问题 #${i.number} 恢复为未办结`).join('')
  return `${lead}${items.join('、')}${reopened}`
}
