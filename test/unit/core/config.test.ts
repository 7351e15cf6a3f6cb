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

  it('titles the 台账 with CITY_NAME, none by default; a long one is refused', () => {
    expect(loadConfig({}).city).toBe('')
    expect(loadConfig({ CITY_NAME: ' 临江市 ' }).city).toBe('临江市')
    expect(() => loadConfig({ CITY_NAME: '长'.repeat(21) })).toThrow(/CITY_NAME=.*最多 20 个字/u)
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

  it('refuses a token without the provider prefix the service client needs, at once and in Chinese', () => {
    // "requires a SNI as prefix of the token" would otherwise come only after the login timeout.
    for (const token of ['3f2a9c1e-0000-4000-8000-000000000000', '_3f2a9c1e']) {
      expect(() => loadConfig({ WECHATY_PUPPET_SERVICE_TOKEN: token })).toThrow(/WECHATY_PUPPET_SERVICE_TOKEN：格式不对/)
    }
    expect(loadConfig({ WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_padlocal_3f2a9c1e' }).connection?.token).toBe('puppet_padlocal_3f2a9c1e')
    // A server name given apart makes a bare token usable, as the service client reads it.
    expect(loadConfig({ WECHATY_PUPPET_SERVICE_TOKEN: '3f2a9c1e', WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME: 'padlocal' }).connection?.token).toBe('3f2a9c1e')
  })

  it('keeps Wechaty’s own log out unless WECHATY_LOG asks for it', () => {
    expect(loadConfig({}).wechatyLog).toBeUndefined()
    expect(loadConfig({ WECHATY_LOG: 'WARN' }).wechatyLog).toBe('warn')
    expect(() => loadConfig({ WECHATY_LOG: 'loud' })).toThrow(/WECHATY_LOG="loud"：只能是/)
  })

  it('turns the whiteboard on at 127.0.0.1:8080 by default, off with WEB_PORT=0', () => {
    expect(loadConfig({}).board).toEqual({ host: '127.0.0.1', port: 8080, publicUrl: 'http://127.0.0.1:8080', secret: undefined, linkDays: 7 })
    expect(loadConfig({ WEB_PORT: '0' }).board).toBeUndefined()
    expect(
      loadConfig({ WEB_HOST: '0.0.0.0', WEB_PORT: '9000', BOARD_URL: 'https://gov.example.cn/duban/', BOARD_SECRET: 's'.repeat(32), BOARD_LINK_DAYS: '3' }).board,
    ).toEqual({ host: '0.0.0.0', port: 9000, publicUrl: 'https://gov.example.cn/duban', secret: 's'.repeat(32), linkDays: 3 })
    expect(loadConfig({ WEB_HOST: '::1' }).board?.publicUrl).toBe('http://[::1]:8080')
  })

  it('refuses a bad board address, a short secret, a port or link lifetime out of range', () => {
    let error: unknown
    try {
      loadConfig({ BOARD_URL: 'gov.example.cn', BOARD_SECRET: 'short', WEB_PORT: '70000', BOARD_LINK_DAYS: '0' })
    } catch (e) {
      error = e
    }
    expect((error as ConfigError).problems.map((p) => p.split('=')[0])).toEqual(['WEB_PORT', 'BOARD_URL', 'BOARD_SECRET', 'BOARD_LINK_DAYS'])
  })
})
