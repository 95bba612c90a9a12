import { type RouteConfig, index, route } from '@react-router/dev/routes'

export default [
  index('routes/home.tsx'),
  route('masuk', 'routes/sign-in.tsx'),
  route('daftar', 'routes/register.tsx'),
  route('keluar', 'routes/sign-out.tsx'),
  route('bahasa', 'routes/language.tsx'),
  route('kebijakan/:slug', 'routes/policy.tsx'),
  route('kebijakan/:slug/versi/:number', 'routes/policy-version.tsx'),

  route('kelola', 'routes/workspace.tsx'),
  route('kelola/kebijakan/baru', 'routes/workspace.new-policy.tsx'),
  route('kelola/kebijakan/:slug', 'routes/workspace.policy.tsx'),
  route('kelola/kebijakan/:slug/versi/:number/sunting', 'routes/workspace.draft.tsx'),
  route('kelola/kebijakan/:slug/versi/:number/sunting/hapus/:key', 'routes/workspace.remove-section.tsx'),
  route('kelola/kebijakan/:slug/versi/:number/pratinjau', 'routes/workspace.preview.tsx'),

  route('api/v1/policies', 'routes/api.policies.ts'),
  route('api/v1/policies/:slug', 'routes/api.policy.ts'),
  route('api/v1/policies/:slug/versions/:number', 'routes/api.policy-version.ts'),
  route('api/v1/*', 'routes/api.not-found.ts'),

  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
