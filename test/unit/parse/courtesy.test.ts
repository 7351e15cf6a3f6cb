import { readFileSync } from 'node:fs'
import * as OpenCC from 'opencc-js/cn2t'
import { describe, expect, it } from 'vitest'
import { loadCalendar } from '../../../src/calendar/load-calendar.ts'
import { isCourtesy, withoutCourtesies } from '../../../src/parse/courtesy.ts'
import { parseChatText } from '../../../src/parse/parse-chat-text.ts'

const calendar = loadCalendar()

/** Every text of the repository's corpus: the labelled messages and every line of the conversations. */
function corpusTexts(): { id: string; text: string; sentAt: string }[] {
  const read = (name: string) =>
    readFileSync(new URL(`../../../corpus/${name}`, import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { id: string; text?: string; sentAt: string })
  return [...read('messages.jsonl'), ...read('conversations.jsonl')].filter((m): m is { id: string; text: string; sentAt: string } => !!m.text)
}

/** What a message recorded, without the summaries (those quote the sender's words). */
const recordsOf = (text: string, sentAt: string) => parseChatText(text, sentAt, { calendar }).map(({ summary: _, ...r }) => r)

/** Openings and closings officials put around a report; none is in courtesy.ts as a whole string. */
const OPENINGS = ['各位领导上午好！', '王局早，简单汇报下：', '打扰各位，', '报告各位领导：', '刘总您好，']
const CLOSINGS = [
  '以上，请各位审阅。',
  '多谢大家！',
  '麻烦各位帮忙协调下',
  '恳请领导们关注支持',
  '大家辛苦啦',
  '特此汇报。',
  '妥否，请领导批示',
  '望各部门予以支持为盼！',
  '感谢各位领导的关心',
  '劳烦费心了，谢谢',
]
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' })
const fullWidth = (text: string) => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))

describe('a message records the same, whatever courtesy or script it comes in (the whole corpus)', () => {
  const texts = corpusTexts()

  it('reads hundreds of messages', () => {
    expect(texts.length).toBeGreaterThan(500)
  })

  it('with a courteous closing after it, on the same line or the next', () => {
    const changed: string[] = []
    for (const { id, text, sentAt } of texts) {
      const want = recordsOf(text, sentAt)
      const end = /[。！!？?]$/u.test(text) ? '' : '。'
      for (const closing of CLOSINGS) {
        for (const variant of [`${text}${end}${closing}`, `${text}\n${closing}`]) {
          if (JSON.stringify(recordsOf(variant, sentAt)) !== JSON.stringify(want)) changed.push(`${id} + ${closing}`)
        }
      }
    }
    expect(changed).toEqual([])
  })

  it('with a courteous opening or an @mention before it (a quote or a command keeps its own first line)', () => {
    const changed: string[] = []
    for (const { id, text, sentAt } of texts) {
      if (/^\s*[「/／]/u.test(text)) continue
      const want = JSON.stringify(recordsOf(text, sentAt))
      for (const opening of [...OPENINGS, '@周科长\u2005', '@张工 @李主任 ']) {
        if (JSON.stringify(recordsOf(`${opening}${text}`, sentAt)) !== want) changed.push(`${id} + ${opening}`)
      }
    }
    expect(changed).toEqual([])
  })

  it('in Traditional characters and in full-width characters', () => {
    const changed: string[] = []
    for (const { id, text, sentAt } of texts) {
      const want = JSON.stringify(recordsOf(text, sentAt))
      if (JSON.stringify(recordsOf(toTraditional(text), sentAt)) !== want) changed.push(`${id} 繁体`)
      if (JSON.stringify(recordsOf(fullWidth(text), sentAt)) !== want) changed.push(`${id} 全角`)
    }
    expect(changed).toEqual([])
  })
})

describe('courtesies', () => {
  it.each(['谢谢各位', '麻烦帮忙协调一下', '请领导关注', '辛苦了', '以上请审阅', '杨主任早', '汇报一下', '望予协调为盼'])('%s is a courtesy', (clause) => {
    expect(isCourtesy(clause)).toBe(true)
  })

  it.each(['请供电局尽快接入', '用地的事请协调', '5月底前请办结', '已完工', '施工', '收到'])('%s is not', (clause) => {
    expect(isCourtesy(clause)).toBe(false)
  })

  it('come off both ends only, and a kept clause keeps its question mark', () => {
    expect(withoutCourtesies('各位领导好，报告：用电还没接通，能不能协调？谢谢！')).toBe('用电还没接通，能不能协调？')
    expect(withoutCourtesies('用电还没接通，谢谢，下周要调试')).toBe('用电还没接通，谢谢，下周要调试')
    expect(withoutCourtesies('谢谢各位领导！')).toBe('')
  })
})
