import type { LocalDate } from '../calendar/local-date.ts'
import { shortDate } from './labels.ts'

/**
 * `/白板`'s answer:
 *   📊 督办白板（只读网页，全部项目一览）：
 *   https://duban.example.gov.cn/board?t=…
 *   7 天内有效（至 12月7日）。链接即通行证，请勿转发到群里；过期后再发 /白板 获取新链接。
 */
export function renderBoardLink(url: string, days: number, validUntil: LocalDate): string {
  return [
    '📊 督办白板（只读网页，全部项目一览）：',
    url,
    `${days} 天内有效（至 ${shortDate(validUntil)}）。链接即通行证，请勿转发到群里；过期后再发 /白板 获取新链接。`,
  ].join('\n')
}
