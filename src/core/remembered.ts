import { IntakeMemo } from '../store/index.ts'
import { ProjectCache } from './project-binding.ts'
import { TopicCache } from './topic-cache.ts'

/**
 * What the core remembers between messages, so that the common message (another line in a known
 * group from a known sender) costs no query: each group's project, each sender and their membership
 * of the day, each project's issue topics. All of it was read or written inside a transaction, so
 * it holds only once that transaction commits: a batch that does not commit (or one message's
 * savepoint that is rolled back) must forget all of it, and does through `forgetUncommitted`, the
 * one place that clears. `runUnitOfWork` is the batch's owner that calls it.
 */
export class Remembered {
  readonly projects = new ProjectCache()
  readonly people = new IntakeMemo()
  readonly topics = new TopicCache()

  /** Work was rolled back: nothing remembered may be trusted (a binding, a new sender, a changed issue). */
  forgetUncommitted(): void {
    this.projects.clear()
    this.people.clear()
    this.topics.clear()
  }

  /** A command may bind, release or quiet its group and raise, close, reopen or take back issues of any project. */
  forgetAfterCommand(roomId: string): void {
    this.projects.forget(roomId)
    this.topics.clear()
  }

  /** A message raised, followed up, closed or took back issues of this project: its topics are read afresh. */
  forgetIssuesOf(projectId: number): void {
    this.topics.forget(projectId)
  }
}
