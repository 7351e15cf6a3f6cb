import type { IssueStatus } from './types.ts'

export type IssueAction = 'resolve' | 'reopen'

/**
 * The status an issue moves to, or null when the action makes no sense from where it is: an open
 * or reopened issue can be resolved; only a resolved one can be reopened.
 */
export function nextIssueStatus(current: IssueStatus, action: IssueAction): IssueStatus | null {
  if (action === 'resolve') return current === 'resolved' ? null : 'resolved'
  return current === 'resolved' ? 'reopened' : null
}
