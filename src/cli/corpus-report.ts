/**
 * `npm run corpus [-- --verbose]`: the parser and the replay on the repository's own labelled
 * corpus (corpus/), scored; `--verbose` lists every miss. The tests hold these scores above their
 * thresholds (test/corpus.test.ts).
 *
 * Other labelled files are scored the same way when named on the command line:
 *   npm run corpus -- --conversations other.jsonl [--labels other.labels.jsonl] [--messages real.jsonl]
 * Conversations are also scored writer by writer (leave one writer out: a room's writer is its ids'
 * prefix before the first '-', without its number), and messages site by site when they have a
 * `site` field.
 */
import { join } from 'node:path'
import { settingsFromEnv } from '../settings.ts'
import { CORPUS, labelsBeside, scoreBySite, scoreByWriter, scoreConversations, scoreMessages } from './corpus.ts'
import type { LedgerScore } from './corpus-score.ts'

const args = process.argv.slice(2)
const verbose = args.includes('--verbose')
const option = (name: string): string | undefined => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}
const { rules } = settingsFromEnv({})
const f = (n: number) => n.toFixed(3)

const messagesPath = option('--messages') ?? join(CORPUS, 'messages.jsonl')
const conversationsPath = option('--conversations') ?? join(CORPUS, 'conversations.jsonl')
const labelsPath = option('--labels') ?? labelsBeside(conversationsPath)

const messages = scoreMessages(messagesPath, rules)
if (verbose) for (const m of messages.misses) console.log(m)
const { progress, issue, resolution } = messages.detectionF1
console.log(`单条消息（${messagesPath}）：检测宏 F1 ${f(messages.macroF1)}（进度 ${f(progress)}，问题 ${f(issue)}，解决 ${f(resolution)}），字段准确率 ${f(messages.fieldAccuracy)}`)

const sites = scoreBySite(messagesPath, rules)
if (sites.length === 0) console.log('  （这批消息没有 site 字段，不按站点分开评分）')
else {
  console.log('  按站点（留一站点）：站点 | 条数 | 本站宏 F1 | 其余站点宏 F1 | 差')
  for (const s of sites) console.log(`  ${s.site} | ${s.messages} | ${f(s.own.macroF1)} | ${f(s.rest.macroF1)} | ${f(s.rest.macroF1 - s.own.macroF1)}`)
}

const parts = (score: LedgerScore) => {
  const p = score.parts
  return (
    `问题 F1 ${f(p.issueF1)}，跟进 ${f(p.followUps)}，专班 ${f(p.team)}，状态 ${f(p.status)}，办结消息 ${f(p.closedBy)}，` +
    `进度 F1 ${f(p.progressF1)}，节点 ${f(p.stage)}，安静 ${f(p.quiet)}`
  )
}
const ledger = await scoreConversations(conversationsPath, rules, labelsPath)
if (verbose) for (const m of ledger.misses) console.log(m)
console.log(`整段对话（${conversationsPath}）：台账得分 ${f(ledger.ledgerScore)}（${parts(ledger)}）`)

// The rules have no learned parts: nothing is retrained without the writer left out, so "其余作者"
// is the in-sample figure for the rest and "本作者" the figure on the writer's own rooms.
const writers = await scoreByWriter(conversationsPath, rules, labelsPath)
console.log('  按作者（留一作者；规则为手写，无可训练部分）：作者 | 群数 | 问题数 | 本作者台账得分 | 其余作者台账得分 | 差')
for (const w of writers) {
  console.log(`  ${w.writer} | ${w.rooms} | ${w.issues} | ${f(w.own.ledgerScore)} | ${f(w.rest.ledgerScore)} | ${f(w.rest.ledgerScore - w.own.ledgerScore)}`)
  if (verbose) console.log(`    ${w.writer}：${parts(w.own)}`)
}
