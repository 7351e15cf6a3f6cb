import type { LocalDate } from '../calendar/local-date.ts'
import { CATEGORIES } from '../parse/types.ts'
import { shortDate } from './labels.ts'

/**
 * `/白板`'s answer:
 *   📊 督办白板（只读网页，全部项目一览）：
 *   https://duban.example.gov.cn/board?t=…
 *   7 天内有效（至 12月7日）。链接即通行证，请勿转发到群里；过期后再发 /白板 获取新链接。
 * and, to the admin who asked (the board itself is for leaders and says only "联络员：未设置"):
 *   提示：土地工作专班、金融工作专班未设置联络员，请在专班文件（TEAMS_FILE，默认 data/teams.json）中填写。
 */
export function renderBoardLink(url: string, days: number, validUntil: LocalDate, teamsWithoutLiaison: readonly string[] = []): string {
  return [
    '📊 督办白板（只读网页，全部项目一览）：',
    url,
    `${days} 天内有效（至 ${shortDate(validUntil)}）。链接即通行证，请勿转发到群里；过期后再发 /白板 获取新链接。`,
    ...(teamsWithoutLiaison.length > 0
      ? [`提示：${teamsWithoutLiaison.length === CATEGORIES.length ? '各专班都' : teamsWithoutLiaison.join('、')}未设置联络员，请在专班文件（TEAMS_FILE，默认 data/teams.json）中填写。`]
      : []),
  ].join('\n')
}
