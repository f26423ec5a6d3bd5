import { useCallback, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { IMe } from '@app/shared'
import { ApiError, errorMessage } from '../services/api-error'
import { getMe } from '../services/api/auth'
import { clearSession, hasSession } from '../services/session'

export type CurrentUserState =
  | { status: 'loading' }
  | { status: 'guest' }
  | { status: 'ready'; me: IMe }
  | { status: 'error'; message: string }

/**
 * The signed-in user, fetched afresh each time the page is shown (roles and houses change on the server).
 * Tab pages stay mounted: a page must never go on showing the sign-in options of a session that has since
 * begun (a tap there lands on buttons about to vanish) — `signedIn` records the new user at once, and a
 * page shown again with a session but no user waits in `loading` rather than showing stale sign-in options.
 */
export function useCurrentUser(): { state: CurrentUserState; reload: () => Promise<void>; signedIn: (me: IMe) => void } {
  const [state, setState] = useState<CurrentUserState>({ status: 'loading' })

  const reload = useCallback(async () => {
    if (!hasSession()) {
      setState({ status: 'guest' })
      return
    }
    setState((current) => (current.status === 'ready' ? current : { status: 'loading' }))
    try {
      setState({ status: 'ready', me: await getMe() })
    } catch (error) {
      if (error instanceof ApiError && error.isUnauthenticated) {
        clearSession()
        setState({ status: 'guest' })
      } else {
        setState({ status: 'error', message: errorMessage(error) })
      }
    }
  }, [])

  useDidShow(() => {
    void reload()
  })

  const signedIn = useCallback((me: IMe) => setState({ status: 'ready', me }), [])

  return { state, reload, signedIn }
}
