import { Text, View } from '@tarojs/components'
import { Role } from '@app/shared'
import RoleGrantList from '../../../../components/RoleGrantList'
import SignInPrompt from '../../../../components/SignInPrompt'
import StatusView from '../../../../components/StatusView'
import { useCurrentUser } from '../../../../hooks/use-current-user'

const TECHNICIAN_ROLES = [Role.Technician] as const

export default function TechnicianHome() {
  const { state, reload } = useCurrentUser()

  if (state.status === 'loading') return <StatusView loading />
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />
  if (state.status === 'guest') return <SignInPrompt />

  return (
    <View className='card'>
      <Text className='card-title'>负责项目</Text>
      <RoleGrantList grants={state.me.roles} roles={TECHNICIAN_ROLES} />
    </View>
  )
}
