import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import LoginPanel from '../../components/LoginPanel'
import ProfileCard from '../../components/ProfileCard'
import StatusView from '../../components/StatusView'
import { useCurrentUser } from '../../hooks/use-current-user'
import { logout } from '../../services/api/auth'
import { Routes } from '../../routes'

export default function Mine() {
  const { state, reload } = useCurrentUser()

  async function handleLogout() {
    await logout()
    await reload()
  }

  return (
    <View className='mine'>
      {state.status === 'loading' && <StatusView loading />}
      {state.status === 'error' && <StatusView error={state.message} onRetry={reload} />}
      {state.status === 'guest' && <LoginPanel onSignedIn={() => Taro.switchTab({ url: Routes.home })} />}
      {state.status === 'ready' && <ProfileCard me={state.me} onLogout={handleLogout} />}
    </View>
  )
}
