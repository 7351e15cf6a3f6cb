import type { PuppetMock, mock } from 'wechaty-puppet-mock'
/** What can be started on the mock: the app (app.ts) or anything that logs in the same way. */
interface Startable {
  start(): Promise<void>
}

/**
 * Starts a bot on an in-process PuppetMock. The mock neither logs in nor says `ready` by itself:
 * once the bot has started it, the mocker logs the bot's account in.
 */
export async function startOnMock(bot: Startable, puppet: PuppetMock, mocker: mock.Mocker, botUser: mock.ContactMock): Promise<void> {
  const started = bot.start()
  for (let i = 0; !puppet.state.active(); i++) {
    if (i > 500) throw new Error('the simulated WeChat did not start')
    await new Promise((r) => setTimeout(r, 10))
  }
  mocker.login(botUser)
  puppet.emit('ready', { data: 'ready' })
  await started
}
