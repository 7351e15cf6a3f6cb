import { describe, expect, it } from 'vitest'
import { editDistance } from '../../../src/core/command-catalogue.ts'

describe('editDistance', () => {
  it.each([
    ['stauts', 'status', 2],
    ['issue', 'issues', 1],
    ['状太', '状态', 1],
  ])('%s → %s', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d)
  })
})
