import type { Db } from '../store/index.ts'
import type { Remembered } from './remembered.ts'

/**
 * One batch of messages as a unit of work: `work` runs in one transaction of `db`, and when that
 * transaction does not commit (a storage fault, a failed commit) everything `remembered` learned is
 * forgotten, since it may describe what was rolled back. The inbox and the replay both commit their
 * batches through here; the caller decides what to do with the error (retry, give up), not this.
 */
export async function runUnitOfWork<T>(db: Db, remembered: Remembered, work: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(work)
  } catch (error) {
    remembered.forgetUncommitted()
    throw error
  }
}
