import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import StatusView from '../../components/StatusView'
import { useCurrentUser } from '../../hooks/use-current-user'
import { roleEntries } from '../../utils/role-entries'
import { Routes } from '../../routes'
import './index.scss'

export default function Index() {
  const { state, reload } = useCurrentUser()

  if (state.status === 'loading') return <StatusView loading />
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />

  if (state.status === 'guest') {
    return (
      <View className='home'>
        <View className='card'>
          <Text className='card-title'>欢迎使用物业服务</Text>
          <Text className='muted'>登录后可在线报修、预约特约服务、查看并缴纳物业费账单。</Text>
          <Button className='home__login' type='primary' onClick={() => Taro.switchTab({ url: Routes.mine })}>
            去登录
          </Button>
        </View>
      </View>
    )
  }

  const entries = roleEntries(state.me)
  return (
    <View className='home'>
      <View className='card'>
        <Text className='home__greeting'>您好，{state.me.name}</Text>
      </View>
      <View className='card'>
        {entries.length === 0 && <Text className='muted'>暂无可用功能，请联系物业服务中心开通。</Text>}
        {entries.map((entry) => (
          <View
            className='list-item home__entry'
            key={entry.key}
            onClick={() => Taro.navigateTo({ url: entry.url })}
          >
            <Text>{entry.title}</Text>
            <Text className='muted'>{entry.description}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
