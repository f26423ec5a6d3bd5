import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { COMPLAINT_CATEGORIES, type IComplaintDetail, type IComplaintEvent } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { errorMessage } from '../../../../services/api-error';
import { confirmComplaint, disputeComplaint, getComplaint } from '../../../../services/api/complaints';
import { ticketUrl } from '../../../../routes';
import { formatDateTime } from '../../../../utils/ticket-format';
import ComplaintStatusTag from '../../components/ComplaintStatusTag';
import { Photos } from '../../components/TicketBlocks';
import { DISPUTE_MAX, deadlineText } from '../../utils/complaint-form';
import '../complaints/index.scss';

const EVENT_TEXT: Record<IComplaintEvent['action'], string> = {
  create: '提交投诉',
  assign: '指派调查人',
  contact: '处理人员已与您联系',
  note: '调查记录',
  resolve: '给出处理结果',
  confirm: '确认处理结果，投诉完结',
  dispute: '对处理结果提出异议',
  escalate: '升级处理',
};

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="cp__row">
      <Text className="cp__row-label">{label}</Text>
      <Text className="cp__row-value">{value}</Text>
    </View>
  );
}

/** 投诉详情: what was filed, the deadline to contact, the result and the timeline; confirm or dispute a result. */
export default function ComplaintDetail() {
  const { params } = useRouter();
  const id = Number(params.id);
  const { state, reload } = useRemoteData<IComplaintDetail>(() => getComplaint(id));
  const [disputing, setDisputing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!Number.isInteger(id) || id <= 0) return <StatusView error="投诉链接无效" />;
  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;
  const c = state.data;

  async function run(call: () => Promise<unknown>, done: string) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await call();
      setDisputing(false);
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      await reload();
    }
  }

  function submitDispute() {
    const text = reason.trim();
    if (!text) return setError('请填写异议理由');
    void run(() => disputeComplaint(c.id, text), '异议已提交');
  }

  const waitingContact = c.status === 'open';
  const contactLeft = deadlineText(c.contactDueAt, c.contactedAt);
  return (
    <View className="cp">
      {params.created === '1' && (
        <View className="card">
          <Text className="card-title">✓ 投诉已提交</Text>
          <Text className="muted">物业会指定专人跟进，联系您之前的进度都会显示在下方。</Text>
        </View>
      )}
      <View className="card">
        <View className="cp__head">
          <Text className="cp__number">{c.number}</Text>
          <ComplaintStatusTag status={c.status} />
        </View>
        <Text className="cp__desc">{c.description}</Text>
        {c.media.length > 0 && <Photos list={c.media} />}
        <Row label="投诉类别" value={COMPLAINT_CATEGORIES[c.category]} />
        {c.houseLabel && <Row label="房屋" value={c.houseLabel} />}
        <Row label="提交时间" value={formatDateTime(c.createdAt)} />
        {c.ticketId && c.ticketSerial && (
          <View className="cp__row" onClick={() => Taro.navigateTo({ url: ticketUrl(c.ticketId!) })}>
            <Text className="cp__row-label">相关工单</Text>
            <Text className="cp__row-value cp__link">{c.ticketSerial} ›</Text>
          </View>
        )}
        {c.investigatorName && <Row label="跟进人员" value={c.investigatorName} />}
        {waitingContact && (
          <Text className={`cp__deadline${c.contactOverdue ? ' cp__deadline--late' : ''}`}>
            物业将在 {formatDateTime(c.contactDueAt)} 前与您联系（{contactLeft}）
          </Text>
        )}
      </View>

      {c.resolution && (
        <View className="card">
          <Text className="card-title">处理结果</Text>
          <Text className="cp__result">{c.resolution}</Text>
          {c.resolvedAt && <Text className="muted">{formatDateTime(c.resolvedAt)}</Text>}
        </View>
      )}

      <View className="card">
        <Text className="card-title">处理进度</Text>
        {[...c.events].reverse().map((e, i) => (
          <View key={e.id} className={`cp__event${i === 0 ? ' cp__event--latest' : ''}`}>
            <View className="cp__event-dot" />
            <View className="cp__event-body">
              <Text>{EVENT_TEXT[e.action] ?? e.action}</Text>
              <Text className="muted">
                {formatDateTime(e.at)}
                {e.actorName ? ` · ${e.actorName}` : ''}
              </Text>
              {e.note && e.action !== 'create' && <Text className="muted">{e.note}</Text>}
            </View>
          </View>
        ))}
      </View>

      {disputing && (
        <View className="card">
          <Text className="card-title">对处理结果有异议</Text>
          <View className="cp__textarea-box">
            <Textarea
              className="cp__textarea"
              placeholder="请说明哪里不满意、希望如何处理"
              maxlength={DISPUTE_MAX}
              value={reason}
              onInput={(e) => {
                setReason(e.detail.value);
                setError(null);
              }}
            />
          </View>
          <Text className="muted">提交后将退回调查人重新处理，并上报项目经理。</Text>
        </View>
      )}
      {error && <Text className="field-error cp__item">{error}</Text>}
      {c.status === 'resolved' && (
        <View className="cp__actions">
          {disputing ? (
            <>
              <Button onClick={() => setDisputing(false)}>再想想</Button>
              <Button type="warn" loading={busy || undefined} disabled={busy || undefined} onClick={submitDispute}>
                提交异议
              </Button>
            </>
          ) : (
            <>
              <Button
                onClick={() => {
                  setDisputing(true);
                  setReason('');
                  setError(null);
                }}
              >
                有异议
              </Button>
              <Button
                type="primary"
                loading={busy || undefined}
                disabled={busy || undefined}
                onClick={() => run(() => confirmComplaint(c.id), '已确认')}
              >
                确认已解决
              </Button>
            </>
          )}
        </View>
      )}
    </View>
  );
}
