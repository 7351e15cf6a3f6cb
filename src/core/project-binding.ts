import type { Project } from '../domain/types.ts'
import type { Logger } from '../log.ts'
import { bindProjectRoom, bindRoomByProjectName, findProjectBoundBy, findProjectByName, findProjectByRoomId, findProjectByTopic, type Db } from '../store/index.ts'

/** Asks WeChat whether a group id is still valid. */
export type RoomExists = (roomId: string) => Promise<boolean>

export interface RoomSeen {
  id: string
  topic: string
}

/**
 * Remembers the project of each bound group, so that the common case (another message in a known
 * group) costs no query. Whatever may change a binding forgets: a command in that group (/bind,
 * /unbind, /quiet), a new topic, and any failure (a rolled-back bind must not linger).
 */
export class ProjectCache {
  readonly #byRoom = new Map<string, Project>()
  /** Warnings already logged for a group ("names a project bound elsewhere"): once, not once per message. */
  readonly #warned = new Set<string>()

  async find(db: Db, room: RoomSeen, pattern: RegExp, at: Date, log: Logger, roomExists?: RoomExists): Promise<Project | undefined> {
    const cached = this.#byRoom.get(room.id)
    if (cached && cached.roomTopic === room.topic) return cached
    const warnOnce: Logger = {
      ...log,
      warn: (line) => {
        const key = `${room.id}\n${line}`
        if (this.#warned.has(key)) return
        this.#warned.add(key)
        log.warn(line)
      },
    }
    const project = await findOrBindProject(db, room, pattern, at, warnOnce, roomExists)
    if (project) {
      // A project re-bound to this group is no longer the old group's.
      for (const [id, p] of this.#byRoom) if (p.id === project.id && id !== room.id) this.#byRoom.delete(id)
      this.#byRoom.set(room.id, project)
    } else {
      this.#byRoom.delete(room.id)
    }
    return project
  }

  forget(roomId: string): void {
    this.#byRoom.delete(roomId)
  }

  clear(): void {
    this.#byRoom.clear()
  }
}

/**
 * The project a group belongs to, binding it on first sight when its topic matches the pattern:
 * "【项目】年产10万吨新材料推进群" binds as project "年产10万吨新材料". A group already known by topic
 * under another id is re-bound when the old id is gone (some puppets change room ids across logins); one released with
 * /unbind keeps its topic with no room id and stays released until someone runs /bind again.
 */
export async function findOrBindProject(
  db: Db,
  room: RoomSeen,
  pattern: RegExp,
  at: Date,
  log: Logger,
  roomExists?: RoomExists,
): Promise<Project | undefined> {
  const byId = await findProjectByRoomId(db, room.id)
  if (byId) {
    if (byId.roomTopic !== room.topic) await bindProjectRoom(db, byId.id, room.id, room.topic)
    return { ...byId, roomTopic: room.topic }
  }
  const byTopic = await findProjectByTopic(db, room.topic)
  if (byTopic) {
    if (byTopic.roomId === null) return undefined
    // Only a group whose old id WeChat no longer knows moves: anyone can name a new group like an
    // existing project's, and must not take its reminders and issue lists with it.
    if (roomExists && (await roomExists(byTopic.roomId))) {
      log.warn(`又有一个群叫「${room.topic}」，而原项目群仍在：这个新群不绑定，以免仿冒群名截走提醒和问题清单（新群 ${room.id}，原群 ${byTopic.roomId}）`)
      return undefined
    }
    log.info(`群「${room.topic}」换了群 id（微信重新登录后常见），已接续原项目，记录不变`)
    await bindProjectRoom(db, byTopic.id, room.id, room.topic)
    return { ...byTopic, roomId: room.id }
  }
  const name = pattern.exec(room.topic)?.[1]?.trim()
  if (!name) return undefined
  return bindByName(db, name, room, at, log)
}

/**
 * Binds a group to the project its topic names, creating the project when there is none. A project
 * that a group owner (no admin) bound to some other group yields: "【项目】辛项目推进群" takes 辛项目
 * back from the owner who ran "/bind 辛项目" in a group of their own before it spoke.
 */
async function bindByName(db: Db, name: string, room: RoomSeen, at: Date, log: Logger): Promise<Project | undefined> {
  const bound = await bindRoomByProjectName(db, name, room, at, 'topic')
  if (!bound) {
    const held = await findProjectByName(db, name)
    if (held && (await findProjectBoundBy(db, held.id)) === 'owner') {
      log.warn(`项目「${name}」原由群主用 /绑定 绑定在群「${held.roomTopic ?? held.roomId}」；群「${room.topic}」的群名指明了这个项目，改为绑定到该群`)
      await bindProjectRoom(db, held.id, room.id, room.topic, 'topic')
      return { ...held, roomId: room.id, roomTopic: room.topic }
    }
    log.warn(`群「${room.topic}」对应的项目「${name}」已绑定在另一个群，这个群不绑定`)
    return undefined
  }
  if (bound.created) log.info(`群「${room.topic}」已绑定为新项目「${name}」`)
  return bound.project
}
