import { type RouteConfig, index, route } from '@react-router/dev/routes'

export default [
  index('routes/home.tsx'),
  route('masuk', 'routes/sign-in.tsx'),
  route('daftar', 'routes/register.tsx'),
  route('keluar', 'routes/sign-out.tsx'),
  route('bahasa', 'routes/language.tsx'),
  route('kebijakan/:slug', 'routes/policy.tsx'),
  route('kebijakan/:slug/versi/:number', 'routes/policy-version.tsx'),
  route('kebijakan/:slug/masukan', 'routes/inputs.tsx'),
  route('kebijakan/:slug/masukan/baru', 'routes/input-new.tsx'),
  route('masukan/:trackingNumber', 'routes/input.tsx'),
  route('lacak', 'routes/lookup.tsx'),
  route('kelola/kebijakan/:slug/konsultasi/baru', 'routes/manage.consultation-new.tsx'),
  route('kelola/konsultasi/:id', 'routes/manage.consultation.tsx'),
  route('kelola/konsultasi/:id/masukan-luring', 'routes/manage.offline-input.tsx'),
  route('kebijakan/:slug/ikuti', 'routes/policy-follow.ts'),
  route('akun/pemberitahuan', 'routes/notifications.tsx'),
  route('admin/kotak-keluar', 'routes/admin.outbox.tsx'),
  route('admin/kotak-keluar/:id', 'routes/admin.outbox-mail.tsx'),
  route('akun', 'routes/account.tsx'),
  route('akun/verifikasi-asn', 'routes/account.claim.tsx'),
  route('kelola/organisasi/:slug/verifikasi', 'routes/manage.verification.tsx'),

  route('api/v1/policies', 'routes/api.policies.ts'),
  route('api/v1/policies/:slug', 'routes/api.policy.ts'),
  route('api/v1/policies/:slug/versions/:number', 'routes/api.policy-version.ts'),
  route('api/v1/policies/:slug/inputs', 'routes/api.policy-inputs.ts'),
  route('api/v1/inputs/:trackingNumber', 'routes/api.input.ts'),
  route('api/v1/*', 'routes/api.not-found.ts'),

  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
