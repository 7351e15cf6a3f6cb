import { readCommandLine, splitQuote } from './chat-text.ts'
import { explainMessage, type Explanation, type ParseOptions } from './parse-message.ts'
import type { ParsedRecord } from './types.ts'

/**
 * A message's text as WeChat delivers it (a quoted block, @mentions and all), read the way the bot
 * reads it: the quote apart, a command recording nothing. For `npm run parse` and the corpus scorer;
 * the bot itself has the message taken apart already (ChatMessage).
 */
export function parseChatText(text: string, sentAt: Date | string, options: ParseOptions): ParsedRecord[] {
  return explainChatText(text, sentAt, options).records
}

export function explainChatText(text: string, sentAt: Date | string, options: ParseOptions): Explanation {
  const { body, quote } = splitQuote(text)
  if (readCommandLine(body)) return { setAside: 'command', items: [], records: [] }
  return explainMessage({ body, quoted: quote?.text, sentAt }, options)
}
