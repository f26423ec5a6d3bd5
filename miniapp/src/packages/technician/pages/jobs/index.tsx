import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { TICKET_KIND_LABELS, type ITicket } from '@app/shared'
import SignInPrompt from '../../../../components/SignInPrompt'
import StatusView from '../../../../components/StatusView'
import TicketStatusTag from '../../../../components/TicketStatusTag'
import { useRemoteData } from '../../../../hooks/use-remote-data'
import { getJobPool, getMyJobs } from '../../../../services/api/tickets'
import { jobUrl } from '../../../../routes'
import { formatDateTime } from '../../../../utils/ticket-format'
import './index.scss'

type Tab = 'mine' | 'pool'

async function loadJobs(): Promise<Record<Tab, ITicket[]>> {
  const [mine, pool] = await Promise.all([getMyJobs(), getJobPool()])
  return { mine, pool }
}

/** 我的工单 and 抢单池 side by side: a technician switches between them all day. */
export default function Jobs() {
  const { params } = useRouter()
  const [tab, setTab] = useState<Tab>(params.tab === 'pool' ? 'pool' : 'mine')
  const { state, reload } = useRemoteData(loadJobs)

  if (state.status === 'loading') return <StatusView loading />
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />
  if (state.status === 'guest') return <SignInPrompt />

  const list = state.data[tab]
  return (
    <View className='jobs'>
      <View className='jobs__tabs'>
        {(['mine', 'pool'] as const).map((t) => (
          <View key={t} className={`jobs__tab${tab === t ? ' jobs__tab--on' : ''}`} onClick={() => setTab(t)}>
            <Text>
              {t === 'mine' ? '我的工单' : '抢单池'}（{state.data[t].length}）
            </Text>
          </View>
        ))}
      </View>
      {list.length === 0 && (
        <View className='card'>
          <Text className='muted'>{tab === 'mine' ? '暂无进行中的工单' : '抢单池暂时没有可抢的工单，下拉刷新看看'}</Text>
        </View>
      )}
      {list.map((t) => (
        <View key={t.id} className='card jobs__item' onClick={() => Taro.navigateTo({ url: jobUrl(t.id) })}>
          <View className='jobs__head'>
            <Text className='jobs__serial'>
              {t.urgency === 'emergency' && <Text className='jobs__urgent'>急</Text>}
              {t.serial}
            </Text>
            <TicketStatusTag status={t.status} onHold={t.onHold} />
          </View>
          <Text className='jobs__desc'>{t.description}</Text>
          <View className='jobs__meta'>
            <Text className='muted'>
              {TICKET_KIND_LABELS[t.kind]} · {t.projectName} {t.houseLabel ?? '公共区域'}
            </Text>
            <Text className='muted'>{t.visitAt ? `上门 ${formatDateTime(t.visitAt)}` : formatDateTime(t.createdAt)}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
