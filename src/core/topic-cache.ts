import type { IssueTopic } from '../domain/issue-matching.ts'
import { listIssueTopics, type Db } from '../store/index.ts'

/** Projects whose topics are kept at most; past this the cache starts again (a province has 5,000). */
const PROJECT_LIMIT = 1_000

/**
 * Each project's issue topics (domain/issue-matching.ts) as last read, for the next message of its
 * group: most messages with a record are plain progress ("主体结构完成60%"), which changes no issue,
 * so the group's next message need not read them again. The router, the only writer of issues,
 * forgets a project's topics whenever a message may have changed them (an issue raised, followed
 * up or closed; a recall) and every project's after a command or a failure, so a kept list always
 * matches the ledger.
 */
export class TopicCache {
  readonly #topics = new Map<number, readonly IssueTopic[]>()

  async of(db: Db, projectId: number): Promise<readonly IssueTopic[]> {
    const kept = this.#topics.get(projectId)
    if (kept) return kept
    const read = await listIssueTopics(db, projectId)
    if (this.#topics.size >= PROJECT_LIMIT) this.#topics.clear()
    this.#topics.set(projectId, read)
    return read
  }

  forget(projectId: number): void {
    this.#topics.delete(projectId)
  }

  clear(): void {
    this.#topics.clear()
  }
}
