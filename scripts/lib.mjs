// Helpers for the start and test scripts; Node built-ins only, so they run before `npm install`.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options })
  if (result.error) throw result.error
  return result.status ?? 1
}

export function mustRun(command, args, options = {}) {
  const status = run(command, args, options)
  if (status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${status}).`)
    process.exit(status)
  }
}

/** Installs dependencies when node_modules is missing or older than the lockfile. */
export function ensureInstalled() {
  const marker = path.join(root, 'node_modules', '.package-lock.json')
  const lock = path.join(root, 'package-lock.json')
  const stale =
    !fs.existsSync(marker) || (fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs)
  if (!stale) return
  console.log('Installing dependencies…')
  mustRun('npm', process.env.CI ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'])
}

export function build() {
  console.log('Building the portal…')
  mustRun('npx', ['react-router', 'build'])
}
