import { describe, expect, it } from 'vitest'
import { splitQuote, stripLeadingMentions } from '../../../src/bot/chat-message.ts'
import { editDistance, readCommandLine } from '../../../src/bot/command-line.ts'
import { splitText } from '../../../src/bot/split-text.ts'

describe('readCommandLine', () => {
  it.each([
    ['/status', { name: 'status', args: '' }],
    ['/STATUS', { name: 'status', args: '' }],
    ['／状态', { name: '状态', args: '' }],
    ['／解决　＃３　已协调供电局', { name: '解决', args: '#3 已协调供电局' }],
    ['@督办助手\u2005/resolve 3 好了', { name: 'resolve', args: '3 好了' }],
    ['/ issues all', { name: 'issues', args: 'all' }],
    ['/assign 3 @李四\u2005', { name: 'assign', args: '3 @李四' }],
  ])('%s', (text, expected) => {
    expect(readCommandLine(text)).toEqual(expected)
  })

  it.each(['进度60%', 'http://x/y', '', '／'])('%s is not a command', (text) => {
    expect(readCommandLine(text)).toBeUndefined()
  })
})

describe('splitQuote', () => {
  it('reads a quoted reply as the PC and iPad puppets deliver it', () => {
    expect(splitQuote('「张三：征地拆迁还有两户没谈妥」\n- - - - - - - - - - - - - - -\n已解决')).toEqual({
      quote: { name: '张三', text: '征地拆迁还有两户没谈妥' },
      reply: '已解决',
    })
  })

  it('keeps a quoted text that spans lines', () => {
    expect(splitQuote('「督办助手：已登记问题 #1\n  征地」\n- - - - - -\n好了').quote).toEqual({
      name: '督办助手',
      text: '已登记问题 #1\n  征地',
    })
  })

  it('leaves plain text alone', () => {
    expect(splitQuote('「十四五」规划项目')).toEqual({ quote: undefined, reply: '「十四五」规划项目' })
  })
})

describe('stripLeadingMentions', () => {
  it.each([
    ['@督办助手\u2005/status', '/status'],
    ['@张三 @李四 看一下', '看一下'],
    ['进度 @张三 看一下', '进度 @张三 看一下'],
  ])('%s', (text, expected) => {
    expect(stripLeadingMentions(text)).toBe(expected)
  })
})

describe('editDistance', () => {
  it.each([
    ['stauts', 'status', 2],
    ['issue', 'issues', 1],
    ['状太', '状态', 1],
  ])('%s → %s', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d)
  })
})

describe('splitText', () => {
  it('leaves a short text whole', () => {
    expect(splitText('一\n二')).toEqual(['一\n二'])
  })

  it('splits at line boundaries into numbered parts no longer than the limit', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `第${i}行${'字'.repeat(8)}`)
    const parts = splitText(lines.join('\n'), 60)
    expect(parts.length).toBeGreaterThan(1)
    for (const [i, p] of parts.entries()) {
      expect(p.length).toBeLessThanOrEqual(60)
      expect(p.startsWith(`(${i + 1}/${parts.length})\n`)).toBe(true)
    }
    expect(parts.map((p) => p.replace(/^\(\d+\/\d+\)\n/u, '')).join('\n')).toBe(lines.join('\n'))
  })

  it('cuts a single line longer than a part', () => {
    const parts = splitText('长'.repeat(130), 60)
    expect(parts.map((p) => p.replace(/^\(\d+\/\d+\)\n/u, '')).join('')).toBe('长'.repeat(130))
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(60)
  })
})
