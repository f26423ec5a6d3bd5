import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { BINDING_RELATION_LABELS, BindingRelation, ErrorCode, formatFen, type IMe, type ITicket } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { ApiError, errorMessage } from '../../../../services/api-error';
import { getMe } from '../../../../services/api/auth';
import { newClientUploadId, uploadMedia } from '../../../../services/api/media';
import { agreeQuote, getTicket, verifyTicket } from '../../../../services/api/tickets';
import { askSubscribe } from '../../../../services/api/notifications';
import SignaturePad, { type ISignaturePadHandle } from '../../../../components/SignaturePad';
import { RATING_LABELS, validateRatings, type IRatings } from '../../utils/ticket-actions';
import { formatDateTime, formatQuantity } from '../../../../utils/ticket-format';
import RatingStars from '../../../../components/RatingStars';
import { ticketUrl } from '../../../../routes';
import './index.scss';

const RELATIONS = Object.values(BindingRelation);
export const QUOTE_CHANGED_MESSAGE = '报价已更新，请重新确认';

interface ISignData {
  ticket: ITicket;
  me: IMe;
}

export default function Sign() {
  const { params } = useRouter();
  const id = Number(params.id);
  const mode = params.mode === 'verify' ? 'verify' : 'agree';
  // The resident signs on the technician's phone: the signer is not the signed-in user, so nothing is prefilled.
  const onBehalf = params.onBehalf === '1';
  const { state, reload } = useRemoteData<ISignData>(async () => {
    const [ticket, me] = await Promise.all([getTicket(id), getMe()]);
    return { ticket, me };
  });
  const pad = useRef<ISignaturePadHandle | null>(null);
  const [signed, setSigned] = useState(false);
  const [signerName, setSignerName] = useState<string | null>(null);
  const [relation, setRelation] = useState<BindingRelation | null>(null);
  // No default: a pre-filled 5/5/5 skews satisfaction data; the resident chooses every rating.
  const [ratings, setRatings] = useState<Partial<IRatings>>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The answer of a successful signature: shown here when there is no page to go back to (a direct link).
  const [signedTicket, setSignedTicket] = useState<ITicket | null>(null);

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;

  const { ticket, me } = state.data;
  const myHouse = me.houses.find((h) => h.houseId === ticket.houseId);
  const name = signerName ?? (onBehalf ? '' : me.name);
  const rel = relation ?? ((myHouse?.relation as BindingRelation | undefined) || BindingRelation.Owner);
  const allowed = mode === 'agree' ? ticket.actions.includes('agree_quote') : ticket.actions.includes('verify');
  const snapshotHash = mode === 'agree' ? ticket.quote?.snapshotHash : ticket.acceptanceSnapshotHash;

  async function confirm() {
    if (busy) return;
    if (mode === 'agree') askSubscribe('ticketProgress');
    setError(null);
    if (!name.trim()) return setError('请填写签字人姓名');
    if (mode === 'verify') {
      const invalid = validateRatings(ratings);
      if (invalid) return setError(invalid);
    }
    if (!snapshotHash) return setError('工单状态已变化，请返回刷新');
    setBusy(true);
    try {
      const file = await pad.current?.exportPng();
      if (!file) {
        setError('请在签字区域内签下您的姓名');
        return;
      }
      // A new id per export: each drawing is its own upload; a network retry of the same drawing reuses it.
      const media = await uploadMedia(file, newClientUploadId(), 'signature');
      const signature = { signatureMediaId: media.id, signerName: name.trim(), relation: rel, snapshotHash };
      const updated =
        mode === 'agree'
          ? await agreeQuote(ticket.id, signature)
          : await verifyTicket(ticket.id, {
              ...signature,
              overall: ratings.overall ?? 0,
              punctuality: ratings.punctuality ?? 0,
              attitude: ratings.attitude ?? 0,
              comment: comment.trim() || null,
            });
      void Taro.showToast({ title: mode === 'agree' ? '已同意报价' : '验收完成', icon: 'success' });
      setSignedTicket(updated);
      if (Taro.getCurrentPages().length > 1) await Taro.navigateBack();
    } catch (e) {
      if (e instanceof ApiError && e.code === ErrorCode.QuoteChanged) {
        pad.current?.clear();
        setNotice(QUOTE_CHANGED_MESSAGE);
        await reload();
      } else if (e instanceof ApiError && e.code === ErrorCode.SignatureBlank) {
        setError('签名过于简单，请清除后工整地签下您的姓名');
      } else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const purpose = mode === 'agree' ? 'quote_agreement' : 'acceptance';
  const done = (signedTicket ?? ticket).signatures?.filter((sig) => sig.purpose === purpose).pop();
  if (signedTicket || (done && (!allowed || !snapshotHash))) {
    return (
      <View className="card sign__result">
        <Text className="sign__result-title">✓ {mode === 'agree' ? '已同意报价' : '验收完成'}</Text>
        <Text className="muted">
          {ticket.serial} · {ticket.houseLabel}
        </Text>
        {done && (
          <Text className="muted">
            {done.signerName} 于 {formatDateTime(done.signedAt)} 签字
          </Text>
        )}
        <Text className="sign__result-next">
          {mode === 'agree' ? '师傅将按报价施工，完工后请您验收。' : '感谢您的评价，物业将进行回访。'}
        </Text>
        <Button className="sign__back" type="primary" onClick={() => Taro.redirectTo({ url: ticketUrl(ticket.id) })}>
          查看工单
        </Button>
      </View>
    );
  }

  if (!allowed || !snapshotHash) {
    return (
      <View className="card">
        <Text className="card-title">无需签字</Text>
        <Text className="muted">该工单当前不需要您签字，请返回查看最新状态。</Text>
        <Button className="sign__back" onClick={() => Taro.navigateBack()}>
          返回工单
        </Button>
      </View>
    );
  }

  return (
    <View className="sign">
      {notice && <Text className="sign__notice">{notice}</Text>}
      {onBehalf && <Text className="sign__notice">请将手机交给业主本人，由业主确认并签字</Text>}
      <View className="card">
        <Text className="card-title">{mode === 'agree' ? '确认报价' : '验收评价'}</Text>
        <Text className="muted sign__serial">
          {ticket.serial} · {ticket.houseLabel}
        </Text>
        {mode === 'agree' && ticket.quote && (
          <View>
            {ticket.quote.lines.map((line, i) => (
              <View key={`${line.code}-${i}`} className="sign__line">
                <Text>
                  {line.name} × {formatQuantity(line.quantityMilli)}
                </Text>
                <Text>{formatFen(line.amountFen)}</Text>
              </View>
            ))}
            <View className="sign__total">
              <Text>合计</Text>
              <Text className="sign__amount">{formatFen(ticket.quote.totalFen)}</Text>
            </View>
          </View>
        )}
        {mode === 'verify' && (
          <View>
            {(Object.keys(RATING_LABELS) as (keyof IRatings)[]).map((key) => (
              <View key={key} className="sign__rating">
                <Text className="sign__rating-label">{RATING_LABELS[key]}</Text>
                <RatingStars value={ratings[key] ?? 0} onChange={(n) => setRatings((r) => ({ ...r, [key]: n }))} />
                {ratings[key] === undefined && <Text className="sign__rating-hint">请选择</Text>}
              </View>
            ))}
            <Textarea
              className="sign__comment"
              placeholder="说说师傅的服务（选填）"
              maxlength={200}
              value={comment}
              onInput={(e) => setComment(e.detail.value)}
            />
          </View>
        )}
      </View>

      <View className="card">
        <Text className="card-title">签字人</Text>
        <Input
          className="sign__input"
          value={name}
          maxlength={32}
          placeholder={onBehalf ? '业主（或家属、租户）姓名' : '签字人姓名'}
          onInput={(e) => setSignerName(e.detail.value)}
        />
        <View className="sign__relations">
          {RELATIONS.map((r) => (
            <View
              key={r}
              className={`sign__relation${rel === r ? ' sign__relation--on' : ''}`}
              onClick={() => setRelation(r)}
            >
              <Text>{BINDING_RELATION_LABELS[r]}</Text>
            </View>
          ))}
        </View>
        <Text className="sign__pad-hint">
          {mode === 'agree' ? '请在下方签名，表示您同意以上报价' : '请在下方签名，表示维修已完成并验收'}
        </Text>
        <SignaturePad ref={pad} onChange={setSigned} />
        {error && <Text className="field-error">{error}</Text>}
      </View>

      <View className="sign__actions">
        <Button className="sign__btn" onClick={() => pad.current?.clear()}>
          清除重签
        </Button>
        <Button
          className="sign__btn"
          type="primary"
          loading={busy || undefined}
          disabled={busy || !signed || undefined}
          onClick={confirm}
        >
          确认签字
        </Button>
      </View>
    </View>
  );
}
