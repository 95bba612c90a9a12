import { type RouteConfig, index, route } from '@react-router/dev/routes'

export default [
  index('routes/home.tsx'),
  route('masuk', 'routes/sign-in.tsx'),
  route('daftar', 'routes/register.tsx'),
  route('keluar', 'routes/sign-out.tsx'),
  route('bahasa', 'routes/language.tsx'),
  route('kebijakan/:slug', 'routes/policy.tsx'),
  route('kebijakan/:slug/versi/:number', 'routes/policy-version.tsx'),
  route('kebijakan/:slug/perbandingan', 'routes/policy-compare.tsx'),
  route('kebijakan/:slug/linimasa', 'routes/policy-timeline.tsx'),

  route('api/v1/policies', 'routes/api.policies.ts'),
  route('api/v1/policies/:slug', 'routes/api.policy.ts'),
  route('api/v1/policies/:slug/versions/:number', 'routes/api.policy-version.ts'),
  route('api/v1/policies/:slug/versions/:a/diff/:b', 'routes/api.policy-diff.ts'),
  route('api/v1/policies/:slug/timeline', 'routes/api.policy-timeline.ts'),
  route('api/v1/*', 'routes/api.not-found.ts'),

  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
