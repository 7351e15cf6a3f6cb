import { expect, it } from 'vitest'
import { databaseProblem } from '../../src/database-problem.ts'

it('explains in Chinese a data folder that cannot be created, instead of the raw ENOENT … mkdir', () => {
  const path = '/srv/readonly/sub/duban.sqlite'
  const error = Object.assign(new Error("ENOENT: no such file or directory, mkdir '/srv/readonly/sub'"), { code: 'ENOENT', syscall: 'mkdir' })
  const said = databaseProblem(path, error)
  expect(said).toBe(
    `无法打开数据库（DATABASE_PATH=${path}）：无法创建数据库所在的文件夹 /srv/readonly/sub：上级文件夹不存在、只读或没有权限；请先建好这个文件夹并让运行机器人的账户可写，或换一个路径`,
  )
  expect(said).not.toMatch(/ENOENT|mkdir/u)
  // The same as a permission refusal of the mkdir itself.
  expect(databaseProblem(path, Object.assign(new Error('EACCES: permission denied, mkdir'), { code: 'EACCES', syscall: 'mkdir' }))).toBe(said)
})
