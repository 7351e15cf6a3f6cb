import { readFileSync } from 'node:fs'
import * as OpenCC from 'opencc-js/t2cn'
import { describe, expect, it } from 'vitest'
import { converterEntries, MAY_DECORATE, normalizeMessage, toSimplified } from '../../../src/parse/normalize.ts'

describe('normalizeMessage', () => {
  it('turns Traditional into Simplified', () => {
    expect(normalizeMessage('宏達食品項目主體結構已完成六成，預計3月底封頂').text).toBe('宏达食品项目主体结构已完成六成,预计3月底封顶')
  })

  it('folds full-width digits and punctuation', () => {
    expect(normalizeMessage('请在１０个工作日内办结！').text).toBe('请在10个工作日内办结!')
  })

  it('drops @mentions, emoji and placeholders', () => {
    expect(normalizeMessage('@国土局李科 用地还没批🙏[抱拳][图片]').text).toBe('用地还没批')
    expect(normalizeMessage('收到👍🏻').text).toBe('收到')
    expect(normalizeMessage('[图片][图片]').text).toBe('')
  })

  it('looks for decorations in every text that may hold one: each emoji code unit, @ and [', () => {
    // eslint-disable-next-line no-misleading-character-class
    const decoration = /[@[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f\u20e3]/u
    const missed: string[] = []
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code)
      if (decoration.test(char) && !MAY_DECORATE.test(char)) missed.push(code.toString(16))
    }
    expect(missed).toEqual([])
    // Past the BMP an emoji is two surrogates, each let through: 👍🏻, 🫡.
    for (const emoji of ['👍🏻', '🫡', '❤️', '1️⃣']) expect(MAY_DECORATE.test(`收到${emoji}`)).toBe(true)
    expect(MAY_DECORATE.test('厂房主体结构完成60%，预计5月底封顶')).toBe(false)
  })

  it('normalises the quoted text beside the sender’s words', () => {
    const m = normalizeMessage('已经协调好了', '青苗補償怎麼樣了？')
    expect(m.text).toBe('已经协调好了')
    expect(m.quoted).toBe('青苗补偿怎么样了?')
  })

  it('converts exactly as OpenCC does, skipping only texts it would leave alone', () => {
    const opencc = OpenCC.Converter({ from: 'hk', to: 'cn' })
    const entries = converterEntries()
    expect(entries.length).toBeGreaterThan(4000)
    // Every dictionary entry, alone and inside Simplified chat, and the repository's corpus.
    const corpus = readFileSync(new URL('../../../corpus/messages.jsonl', import.meta.url), 'utf8')
    const texts = [...entries.flatMap(([from]) => [from, `项目${from}已经`]), ...corpus.split('\n')]
    const wrong = texts.filter((t) => toSimplified(t) !== opencc(t))
    expect(wrong).toEqual([])
    expect(toSimplified('一坏土')).toBe(opencc('一坏土')) // a phrase whose characters do not change alone
    expect(toSimplified('用地还没批')).toBe('用地还没批')
  })

  it('reads #进度 and #问题 tags as hints', () => {
    const m = normalizeMessage('#问题 企业希望对接供应商')
    expect([...m.tags]).toEqual(['issue'])
    expect(m.text).toBe('企业希望对接供应商')
  })
})
