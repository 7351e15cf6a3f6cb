import type { IssueStatus } from './types.ts'

export type IssueAction = 'resolve' | 'reopen'

/** The statuses of an issue still to be solved: every list, count and match of open issues uses these. */
export const OPEN_STATUSES: readonly IssueStatus[] = ['open', 'reopened']

export function isOpenStatus(status: IssueStatus): boolean {
  return OPEN_STATUSES.includes(status)
}

/**
 * The status an issue moves to, or null when the action makes no sense from where it is: an open
 * or reopened issue can be resolved; only a resolved one can be reopened.
 */
export function nextIssueStatus(current: IssueStatus, action: IssueAction): IssueStatus | null {
  if (action === 'resolve') return current === 'resolved' ? null : 'resolved'
  return current === 'resolved' ? 'reopened' : null
}
