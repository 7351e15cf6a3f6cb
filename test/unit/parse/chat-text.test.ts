import { describe, expect, it } from 'vitest'
import { readCommandLine, splitQuote, stripLeadingMentions } from '../../../src/parse/chat-text.ts'

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
      body: '已解决',
    })
  })

  it('keeps a quoted text that spans lines', () => {
    expect(splitQuote('「督办助手：已登记问题 #1\n  征地」\n- - - - - -\n好了').quote).toEqual({
      name: '督办助手',
      text: '已登记问题 #1\n  征地',
    })
  })

  it('reads a quote that shows no sender', () => {
    expect(splitQuote('「青苗补偿怎么样了？」\n- - - - - -\n已经协调好了')).toEqual({
      quote: { name: '', text: '青苗补偿怎么样了？' },
      body: '已经协调好了',
    })
  })

  it('leaves plain text alone', () => {
    expect(splitQuote('「十四五」规划项目')).toEqual({ quote: undefined, body: '「十四五」规划项目' })
  })
})

describe('stripLeadingMentions', () => {
  it.each([
    ['@督办助手\u2005/status', '/status'],
    ['@张三 @李四 看一下', '看一下'],
    ['进度 @张三 看一下', '进度 @张三 看一下'],
    // @所有人 names no one: it marks an announcement, which the parser weighs.
    ['@所有人 明天上午9点开调度会', '@所有人 明天上午9点开调度会'],
    ['@张三 @所有人\u2005明天开会', '@所有人\u2005明天开会'],
  ])('%s', (text, expected) => {
    expect(stripLeadingMentions(text)).toBe(expected)
  })
})

