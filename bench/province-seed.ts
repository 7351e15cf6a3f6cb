import { sql } from 'kysely'
import type { Db } from '../src/store/index.ts'

/** The size of the province `npm run bench -- growth` builds. */
export interface ProvinceSize {
  projects: number
  messages: number
  /** The first and the last day its messages were sent (UTC midnight of each). */
  from: string
  to: string
}

/** What a group's messages say, cycled: talk mostly, some reports (their length is what matters here). */
const TEXTS = [
  '收到',
  '好的，马上落实',
  '厂房主体结构已完成60%，预计5月底封顶',
  '明天上午9点在三楼会议室开会',
  '施工用电还没接入，供电局说要等电力设施迁改',
  '辛苦了👍',
  '设备已进场，正在安装调试',
  '征地拆迁还有两户没谈妥，需要镇里协调',
  '这个情况我了解一下再回复',
  '消防验收已通过，下周申请竣工验收',
]

/**
 * Fills an empty, migrated database with a province's three years of chat in bulk SQL, far faster
 * than the bot would (5,000,000 messages in minutes, not hours). Messages go to projects by a
 * multiplicative hash, so every project gets its share of each kind: per project six members and its
 * milestones; every message in time order; a progress update for one message in ten, an issue for
 * one in twenty (resolved five days on unless it is recent, one old one in twenty left open),
 * each with its events; a sent reply for one message in ten. Deterministic: the same size gives
 * the same data. SQLite's SQL (date modifiers, printf, pragma): the growth bench measures SQLite.
 */
export async function seedProvince(db: Db, size: ProvinceSize): Promise<void> {
  const { projects: P, messages: M } = size
  const start = `${size.from}T00:00:00Z`
  const span = Math.round((Date.parse(`${size.to}T00:00:00Z`) - Date.parse(start)) / 1000)
  const texts = sql.join(TEXTS.map((t, i) => sql`select ${i} as k, ${t} as text`), sql` union all `)
  await db.transaction().execute(async (trx) => {
    await sql`
      with recursive seq(n) as (select 1 union all select n + 1 from seq where n < ${P})
      insert into projects (id, name, county, room_id, room_topic, created_at, next_issue_number)
      select n, '项目' || n, '县' || (n % 97), 'province-' || n || '@chatroom', '【项目】项目' || n || '推进群', ${start}, 1 from seq`.execute(trx)
    await sql`
      with recursive seq(n) as (select 0 union all select n + 1 from seq where n < ${P * 6 - 1})
      insert into people (id, wechat_id, name, updated_at) select n + 1, 'wxid_p' || n, '成员' || n, ${start} from seq`.execute(trx)
    await sql`
      insert into memberships (project_id, person_id, first_seen_at, last_seen_at)
      select (id - 1) / 6 + 1, id, ${start}, ${start} from people`.execute(trx)
    // Milestones: every project signed, later ones reached by fewer, a few months apart.
    await sql`
      with recursive stage(k, name) as (values (0, 'signed'), (1, 'land'), (2, 'construction'), (3, 'completion'), (4, 'production'))
      insert into stage_events (project_id, stage, reached_on, message_id, source_command, actor_id, recorded_at, retracted_at)
      select p.id, stage.name, date(${start}, '+' || ((p.id * 37) % 300 + stage.k * 150) || ' days'), null, 'stage', null, ${start}, null
      from projects p join stage on stage.k <= p.id % 5`.execute(trx)
  })
  // Messages in chunks: one transaction each keeps the WAL from growing to the size of the data.
  const chunk = 250_000
  for (let first = 0; first < M; first += chunk) {
    const last = Math.min(M, first + chunk) - 1
    await db.transaction().execute(async (trx) => {
      await sql`
        with recursive seq(n) as (select ${first} union all select n + 1 from seq where n < ${last}),
        texts(k, text) as (${texts}),
        m(n, project, at) as (select n, (n * 2654435761 % 4294967296) % ${P} + 1, strftime('%Y-%m-%dT%H:%M:%fZ', ${start}, '+' || (n * ${span} / ${M}) || ' seconds') from seq)
        insert into messages (id, wechat_id, project_id, sender_id, room_id, text, cut, sent_at, sent_on, received_at, recalled_at)
        select n + 1, printf('s%09d', n), project, (project - 1) * 6 + n % 6 + 1, 'province-' || project || '@chatroom',
               texts.text, 0, at, date(at, '+8 hours'), at, null
        from m join texts on texts.k = n % 10`.execute(trx)
      await sql`
        insert into progress_updates (project_id, message_id, source_command, reporter_id, stage, percent, due_on, summary, recorded_at, recorded_on, retracted_at)
        select project_id, id, null, sender_id, null, (id * 13) % 100, null, text, sent_at, sent_on, null
        from messages where id between ${first + 1} and ${last + 1} and id % 10 = 3`.execute(trx)
      await sql`
        insert into issues (project_id, number, message_id, source_command, category, summary, status, reporter_id, assignee_id,
                            opened_at, opened_on, due_on, resolved_at, resolved_on, resolution_text, resolved_by_id, resolution_id, retracted_at)
        select project_id, id / 20, id, null,
               case (id / 20) % 8 when 0 then 'land' when 1 then 'finance' when 2 then 'approval' when 3 then 'labour'
                           when 4 then 'safety' when 5 then 'infrastructure' when 6 then 'environment' else 'other' end,
               text, o.status, sender_id, null, sent_at, sent_on, date(sent_on, '+10 days'),
               case o.status when 'resolved' then strftime('%Y-%m-%dT%H:%M:%fZ', sent_at, '+5 days') end,
               case o.status when 'resolved' then date(sent_on, '+5 days') end,
               case o.status when 'resolved' then '已协调解决' end,
               case o.status when 'resolved' then sender_id end, null, null
        from messages
        join (select id as mid, case when sent_on > date(${size.to}, '-60 days') or id % 400 = 7 then 'open' else 'resolved' end as status
              from messages where id between ${first + 1} and ${last + 1} and id % 20 = 7) o on o.mid = messages.id`.execute(trx)
      await sql`
        insert into issue_events (issue_id, kind, status, actor_id, assignee_id, message_id, note, at)
        select id, 'opened', 'open', reporter_id, null, message_id, null, opened_at from issues where message_id between ${first + 1} and ${last + 1}
        union all
        select id, 'resolved', 'resolved', resolved_by_id, null, null, resolution_text, resolved_at from issues
        where message_id between ${first + 1} and ${last + 1} and status = 'resolved'`.execute(trx)
      await sql`
        insert into outbox (target_kind, target_id, text, mentions, dedupe_key, issue_id, state, attempts, next_attempt_at, last_error, created_at, sent_at, sent_message_id)
        select 'room', room_id, '已记录进度：' || text, '[]', null, null, 'sent', 1, sent_at, null, sent_at, sent_at, 'sent-' || id
        from messages where id between ${first + 1} and ${last + 1} and id % 10 = 3`.execute(trx)
    })
  }
  await sql`update projects set next_issue_number = coalesce((select max(number) + 1 from issues where issues.project_id = projects.id), 1)`.execute(db)
  await sql`pragma wal_checkpoint(truncate)`.execute(db)
}
