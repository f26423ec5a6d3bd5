import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { TicketAction, type ICharge, type ITicket, type ITicketEvent, type ITicketUrge } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { getTicket, getTicketTimeline } from '../../../../services/api/tickets';
import { getCharge } from '../../../../services/api/charges';
import { complaintNewUrl, signUrl } from '../../../../routes';
import { getTicketUrge } from '../../../../services/api/complaints';
import UrgeButton from '../../components/UrgeButton';
import MergedNotice from '../../components/MergedNotice';
import { REASON_PROMPTS, residentActions } from '../../utils/ticket-actions';
import TicketFormButton from '../../../../components/TicketFormButton';
import { useCurrentUser } from '../../../../hooks/use-current-user';
import { PriceLines } from '../../components/TicketBlocks';
import ChargePay, { chargePayable } from '../../components/ChargePay';
import TicketInfoCard from '../../components/TicketInfoCard';
import PendingCharge from '../../components/PendingCharge';
import ReasonPrompt from '../../components/ReasonPrompt';
import { MyRatings, SignatureList, TicketResult, TicketTimeline } from '../../components/TicketRecords';
import './index.scss';

interface IDetail {
  ticket: ITicket;
  timeline: ITicketEvent[];
  /** The ticket's charge: 待您确认 while unconfirmed, 立即支付 while open and confirmed. */
  charge: ICharge | null;
  /** 催单 state; null when it could not be read (the button is then left out, not guessed). */
  urge: ITicketUrge | null;
}

export default function TicketDetail() {
  const { params } = useRouter();
  const id = Number(params.id);
  const { state, reload } = useRemoteData<IDetail>(async () => {
    const [ticket, timeline, urge] = await Promise.all([
      getTicket(id),
      getTicketTimeline(id),
      getTicketUrge(id).catch(() => null),
    ]);
    // An unconfirmed charge must be shown (待您确认); a confirmed one only adds 立即支付, so the ticket shows without it.
    const charge = !ticket.chargeId
      ? null
      : ticket.chargeConfirmation === 'unconfirmed'
        ? await getCharge(ticket.chargeId)
        : await getCharge(ticket.chargeId).catch(() => null);
    return { ticket, timeline, charge, urge };
  });
  const [reasonFor, setReasonFor] = useState<TicketAction | null>(null);
  const user = useCurrentUser().state;

  if (!Number.isInteger(id) || id <= 0) return <StatusView error="工单链接无效" />;
  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;

  const { ticket, timeline, charge, urge } = state.data;
  const pendingCharge = charge && charge.confirmation === 'unconfirmed' ? charge : null;
  const actions = residentActions(ticket);
  const quote = ticket.quote;

  function act(action: TicketAction) {
    if (action === TicketAction.AgreeQuote) return void Taro.navigateTo({ url: signUrl(ticket.id, 'agree') });
    if (action === TicketAction.Verify) return void Taro.navigateTo({ url: signUrl(ticket.id, 'verify') });
    setReasonFor(action);
  }

  // While a reason is asked for, the other actions step aside.
  const prompt = reasonFor && REASON_PROMPTS[reasonFor] && (
    <ReasonPrompt
      key={reasonFor}
      ticketId={ticket.id}
      action={reasonFor}
      onClose={() => setReasonFor(null)}
      onSettled={reload}
    />
  );

  return (
    <View className="detail">
      {params.created === '1' && (
        <View className="card detail__created">
          <Text className="detail__created-title">✓ 报修已提交</Text>
          <Text className="muted">物业客服会尽快受理并安排师傅，进度会显示在下方。</Text>
        </View>
      )}
      <MergedNotice ticket={ticket} />
      <TicketInfoCard ticket={ticket} />

      {quote && (
        <View className="card">
          <Text className="card-title">{quote.status === 'pending' ? '报价（待您确认）' : '报价'}</Text>
          <PriceLines lines={quote.lines} totalFen={quote.totalFen} showKind />
          <Text className="muted">价格依据物业公示的收费标准</Text>
        </View>
      )}

      {pendingCharge && <PendingCharge charge={pendingCharge} onConfirmed={reload} />}
      {charge && chargePayable(charge) && <ChargePay charge={charge} />}
      <TicketResult ticket={ticket} />
      <SignatureList signatures={ticket.signatures} />
      <MyRatings ratings={ticket.ratings} />
      <TicketTimeline timeline={timeline} kind={ticket.kind} />
      {prompt}

      {/* A follower of a ticket merged from their report may read it, not urge or complain about it as its resident. */}
      {!prompt && !ticket.followerView && (
        <View className="card detail__follow">
          {urge?.urgeable && <UrgeButton ticketId={ticket.id} state={urge} onUrged={reload} />}
          <View className="detail__follow-side">
            <TicketFormButton ticket={ticket} me={user.status === 'ready' ? user.me : null} className="detail__btn" />
            <Button
              className="detail__btn"
              size="mini"
              onClick={() => Taro.navigateTo({ url: complaintNewUrl(ticket.id) })}
            >
              投诉此单
            </Button>
          </View>
        </View>
      )}

      {actions.length > 0 && !prompt && (
        <View className="detail__actions">
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
  );
}
