/**
 * `npm run corpus [-- --verbose]`: the parser and the replay on the repository's own labelled
 * corpus (corpus/), scored; `--verbose` lists every miss. The tests hold these scores above their
 * thresholds (test/corpus.test.ts).
 */
import { join } from 'node:path'
import { settingsFromEnv } from '../settings.ts'
import { CORPUS, scoreConversations, scoreMessages } from './corpus.ts'

const verbose = process.argv.includes('--verbose')
const { rules } = settingsFromEnv({})
const f = (n: number) => n.toFixed(3)

const messages = scoreMessages(join(CORPUS, 'messages.jsonl'), rules)
if (verbose) for (const m of messages.misses) console.log(m)
const { progress, issue, resolution } = messages.detectionF1
console.log(`单条消息（corpus/messages.jsonl）：检测宏 F1 ${f(messages.macroF1)}（进度 ${f(progress)}，问题 ${f(issue)}，解决 ${f(resolution)}），字段准确率 ${f(messages.fieldAccuracy)}`)

const ledger = await scoreConversations(join(CORPUS, 'conversations.jsonl'), rules)
if (verbose) for (const m of ledger.misses) console.log(m)
const p = ledger.parts
console.log(
  `整段对话（corpus/conversations.jsonl）：台账得分 ${f(ledger.ledgerScore)}（问题 F1 ${f(p.issueF1)}，跟进 ${f(p.followUps)}，专班 ${f(p.team)}，` +
    `状态 ${f(p.status)}，办结消息 ${f(p.closedBy)}，进度 F1 ${f(p.progressF1)}，节点 ${f(p.stage)}，安静 ${f(p.quiet)}）`,
)
