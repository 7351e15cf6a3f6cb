import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FAMILY_BY_NAME, PHRASE_FAMILIES, possibleFamilies } from '../../../src/parse/phrases.ts'
import { CharacterGate, isOpen, requiredChars } from '../../../src/parse/required-chars.ts'
import { STAGE_GATE, STAGE_PATTERNS } from '../../../src/parse/stages.ts'

const chars = (source: string) => {
  const set = requiredChars(source)
  return set === null ? null : [...set].sort().join('')
}

describe('requiredChars', () => {
  it('takes the one character a sequence cannot do without, the fewest where there are several', () => {
    expect(chars('已(?:经)?(?:全部)?(?:解决|落实)')).toBe('已')
    expect(chars('[^,，。]{0,4}完成')).toBe('完')
    expect(chars('(?<!新)动工(?!项目)')).toBe('动')
  })

  it('joins the characters of alternatives and of classes', () => {
    expect(chars('问题|困难')).toBe('困问')
    expect(chars('(?:周|星期|礼拜)[一二]')).toBe('一二') // two characters tell more than three
    expect(chars('\\d{1,2}号')).toBe('号')
    expect(chars('[①-③]')).toBe('①②③')
  })

  it('says nothing it cannot be sure of', () => {
    expect(chars('已?')).toBeNull() // may match the empty text
    expect(chars('\\s+')).toBeNull()
    expect(chars('[^a]')).toBeNull()
    expect(chars('a|.')).toBeNull()
    expect(chars('(?<name>a)')).toBeNull() // syntax it does not read
    expect(chars('\\p{Emoji}')).toBeNull()
  })
})

describe('CharacterGate', () => {
  it('opens the patterns whose characters the text holds, and those that need none', () => {
    const gate = new CharacterGate(['月底', '工作日', '\\s'])
    expect([...gate.open('6月底前')]).toEqual([0b101])
    expect([...gate.open('10个工作日内')]).toEqual([0b110])
    expect([...gate.open('好的')]).toEqual([0b100])
  })

  it('takes any number of patterns: the 40th and the 70th are gated like the first', () => {
    const sources = Array.from({ length: 70 }, (_, i) => String.fromCharCode(0x4e00 + i))
    const gate = new CharacterGate(sources)
    expect(gate.words).toBe(3)
    const open = gate.open(`${sources[0]}${sources[39]}${sources[69]}`)
    const opened = sources.map((_, i) => i).filter((i) => isOpen(open, i))
    expect(opened).toEqual([0, 39, 69])
    expect(sources.map((_, i) => i).filter((i) => isOpen(gate.open('好的'), i))).toEqual([])
  })

  it('never shuts a phrase family out of a clause it matches (the repository corpus, clause by clause)', () => {
    const lines = readFileSync(new URL('../../../corpus/messages.jsonl', import.meta.url), 'utf8').split('\n').filter(Boolean)
    const clauses = lines.flatMap((l) => (JSON.parse(l) as { text: string }).text.split(/[,，。;；!！?？\n\s]+/u))
    const missed: string[] = []
    let shut = 0
    for (const clause of clauses) {
      const open = possibleFamilies(clause)
      for (const family of PHRASE_FAMILIES) {
        const gated = isOpen(open, FAMILY_BY_NAME.get(family.name)!.index)
        if (!gated) shut++
        if (!gated && family.pattern.test(clause)) missed.push(`${family.name}: ${clause}`)
      }
    }
    expect(missed).toEqual([])
    // And it does shut most of them out: that is what it is for.
    expect(shut / (clauses.length * PHRASE_FAMILIES.length)).toBeGreaterThan(0.5)
  })

  it('never shuts a stage word out of a clause that says it (the repository corpus, clause by clause)', () => {
    const lines = readFileSync(new URL('../../../corpus/messages.jsonl', import.meta.url), 'utf8').split('\n').filter(Boolean)
    const clauses = lines.flatMap((l) => (JSON.parse(l) as { text: string }).text.split(/[,，。;；!！?？\n\s]+/u))
    const missed: string[] = []
    let said = 0
    let shut = 0
    for (const clause of clauses) {
      const open = STAGE_GATE.open(clause)
      STAGE_PATTERNS.forEach(([stage, pattern], p) => {
        if (!isOpen(open, p)) shut++
        if (!pattern.test(clause)) return
        said++
        if (!isOpen(open, p)) missed.push(`${stage}: ${clause}`)
      })
    }
    expect(missed).toEqual([])
    expect(said).toBeGreaterThan(50)
    expect(shut / (clauses.length * STAGE_PATTERNS.length)).toBeGreaterThan(0.8)
  })
})
