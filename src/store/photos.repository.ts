import { createHash } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from './database.ts'

/** A photo larger than this is not kept (a phone's photo is 2–8 MB; WeChat sends a smaller copy). */
export const PHOTO_MAX_BYTES = 20 * 1024 * 1024

/** A photo and a progress report or a close by the same sender this close together belong together. */
export const PHOTO_NEAR_MS = 5 * 60_000

/** What a photo's first bytes say it is; null for anything that is not a picture a browser shows. */
export function photoMime(bytes: Uint8Array): string | null {
  const starts = (...b: number[]) => b.every((x, i) => bytes[i] === x)
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png'
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif'
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp'
  return null
}

/** Where a photo's file lies: photos/ab/abcdef… under the data folder. */
export function photoPath(dataDir: string, sha256: string): string {
  return join(dataDir, 'photos', sha256.slice(0, 2), sha256)
}

/**
 * Keeps a photo's bytes under the data folder by their SHA-256 (the same picture posted twice is one
 * file), readable by the bot's account only: folders 0700, the file 0600, written whole through a
 * temporary file and a rename.
 */
export function savePhotoFile(dataDir: string, bytes: Uint8Array): string {
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const path = photoPath(dataDir, sha256)
  if (existsSync(path)) return sha256
  for (const dir of [join(dataDir, 'photos'), join(dataDir, 'photos', sha256.slice(0, 2))]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    chmodSync(dir, 0o700)
  }
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, bytes, { mode: 0o600 })
  renameSync(temporary, path)
  return sha256
}

export interface NewPhoto {
  projectId: number
  messageId: number
  senderId: number
  sha256: string
  bytes: number
  mime: string
  at: Date
}

/**
 * Stores a photo's row and ties it to what its sender reported just before it in the project: the
 * latest progress or close of theirs within PHOTO_NEAR_MS ("主体封顶了" then a picture of the roof).
 */
export async function recordPhoto(db: Db, photo: NewPhoto): Promise<number> {
  const since = new Date(photo.at.getTime() - PHOTO_NEAR_MS).toISOString()
  const at = photo.at.toISOString()
  const progress = await db
    .selectFrom('progress_updates')
    .select(['id', 'recorded_at'])
    .where('project_id', '=', photo.projectId)
    .where('reporter_id', '=', photo.senderId)
    .where('retracted_at', 'is', null)
    .where('recorded_at', '>=', since)
    .where('recorded_at', '<=', at)
    .orderBy('recorded_at', 'desc')
    .executeTakeFirst()
  const closed = await db
    .selectFrom('issues')
    .select(['id', 'resolved_at'])
    .where('project_id', '=', photo.projectId)
    .where('resolved_by_id', '=', photo.senderId)
    .where('status', '=', 'resolved')
    .where('resolved_at', '>=', since)
    .where('resolved_at', '<=', at)
    .orderBy('resolved_at', 'desc')
    .executeTakeFirst()
  // Whichever came last is what the picture shows.
  const toClose = closed !== undefined && (progress === undefined || closed.resolved_at! >= progress.recorded_at)
  const row = await db
    .insertInto('photos')
    .values({
      project_id: photo.projectId,
      message_id: photo.messageId,
      sender_id: photo.senderId,
      sha256: photo.sha256,
      bytes: photo.bytes,
      mime: photo.mime,
      taken_at: at,
      progress_id: toClose ? null : (progress?.id ?? null),
      issue_id: toClose ? closed.id : null,
      resolution_id: null,
      retracted_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * A progress report or a close that comes after its photos ("picture, then 已接通"): the sender's
 * photos of the last PHOTO_NEAR_MS in the project that belong to nothing yet are tied to it.
 */
export async function attachRecentPhotos(
  db: Db,
  input: { projectId: number; senderId: number; at: Date; to: { progressId: number } | { issueId: number } },
): Promise<number> {
  const result = await db
    .updateTable('photos')
    .set('progressId' in input.to ? { progress_id: input.to.progressId } : { issue_id: input.to.issueId })
    .where('project_id', '=', input.projectId)
    .where('sender_id', '=', input.senderId)
    .where('retracted_at', 'is', null)
    .where('progress_id', 'is', null)
    .where('issue_id', 'is', null)
    .where('taken_at', '>=', new Date(input.at.getTime() - PHOTO_NEAR_MS).toISOString())
    .where('taken_at', '<=', input.at.toISOString())
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * A recalled photo: its row is marked, and its file removed unless the same picture is still live
 * in another message. Returns how many photos it took back.
 */
export async function retractPhotosOf(db: Db, dataDir: string, messageId: number, at: Date): Promise<number> {
  const rows = await db.selectFrom('photos').select(['id', 'sha256']).where('message_id', '=', messageId).where('retracted_at', 'is', null).execute()
  for (const row of rows) {
    await db.updateTable('photos').set({ retracted_at: at.toISOString() }).where('id', '=', row.id).execute()
    const still = await db.selectFrom('photos').select('id').where('sha256', '=', row.sha256).where('retracted_at', 'is', null).executeTakeFirst()
    if (!still) rmSync(photoPath(dataDir, row.sha256), { force: true })
  }
  return rows.length
}

export interface PhotoRef {
  sha256: string
  mime: string
  takenAt: Date
  senderName: string | null
  issueId: number | null
}

/** A project's live photos, newest first (at most `limit`), with whose and which issue's they are. */
export async function listProjectPhotos(db: Db, projectId: number, limit: number): Promise<PhotoRef[]> {
  const rows = await db
    .selectFrom('photos')
    .leftJoin('people', 'people.id', 'photos.sender_id')
    .select(['photos.sha256', 'photos.mime', 'photos.taken_at', 'people.name', 'photos.issue_id'])
    .where('photos.project_id', '=', projectId)
    .where('photos.retracted_at', 'is', null)
    .orderBy('photos.taken_at', 'desc')
    .orderBy('photos.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ sha256: r.sha256, mime: r.mime, takenAt: new Date(r.taken_at), senderName: r.name, issueId: r.issue_id }))
}

/** A live photo's type, by its SHA-256; undefined when there is none (never stored, or recalled). */
export async function findLivePhoto(db: Db, sha256: string): Promise<{ mime: string } | undefined> {
  return db.selectFrom('photos').select('mime').where('sha256', '=', sha256).where('retracted_at', 'is', null).executeTakeFirst()
}
