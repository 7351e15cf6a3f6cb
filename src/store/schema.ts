import type { Generated } from 'kysely'

/**
 * The tables as kysely sees them. Instants are ISO-8601 UTC strings (they sort as text); calendar
 * dates (`*_on`) are `YYYY-MM-DD` in the bot's timezone; booleans are 0/1.
 */
export interface Database {
  projects: ProjectsTable
  people: PeopleTable
  memberships: MembershipsTable
  messages: MessagesTable
  progress_updates: ProgressUpdatesTable
  resolutions: ResolutionsTable
  issues: IssuesTable
  issue_events: IssueEventsTable
  stage_events: StageEventsTable
  project_leaders: ProjectLeadersTable
  outbox: OutboxTable
  job_runs: JobRunsTable
  board_secret: BoardSecretTable
  arrivals: ArrivalsTable
  photos: PhotosTable
  admin_ids: AdminIdsTable
  answered_messages: AnsweredMessagesTable
}

export interface ProjectsTable {
  id: Generated<number>
  name: string
  county: string | null
  room_id: string | null
  room_topic: string | null
  muted: Generated<number>
  next_issue_number: Generated<number>
  created_at: string
  /** How the group was bound: 'topic', 'admin', 'owner' (BoundBy); null before 2026-12. */
  bound_by: string | null
}

/** A project's leader in charge (挂点领导): one per project, the latest /挂点 wins. */
export interface ProjectLeadersTable {
  project_id: number
  name: string
  wechat_id: string | null
  set_by_id: number | null
  set_at: string
}

export interface PeopleTable {
  id: Generated<number>
  wechat_id: string
  name: string
  updated_at: string
}

export interface MembershipsTable {
  project_id: number
  person_id: number
  first_seen_at: string
  last_seen_at: string
}

export interface MessagesTable {
  id: Generated<number>
  wechat_id: string
  project_id: number
  sender_id: number
  room_id: string
  text: string
  cut: Generated<number>
  sent_at: string
  sent_on: string
  received_at: string
  recalled_at: string | null
}

/** Columns every record shares: where it came from and whether it was taken back. */
interface SourcedRecord {
  id: Generated<number>
  project_id: number
  message_id: number | null
  source_command: string | null
  retracted_at: string | null
}

export interface ProgressUpdatesTable extends SourcedRecord {
  reporter_id: number | null
  stage: string | null
  percent: number | null
  due_on: string | null
  summary: string
  recorded_at: string
  recorded_on: string
}

export interface ResolutionsTable extends SourcedRecord {
  reporter_id: number | null
  category: string | null
  summary: string
  recorded_at: string
}

export interface IssuesTable extends SourcedRecord {
  number: number
  category: string
  summary: string
  status: string
  reporter_id: number | null
  assignee_id: number | null
  opened_at: string
  opened_on: string
  due_on: string | null
  resolved_at: string | null
  resolved_on: string | null
  resolution_text: string | null
  resolved_by_id: number | null
  resolution_id: number | null
}

export interface IssueEventsTable {
  id: Generated<number>
  issue_id: number
  kind: string
  status: string
  actor_id: number | null
  assignee_id: number | null
  message_id: number | null
  note: string | null
  /** A follow-up's new deadline; null otherwise (since 2026-12-08, see its migration). */
  due_on: string | null
  /** An opened issue's earlier number when it is the same problem come back. */
  recurs: number | null
  at: string
}

export interface StageEventsTable extends SourcedRecord {
  stage: string
  reached_on: string
  actor_id: number | null
  recorded_at: string
}

export interface OutboxTable {
  id: Generated<number>
  target_kind: string
  target_id: string
  text: string
  mentions: Generated<string>
  dedupe_key: string | null
  issue_id: number | null
  state: string
  attempts: Generated<number>
  next_attempt_at: string
  last_error: string | null
  created_at: string
  sent_at: string | null
  sent_message_id: string | null
  /** Set together for an item that sends a file rather than its text. */
  file_path: string | null
  file_name: string | null
  /** The item whose send carried this one, folded into the same WeChat message; null when sent alone. */
  sent_with: number | null
  /** The sender that is sending it now (its token) and until when that claim holds (2026-12-07). */
  claimed_by: string | null
  claimed_until: string | null
}

export interface JobRunsTable {
  id: Generated<number>
  job: string
  working_day: string
  started_at: string
  finished_at: string | null
}

export interface BoardSecretTable {
  id: number
  secret: string
  created_at: string
}

/** Messages answered without being stored in `messages`, by WeChat id (see the 2026-12-07 migration). */
export interface AnsweredMessagesTable {
  wechat_id: string
  answered_at: string
}

/** The WeChat id each BOT_ADMINS name stands for (see the 2026-12-07 migration). */
export interface AdminIdsTable {
  entry: string
  wechat_id: string
  resolved_at: string
}

/** Messages announced by the puppet service and not yet handled (see the 2026-12-03 migration). */
export interface ArrivalsTable {
  /** The order they came in (since 2026-12-08). */
  seq: Generated<number>
  wechat_id: string
  arrived_at: string
}

export interface PhotosTable {
  id: Generated<number>
  project_id: number
  message_id: number
  sender_id: number
  /** The file's SHA-256 in hex: its name under the data folder's photos/. */
  sha256: string
  bytes: number
  mime: string
  taken_at: string
  /** The progress report or the close (and its issue) it came with, if any. */
  progress_id: number | null
  resolution_id: number | null
  issue_id: number | null
  retracted_at: string | null
}
