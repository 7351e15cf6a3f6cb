// ESLint: typescript-eslint's recommended rules, and the house's layers (docs/ARCHITECTURE.md).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * The layers, lowest first: a folder may import the folders it lists, never one above it or beside
 * it. `main` is the composition root (src/*.ts besides clock and log, and the command-line tools).
 */
const LAYERS = {
  base: { files: ['src/clock.ts', 'src/log.ts', 'src/backoff.ts', 'src/calendar/**'], may: [] },
  parse: { files: ['src/parse/**'], may: ['base'] },
  domain: { files: ['src/domain/**'], may: ['base', 'parse'] },
  text: { files: ['src/text/**'], may: ['base', 'parse', 'domain'] },
  store: { files: ['src/store/**'], may: ['base', 'parse', 'domain'] },
  outbox: { files: ['src/outbox/**'], may: ['base', 'parse', 'domain', 'text', 'store'] },
  reports: { files: ['src/reports/**'], may: ['base', 'parse', 'domain', 'text', 'store'] },
  core: { files: ['src/core/**'], may: ['base', 'parse', 'domain', 'text', 'store', 'outbox', 'reports'] },
  wechat: { files: ['src/wechat/**'], may: ['base', 'parse', 'domain', 'text', 'store', 'outbox', 'reports', 'core'] },
  jobs: { files: ['src/jobs/**'], may: ['base', 'parse', 'domain', 'text', 'store', 'outbox', 'reports'] },
  web: { files: ['src/web/**'], may: ['base', 'parse', 'domain', 'text', 'store', 'outbox', 'reports'] },
  export: { files: ['src/export/**'], may: ['base', 'parse', 'domain', 'text', 'store', 'outbox', 'reports'] },
  commands: { files: ['commands/**'], may: ['base', 'parse', 'domain', 'text', 'store', 'reports', 'core', 'export'] },
}

/** How an import path names each layer's folder, from anywhere in the repository. */
const FOLDER = {
  base: '(?:calendar/|clock\\.ts$|log\\.ts$|backoff\\.ts$)',
  parse: 'parse/',
  domain: 'domain/',
  text: 'text/',
  store: 'store/',
  outbox: 'outbox/',
  reports: 'reports/',
  core: 'core/',
  wechat: 'wechat/',
  jobs: 'jobs/',
  web: 'web/',
  export: 'export/',
  commands: 'commands/',
}
const MAIN = '(?:(?:^|/)(?:app|main|settings|config)\\.ts$|(?:^|/)cli/)'

/** Libraries that belong to one layer only: the rest of the code reaches them through it. */
const LIBRARIES = [
  { names: ['wechaty', 'wechaty-puppet', 'wechaty-puppet-service', 'wechaty-puppet-mock', 'file-box'], layer: 'wechat', why: 'only src/wechat talks to WeChat' },
  { names: ['node-cron'], layer: 'jobs', why: 'only src/jobs schedules' },
  { names: ['kysely', 'better-sqlite3'], layer: 'store', why: 'only src/store touches the database' },
  { names: ['hono', 'hono/*', '@hono/node-server'], layer: 'web', why: 'only src/web serves HTTP' },
  { names: ['exceljs'], layer: 'export', why: 'only src/export writes workbooks' },
]

const relative = (pattern) => `^\\.{1,2}/(?:\\.\\./)*(?:src/)?${pattern}`
const STORE_DOOR = { regex: relative('store/(?!index\\.ts$)'), message: 'Import the store through src/store/index.ts.' }
const NO_EDGE = { regex: relative('wechat/'), message: 'The command-line tools use the core (src/core), never the WeChat edge (src/wechat).' }

/**
 * The store reads and counts by the dates it is given ("due before 2026-12-01"); ageing, urgency
 * and their order are the SLA rules', applied above it (src/reports/status.ts).
 */
const NO_SLA = { regex: relative('domain/sla\\.ts$'), message: 'The store does no SLA arithmetic: it takes the dates domain/sla.ts computes, src/reports applies the rules.' }

/** The benchmarks measure the product; the product never imports them. */
const NOT_BENCH = { regex: '^\\.{1,2}/(?:\\.\\./)*bench/', message: 'Nothing in src or commands imports bench/: the benchmarks measure the product.' }

function layerRules(name, layer) {
  const above = Object.keys(LAYERS).filter((other) => other !== name && !layer.may.includes(other))
  const patterns = [
    {
      regex: `${relative(`(?:${above.map((a) => FOLDER[a]).join('|')})`)}|${MAIN}`,
      message: `${name} may import only ${layer.may.join(', ') || 'nothing of ours'} (the layers of docs/ARCHITECTURE.md).`,
    },
  ]
  patterns.push(NOT_BENCH)
  if (name === 'store') patterns.push(NO_SLA)
  // The store and the core each have one door for what lies above them.
  if (name !== 'store') patterns.push({ regex: relative('store/(?!index\\.ts$)'), message: 'Import the store through src/store/index.ts.' })
  if (name === 'commands') patterns.push({ regex: relative('core/(?!index\\.ts$)'), message: 'Commands use the core through src/core/index.ts.' })
  const libraries = LIBRARIES.filter((l) => l.layer !== name).map((l) => ({ group: l.names, message: `${l.why}.` }))
  const rule = (paths) => ({ 'no-restricted-imports': ['error', { paths, patterns: [...patterns, ...libraries] }] })
  if (name !== 'store') return [{ files: layer.files, rules: rule([]) }]
  // Within the store, the engine is named in one module: every other file writes SQL any engine reads.
  return [
    { files: layer.files, ignores: [`${DIALECTS}/**`], rules: rule(ENGINE_ONLY) },
    { files: [`${DIALECTS}/**`], rules: rule([]) },
  ]
}

/** Where the store's engines live (src/store/dialect/sqlite.ts), and what only they may import. */
const DIALECTS = 'src/store/dialect'
const ENGINE_ONLY = [
  { name: 'better-sqlite3', message: 'Only src/store/dialect/ knows the engine (SQLite).' },
  {
    name: 'kysely',
    importNames: ['SqliteDialect', 'SqliteDriver', 'SqliteAdapter', 'SqliteQueryCompiler', 'SqliteIntrospector'],
    message: 'Only src/store/dialect/ knows the engine (SQLite).',
  },
]

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // A closure may read a variable that is assigned once, later: the console's readline.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Chinese text has ideographic spaces; code outside strings, comments and patterns may not.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipComments: true, skipRegExps: true, skipTemplates: true }],
    },
  },
  // Migrations are frozen in time and see the database untyped, as kysely documents.
  { files: ['src/store/migrations/**', 'src/store/migrate.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  ...Object.entries(LAYERS).flatMap(([name, layer]) => layerRules(name, layer)),
  {
    // Main may use every layer; only the WeChat edge speaks to WeChat.
    files: ['src/*.ts'],
    ignores: ['src/clock.ts', 'src/log.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NOT_BENCH, STORE_DOOR, ...LIBRARIES.map((l) => ({ group: l.names, message: `${l.why}.` }))] }] },
  },
  {
    // The command-line tools reach messages through the core (replay, the corpus), never through the
    // WeChat edge.
    files: ['src/cli/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NOT_BENCH, STORE_DOOR, NO_EDGE, ...LIBRARIES.map((l) => ({ group: l.names, message: `${l.why}.` }))] }] },
  },
  {
    // The benchmarks (bench/) measure every layer, and the bot against a bare Wechaty and the store
    // on a province seeded in SQL: they may import all of src and every library (a bare Wechaty is
    // the yardstick the bot is measured against), the store through its door, never the WeChat edge.
    files: ['bench/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [STORE_DOOR, NO_EDGE] }] },
  },
)
