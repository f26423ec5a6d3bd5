import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { TICKET_KIND_LABELS } from '@app/shared'
import SignInPrompt from '../../../../components/SignInPrompt'
import StatusView from '../../../../components/StatusView'
import { useRemoteData } from '../../../../hooks/use-remote-data'
import { getMyTickets } from '../../../../services/api/tickets'
import { Routes, ticketUrl } from '../../../../routes'
import TicketStatusTag from '../../../../components/TicketStatusTag'
import { formatDateTime } from '../../../../utils/ticket-format'
import './index.scss'

const openReport = () => Taro.navigateTo({ url: Routes.residentReport })

export default function Tickets() {
  const { state, reload } = useRemoteData(getMyTickets)

  if (state.status === 'loading') return <StatusView loading />
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />
  if (state.status === 'guest') return <SignInPrompt />

  if (state.data.length === 0) {
    return (
      <View className='card tickets__empty'>
        <Text className='card-title'>还没有工单</Text>
        <Text className='muted'>家里有东西坏了？在线报修，师傅上门维修。</Text>
        <Button type='primary' className='tickets__empty-btn' onClick={openReport}>
          去报修
        </Button>
      </View>
    )
  }

  return (
    <View className='tickets'>
      {state.data.map((t) => (
        <View key={t.id} className='card tickets__item' onClick={() => Taro.navigateTo({ url: ticketUrl(t.id) })}>
          <View className='tickets__head'>
            <Text className='tickets__serial'>{t.serial}</Text>
            <TicketStatusTag status={t.status} onHold={t.onHold} />
          </View>
          <Text className='tickets__desc'>{t.description}</Text>
          <View className='tickets__meta'>
            <Text className='muted'>
              {TICKET_KIND_LABELS[t.kind]} · {t.houseLabel ?? t.projectName}
            </Text>
            <Text className='muted'>{formatDateTime(t.createdAt)}</Text>
          </View>
          {t.actions.length > 0 && (t.actions.includes('agree_quote') || t.actions.includes('verify')) && (
            <Text className='tickets__todo'>{t.actions.includes('agree_quote') ? '报价待您确认签字' : '完工待您验收'}</Text>
          )}
        </View>
      ))}
      <View className='tickets__actions'>
        <Button type='primary' onClick={openReport}>
          我要报修
        </Button>
      </View>
    </View>
  )
}
