import { describe, expect, it } from 'vitest'
import { isOpenStatus, nextIssueStatus } from '../../src/domain/issue-status.ts'

describe('nextIssueStatus', () => {
  it.each([
    ['open', 'resolve', 'resolved'],
    ['reopened', 'resolve', 'resolved'],
    ['resolved', 'resolve', null],
    ['resolved', 'reopen', 'reopened'],
    ['open', 'reopen', null],
    ['reopened', 'reopen', null],
  ] as const)('%s + %s → %s', (from, action, to) => {
    expect(nextIssueStatus(from, action)).toBe(to)
  })
})

describe('isOpenStatus', () => {
  it.each([
    ['open', true],
    ['reopened', true],
    ['resolved', false],
  ] as const)('%s → %s', (status, open) => {
    expect(isOpenStatus(status)).toBe(open)
  })
})
