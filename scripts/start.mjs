// `npm start`: install what is missing, build, migrate, seed the demo into an empty database,
// and serve (PORT, HOST and DATABASE_URL are honoured; see README.md).
import { build, ensureInstalled, root, run } from './lib.mjs'

ensureInstalled()
build()
const status = run(process.execPath, ['--import', 'tsx', 'server.ts', '--seed-demo'], { cwd: root })
process.exit(status)
