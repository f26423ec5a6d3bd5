import { Text, View } from '@tarojs/components'
import { BINDING_RELATION_LABELS, type BindingRelation } from '@app/shared'
import SignInPrompt from '../../../../components/SignInPrompt'
import StatusView from '../../../../components/StatusView'
import { useCurrentUser } from '../../../../hooks/use-current-user'

function relationLabel(relation: string): string {
  return BINDING_RELATION_LABELS[relation as BindingRelation] ?? relation
}

export default function Houses() {
  const { state, reload } = useCurrentUser()

  if (state.status === 'loading') return <StatusView loading />
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />
  if (state.status === 'guest') return <SignInPrompt />

  const { houses } = state.me
  return (
    <View className='card'>
      <Text className='card-title'>已绑定的房屋</Text>
      {houses.length === 0 && <Text className='muted'>尚未绑定房屋。绑定通过物业审核后即可报修和缴费。</Text>}
      {houses.map((house) => (
        <View className='list-item' key={house.bindingId}>
          <Text>{house.label}</Text>
          <Text className='muted'>{relationLabel(house.relation)}</Text>
        </View>
      ))}
    </View>
  )
}
