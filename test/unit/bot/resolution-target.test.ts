import { describe, expect, it } from 'vitest'
import { chooseIssueToClose } from '../../../src/domain/resolution-target.ts'
import type { Category } from '../../../src/parse/types.ts'
import type { Issue, IssueStatus } from '../../../src/domain/types.ts'

const issue = (number: number, category: Category, status: IssueStatus = 'open'): Issue => ({
  id: number,
  projectId: 1,
  number,
  messageId: null,
  sourceCommand: null,
  category,
  summary: `问题${number}`,
  status,
  reporterId: null,
  assigneeId: null,
  openedAt: new Date('2026-03-02T01:00:00Z'),
  openedOn: '2026-03-02',
  dueOn: '2026-03-11',
  resolvedAt: null,
  resolvedOn: null,
  resolutionText: null,
  resolvedById: null,
})

const land1 = issue(1, 'land')
const land2 = issue(2, 'land')
const power = issue(3, 'infrastructure')
const closed = issue(4, 'finance', 'resolved')

describe('chooseIssueToClose', () => {
  it.each([
    ['the quoted issue', { quoted: [land2], category: null, openIssues: [land1, land2] }, { kind: 'close', issue: land2 }],
    ['a quoted issue already closed: nothing', { quoted: [closed], category: 'finance', openIssues: [] }, { kind: 'none' }],
    ['the only open issue of the team ("供电接入已解决")', { quoted: undefined, category: 'infrastructure', openIssues: [land1, power] }, { kind: 'close', issue: power }],
    ['two of the team: ask', { quoted: undefined, category: 'land', openIssues: [land1, land2, power] }, { kind: 'ask', candidates: [land1, land2] }],
    ['no team named, one open issue: that one', { quoted: undefined, category: null, openIssues: [power] }, { kind: 'close', issue: power }],
    ['no team named, several: ask', { quoted: undefined, category: null, openIssues: [land1, power] }, { kind: 'ask', candidates: [land1, power] }],
    ['a team with none open, others open: ask', { quoted: undefined, category: 'finance', openIssues: [land1] }, { kind: 'ask', candidates: [land1] }],
    ['nothing open: nothing', { quoted: undefined, category: 'land', openIssues: [] }, { kind: 'none' }],
  ] as const)('%s', (_name, input, expected) => {
    expect(chooseIssueToClose({ ...input, quoted: input.quoted ? [...input.quoted] : undefined, openIssues: [...input.openIssues] })).toEqual(expected)
  })
})
