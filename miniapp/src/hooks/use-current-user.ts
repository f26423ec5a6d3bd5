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

/** The signed-in user, fetched afresh each time the page is shown (roles and houses change on the server). */
export function useCurrentUser(): { state: CurrentUserState; reload: () => Promise<void> } {
  const [state, setState] = useState<CurrentUserState>({ status: 'loading' })

  const reload = useCallback(async () => {
    if (!hasSession()) {
      setState({ status: 'guest' })
      return
    }
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

  return { state, reload }
}
