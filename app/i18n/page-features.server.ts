import { type AppLoadContext, type RouteObject, type ServerBuild, matchRoutes } from 'react-router'
import type { PageHandle } from '~/lib/page-handle'

type ServerRoutes = ServerBuild['routes']

// Each route of the tree carries its declared features as its handle.
const trees = new WeakMap<ServerRoutes, RouteObject[]>()

/** The build's flat route table as the nested tree matchRoutes expects, each with its declared features. */
function routeTree(routes: ServerRoutes): RouteObject[] {
  const cached = trees.get(routes)
  if (cached) return cached
  type ServerRoute = NonNullable<ServerRoutes[string]>
  const byParent = new Map<string | undefined, ServerRoute[]>()
  for (const route of Object.values(routes)) {
    if (!route) continue
    const siblings = byParent.get(route.parentId) ?? []
    siblings.push(route)
    byParent.set(route.parentId, siblings)
  }
  const build = (parentId: string | undefined): RouteObject[] =>
    (byParent.get(parentId) ?? []).map((route) => {
      const handle = route.module.handle as PageHandle | undefined
      const features: readonly string[] = Array.isArray(handle?.i18n) ? handle.i18n : []
      return route.index
        ? { id: route.id, index: true, path: route.path, caseSensitive: route.caseSensitive, handle: features }
        : { id: route.id, path: route.path, caseSensitive: route.caseSensitive, handle: features, children: build(route.id) }
    })
  const tree = build(undefined)
  trees.set(routes, tree)
  return tree
}

/**
 * The catalogues the requested page declares (`handle.i18n` of every matched route), or null
 * when the route table is unknown (the development server, tests): then every catalogue is sent.
 */
export function pageFeatures(context: AppLoadContext | undefined, request: Request): string[] | null {
  const routes = context?.serverRoutes
  if (!routes) return null
  const matches = matchRoutes(routeTree(routes), new URL(request.url).pathname) ?? []
  return [...new Set(matches.flatMap((m) => m.route.handle as readonly string[]))]
}
