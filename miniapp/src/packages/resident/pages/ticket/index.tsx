import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Image, Text, Textarea, View } from '@tarojs/components'
import { TicketAction, ticketTypeLabel, urgencyLabel, type ICharge, type ITicket, type ITicketEvent } from '@app/shared'
import SignInPrompt from '../../../../components/SignInPrompt'
import StatusView from '../../../../components/StatusView'
import { useRemoteData } from '../../../../hooks/use-remote-data'
import { errorMessage } from '../../../../services/api-error'
import { cancelTicket, declineQuote, getTicket, getTicketTimeline, requestRework } from '../../../../services/api/tickets'
import { confirmCharge, getCharge } from '../../../../services/api/charges'
import { signUrl } from '../../../../routes'
import TicketStatusTag from '../../../../components/TicketStatusTag'
import { REASON_MAX, REASON_PROMPTS, RATING_LABELS, eventText, residentActions, validateReason, type IRatings } from '../../utils/ticket-actions'
import { relationLabel } from '../../utils/format'
import { formatDateTime } from '../../../../utils/ticket-format'
import PhoneCall from '../../../../components/PhoneCall'
import RatingStars from '../../../../components/RatingStars'
import { Photos, PriceLines, Row, preview } from '../../components/TicketBlocks'
import './index.scss'

interface IDetail {
  ticket: ITicket
  timeline: ITicketEvent[]
  /** Loaded only while the charge waits for the resident's confirmation (待您确认). */
  pendingCharge: ICharge | null
}

const SIGNATURE_PURPOSE: Record<string, string> = {
  quote_agreement: '同意报价',
  quote_decline: '拒绝报价',
  acceptance: '验收签字',
}

const REASON_CALLS: Partial<Record<TicketAction, (id: number, reason: string) => Promise<ITicket>>> = {
  cancel: cancelTicket,
  decline_quote: declineQuote,
  request_rework: requestRework,
}

export default function TicketDetail() {
  const { params } = useRouter()
  const id = Number(params.id)
  const { state, reload } = useRemoteData<IDetail>(async () => {
    const [ticket, timeline] = await Promise.all([getTicket(id), getTicketTimeline(id)])
    const pendingCharge = ticket.chargeId && ticket.chargeConfirmation === 'unconfirmed' ? await getCharge(ticket.chargeId) : null
    return { ticket, timeline, pendingCharge }
  })
  const [reasonFor, setReasonFor] = useState<TicketAction | null>(null)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [chargeError, setChargeError] = useState<string | null>(null)

  if (!Number.isInteger(id) || id <= 0) return <StatusView error='工单链接无效' />
  if (state.status === 'loading') return <StatusView loading />
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />
  if (state.status === 'guest') return <SignInPrompt />

  const { ticket, timeline, pendingCharge } = state.data
  const actions = residentActions(ticket)
  const quote = ticket.quote

  function act(action: TicketAction) {
    if (action === TicketAction.AgreeQuote) return void Taro.navigateTo({ url: signUrl(ticket.id, 'agree') })
    if (action === TicketAction.Verify) return void Taro.navigateTo({ url: signUrl(ticket.id, 'verify') })
    setReasonFor(action)
    setReason('')
    setReasonError(null)
  }

  async function confirmReason() {
    if (!reasonFor || busy) return
    const invalid = validateReason(reason)
    if (invalid) return setReasonError(invalid)
    const call = REASON_CALLS[reasonFor]
    if (!call) return
    setBusy(true)
    try {
      await call(ticket.id, reason.trim())
      setReasonFor(null)
      void Taro.showToast({ title: '已提交', icon: 'success' })
    } catch (error) {
      setReasonError(errorMessage(error))
    } finally {
      setBusy(false)
      await reload()
    }
  }

  async function confirmPendingCharge() {
    if (!pendingCharge || busy) return
    setBusy(true)
    setChargeError(null)
    try {
      await confirmCharge(pendingCharge.id)
      void Taro.showToast({ title: '费用已确认', icon: 'success' })
      await reload()
    } catch (error) {
      setChargeError(errorMessage(error))
    } finally {
      setBusy(false)
    }
  }

  const prompt = reasonFor ? REASON_PROMPTS[reasonFor] : undefined

  return (
    <View className='detail'>
      {params.created === '1' && (
        <View className='card detail__created'>
          <Text className='detail__created-title'>✓ 报修已提交</Text>
          <Text className='muted'>物业客服会尽快受理并安排师傅，进度会显示在下方。</Text>
        </View>
      )}
      <View className='card'>
        <View className='detail__head'>
          <Text className='detail__serial'>{ticket.serial}</Text>
          <TicketStatusTag status={ticket.status} onHold={ticket.onHold} />
        </View>
        {ticket.onHold && <Text className='detail__note'>工单暂停处理中{ticket.holdReason ? `：${ticket.holdReason}` : ''}</Text>}
        <Text className='detail__desc'>{ticket.description}</Text>
        {ticket.media.length > 0 && <Photos list={ticket.media} />}
        <Row label='类型' value={ticketTypeLabel(ticket.kind, ticket.scope)} />
        <Row label='房屋' value={`${ticket.projectName} ${ticket.houseLabel ?? ''}`} />
        {(ticket.kind === 'repair' || ticket.kind === 'service') && <Row label='紧急程度' value={urgencyLabel(ticket.urgency)} />}
        <Row label='提交时间' value={formatDateTime(ticket.createdAt)} />
        {ticket.preferredStart && <Row label='期望上门' value={`${formatDateTime(ticket.preferredStart)}–${formatDateTime(ticket.preferredEnd).slice(-5)}`} />}
        {ticket.technician && (
          <Row label='维修师傅' value={`${ticket.technician.name} `}>
            <PhoneCall phone={ticket.technician.phone} display={ticket.technician.phoneMasked} />
          </Row>
        )}
        {ticket.customerManager && (
          <Row label='客户经理' value={`${ticket.customerManager.name} `}>
            <PhoneCall phone={ticket.customerManager.phone} display={ticket.customerManager.phoneMasked} />
          </Row>
        )}
        {ticket.visitAt && <Row label='上门时间' value={formatDateTime(ticket.visitAt)} />}
        {ticket.cancelReason && <Row label='取消原因' value={ticket.cancelReason} />}
        {ticket.reply && <Row label='物业答复' value={ticket.reply} />}
      </View>

      {quote && (
        <View className='card'>
          <Text className='card-title'>{quote.status === 'pending' ? '报价（待您确认）' : '报价'}</Text>
          <PriceLines lines={quote.lines} totalFen={quote.totalFen} showKind />
          <Text className='muted'>价格依据物业公示的收费标准</Text>
        </View>
      )}

      {pendingCharge && (
        <View className='card detail__charge'>
          <Text className='card-title'>费用（待您确认）</Text>
          <Text className='detail__note'>签字是在师傅手机上完成的，需要您本人确认后费用才会生效；如有疑问请联系客户经理。</Text>
          <PriceLines lines={pendingCharge.lines} totalFen={pendingCharge.totalFen} />
          {chargeError && <Text className='field-error'>{chargeError}</Text>}
          <Button className='detail__charge-confirm' type='primary' loading={busy || undefined} disabled={busy || undefined} onClick={confirmPendingCharge}>
            确认费用
          </Button>
        </View>
      )}

      {(ticket.afterMedia.length > 0 || ticket.result) && (
        <View className='card'>
          {/* Before completion these are the technician's on-site photos (check-in). */}
          <Text className='card-title'>{ticket.result || ['done', 'verified', 'visited', 'closed'].includes(ticket.status) ? '处理结果' : '师傅现场照片'}</Text>
          {ticket.result && <Text className='detail__result'>{ticket.result}</Text>}
          {ticket.afterMedia.length > 0 && <Photos list={ticket.afterMedia} />}
        </View>
      )}

      {ticket.signatures.length > 0 && (
        <View className='card'>
          <Text className='card-title'>签字记录</Text>
          {ticket.signatures.map((s) => (
            <View key={s.id} className='detail__sig'>
              {s.image && <Image className='detail__sig-img' src={s.image.thumbUrl} mode='aspectFit' onClick={() => s.image && preview([s.image], 0)} />}
              <View className='detail__sig-text'>
                <Text>
                  {SIGNATURE_PURPOSE[s.purpose] ?? s.purpose} · {s.signerName}（{relationLabel(s.relation)}）
                </Text>
                <Text className='muted'>
                  {formatDateTime(s.signedAt)}
                  {s.collectedByTechnician ? ' · 在师傅手机上签字' : ''}
                </Text>
              </View>
            </View>
          ))}
        </View>
      )}

      {ticket.ratings && (
        <View className='card'>
          <Text className='card-title'>我的评价</Text>
          {(Object.keys(RATING_LABELS) as (keyof IRatings)[]).map((key) => (
            <Row key={key} label={RATING_LABELS[key]}>
              <RatingStars value={ticket.ratings?.[key] ?? 0} />
            </Row>
          ))}
          {ticket.ratings.comment && <Text className='detail__comment'>{ticket.ratings.comment}</Text>}
        </View>
      )}

      <View className='card'>
        <Text className='card-title'>处理进度</Text>
        {timeline.length === 0 && <Text className='muted'>暂无记录</Text>}
        {[...timeline].reverse().map((e, i) => (
          <View key={e.id} className={`detail__event${i === 0 ? ' detail__event--latest' : ''}`}>
            <View className='detail__event-dot' />
            <View className='detail__event-body'>
              <Text>{eventText(e.action, ticket.kind)}</Text>
              <Text className='muted'>
                {formatDateTime(e.at)} · {e.actorName}
              </Text>
              {e.reason && <Text className='muted'>原因：{e.reason}</Text>}
            </View>
          </View>
        ))}
      </View>

      {prompt && (
        <View className='card detail__reason'>
          <Text className='card-title'>{prompt.title}</Text>
          <Textarea
            className='detail__reason-input'
            placeholder={prompt.placeholder}
            maxlength={REASON_MAX}
            value={reason}
            onInput={(e) => {
              setReason(e.detail.value)
              setReasonError(null)
            }}
          />
          {reasonError && <Text className='field-error'>{reasonError}</Text>}
          <View className='detail__reason-actions'>
            <Button className='detail__btn' onClick={() => setReasonFor(null)}>
              再想想
            </Button>
            <Button className='detail__btn detail__btn--danger' loading={busy || undefined} disabled={busy || undefined} onClick={confirmReason}>
              {prompt.confirm}
            </Button>
          </View>
        </View>
      )}

      {actions.length > 0 && !prompt && (
        <View className='detail__actions'>
          {actions.map((a) => (
            <Button
              key={a.action}
              className={`detail__action${a.danger ? ' detail__action--danger' : ''}`}
              type={a.primary ? 'primary' : 'default'}
              onClick={() => act(a.action)}
            >
              {a.label}
            </Button>
          ))}
        </View>
      )}
    </View>
  )
}
