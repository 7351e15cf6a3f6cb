// One-line answers where silence would leave someone wondering whether the bot is there at all.

/**
 * A group not bound to a project, to any of the bot's commands ("/bind 羽毛球项目" from a member,
 * "/status"): who may bind it, and that nothing here is recorded until then.
 */
export const UNBOUND_HINT = '本群尚未绑定项目，我不会记录这里的消息。管理员或群主可发 /绑定 项目名称 绑定。'

/**
 * A question put to the bot that records nothing ("@督办助手 审批进展怎么样了？"): it does not
 * answer questions, but two commands hold the answer.
 */
export const QUESTION_POINTER = '我只记录进度和问题，不回答提问。项目概况请发 /状态，未办结问题请发 /问题。'
