import { describe, expect, it } from 'vitest'
import { asWritten } from '../../../src/core/as-written.ts'
import { readRecords } from '../../../src/core/message-core.ts'
import { readChatText } from '../../../src/parse/chat-text.ts'
import { settingsFromEnv } from '../../../src/settings.ts'

const { rules } = settingsFromEnv({})
/** The summaries the ledger keeps of a message, as the core writes them. */
const shown = (text: string) => {
  const read = readChatText(text)
  return readRecords({ kind: 'text', ...read, sentAt: new Date('2026-03-10T02:00:00Z') }, rules).map((r) => asWritten(r.summary, read.body))
}

describe('what the ledger shows of a message keeps the sender’s own characters', () => {
  it.each([
    ['Traditional stays Traditional', '廠區北門那段路還沒修好，貨櫃車進不來', /^廠區北門那段路還沒修好，貨櫃車進不來$/u],
    ['full-width punctuation stays full-width', '临时用电（二期）已经接通了', /^临时用电（二期）已经接通了$/u],
    ['full-width digits stay full-width', '３号厂房的施工许可证还没批下来', /^３号厂房的施工许可证还没批下来$/u],
    ['the sender’s ！ between two clauses stays', '设备放行了！今天下午三台车拉进厂', /^设备放行了！今天下午三台车拉进厂$/u],
    ['Cantonese stays Cantonese', '仓库门口嗰段路塌咗，货车入唔到', /^仓库门口嗰段路塌咗，货车入唔到$/u],
  ])('%s', (_what, text, expected) => {
    expect(shown(text)).toContainEqual(expect.stringMatching(expected))
  })

  it('words the summary left out are not brought back, and a summary it cannot place is shown as read', () => {
    expect(asWritten('围墙砌好，大门装好', '围墙砌好了\n2.食堂在装修\n大门装好')).toBe('围墙砌好，大门装好')
    expect(asWritten('一个不在原文里的摘要', '完全不同的文字')).toBe('一个不在原文里的摘要')
  })
})
