import type { Category, Stage } from '../parse/types.ts'
import type { Selectable } from 'kysely'
import type {
  IssueEventsTable,
  IssuesTable,
  MessagesTable,
  PeopleTable,
  ProgressUpdatesTable,
  ProjectsTable,
  ResolutionsTable,
  StageEventsTable,
} from './schema.ts'
import type { Issue, IssueEvent, IssueEventKind, IssueStatus, Person, ProgressUpdate, Project, Resolution, StageEvent, StoredMessage } from '../domain/types.ts'

// Rows to domain objects: pure, so the shapes the bot sees are fixed in one place. The text
// columns holding enums were written by this store from typed values, hence the casts.

const instant = (iso: string): Date => new Date(iso)
const maybeInstant = (iso: string | null): Date | null => (iso === null ? null : new Date(iso))

export function toProject(row: Selectable<ProjectsTable>): Project {
  return {
    id: row.id,
    name: row.name,
    county: row.county,
    roomId: row.room_id,
    roomTopic: row.room_topic,
    muted: row.muted === 1,
    createdAt: instant(row.created_at),
  }
}

export function toPerson(row: Selectable<PeopleTable>): Person {
  return { id: row.id, wechatId: row.wechat_id, name: row.name }
}

export function toProgress(row: Selectable<ProgressUpdatesTable>): ProgressUpdate {
  return {
    id: row.id,
    projectId: row.project_id,
    messageId: row.message_id,
    sourceCommand: row.source_command,
    reporterId: row.reporter_id,
    stage: row.stage as Stage | null,
    percent: row.percent,
    dueOn: row.due_on,
    summary: row.summary,
    recordedAt: instant(row.recorded_at),
    recordedOn: row.recorded_on,
  }
}

export function toResolution(row: Selectable<ResolutionsTable>): Resolution {
  return {
    id: row.id,
    projectId: row.project_id,
    messageId: row.message_id,
    sourceCommand: row.source_command,
    reporterId: row.reporter_id,
    category: row.category as Category | null,
    summary: row.summary,
    recordedAt: instant(row.recorded_at),
  }
}

export function toIssue(row: Selectable<IssuesTable>): Issue {
  return {
    id: row.id,
    projectId: row.project_id,
    number: row.number,
    messageId: row.message_id,
    sourceCommand: row.source_command,
    category: row.category as Category,
    summary: row.summary,
    status: row.status as IssueStatus,
    reporterId: row.reporter_id,
    assigneeId: row.assignee_id,
    openedAt: instant(row.opened_at),
    openedOn: row.opened_on,
    dueOn: row.due_on,
    resolvedAt: maybeInstant(row.resolved_at),
    resolvedOn: row.resolved_on,
    resolutionText: row.resolution_text,
    resolvedById: row.resolved_by_id,
  }
}

export function toIssueEvent(row: Selectable<IssueEventsTable>): IssueEvent {
  return {
    id: row.id,
    issueId: row.issue_id,
    kind: row.kind as IssueEventKind,
    status: row.status as IssueStatus,
    actorId: row.actor_id,
    assigneeId: row.assignee_id,
    messageId: row.message_id,
    note: row.note,
    dueOn: row.due_on,
    recurs: row.recurs,
    at: instant(row.at),
  }
}

export function toStageEvent(row: Selectable<StageEventsTable>): StageEvent {
  return {
    id: row.id,
    projectId: row.project_id,
    stage: row.stage as Stage,
    reachedOn: row.reached_on,
    messageId: row.message_id,
    sourceCommand: row.source_command,
    actorId: row.actor_id,
    recordedAt: instant(row.recorded_at),
  }
}

export function toStoredMessage(row: Selectable<MessagesTable>): StoredMessage {
  return {
    id: row.id,
    wechatId: row.wechat_id,
    projectId: row.project_id,
    senderId: row.sender_id,
    text: row.text,
    cut: row.cut === 1,
    sentAt: instant(row.sent_at),
    receivedAt: instant(row.received_at),
    recalledAt: maybeInstant(row.recalled_at),
  }
}
