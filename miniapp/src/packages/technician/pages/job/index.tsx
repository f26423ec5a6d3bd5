import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Image, Picker, Text, Textarea, View } from '@tarojs/components'
import { TICKET_KIND_LABELS, TicketAction, formatFen, type IPublicFeeSchedule, type ITicket } from '@app/shared'
import SignInPrompt from '../../../../components/SignInPrompt'
import StatusView from '../../../../components/StatusView'
import TicketStatusTag from '../../../../components/TicketStatusTag'
import { useRemoteData } from '../../../../hooks/use-remote-data'
import { errorMessage } from '../../../../services/api-error'
import { getPublicFeeSchedule } from '../../../../services/api/catalog'
import { newClientUploadId, uploadMedia } from '../../../../services/api/media'
import {
  acceptJob,
  checkIn,
  completeJob,
  declineJob,
  declineQuote,
  getTicket,
  grabJob,
  quoteJob,
  startWork,
} from '../../../../services/api/tickets'
import { signUrl } from '../../../../routes'
import { choosePhotos } from '../../../../utils/choose-photos'
import { formatDateTime, formatQuantity } from '../../../../utils/ticket-format'
import { defaultVisit, previewQuote, technicianActions, toQuoteRequest, visitAtIso, type IJobAction, type QuoteSelection } from '../../utils/job-actions'
import './index.scss'

type Form = 'visit' | 'quote' | 'complete' | 'reason' | null

const DIRECT: Partial<Record<TicketAction, (id: number) => Promise<ITicket>>> = {
  grab: grabJob,
  check_in: (id) => checkIn(id),
  start: startWork,
}

const pad = (n: number) => String(n).padStart(2, '0')
const todayStr = () => {
  const d = new Date()
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

interface IAfterPhoto {
  path: string
  mediaId?: number
  failed?: boolean
}

export default function Job() {
  const { params } = useRouter()
  const id = Number(params.id)
  const { state, reload } = useRemoteData(() => getTicket(id))
  const [form, setForm] = useState<Form>(null)
  const [pending, setPending] = useState<IJobAction | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [visitDate, setVisitDate] = useState(todayStr())
  const [visitTime, setVisitTime] = useState('14:00')
  const [reason, setReason] = useState('')
  const [schedule, setSchedule] = useState<IPublicFeeSchedule | null>(null)
  const [category, setCategory] = useState<string | null>(null)
  const [selection, setSelection] = useState<QuoteSelection>({})
  const [result, setResult] = useState('')
  const [afterPhotos, setAfterPhotos] = useState<IAfterPhoto[]>([])

  if (!Number.isInteger(id) || id <= 0) return <StatusView error='工单链接无效' />
  if (state.status === 'loading') return <StatusView loading />
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />
  if (state.status === 'guest') return <SignInPrompt />

  const ticket = state.data
  const actions = technicianActions(ticket)

  async function run(call: () => Promise<unknown>, done: string) {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      await call()
      setForm(null)
      setPending(null)
      void Taro.showToast({ title: done, icon: 'success' })
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
      await reload()
    }
  }

  async function open(a: IJobAction) {
    setError(null)
    const direct = DIRECT[a.action]
    if (a.kind === 'direct' && direct) return run(() => direct(ticket.id), `${a.label}成功`)
    if (a.kind === 'sign') return void Taro.navigateTo({ url: signUrl(ticket.id, a.action === TicketAction.Verify ? 'verify' : 'agree', true) })
    setPending(a)
    setForm(a.kind as Form)
    if (a.kind === 'visit') {
      const visit = defaultVisit(ticket.preferredStart)
      setVisitDate(visit.date)
      setVisitTime(visit.time)
    }
    if (a.kind === 'quote' && !schedule) {
      try {
        const s = await getPublicFeeSchedule(ticket.projectId)
        setSchedule(s)
        setCategory(s.categories.some((c) => c.code === ticket.category) ? ticket.category : (s.categories[0]?.code ?? null))
      } catch (e) {
        setError(errorMessage(e))
      }
    }
  }

  async function addAfterPhotos() {
    const paths = await choosePhotos(9 - afterPhotos.length)
    for (const path of paths) {
      setAfterPhotos((list) => [...list, { path }])
      try {
        const media = await uploadMedia(path, newClientUploadId(), 'photo')
        setAfterPhotos((list) => list.map((p) => (p.path === path ? { ...p, mediaId: media.id } : p)))
      } catch {
        setAfterPhotos((list) => list.map((p) => (p.path === path ? { ...p, failed: true } : p)))
      }
    }
  }

  const items = schedule?.categories.flatMap((c) => c.items) ?? []
  const quote = previewQuote(items, selection)
  const step = (code: string, delta: number) =>
    setSelection((s) => ({ ...s, [code]: Math.max(0, (s[code] ?? 0) + delta * 1000) }))

  return (
    <View className='job'>
      <View className='card'>
        <View className='job__head'>
          <Text className='job__serial'>{ticket.serial}</Text>
          <TicketStatusTag status={ticket.status} onHold={ticket.onHold} />
        </View>
        <Text className='job__desc'>{ticket.description}</Text>
        {ticket.media.length > 0 && (
          <View className='job__photos'>
            {ticket.media.map((m, i) => (
              <Image
                key={m.id}
                className='job__photo'
                src={m.thumbUrl}
                mode='aspectFill'
                onClick={() => void Taro.previewImage({ urls: ticket.media.map((x) => x.url), current: ticket.media[i].url })}
              />
            ))}
          </View>
        )}
        <Text className='job__row'>
          {TICKET_KIND_LABELS[ticket.kind]}
          {ticket.scope === 'public' ? '（公共区域，免费）' : ticket.scope === 'home' ? '（户内，收费）' : ''} · {ticket.urgency === 'emergency' ? '紧急' : '一般'}
        </Text>
        <Text className='job__row'>
          {ticket.projectName} {ticket.houseLabel ?? ''}
        </Text>
        {ticket.contactName && (
          <Text className='job__row'>
            联系人：{ticket.contactName} {ticket.contactPhone ?? ticket.contactPhoneMasked ?? ''}
          </Text>
        )}
        {ticket.preferredStart && <Text className='job__row'>期望上门：{formatDateTime(ticket.preferredStart)}</Text>}
        {ticket.visitAt && <Text className='job__row'>约定上门：{formatDateTime(ticket.visitAt)}</Text>}
      </View>

      {ticket.quote && (
        <View className='card'>
          <Text className='card-title'>报价（{ticket.quote.status === 'pending' ? '待业主确认' : ticket.quote.status === 'agreed' ? '业主已同意' : '历史'}）</Text>
          {ticket.quote.lines.map((line, i) => (
            <View key={`${line.code}-${i}`} className='job__line'>
              <Text>
                {line.name} × {formatQuantity(line.quantityMilli)}
              </Text>
              <Text>{formatFen(line.amountFen)}</Text>
            </View>
          ))}
          <View className='job__total'>
            <Text>合计</Text>
            <Text className='job__amount'>{formatFen(ticket.quote.totalFen)}</Text>
          </View>
        </View>
      )}

      {ticket.chargeId && ticket.chargeConfirmation && (
        <View className='card'>
          <Text className='card-title'>费用（{ticket.chargeConfirmation === 'unconfirmed' ? '待业主确认' : '已确认'}）</Text>
          <Text className='job__row'>
            {ticket.chargeConfirmation === 'unconfirmed'
              ? '签字是在您的手机上完成的：业主在小程序确认，或客户经理电话确认后，费用才生效；确认前不能现场收取现金。'
              : '业主已确认费用。'}
          </Text>
        </View>
      )}

      {form === 'visit' && (
        <View className='card'>
          <Text className='card-title'>约定上门时间</Text>
          <View className='job__pickers'>
            <Picker mode='date' value={visitDate} start={todayStr()} onChange={(e) => setVisitDate(e.detail.value)}>
              <View className='job__picker'>
                <Text>{visitDate}</Text>
              </View>
            </Picker>
            <Picker mode='time' value={visitTime} onChange={(e) => setVisitTime(e.detail.value)}>
              <View className='job__picker'>
                <Text>{visitTime}</Text>
              </View>
            </Picker>
          </View>
          <Button
            className='job__submit'
            type='primary'
            loading={busy || undefined}
            disabled={busy || undefined}
            onClick={() => {
              const at = visitAtIso(visitDate, visitTime)
              if (!at) return setError('上门时间须晚于现在')
              void run(() => acceptJob(ticket.id, at), '已接单')
            }}
          >
            确认接单
          </Button>
        </View>
      )}

      {form === 'quote' && (
        <View className='card'>
          <Text className='card-title'>{pending?.label ?? '报价'}（按公示收费标准）</Text>
          {!schedule && !error && <Text className='muted'>正在读取收费标准…</Text>}
          <View className='job__chips'>
            {schedule?.categories.map((c) => (
              <View key={c.code} className={`job__chip${category === c.code ? ' job__chip--on' : ''}`} onClick={() => setCategory(c.code)}>
                <Text>{c.name}</Text>
              </View>
            ))}
          </View>
          {schedule?.categories
            .find((c) => c.code === category)
            ?.items.map((item) => (
              <View key={item.code} className='job__item'>
                <View className='job__item-main'>
                  <Text>{item.name}</Text>
                  <Text className='muted'>
                    {formatFen(item.labourPriceFen)}/{item.unit}
                    {item.materialsExtra ? ' · 材料另计' : ''}
                  </Text>
                </View>
                <View className='job__stepper'>
                  <Text className='job__step' onClick={() => step(item.code, -1)}>
                    −
                  </Text>
                  <Text className='job__qty'>{formatQuantity(selection[item.code] ?? 0)}</Text>
                  <Text className='job__step' onClick={() => step(item.code, 1)}>
                    +
                  </Text>
                </View>
              </View>
            ))}
          {quote.lines.length > 0 && (
            <View className='job__preview'>
              {quote.lines.map((line, i) => (
                <View key={`${line.code}-${i}`} className='job__line'>
                  <Text>
                    {line.name} × {formatQuantity(line.quantityMilli)}
                  </Text>
                  <Text>{formatFen(line.amountFen)}</Text>
                </View>
              ))}
              <View className='job__total'>
                <Text>合计</Text>
                <Text className='job__amount'>{formatFen(quote.totalFen)}</Text>
              </View>
            </View>
          )}
          <Button
            className='job__submit'
            type='primary'
            loading={busy || undefined}
            disabled={busy || quote.lines.length === 0 || undefined}
            onClick={() => run(() => quoteJob(ticket.id, toQuoteRequest(selection), pending?.action === TicketAction.Requote), '报价已发送')}
          >
            发送报价（{formatFen(quote.totalFen)}）
          </Button>
        </View>
      )}

      {form === 'complete' && (
        <View className='card'>
          <Text className='card-title'>完工</Text>
          <View className='job__textarea-box'>
            <Textarea className='job__textarea' placeholder='处理结果，如：更换进水阀，试水 10 分钟无渗漏' maxlength={500} value={result} onInput={(e) => setResult(e.detail.value)} />
          </View>
          <View className='job__photos'>
            {afterPhotos.map((p) => (
              <View key={p.path} className='job__after'>
                <Image className='job__photo' src={p.path} mode='aspectFill' />
                {!p.mediaId && <Text className='job__after-state'>{p.failed ? '上传失败' : '上传中'}</Text>}
              </View>
            ))}
            {afterPhotos.length < 9 && (
              <View className='job__photo job__photo-add' onClick={() => void addAfterPhotos()}>
                <Text>+ 完工照片</Text>
              </View>
            )}
          </View>
          <Button
            className='job__submit'
            type='primary'
            loading={busy || undefined}
            disabled={busy || undefined}
            onClick={() => {
              if (!result.trim()) return setError('请填写处理结果')
              if (afterPhotos.some((p) => !p.mediaId)) return setError('请等待照片上传完成，或删除失败的照片')
              if (afterPhotos.length === 0) return setError('请至少上传一张完工照片')
              void run(() => completeJob(ticket.id, { result: result.trim(), mediaIds: afterPhotos.flatMap((p) => (p.mediaId ? [p.mediaId] : [])) }), '已完工')
            }}
          >
            提交完工
          </Button>
        </View>
      )}

      {form === 'reason' && pending && (
        <View className='card'>
          <Text className='card-title'>{pending.label}</Text>
          <View className='job__textarea-box'>
            <Textarea className='job__textarea' placeholder='请填写原因' maxlength={200} value={reason} onInput={(e) => setReason(e.detail.value)} />
          </View>
          <Button
            className='job__submit job__submit--danger'
            loading={busy || undefined}
            disabled={busy || undefined}
            onClick={() => {
              if (!reason.trim()) return setError('请填写原因')
              const call = pending.action === TicketAction.Decline ? declineJob : declineQuote
              void run(() => call(ticket.id, reason.trim()), '已提交')
            }}
          >
            确认{pending.label}
          </Button>
        </View>
      )}

      {error && <Text className='job__error'>{error}</Text>}

      <View className='job__actions'>
        {form && (
          <Button className='job__action' onClick={() => setForm(null)}>
            收起
          </Button>
        )}
        {!form &&
          actions.map((a) => (
            <Button key={a.action} className='job__action' type={a.primary ? 'primary' : 'default'} loading={(busy && a.kind === 'direct') || undefined} onClick={() => void open(a)}>
              {a.label}
            </Button>
          ))}
      </View>
    </View>
  )
}
