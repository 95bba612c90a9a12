import { Form, Link, useLoaderData, useLocation } from 'react-router'
import { useT } from '~/i18n/use-t'

/** What a policy page's loader returns as `follow` (see getFollowState). */
export interface FollowState {
  signedIn: boolean
  following: boolean
}

/**
 * Follow or stop following a policy: a plain form, so it works without JavaScript.
 * Reads `follow` from the page's loader data; renders nothing on a page that does not give it.
 */
export function FollowButton({ slug }: { slug: string }) {
  const t = useT()
  const location = useLocation()
  const data = useLoaderData() as { follow?: FollowState } | undefined
  const state = data?.follow
  if (!state) return null
  const here = location.pathname
  if (!state.signedIn) {
    return (
      <div className="follow">
        <Link
          to={`/masuk?redirectTo=${encodeURIComponent(here)}`}
          className="button button--secondary"
          aria-describedby="ikuti-petunjuk"
        >
          {t('follow.follow')}
        </Link>
        <p id="ikuti-petunjuk" className="follow__hint">
          {t('follow.anonymousHint')}
        </p>
      </div>
    )
  }
  return (
    <Form method="post" action={`/kebijakan/${slug}/ikuti`} preventScrollReset className="follow">
      <input type="hidden" name="redirectTo" value={here} />
      <button
        type="submit"
        name="intent"
        value={state.following ? 'unfollow' : 'follow'}
        className={state.following ? 'button button--secondary' : 'button'}
        aria-describedby="ikuti-petunjuk"
      >
        {state.following ? t('follow.unfollow') : t('follow.follow')}
      </button>
      <p id="ikuti-petunjuk" className="follow__hint" role="status">
        {state.following ? `${t('follow.following')} ` : null}
        {t('follow.hint')}
      </p>
    </Form>
  )
}
