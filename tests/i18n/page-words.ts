import fs from 'node:fs'
import path from 'node:path'

/**
 * Which message keys a page can show, read from the source: the route module and every module it
 * imports (components, schemas, domain modules whose errors its action returns), transitively.
 * A key counts when it appears as a string literal ('input.kind', or an error 'x.y|arg'), or as
 * the fixed start of a template (`stage.${stage}` counts every key starting "stage.").
 */

export const root = path.resolve(import.meta.dirname, '..', '..')

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g

function resolveImport(from: string, spec: string): string | null {
  let base: string
  if (spec.startsWith('~/')) base = path.join(root, 'app', spec.slice(2))
  else if (spec.startsWith('~db/')) base = path.join(root, 'db', spec.slice(4))
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec)
  else return null
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
  }
  return null
}

/**
 * The route module and every browser-side app module it imports, transitively (type-only imports
 * skipped); a server module (`*.server.ts`) is listed but not followed: what it imports runs on
 * the server.
 */
export function moduleGraph(entry: string): string[] {
  const seen = new Set<string>()
  const queue = [entry]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    // Server modules run on the server; the catalogues name every key, they do not use them.
    if (file !== entry && (file.endsWith('.server.ts') || file.includes(`${path.sep}i18n${path.sep}`))) continue
    const source = fs.readFileSync(file, 'utf8')
    for (const match of source.matchAll(IMPORT)) {
      if (match[2]) continue
      const resolved = resolveImport(file, match[3]!)
      if (resolved && !seen.has(resolved)) queue.push(resolved)
    }
  }
  return [...seen].filter((f) => f === entry || !f.includes(`${path.sep}i18n${path.sep}`))
}

// A quoted key, or an error key with arguments ('validation.tooShort|10'); and a template's fixed start.
const QUOTED_KEY = /['"`]([A-Za-z][\w-]*(?:\.[\w-]+)+)(?:['"`]|\|)/g
const TEMPLATE_HEAD = /`([A-Za-z][\w-]*(?:\.[\w-]+)*\.)\$\{/g

/** Keys (of `allKeys`) a file can show. */
export function keysUsedIn(file: string, allKeys: readonly string[]): Set<string> {
  const source = fs.readFileSync(file, 'utf8')
  const keySet = new Set(allKeys)
  const used = new Set<string>()
  for (const match of source.matchAll(QUOTED_KEY)) if (keySet.has(match[1]!)) used.add(match[1]!)
  for (const match of source.matchAll(TEMPLATE_HEAD)) {
    for (const key of allKeys) if (key.startsWith(match[1]!)) used.add(key)
  }
  return used
}

/** The route modules named in app/routes.ts. */
export function routeModules(): string[] {
  const source = fs.readFileSync(path.join(root, 'app', 'routes.ts'), 'utf8')
  const files = [...source.matchAll(/'(routes\/[^']+\.tsx?)'/g)].map((m) => path.join(root, 'app', m[1]!))
  return [...new Set(files)]
}

/**
 * The message keys a route's page can show in the browser: every key used by the route module and
 * the browser-side modules it imports, plus the error keys (`x.error.y`, or with `|` arguments)
 * of the server modules it imports, which its action may hand back to the form.
 */
export function pageKeys(route: string, allKeys: readonly string[]): Set<string> {
  const keys = new Set<string>()
  for (const file of moduleGraph(route)) {
    const server = file.endsWith('.server.ts')
    const source = server ? fs.readFileSync(file, 'utf8') : ''
    for (const key of keysUsedIn(file, allKeys)) {
      if (!server || key.includes('.error.') || source.includes(`'${key}|`) || source.includes(`\`${key}|`)) keys.add(key)
    }
  }
  return keys
}
