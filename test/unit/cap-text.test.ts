import { describe, expect, it } from 'vitest'
import { capText } from '../../src/store/messages.repository.ts'

describe('capText', () => {
  it.each([
    ['short', 5, 'short', false],
    ['exact', 5, 'exact', false],
    ['longer', 5, 'longe', true],
    // An emoji is one character (two UTF-16 units): never cut in half, never counted twice.
    ['👍👍👍', 3, '👍👍👍', false],
    ['👍👍👍', 2, '👍👍', true],
    ['进度👍完成', 3, '进度👍', true],
  ])('%s cut at %i → %s (cut: %s)', (text, limit, kept, cut) => {
    expect(capText(text, limit)).toEqual({ text: kept, cut })
  })
})
