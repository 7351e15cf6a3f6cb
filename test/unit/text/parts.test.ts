import { describe, expect, it } from 'vitest'
import { splitParts } from '../../../src/text/parts.ts'

const unlabel = (p: string) => p.replace(/^\(\d+\/\d+\)\n/u, '')

describe('splitParts: numbered parts for a phone', () => {
  it('leaves a short text whole and unnumbered', () => {
    expect(splitParts('头\n\n一、甲\n乙')).toEqual(['头\n\n一、甲\n乙'])
  })

  it('splits at line boundaries into numbered parts no longer than the limit', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `第${i}行${'字'.repeat(8)}`)
    const parts = splitParts(lines.join('\n'), 60)
    expect(parts.length).toBeGreaterThan(1)
    for (const [i, p] of parts.entries()) {
      expect(p.length).toBeLessThanOrEqual(60)
      expect(p.startsWith(`(${i + 1}/${parts.length})\n`)).toBe(true)
    }
    expect(parts.map(unlabel).join('\n')).toBe(lines.join('\n'))
  })

  it('cuts a single line longer than a part into pieces, losing nothing', () => {
    const parts = splitParts('长'.repeat(130), 60)
    expect(parts.map(unlabel).join('')).toBe('长'.repeat(130))
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(60)
  })

  it('keeps blocks whole where they fit, and breaks a block too long for one part between lines', () => {
    const section = (title: string, lines: number) => [title, ...Array.from({ length: lines }, (_, i) => `第${i + 1}行`.padEnd(10, '。'))].join('\n')
    const parts = splitParts(['头', section('一、短', 3), section('二、长', 20)].join('\n\n'), 120)
    expect(parts.every((p) => p.length <= 120)).toBe(true)
    expect(parts.map((p) => p.split('\n')[0])).toEqual(parts.map((_, i) => `(${i + 1}/${parts.length})`))
    expect(parts[0]).toContain('头\n\n一、短')
    // Every line arrives exactly once, in order.
    const lines = parts.flatMap((p) => p.split('\n').slice(1)).filter((l) => l !== '')
    expect(lines).toEqual(['头', ...section('一、短', 3).split('\n'), ...section('二、长', 20).split('\n')])
  })
})
