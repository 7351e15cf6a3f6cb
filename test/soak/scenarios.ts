import { spawn, spawnSync } from 'node:child_process'
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { WireHarness } from '../e2e/harness.ts'
import { BotProcess, SEND_INTERVAL_MS } from './bot-process.ts'
import { storedIds, type FarSide, type Row, type Said } from './tally.ts'

/** What every scenario is given: the far side over loopback, and a folder of its own. */
export interface Stage {
  h: WireHarness
  far: FarSide
  dir: string
  home: string
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function databaseIn(stage: Stage, name: string): string {
  mkdirSync(join(stage.dir, name), { recursive: true })
  return join(stage.dir, name, 'duban.sqlite')
}

/** 50 groups × 20 messages, said group by group as the fault campaign did. */
export async function burst(stage: Stage): Promise<Row> {
  const { h, far } = stage
  const db = databaseIn(stage, 'burst')
  const bot = await BotProcess.start(h, db, stage.home)
  const zhang = h.contact('张三')
  const groups = Array.from({ length: 50 }, (_, g) => h.room(`【项目】涌入${g + 1}号推进群`, [zhang]))
  const said: Said[] = []
  for (const room of groups) for (let k = 1; k <= 20; k++) said.push(far.say(zhang, room, k))
  await far.settle(db, said, 300_000)
  const lastStored = Math.round((performance.now() - said[0]!.at) / 1000)
  const waits = groups.map((room) => {
    const first = said.find((s) => s.roomId === room.id)!
    const confirmed = far.firstConfirmationAfter(said.filter((s) => s.roomId === room.id), 0)
    return confirmed === undefined ? Infinity : confirmed - first.at
  })
  const sends = h.said.filter((s) => groups.some((g) => g.id === s.conversationId))
  // Fairness as sends: the latest of the groups' first sends, counted from the burst's first send.
  const firstSends = groups.map((room) => sends.findIndex((s) => s.conversationId === room.id))
  const lastFirstSend = Math.max(...firstSends) + 1
  const firstAt = sends[0]?.at ?? NaN
  const roundMs = Math.max(...groups.map((room) => sends.find((s) => s.conversationId === room.id)?.at ?? Infinity)) - firstAt
  await bot.stop()
  return far.tally('涌入：50 个群 × 20 条', db, said, {
    slowestGroupWaitMs: Math.max(...waits),
    note:
      `1,000 条确认折叠成 ${sends.length} 条微信消息，约 ${lastStored} 秒全部入库并确认。机器人在说出后 ${((firstAt - said[0]!.at) / 1000).toFixed(1)} 秒发出第一条确认（1,000 条消息经服务端送达、读取）；` +
      `此后每个群的第一条确认都在前 ${lastFirstSend} 次发送内（${minGroups(firstSends)}），用时 ${(roundMs / 1000).toFixed(1)} 秒。` +
      `目标 10 × SEND_INTERVAL_MS = ${10 * SEND_INTERVAL_MS} ms 对 50 个同时说话的群达不到：按一个微信号的限速，第 50 个群最早在第 50 次发送时轮到`,
  })
}

/** The repeated confirmations whose first copy went out before the kill: WeChat had them, the mark had not been written. */
function sentWindow(firstCopies: readonly number[], killedAt: number): string {
  const before = firstCopies.filter((at) => at <= killedAt).length
  return firstCopies.length === 0 ? '' : `；重复 ${firstCopies.length} 行，其中 ${before} 行第一次在被杀前发出（微信已收下、未及记为已发：README 所述的发送窗口）`
}

/** "一轮" when no group got its first send later than one send per group; else the count of groups. */
function minGroups(firstSends: readonly number[]): string {
  return Math.max(...firstSends) < firstSends.length ? '一轮，每群一条' : `共 ${firstSends.length} 个群`
}

/** The puppet service goes away for `downMs` and comes back on the same address. */
export async function outage(stage: Stage, downMs: number): Promise<Row> {
  const { h, far } = stage
  const db = databaseIn(stage, `outage-${downMs}`)
  const bot = await BotProcess.start(h, db, stage.home)
  const zhang = h.contact('张三')
  const room = h.room(`【项目】中断${downMs / 1000}秒推进群`, [zhang])
  const said: Said[] = [far.say(zhang, room, 1)]
  await far.settle(db, said, 30_000)
  // Ten reports, and the service goes as soon as they are stored: their confirmations are still queued.
  for (let k = 2; k <= 11; k++) said.push(far.say(zhang, room, k))
  while (storedIds(db, said).size < said.length) await sleep(5)
  const queued = said.filter((s) => !far.confirmations().has(`${s.roomId}|${s.k}`)).length
  const downAt = performance.now()
  await h.interruptService(downMs)
  const backAt = performance.now()
  // The service drops what is said while no client listens: keep saying until the bot answers.
  let k = 12
  while (far.firstConfirmationAfter(said.slice(11), backAt) === undefined && performance.now() - backAt < 180_000) {
    said.push(far.say(zhang, room, k++))
    await sleep(1_000)
  }
  await far.settle(db, said, 60_000)
  const firstReply = far.firstConfirmationAfter(said, backAt)
  const undelivered = said.filter((s) => !far.fetched.has(s.id)).length
  // A confirmation said twice: when did its first copy go out, relative to the service going away?
  const twice = far.repeated(room.id).map((first) => Math.round(first - downAt))
  await bot.stop()
  return far.tally(`微信服务中断 ${downMs / 1000} 秒`, db, said, {
    firstReplyAfterRecoveryMs: firstReply === undefined ? undefined : firstReply - backAt,
    note:
      `中断时 ${queued} 条确认在排队；恢复连接前说的 ${undelivered} 条服务端未送达（无客户端在听，不计入丢失）` +
      (twice.length > 0 ? `；重复的 ${twice.length} 行第一次发出在服务断开前后 ${twice.map((ms) => `${ms} ms`).join('、')}：微信已收下，确认没回到机器人（发送窗口，见 README）` : ''),
  })
}

/** Another process holds the database's write lock for `ms` (the sqlite3 shell's BEGIN EXCLUSIVE). */
export async function lock(stage: Stage, ms: number): Promise<Row> {
  const { h, far } = stage
  const db = databaseIn(stage, 'lock')
  const bot = await BotProcess.start(h, db, stage.home)
  const zhang = h.contact('张三')
  const room = h.room('【项目】锁库推进群', [zhang])
  const said: Said[] = [far.say(zhang, room, 1)]
  await far.settle(db, said, 30_000)
  const locker = spawn('sqlite3', [db], { stdio: ['pipe', 'pipe', 'inherit'] })
  locker.stdin!.write(".timeout 5000\nBEGIN EXCLUSIVE;\nSELECT 'locked';\n")
  await new Promise<void>((resolve) => locker.stdout!.once('data', () => resolve()))
  for (let k = 2; k <= 4; k++) said.push(far.say(zhang, room, k))
  for (let k = 5; k <= 8; k++) {
    await sleep(ms / 5)
    said.push(far.say(zhang, room, k))
  }
  await sleep(ms / 5)
  locker.stdin!.end('COMMIT;\n')
  await new Promise((resolve) => locker.once('exit', resolve))
  const releasedAt = performance.now()
  await far.settle(db, said, 60_000)
  const firstReply = far.firstConfirmationAfter(said.slice(1), releasedAt)
  await bot.stop()
  return far.tally(`数据库被另一进程锁住 ${ms / 1000} 秒`, db, said, { firstReplyAfterRecoveryMs: firstReply === undefined ? undefined : firstReply - releasedAt })
}

/** `npm start` again on the database a kill -9 left, until every message is stored and answered: the time to its first reply. */
async function startAgain(stage: Stage, db: string, said: Said[]): Promise<number | undefined> {
  const bot = await BotProcess.start(stage.h, db, stage.home)
  const restartedAt = performance.now()
  await stage.far.settle(db, said, 60_000)
  const firstReply = stage.far.firstConfirmationAfter(said, restartedAt)
  await bot.stop()
  return firstReply === undefined ? undefined : firstReply - restartedAt
}

/** kill -9 150 ms into a burst of 30 messages, then `npm start` again on the same database. */
export async function killInBurst(stage: Stage): Promise<Row> {
  const { h, far } = stage
  const db = databaseIn(stage, 'kill-burst')
  const bot = await BotProcess.start(h, db, stage.home)
  const zhang = h.contact('张三')
  const room = h.room('【项目】断电甲推进群', [zhang])
  const said: Said[] = [far.say(zhang, room, 1)]
  await far.settle(db, said, 30_000)
  for (let k = 2; k <= 31; k++) said.push(far.say(zhang, room, k))
  await sleep(150)
  await bot.kill()
  const deliveredBeforeKill = said.filter((s) => far.fetched.has(s.id)).length
  const storedBeforeKill = storedIds(db, said).size
  const killedAt = performance.now()
  const firstReplyAfterRecoveryMs = await startAgain(stage, db, said)
  return far.tally(
    'kill -9：30 条涌入后 150 ms',
    db,
    said,
    {
      firstReplyAfterRecoveryMs,
      note: `被杀前机器人已从服务端取走 ${deliveredBeforeKill} 条，其中 ${storedBeforeKill} 条已入库；重启后按记下的 id 重新读取 ${
        said.filter((s) => (far.lastFetchedAt.get(s.id) ?? 0) > killedAt).length
      } 条（被杀时在途、未能记下的才会丢）${sentWindow(far.repeated(room.id), killedAt)}`,
    },
    true,
  )
}

/** kill -9 while 30 confirmations to 30 groups go out one by one, then start again. */
export async function killInSend(stage: Stage): Promise<Row> {
  const { h, far } = stage
  const db = databaseIn(stage, 'kill-send')
  const bot = await BotProcess.start(h, db, stage.home)
  const zhang = h.contact('张三')
  const rooms = Array.from({ length: 30 }, (_, g) => h.room(`【项目】断电乙${g + 1}号推进群`, [zhang]))
  const said = rooms.map((room) => far.say(zhang, room, 1))
  const confirmed = () => said.filter((s) => far.confirmations().has(`${s.roomId}|1`)).length
  while (confirmed() < 10) await sleep(20)
  await bot.kill()
  const sentBeforeKill = confirmed()
  const killedAt = performance.now()
  const firstReplyAfterRecoveryMs = await startAgain(stage, db, said)
  return far.tally(
    'kill -9：发送 30 条确认途中',
    db,
    said,
    {
      firstReplyAfterRecoveryMs,
      note: `被杀前已发出 ${sentBeforeKill} 条${sentWindow(
        rooms.flatMap((room) => far.repeated(room.id)),
        killedAt,
      )}`,
    },
    true,
  )
}

/**
 * A deploy without a gap: the new process starts with --takeover and waits; the old one gets
 * SIGTERM while two groups say 198 messages at 40 a second. The old one listens until its database
 * closes; the new one takes over the moment it has gone.
 */
export async function restart(stage: Stage): Promise<Row> {
  const { h, far } = stage
  const db = databaseIn(stage, 'restart')
  const old = await BotProcess.start(h, db, stage.home)
  const zhang = h.contact('张三')
  const rooms = [h.room('【项目】重启甲推进群', [zhang]), h.room('【项目】重启乙推进群', [zhang])]
  const said: Said[] = rooms.map((room) => far.say(zhang, room, 1))
  await far.settle(db, said, 30_000)
  const next = BotProcess.spawn(h, db, stage.home, {}, ['--takeover'])
  for (const until = performance.now() + 60_000; !next.output.includes('等它退出后立即接替'); ) {
    if (performance.now() > until) throw new Error(`the new process never waited:\n${next.output}`)
    await sleep(50)
  }
  let termAt = 0
  let exitedAt = 0
  const started = performance.now()
  // Shares 2–100 in each group: a share over 100% is no progress report.
  for (let n = 0; n < 198; n++) {
    // Paced by the clock, not by the sleeps: 40 a second whatever the machine does.
    while (performance.now() < started + n * 25) await sleep(2)
    said.push(far.say(zhang, rooms[n % 2]!, 2 + Math.floor(n / 2)))
    if (n === 60) {
      termAt = performance.now()
      old.term()
      void old.exited.then(() => (exitedAt = performance.now()))
    }
  }
  await old.exited
  await far.settle(db, said, 90_000)
  const tookOver = next.output.includes('原进程已退出，现在接替')
  // Said while neither process was connected: the service had no client to tell.
  const unheard = said.filter((s) => !far.fetched.has(s.id))
  const heardAgain = said.filter((s) => (far.lastFetchedAt.get(s.id) ?? 0) > exitedAt && s.at < exitedAt).length
  const gapMs = unheard.length === 0 ? 0 : Math.max(...unheard.map((s) => s.at)) - Math.min(...unheard.map((s) => s.at))
  await next.stop()
  return far.tally('重启：新进程 --takeover 接替，40 条/秒', db, said, {
    note:
      `SIGTERM 后旧进程 ${((exitedAt - termAt) / 1000).toFixed(1)} 秒退出（其间一直接收）；新进程${tookOver ? '随即接替' : '未能接替'}。` +
      `两个进程都没连着服务的约 ${(gapMs / 1000).toFixed(1)} 秒里说的 ${unheard.length} 条服务端未送达（不计入丢失）；` +
      `旧进程停止前已记下 id、由新进程重新读取的 ${heardAgain} 条`,
  })
}

/**
 * The database's filesystem fills up: a small tmpfs, filled to the last byte while the bot runs;
 * 20 messages arrive; then the space comes back.
 */
export async function fullDisk(stage: Stage): Promise<Row> {
  const { h, far } = stage
  const mount = join(stage.dir, 'small-disk')
  mkdirSync(mount, { recursive: true })
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mount])
  if (mounted.status !== 0) throw new Error(`cannot mount a tmpfs here (${String(mounted.stderr).trim()}); run the soak as root`)
  try {
    const db = join(mount, 'duban.sqlite')
    const bot = await BotProcess.start(h, db, stage.home)
    const zhang = h.contact('张三')
    const room = h.room('【项目】满盘推进群', [zhang])
    const said: Said[] = [far.say(zhang, room, 1)]
    await far.settle(db, said, 30_000)
    const filler = join(mount, 'filler')
    fill(filler)
    for (let k = 2; k <= 21; k++) said.push(far.say(zhang, room, k))
    await sleep(5_000)
    rmSync(filler)
    const freedAt = performance.now()
    await far.settle(db, said, 60_000)
    const firstReply = far.firstConfirmationAfter(said.slice(1), freedAt)
    await bot.stop()
    return far.tally('磁盘满（16 MB tmpfs 写满 5 秒）', db, said, {
      firstReplyAfterRecoveryMs: firstReply === undefined ? undefined : firstReply - freedAt,
      note: '写满期间到达 20 条',
    })
  } finally {
    spawnSync('umount', ['-l', mount])
  }
}

/**
 * The issue's worst case: the disk fills, 20 messages arrive, the bot is killed with -9 while the
 * disk is still full; then the space comes back and the bot starts again. Their ids were in the
 * file kept in advance (DATABASE_PATH-spill), so the restart reads them again from the service.
 */
export async function fullDiskKill(stage: Stage): Promise<Row> {
  const { h, far } = stage
  const mount = join(stage.dir, 'small-disk-kill')
  mkdirSync(mount, { recursive: true })
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mount])
  if (mounted.status !== 0) throw new Error(`cannot mount a tmpfs here (${String(mounted.stderr).trim()}); run the soak as root`)
  try {
    const db = join(mount, 'duban.sqlite')
    const bot = await BotProcess.start(h, db, stage.home)
    const zhang = h.contact('张三')
    const room = h.room('【项目】满盘断电推进群', [zhang])
    const said: Said[] = [far.say(zhang, room, 1)]
    await far.settle(db, said, 30_000)
    const filler = join(mount, 'filler')
    fill(filler)
    for (let k = 2; k <= 21; k++) said.push(far.say(zhang, room, k))
    await sleep(3_000)
    const deliveredBeforeKill = said.filter((s) => far.fetched.has(s.id)).length
    const storedBeforeKill = storedIds(db, said).size
    await bot.kill()
    rmSync(filler)
    const firstReplyAfterRecoveryMs = await startAgain(stage, db, said)
    return far.tally(
      '磁盘满时 kill -9（写满后到达 20 条），腾出空间再启动',
      db,
      said,
      { firstReplyAfterRecoveryMs, note: `被杀前机器人已取走 ${deliveredBeforeKill} 条，其中 ${storedBeforeKill} 条已入库；其余的 id 在预留文件里，重启后重新读取` },
      true,
    )
  } finally {
    spawnSync('umount', ['-l', mount])
  }
}

/** Writes zeros until the filesystem says it is full. */
function fill(path: string): void {
  const fd = openSync(path, 'w')
  const block = Buffer.alloc(64 * 1024)
  try {
    for (;;) writeSync(fd, block)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
    // The last few bytes too, so that not even a page fits.
    for (let size = 4096; size >= 1; size = Math.floor(size / 2)) {
      try {
        for (;;) writeSync(fd, block, 0, size)
      } catch {
        // full at this size; try a smaller one
      }
    }
  } finally {
    closeSync(fd)
  }
}
