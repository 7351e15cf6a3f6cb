import { describe, expect, it } from 'vitest'
import { canFold, foldItems } from '../../../src/outbox/fold.ts'
import type { OutboxItem } from '../../../src/store/index.ts'

let next = 0
const item = (text: string, extra: Partial<OutboxItem> = {}): OutboxItem => ({
  id: ++next,
  target: { kind: 'room', id: 'r@chatroom' },
  text,
  file: null,
  mentions: [],
  dedupeKey: null,
  issueId: null,
  state: 'pending',
  attempts: 0,
  nextAttemptAt: new Date(0),
  lastError: null,
  createdAt: new Date(0),
  sentAt: null,
  sentMessageId: null,
  ...extra,
})

describe('folding a group’s pending replies', () => {
  it('joins plain replies one per line, in order', () => {
    const send = foldItems([item('已记录进度：60%'), item('已登记问题 #3 · 土地工作专班'), item('✅ 问题 #2 已办结')])
    expect(send.text).toBe('已记录进度：60%\n已登记问题 #3 · 土地工作专班\n✅ 问题 #2 已办结')
    expect(send.items).toHaveLength(3)
  })

  it('keeps files, @mentions, job texts and parts of a long text as messages of their own', () => {
    expect(canFold(item('督办台账.xlsx', { file: { path: '/x.xlsx', name: '督办台账.xlsx' } }))).toBe(false)
    expect(canFold(item('请汇报进度', { mentions: ['wxid_a'] }))).toBe(false)
    expect(canFold(item('📰 督办日报', { dedupeKey: 'job:digest:2026-03-02:room:r:0' }))).toBe(false)
    expect(canFold(item('(2/3)\n第二部分'))).toBe(false)
    // A fold stops at the first text that must go alone, so the order of the group's texts holds.
    const send = foldItems([item('已记录进度：60%'), item('请汇报进度', { mentions: ['wxid_a'] }), item('已记录进度：70%')])
    expect(send.items.map((i) => i.text)).toEqual(['已记录进度：60%'])
    expect(foldItems([item('请汇报进度', { mentions: ['wxid_a'] }), item('已记录进度：70%')]).items).toHaveLength(1)
  })

  it('stops before the message would grow past what WeChat shows well', () => {
    const line = '进'.repeat(700)
    const send = foldItems([item(line), item(line), item(line)], 1500)
    expect(send.items).toHaveLength(2)
    expect(send.text.length).toBe(1401)
  })
})
