import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import { TicketAction, type ITicket } from '@app/shared';
import PhoneCall from '../../../../components/PhoneCall';
import QuoteLines from '../../../../components/QuoteLines';
import SignInPrompt from '../../../../components/SignInPrompt';
import SlaCountdown from '../../../../components/SlaCountdown';
import StatusView from '../../../../components/StatusView';
import TicketStatusTag from '../../../../components/TicketStatusTag';
import TicketFormButton from '../../../../components/TicketFormButton';
import { useCurrentUser } from '../../../../hooks/use-current-user';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { errorMessage } from '../../../../services/api-error';
import {
  acceptJob,
  checkInWithPhotos,
  completeJob,
  declineJob,
  declineQuote,
  getTicket,
  grabJob,
  quoteJob,
  startWork,
} from '../../../../services/api/tickets';
import { signUrl } from '../../../../routes';
import { formatDateTime } from '../../../../utils/ticket-format';
import CheckInForm from '../../components/CheckInForm';
import CompleteForm from '../../components/CompleteForm';
import QuoteForm from '../../components/QuoteForm';
import ReasonForm from '../../components/ReasonForm';
import VisitForm from '../../components/VisitForm';
import { askSubscribe } from '../../../../services/api/notifications';
import { jobTypeLine, technicianActions, type IJobAction } from '../../utils/job-actions';
import './index.scss';

const DIRECT: Partial<Record<TicketAction, (id: number) => Promise<ITicket>>> = {
  start: startWork,
};

/** One job: its facts, the agreed or pending quote, and the form of the action the technician opened. */
export default function Job() {
  const { params } = useRouter();
  const id = Number(params.id);
  const { state, reload } = useRemoteData(() => getTicket(id));
  const [open, setOpen] = useState<IJobAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const user = useCurrentUser().state;

  if (!Number.isInteger(id) || id <= 0) return <StatusView error="工单链接无效" />;
  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;

  const ticket = state.data;
  const actions = technicianActions(ticket);

  async function run(call: () => Promise<unknown>, done: string) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await call();
      setOpen(null);
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      await reload();
    }
  }

  function start(a: IJobAction) {
    setError(null);
    const direct = DIRECT[a.action];
    if (a.kind === 'direct' && direct) return void run(() => direct(ticket.id), `${a.label}成功`);
    if (a.kind === 'sign')
      return void Taro.navigateTo({
        url: signUrl(ticket.id, a.action === TicketAction.Verify ? 'verify' : 'agree', true),
      });
    setOpen(a);
  }

  const accept = (visitAt: string) => {
    // The tap on 接单 is when WeChat lets us ask for the next 新派单 message.
    askSubscribe('jobDispatch');
    return run(async () => {
      // Grab then accept: if the accept fails the job is still ours and the page offers 接单 again.
      if (open?.action === TicketAction.Grab) await grabJob(ticket.id);
      await acceptJob(ticket.id, visitAt);
    }, '已接单');
  };

  return (
    <View className="job">
      <View className="card">
        <View className="job__head">
          <Text className="job__serial">{ticket.serial}</Text>
          <TicketStatusTag status={ticket.status} onHold={ticket.onHold} />
        </View>
        <SlaCountdown deadlines={ticket.sla} />
        <Text className="job__desc">{ticket.description}</Text>
        {ticket.media.length > 0 && (
          <View className="job__photos">
            {ticket.media.map((m, i) => (
              <Image
                key={m.id}
                className="job__photo"
                src={m.thumbUrl}
                mode="aspectFill"
                onClick={() =>
                  void Taro.previewImage({ urls: ticket.media.map((x) => x.url), current: ticket.media[i].url })
                }
              />
            ))}
          </View>
        )}
        <Text className="job__row">{jobTypeLine(ticket)}</Text>
        <Text className="job__row">
          {ticket.projectName} {ticket.houseLabel ?? ''}
        </Text>
        {ticket.contactName && (
          <Text className="job__row">
            联系人：{ticket.contactName}{' '}
            {/* The technician may call the resident: a tap dials the full number when the server shows it. */}
            <PhoneCall
              phone={ticket.contactPhone ?? null}
              display={ticket.contactPhone ?? ticket.contactPhoneMasked ?? ''}
            />
          </Text>
        )}
        {ticket.preferredStart && (
          <Text className="job__row">
            期望上门：{formatDateTime(ticket.preferredStart)}
            {ticket.preferredEnd ? `–${formatDateTime(ticket.preferredEnd).slice(-5)}` : ''}
          </Text>
        )}
        {ticket.visitAt && <Text className="job__row">约定上门：{formatDateTime(ticket.visitAt)}</Text>}
        {/* Only once the job is this technician's: a pool job's form is not theirs to read. */}
        <TicketFormButton ticket={ticket} me={user.status === 'ready' ? user.me : null} className="job__form" />
      </View>

      {ticket.quote && (
        <View className="card">
          <Text className="card-title">
            报价（
            {ticket.quote.status === 'pending'
              ? '待业主确认'
              : ticket.quote.status === 'agreed'
                ? '业主已同意'
                : '历史'}
            ）
          </Text>
          <QuoteLines lines={ticket.quote.lines} totalFen={ticket.quote.totalFen} />
        </View>
      )}

      {ticket.chargeId && ticket.chargeConfirmation && (
        <View className="card">
          <Text className="card-title">
            费用（{ticket.chargeConfirmation === 'unconfirmed' ? '待业主确认' : '已确认'}）
          </Text>
          <Text className="job__row">
            {ticket.chargeConfirmation === 'unconfirmed'
              ? '签字是在您的手机上完成的：业主在小程序确认，或客户经理电话确认后，费用才生效；确认前不能现场收取现金。'
              : '业主已确认费用。'}
          </Text>
        </View>
      )}

      {open?.kind === 'visit' && (
        <VisitForm ticket={ticket} grab={open.action === TicketAction.Grab} busy={busy} onSubmit={accept} />
      )}
      {open?.kind === 'checkin' && (
        <CheckInForm busy={busy} onSubmit={(mediaIds) => run(() => checkInWithPhotos(ticket.id, mediaIds), '已签到')} />
      )}
      {open?.kind === 'quote' && (
        <QuoteForm
          ticket={ticket}
          title={open.label}
          busy={busy}
          onSubmit={(request) =>
            run(() => quoteJob(ticket.id, request, open.action === TicketAction.Requote), '报价已发送')
          }
        />
      )}
      {open?.kind === 'complete' && (
        <CompleteForm busy={busy} onSubmit={(body) => run(() => completeJob(ticket.id, body), '已完工')} />
      )}
      {open?.kind === 'reason' && (
        <ReasonForm
          label={open.label}
          busy={busy}
          onSubmit={(reason) =>
            run(() => (open.action === TicketAction.Decline ? declineJob : declineQuote)(ticket.id, reason), '已提交')
          }
        />
      )}

      {error && <Text className="job__error">{error}</Text>}

      <View className="job__actions">
        {open && (
          <Button className="job__action" onClick={() => setOpen(null)}>
            收起
          </Button>
        )}
        {!open &&
          actions.map((a) => (
            <Button
              key={a.action}
              className="job__action"
              type={a.primary ? 'primary' : 'default'}
              loading={(busy && a.kind === 'direct') || undefined}
              onClick={() => start(a)}
            >
              {a.label}
            </Button>
          ))}
      </View>
    </View>
  );
}
