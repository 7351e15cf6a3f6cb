import { dateInZone, type LocalDate } from '../calendar/local-date.ts'
import { CalendarYearMissingError } from '../calendar/working-calendar.ts'
import { jobDay } from '../domain/job-day.ts'
import { enqueueText } from '../outbox/enqueue.ts'
import { claimJobRun, findJobRun, finishJobRun } from '../store/index.ts'
import { JOB_NAMES, JobNotReadyError, type JobDefinition, type JobDeps, type JobText } from './job-types.ts'

export type JobOutcome =
  | { ran: true; day: LocalDate; queued: number }
  | { ran: false; day: LocalDate; why: 'weekend' | 'holiday' | 'calendar-missing' | 'already-ran' | 'not-ready' }

/**
 * Runs a job for today if today is a working day and the job has not run today. The day's run is
 * claimed in the same transaction that queues its texts, so a crash or restart neither repeats
 * nor loses them; each text also carries a dedupe key naming the job, day, recipient and text.
 */
export async function runJobToday(deps: JobDeps, job: JobDefinition): Promise<JobOutcome> {
  const now = deps.clock.now()
  const today = dateInZone(now, deps.rules.timeZone)
  const day = jobDay(deps.rules.calendar, today)
  if (!day.work) {
    if (day.reason !== 'calendar-missing') return { ran: false, day: today, why: day.reason }
    deps.log.error(`${JOB_NAMES[job.name]}：日历缺少 ${day.year} 年的法定节假日数据，无法判断工作日（请在 data/holidays.json 补充，见 README）`)
    if (!job.speaksWhenCalendarMissing) return { ran: false, day: today, why: 'calendar-missing' }
  }
  if (await findJobRun(deps.db, job.name, today)) return { ran: false, day: today, why: 'already-ran' }

  let texts: JobText[]
  try {
    texts = await job.texts(deps, today)
  } catch (error) {
    // Not claimed: a later firing (or a restart) tries again.
    if (error instanceof JobNotReadyError) {
      deps.log.warn(`${JOB_NAMES[job.name]}：${error.message}，稍后重试`)
      return { ran: false, day: today, why: 'not-ready' }
    }
    if (!(error instanceof CalendarYearMissingError)) throw error
    deps.log.error(`${JOB_NAMES[job.name]}：${error.message}；今天没有发送`)
    return { ran: false, day: today, why: 'calendar-missing' }
  }
  const queued = await deps.db.transaction().execute(async (trx) => {
    if (!(await claimJobRun(trx, job.name, today, now))) return null
    let count = 0
    for (const [index, t] of texts.entries()) {
      // Empty texts are never sent; the dedupe key names the job, the day, the recipient and the text.
      if (t.text.trim() === '') continue
      count += await enqueueText(
        trx,
        {
          target: t.recipient,
          text: t.text,
          mentionIds: t.mentionIds,
          dedupeKey: t.once?.dedupeKey ?? `job:${job.name}:${today}:${t.recipient.kind}:${t.recipient.id}:${index}`,
          issueId: t.once?.issueId ?? null,
        },
        now,
      )
    }
    await finishJobRun(trx, job.name, today, now)
    return count
  })
  if (queued === null) return { ran: false, day: today, why: 'already-ran' }
  if (queued > 0) deps.wake()
  deps.log.info(`${JOB_NAMES[job.name]}：${today} 已放入发件队列 ${queued} 条`)
  return { ran: true, day: today, queued }
}
