import { clip } from './labels.ts'

/** A text the outbox keeps failing to send, as an admin is told of it. */
export interface StuckReply {
  /** The group's topic or the person's name it goes to (their WeChat id when WeChat cannot say). */
  to: string
  kind: 'room' | 'contact'
  text: string
  attempts: number
  error: string
}

/**
 * Told to the admins once per text: the bot keeps trying, but someone may have to act (the bot was
 * removed from the group, say). Example: "⚠️ 有一条消息已连续 5 次发送失败，仍在重试（间隔逐步拉长，
 * 最长 10 分钟）：发往群「【项目】新材料推进群」：“已登记问题 #3 · 土地工作专班”。最后一次错误：
 * room not found。若微信正常而它仍发不出去，请确认机器人还在这个群里。"
 */
export function renderStuckReply(s: StuckReply): string {
  const where = s.kind === 'room' ? `群「${s.to}」` : `「${s.to}」的私聊`
  const check = s.kind === 'room' ? '请确认机器人还在这个群里' : '请确认对方仍是机器人的好友'
  return (
    `⚠️ 有一条消息已连续 ${s.attempts} 次发送失败，仍在重试（间隔逐步拉长，最长 10 分钟）：发往${where}：“${clip(s.text, 40)}”。` +
    `最后一次错误：${clip(s.error, 80)}。若微信正常而它仍发不出去，${check}。`
  )
}
