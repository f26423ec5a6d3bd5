import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import RoleGrantList from '../../../../components/RoleGrantList'
import SignInPrompt from '../../../../components/SignInPrompt'
import StatusView from '../../../../components/StatusView'
import { useCurrentUser } from '../../../../hooks/use-current-user'
import { jobsUrl } from '../../../../routes'
import { TECHNICIAN_ROLES } from '../../../../utils/role-entries'

export default function TechnicianHome() {
  const { state, reload } = useCurrentUser()

  if (state.status === 'loading') return <StatusView loading />
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />
  if (state.status === 'guest') return <SignInPrompt />

  return (
    <View>
      <View className='card'>
        <View className='list-item' onClick={() => Taro.navigateTo({ url: jobsUrl('mine') })}>
          <Text>我的工单</Text>
          <Text className='muted'>接单、上门、报价与完工 ›</Text>
        </View>
        <View className='list-item' onClick={() => Taro.navigateTo({ url: jobsUrl('pool') })}>
          <Text>抢单池</Text>
          <Text className='muted'>可抢的工单 ›</Text>
        </View>
      </View>
      <View className='card'>
        <Text className='card-title'>负责项目</Text>
        <RoleGrantList grants={state.me.roles} roles={TECHNICIAN_ROLES} />
      </View>
    </View>
  )
}
