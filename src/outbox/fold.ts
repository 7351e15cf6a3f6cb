import type { OutboxItem } from '../store/index.ts'
import { PART_CHARS } from '../text/parts.ts'

/** A part of a long text starts "(2/5)": parts keep their numbering, so they are never folded. */
const PART_LABEL = /^\(\d+\/\d+\)\n/u

/**
 * A plain reply may go out in one message with the group's other pending replies: not a file, not a
 * text that @mentions someone (a reminder's ping belongs to its own text), not a job's text (it has
 * a dedupe key and is a message of its own), not a part of a long text.
 */
export function canFold(item: OutboxItem): boolean {
  return item.file === null && item.mentions.length === 0 && item.dedupeKey === null && !PART_LABEL.test(item.text)
}

/** What one send carries: the first item, with the items folded after it, and the text WeChat gets. */
export interface Send {
  items: OutboxItem[]
  text: string
}

/**
 * The first of a target's due items and, when it is a plain reply, the plain replies right after it
 * while the whole still reads as one message (PART_CHARS): a group that said ten things while the
 * sender was busy gets one message with ten confirmations, one line each, not ten messages.
 * Example: "已记录进度：60%" and "已登记问题 #3 · 土地工作专班" → "已记录进度：60%\n已登记问题 #3 · 土地工作专班".
 */
export function foldItems(items: readonly [OutboxItem, ...OutboxItem[]], max = PART_CHARS): Send {
  const [first, ...rest] = items
  const send: Send = { items: [first], text: first.text }
  if (!canFold(first)) return send
  for (const item of rest) {
    if (!canFold(item) || send.text.length + 1 + item.text.length > max) break
    send.items.push(item)
    send.text += `\n${item.text}`
  }
  return send
}
