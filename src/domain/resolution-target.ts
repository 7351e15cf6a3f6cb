import type { Category } from '../parse/types.ts'
import type { Issue } from './types.ts'

export type ResolutionTarget =
  | { kind: 'close'; issue: Issue }
  | { kind: 'ask'; candidates: Issue[] }
  | { kind: 'none' }

const isOpen = (i: Issue) => i.status === 'open' || i.status === 'reopened'

/**
 * Which issue a "已解决" closes, only when it is clear: the issue the quoted message was about (the
 * report itself or the bot's confirmation of it), or else the only open issue of the category the
 * resolution names ("供电接入已解决" → the one open infrastructure issue), or the only open issue at
 * all when no category is named. Anything less clear is a question to the group, never a guess.
 */
export function chooseIssueToClose(input: {
  /** Issues the quoted message points at; undefined when the message quotes nothing known. */
  quoted: Issue[] | undefined
  category: Category | null
  openIssues: Issue[]
}): ResolutionTarget {
  if (input.quoted && input.quoted.length > 0) {
    const open = input.quoted.filter(isOpen)
    if (open.length === 1) return { kind: 'close', issue: open[0]! }
    return open.length > 1 ? { kind: 'ask', candidates: open } : { kind: 'none' }
  }
  const open = input.openIssues.filter(isOpen)
  const sameTeam = input.category ? open.filter((i) => i.category === input.category) : open
  if (sameTeam.length === 1) return { kind: 'close', issue: sameTeam[0]! }
  if (sameTeam.length > 1) return { kind: 'ask', candidates: sameTeam }
  return open.length > 0 ? { kind: 'ask', candidates: open } : { kind: 'none' }
}
