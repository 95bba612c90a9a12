import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler } from '@react-router/express'
import compression from 'compression'
import express from 'express'
import type { ServerBuild } from 'react-router'
import { DatabaseConfigError, connectDatabase, createDatabase, describeDatabase, parseDatabaseUrl } from './db/connection'
import { migrateToLatest } from './db/migrate'
import { seedDemo } from './db/seed/demo'
import { isCrossOriginWrite, proxyConfigurationWarning } from './app/lib/csrf.server'
import { securityHeaders } from './app/lib/security-headers.server'
import { refuseBadRequests } from './app/lib/request-guard.server'
import { announceConsultationChanges } from './app/domain/policy-announcements.server'
import { indexUnindexedInputs } from './app/domain/duplicates.server'
import { closeCpuPool } from './app/jobs/cpu.server'
import { jobDefinitions } from './app/jobs/definitions.server'
import { type JobRunner, startJobRunner } from './app/jobs/runner.server'

// Starts the portal: migrate, optionally seed the demo, then serve the built app.
// Honours PORT, HOST and DATABASE_URL; a configuration mistake stops it with one clear line.

function fail(message: string): never {
  console.error(`Rembuk cannot start: ${message}`)
  process.exit(1)
}

async function main() {
  const port = Number(process.env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT "${process.env.PORT}" is not a port number.`)
  const host = process.env.HOST ?? '0.0.0.0'
  const seed = process.argv.includes('--seed-demo') || process.env.SEED_DEMO === '1'

  let config
  try {
    config = parseDatabaseUrl(process.env.DATABASE_URL)
  } catch (error) {
    fail((error as Error).message)
  }
  try {
    const db = await connectDatabase(config)
    await migrateToLatest(db)
    console.log(`Duplicate index: ${(await indexUnindexedInputs(db)).indexed} unindexed input(s) indexed at start.`)
    if (seed) {
      const { seeded } = await seedDemo(db)
      if (seeded) console.log('Demo data seeded.')
    }
    await db.destroy()
  } catch (error) {
    fail(error instanceof DatabaseConfigError ? error.message : (error as Error).message)
  }

  const buildFile = path.resolve('build/server/index.js')
  if (!fs.existsSync(buildFile)) fail('no build found; run "npm run build" first (npm start does this for you).')
  const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild

  const proxyWarning = proxyConfigurationWarning()
  if (proxyWarning) console.warn(proxyWarning)
  const app = express()
  app.disable('x-powered-by')
  if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY)
  app.use(securityHeaders())
  // Bad targets, oversized or non-form bodies: refused before anything reads them (docs/decisions/017).
  app.use(refuseBadRequests)
  app.use(compression())
  app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
  app.use(express.static('build/client', { maxAge: '1h' }))
  app.use((req, res, next) => {
    const refused = isCrossOriginWrite({
      method: req.method,
      protocol: req.protocol,
      host: req.get('host'),
      origin: req.get('origin'),
      secFetchSite: req.get('sec-fetch-site'),
    })
    if (refused) {
      res.status(403).type('text/plain').send('Permintaan dari situs lain ditolak. / Cross-origin request refused.')
      return
    }
    next()
  })
  app.all(
    '*',
    createRequestHandler({
      build,
      getLoadContext: (req, res) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? null, serverRoutes: build.routes, cspNonce: res.locals.cspNonce }),
    }),
  )

  const server = app.listen(port, host, () => {
    const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host
    console.log(`Rembuk is running on http://${shown}:${port} (${describeDatabase(config)})`)
  })
  server.on('error', (error: NodeJS.ErrnoException) => {
    fail(error.code === 'EADDRINUSE' ? `port ${port} is already in use; set PORT to another.` : error.message)
  })
  // Consultations open and close by the clock: once a minute, tell followers and participants.
  const sweepDb = createDatabase(config)
  const sweep = () =>
    announceConsultationChanges(sweepDb).catch((error) => console.error(`Consultation announcements failed: ${(error as Error).message}`))
  setTimeout(sweep, 5_000).unref()
  setInterval(sweep, 60_000).unref()

  // Background jobs (docs/decisions/024-background-jobs.md): JOB_WORKERS=0 runs none here (a
  // web-only instance); the rest of the instances on one PostgreSQL database share the queue.
  const workers = Number(process.env.JOB_WORKERS ?? 2)
  let runner: JobRunner | null = null
  if (workers > 0) {
    try {
      runner = await startJobRunner({
        db: createDatabase(config),
        definitions: jobDefinitions,
        concurrency: workers,
        ...(config.dialect === 'postgres' ? { postgres: { connectionString: config.connectionString } } : {}),
      })
    } catch (error) {
      fail(`the background job queue did not start: ${(error as Error).message}`)
    }
  }

  const stop = () => {
    server.close()
    void Promise.allSettled([runner?.stop(), closeCpuPool()]).then(() => process.exit(0))
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main()
