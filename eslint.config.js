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
  bot: { files: ['src/bot/**'], may: ['base', 'parse', 'domain', 'text', 'store', 'outbox', 'reports'] },
  jobs: { files: ['src/jobs/**'], may: ['base', 'parse', 'domain', 'text', 'store', 'outbox', 'reports'] },
  web: { files: ['src/web/**'], may: ['base', 'parse', 'domain', 'text', 'store', 'outbox', 'reports'] },
  export: { files: ['src/export/**'], may: ['base', 'parse', 'domain', 'text', 'store', 'outbox', 'reports'] },
  commands: { files: ['commands/**'], may: ['base', 'parse', 'domain', 'text', 'store', 'reports', 'bot', 'export'] },
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
  bot: 'bot/',
  jobs: 'jobs/',
  web: 'web/',
  export: 'export/',
  commands: 'commands/',
}
const MAIN = '(?:(?:^|/)(?:app|main|settings|config)\\.ts$|(?:^|/)cli/)'

/** Libraries that belong to one layer only: the rest of the code reaches them through it. */
const LIBRARIES = [
  { names: ['wechaty', 'wechaty-puppet', 'wechaty-puppet-service', 'wechaty-puppet-mock', 'file-box'], layer: 'bot', why: 'only src/bot talks to WeChat' },
  { names: ['node-cron'], layer: 'jobs', why: 'only src/jobs schedules' },
  { names: ['kysely', 'better-sqlite3'], layer: 'store', why: 'only src/store touches the database' },
  { names: ['hono', 'hono/*', '@hono/node-server'], layer: 'web', why: 'only src/web serves HTTP' },
  { names: ['exceljs'], layer: 'export', why: 'only src/export writes workbooks' },
]

const relative = (pattern) => `^\\.{1,2}/(?:\\.\\./)*(?:src/)?${pattern}`

function layerRules(name, layer) {
  const above = Object.keys(LAYERS).filter((other) => other !== name && !layer.may.includes(other))
  const patterns = [
    {
      regex: `${relative(`(?:${above.map((a) => FOLDER[a]).join('|')})`)}|${MAIN}`,
      message: `${name} may import only ${layer.may.join(', ') || 'nothing of ours'} (the layers of docs/ARCHITECTURE.md).`,
    },
  ]
  // The store and the bot each have one door for what lies above them.
  if (name !== 'store') patterns.push({ regex: relative('store/(?!index\\.ts$)'), message: 'Import the store through src/store/index.ts.' })
  if (name === 'commands') patterns.push({ regex: relative('bot/(?!index\\.ts$)'), message: 'Commands use the bot through src/bot/index.ts.' })
  const libraries = LIBRARIES.filter((l) => l.layer !== name).map((l) => ({ group: l.names, message: `${l.why}.` }))
  return { files: layer.files, rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, ...libraries] }] } }
}

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
  ...Object.entries(LAYERS).map(([name, layer]) => layerRules(name, layer)),
  {
    // Main and the command-line tools may use every layer; only the bot speaks to WeChat, except the
    // benchmark's bare Wechaty that the bot is measured against.
    files: ['src/*.ts', 'src/cli/**'],
    ignores: ['src/clock.ts', 'src/log.ts', 'src/cli/bench-*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: relative('store/(?!index\\.ts$)'), message: 'Import the store through src/store/index.ts.' },
            ...LIBRARIES.map((l) => ({ group: l.names, message: `${l.why}.` })),
          ],
        },
      ],
    },
  },
)
