import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatFen, type IMe, type IPrepayAccount, type IPrepayLedgerEntry, type IPrepayOfferQuote } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { usePay } from '../../../../hooks/use-pay';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { getMe } from '../../../../services/api/auth';
import { getMyPrepayAccount, getMyPrepayLedger, getMyPrepayOffers } from '../../../../services/api/prepay';
import { Routes } from '../../../../routes';
import { formatDay } from '../../../../utils/bills';
import TopupCard from '../../components/TopupCard';
import { ledgerLine, offerLines } from '../../utils/prepay-view';
import './index.scss';

interface IPrepayData {
  me: IMe;
  houseId: number | null;
  account: IPrepayAccount | null;
  offers: IPrepayOfferQuote[];
  ledger: IPrepayLedgerEntry[];
}

/**
 * 预存: the house's prepayment balance, the offers it can take (what it pays, what it gets) and every movement.
 * Published bills are settled from the balance automatically, oldest first.
 */
export default function Prepay() {
  const [chosen, setChosen] = useState<number | null>(null);
  // One pay hook for the page: an offer and a free amount are one attempt at a time, retried with the same key.
  const { pay, busy, error } = usePay();
  const { state, reload } = useRemoteData(async (): Promise<IPrepayData> => {
    const me = await getMe();
    const houseId = me.houses.some((h) => h.houseId === chosen) ? chosen : (me.houses[0]?.houseId ?? null);
    if (!houseId) return { me, houseId: null, account: null, offers: [], ledger: [] };
    const [account, offers, ledger] = await Promise.all([
      getMyPrepayAccount(houseId),
      getMyPrepayOffers(houseId),
      getMyPrepayLedger(houseId),
    ]);
    return { me, houseId, account, offers, ledger: ledger.items };
  });
  // Another house picked: load it (the loader reads `chosen`); the first render is loaded on show.
  const picked = useRef(false);
  useEffect(() => {
    if (picked.current) void reload();
    picked.current = true;
  }, [chosen]); // eslint-disable-line react-hooks/exhaustive-deps

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;
  const { me, houseId, account, offers, ledger } = state.data;
  if (!houseId || !account) {
    return (
      <View className="card">
        <Text className="card-title">还没有认证的房屋</Text>
        <Text className="muted">认证房屋后才能查看预存账户。</Text>
        <Button
          type="primary"
          className="prepay__action"
          onClick={() => Taro.navigateTo({ url: Routes.residentHouses })}
        >
          去认证房屋
        </Button>
      </View>
    );
  }

  const choose = (id: number) => setChosen(id);

  return (
    <View className="prepay">
      {me.houses.length > 1 && (
        <View className="prepay__houses">
          {me.houses.map((h) => (
            <View
              key={h.houseId}
              className={`prepay__house${h.houseId === houseId ? ' prepay__house--on' : ''}`}
              onClick={() => choose(h.houseId)}
            >
              <Text>{h.label}</Text>
            </View>
          ))}
        </View>
      )}
      <View className="card prepay__balance">
        <Text className="muted">{account.houseLabel} 预存余额</Text>
        <Text className="prepay__amount" data-testid="prepay-balance">
          {formatFen(account.balanceFen)}
        </Text>
        <Text className="muted">账单发布后自动按账期从早到晚抵扣，抵扣记录见下方明细。</Text>
      </View>

      <View className="card">
        <Text className="card-title">预存优惠</Text>
        {offers.length === 0 ? (
          <Text className="muted">当前没有预存优惠</Text>
        ) : (
          offers.map((q) => {
            const lines = offerLines(q);
            return (
              <View key={q.offerId} className="prepay__offer">
                <Text className="prepay__offer-name">{q.name}</Text>
                <Text>{lines.pay}</Text>
                <Text className="prepay__offer-get">{lines.get}</Text>
                <Text className="muted">{lines.basis}</Text>
                <Button
                  className="prepay__offer-pay"
                  type="primary"
                  size="mini"
                  disabled={busy || undefined}
                  onClick={() => void pay({ houseId, topupFen: q.payFen, prepayOfferId: q.offerId })}
                >
                  按优惠预存 {formatFen(q.payFen)}
                </Button>
              </View>
            );
          })
        )}
        <Text className="muted prepay__hint">也可到物业服务中心收费处办理预存。</Text>
      </View>

      <TopupCard houseId={houseId} pay={pay} busy={busy} error={error} />

      <View className="card">
        <Text className="card-title">预存明细</Text>
        {ledger.length === 0 ? (
          <Text className="muted">还没有预存记录</Text>
        ) : (
          ledger.map((e) => {
            const line = ledgerLine(e);
            return (
              <View key={e.id} className="prepay__entry">
                <View className="prepay__entry-main">
                  <Text>{line.title}</Text>
                  <Text className="muted">{formatDay(e.createdAt)}</Text>
                </View>
                <View className="prepay__entry-side">
                  <Text className={line.incoming ? 'prepay__in' : 'prepay__out'}>{line.amount}</Text>
                  <Text className="muted">{line.balance}</Text>
                </View>
              </View>
            );
          })
        )}
      </View>
    </View>
  );
}
