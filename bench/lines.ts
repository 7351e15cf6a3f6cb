import { readChatText } from '../src/parse/chat-text.ts'
import { readDevSet } from './parser.ts'

/** What a group says besides its reports: seven lines in ten. */
const CHATTER = ['收到', '好的，马上落实', '明天上午9点在三楼会议室开会', '辛苦了', '这个情况我了解一下再回复', '👍', '谢谢各位领导支持']

/**
 * The benches' group chat: message i is, three times in ten, one of the repository's labelled
 * messages (corpus/: reports, problems, fixes), else chatter. Every bench that sends messages says
 * the same ones, so their figures compare. The corpus's commands are left out: a wrong one is
 * answered and not stored, and the benches count stored messages.
 */
export function groupTexts(root: string): (i: number) => string {
  const reports = readDevSet(root)
    .map((m) => m.text)
    .filter((text) => readChatText(text, 'text').command === undefined)
  return (i) => (i % 10 < 3 ? (reports[i % reports.length] as string) : (CHATTER[i % CHATTER.length] as string))
}
