import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../../src/config.ts'

describe('loadConfig', () => {
  it('has working defaults and no connection: the local console', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({
      databasePath: 'data/duban.sqlite',
      botAdmins: [],
      sendIntervalMs: 2000,
      issueSlaWorkingDays: 7,
      timezone: 'Asia/Shanghai',
      connection: undefined,
    })
    expect(c.projectRoomPattern.exec('【项目】年产10万吨新材料推进群')?.[1]).toBe('年产10万吨新材料')
    expect(c.projectRoomPattern.exec('【项目】光伏组件群')?.[1]).toBe('光伏组件')
    expect(c.projectRoomPattern.exec('周末羽毛球')).toBeNull()
  })

  it('reads admins separated by half- or full-width commas', () => {
    expect(loadConfig({ BOT_ADMINS: '张三, wxid_1，李四' }).botAdmins).toEqual(['张三', 'wxid_1', '李四'])
  })

  it('takes a token alone as the puppet service', () => {
    expect(
      loadConfig({
        WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_x',
        WECHATY_PUPPET_SERVICE_ENDPOINT: '10.0.0.2:8788',
        WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
      }).connection,
    ).toEqual({ puppet: 'wechaty-puppet-service', token: 'insecure_x', endpoint: '10.0.0.2:8788', noTls: true })
  })

  it('lists every bad setting in one error', () => {
    let error: unknown
    try {
      loadConfig({
        SEND_INTERVAL_MS: 'fast',
        BOT_TIMEZONE: 'Mars/Base',
        PROJECT_ROOM_PATTERN: '(',
        ISSUE_SLA_WORKING_DAYS: '0',
        WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'yes',
        WECHATY_PUPPET: 'wechaty-puppet-service',
      })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const problems = (error as ConfigError).problems.join('\n')
    for (const name of [
      'SEND_INTERVAL_MS',
      'BOT_TIMEZONE',
      'PROJECT_ROOM_PATTERN',
      'ISSUE_SLA_WORKING_DAYS',
      'WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT',
      'WECHATY_PUPPET_SERVICE_TOKEN',
    ]) {
      expect(problems).toContain(name)
    }
  })
})
