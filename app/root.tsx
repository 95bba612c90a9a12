import type { ReactNode } from 'react'
import {
  Form,
  type ShouldRevalidateFunction,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useMatches,
  useRouteLoaderData,
} from 'react-router'
import type { Route } from './+types/root'
import { countUnread } from '~/domain/notifications.server'
import { getLocale } from '~/i18n/locale.server'
import type { Locale } from '~/i18n/messages'
import { messagesFor } from '~/i18n/messages.server'
import { pageFeatures } from '~/i18n/page-features.server'
import { useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { can } from '~/domain/permissions.server'
import { getActor } from '~/lib/session.server'
import { REFRESH_SECONDS, type RefreshHandle } from '~/jobs/job-progress'
import stylesheet from './styles.css?url'

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = await getActor(request)
  const locale = getLocale(request)
  return {
    locale,
    // Only this page's words, in the reader's language (docs/decisions/020).
    messages: messagesFor(locale, pageFeatures(context, request)),
    user: actor
      ? { displayName: actor.displayName, isPlatformAdmin: actor.isPlatformAdmin, canManage: can(actor, 'workspace.view') }
      : null,
    unreadNotifications: actor ? await countUnread(getDb(), actor.id) : 0,
  }
}

type RootData = Awaited<ReturnType<typeof loader>>

// Each navigation may need other words: reload the root's data when the page changes.
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  currentUrl.pathname !== nextUrl.pathname || defaultShouldRevalidate

/** "Pemberitahuan" with the unread count, which screen readers hear as part of the link's name. */
function NotificationsLink({ unread, label, unreadLabel }: { unread: number; label: string; unreadLabel: string }) {
  return (
    <Link to="/akun/pemberitahuan" className="nav-notifications">
      {label}
      {unread > 0 ? (
        <>
          <span className="visually-hidden"> ({unreadLabel})</span>
          <span className="nav-notifications__count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        </>
      ) : null}
    </Link>
  )
}

function Header({ data }: { data: RootData | undefined }) {
  const locale: Locale = data?.locale ?? 'id'
  const t = useT()
  const location = useLocation()
  const here = location.pathname + location.search
  return (
    <header className="site-header">
      <a className="skip-link" href="#isi">
        {t('nav.skip')}
      </a>
      <div className="site-header__inner">
        <Link to="/" className="brand">
          <span className="brand__name">{t('app.name')}</span>
          <span className="brand__tagline">{t('app.tagline')}</span>
        </Link>
        <nav aria-label={t('nav.main')} className="site-nav">
          <ul>
            <li>
              <Link to="/">{t('nav.home')}</Link>
            </li>
            <li>
              <Link to="/lacak">{t('nav.track')}</Link>
            </li>
            {data?.user ? (
              <>
                <li>
                  <NotificationsLink unread={data.unreadNotifications} label={t('nav.notifications')} unreadLabel={t('nav.unread', { count: data.unreadNotifications })} />
                </li>
                {data.user.isPlatformAdmin ? (
                  <li>
                    <Link to="/admin/kotak-keluar">{t('outbox.title')}</Link>
                  </li>
                ) : null}
                {data.user.canManage ? (
                  <li>
                    <Link to="/kelola">{t('drafting.nav')}</Link>
                  </li>
                ) : null}
                <li className="site-nav__user">{t('nav.signedInAs', { name: data.user.displayName })}</li>
                <li>
                  <Link to="/akun">{t('account.nav')}</Link>
                </li>
                <li>
                  <Form method="post" action="/keluar">
                    <button type="submit" className="link-button">
                      {t('nav.signOut')}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <Link to={`/masuk?redirectTo=${encodeURIComponent(here)}`}>{t('nav.signIn')}</Link>
                </li>
                <li>
                  <Link to="/daftar">{t('nav.register')}</Link>
                </li>
              </>
            )}
          </ul>
        </nav>
        <Form method="post" action="/bahasa" className="language-switch" aria-label={t('lang.label')}>
          <input type="hidden" name="redirectTo" value={here} />
          <span className="language-switch__label" aria-hidden="true">
            {t('lang.label')}:
          </span>
          <button type="submit" name="lang" value="id" lang="id" aria-pressed={locale === 'id'}>
            Bahasa Indonesia
          </button>
          <button type="submit" name="lang" value="en" lang="en" aria-pressed={locale === 'en'}>
            English
          </button>
        </Form>
      </div>
    </header>
  )
}

/** A page showing background work in progress refreshes itself when JavaScript is off (JobProgress polls otherwise). */
function NoScriptRefresh() {
  const refresh = useMatches().some((m) => (m.handle as RefreshHandle | undefined)?.refreshWhile?.(m.loaderData) === true)
  return refresh ? (
    <noscript>
      <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} />
    </noscript>
  ) : null
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData('root') as RootData | undefined
  const locale = data?.locale ?? 'id'
  const t = useT()
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        <NoScriptRefresh />
      </head>
      <body>
        <Header data={data} />
        <main id="isi" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{t('footer.about')}</p>
          <p>
            <a href="/api/v1/policies">{t('footer.api')}</a>
          </p>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const t = useT()
  const rootData = useRouteLoaderData('root')
  if (!rootData) {
    // The root's own data failed (the database is down): no words arrived, so say it in both languages.
    return (
      <div className="page narrow">
        <title>Terjadi kesalahan · Something went wrong · Rembuk</title>
        <h1>Terjadi kesalahan</h1>
        <p>Maaf, terjadi kesalahan di server. Coba lagi sebentar lagi.</p>
        <p lang="en">Sorry, something went wrong on the server. Please try again shortly.</p>
      </div>
    )
  }
  let title = t('error.title')
  let body = t('error.server')
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t('error.notFound')
      body = t('error.notFoundBody')
    } else if (error.status === 403) {
      body = t('error.forbidden')
    } else if (error.status === 400) {
      body = t('error.badRequest')
    } else if (error.status === 413) {
      body = t('error.tooLarge')
    } else if (error.status === 415) {
      body = t('error.unsupported')
    }
  } else if (import.meta.env.DEV && error instanceof Error) {
    body = error.message
  }
  return (
    <div className="page narrow">
      <title>{`${title} · Rembuk`}</title>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <Link to="/">{t('error.backHome')}</Link>
      </p>
    </div>
  )
}
