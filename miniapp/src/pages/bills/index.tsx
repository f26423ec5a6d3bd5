import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { IMe, IPayables } from '@app/shared';
import PayAllCard from '../../components/PayAllCard';
import PayStateTag from '../../components/PayStateTag';
import SignInPrompt from '../../components/SignInPrompt';
import StatusView from '../../components/StatusView';
import { useRemoteData } from '../../hooks/use-remote-data';
import { getMe } from '../../services/api/auth';
import { getMyBills } from '../../services/api/bills';
import { getMyPayables } from '../../services/api/payments';
import { billsByHouse, dueFen, formatFen, formatPeriod, houseArrearsFen, type IHouseBills } from '../../utils/bills';
import { billUrl, Routes, vacancyUrl } from '../../routes';
import './index.scss';

/**
 * Residents without a verified house have no bills; the server is not asked. Open items (for 一键缴清) per house come
 * beside the bills; when they cannot be read the bills still show (null: the card says so and offers a retry).
 */
async function loadBills(): Promise<{ me: IMe; groups: IHouseBills[]; payables: Map<number, IPayables | null> }> {
  const me = await getMe();
  if (me.houses.length === 0) return { me, groups: [], payables: new Map() };
  const [bills, payables] = await Promise.all([
    getMyBills(),
    Promise.all(me.houses.map((h) => getMyPayables(h.houseId).catch(() => null))),
  ]);
  return {
    me,
    groups: billsByHouse(bills, me.houses),
    payables: new Map(me.houses.map((h, i) => [h.houseId, payables[i]])),
  };
}

/** The house first shown: the first one with a bill (houses keep the 我的房屋 order). */
function defaultHouse(groups: IHouseBills[]): number | null {
  return (groups.find((g) => g.bills.length > 0) ?? groups[0])?.houseId ?? null;
}

function BillRow({ bill }: { bill: IHouseBills['bills'][number] }) {
  const due = dueFen(bill);
  return (
    <View className="card bills__item" onClick={() => Taro.navigateTo({ url: billUrl(bill.id) })}>
      <View className="bills__head">
        <Text className="bills__period">{formatPeriod(bill.period)}</Text>
        <PayStateTag payState={bill.payState} />
      </View>
      <View className="bills__amounts">
        <View className="bills__amount">
          <Text className="muted">本期合计</Text>
          <Text className="bills__total">{formatFen(bill.totalFen)}</Text>
        </View>
        {bill.payState === 'partial' && (
          <View className="bills__amount bills__amount--right">
            <Text className="muted">尚需缴纳</Text>
            <Text className="bills__due">{formatFen(due)}</Text>
          </View>
        )}
      </View>
      <Text className="muted">查看明细 ›</Text>
    </View>
  );
}

export default function Bills() {
  const { state, reload } = useRemoteData(loadBills);
  const [chosen, setChosen] = useState<number | null>(null);

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;

  const { me, groups, payables } = state.data;
  if (me.houses.length === 0) {
    return (
      <View className="card bills__empty">
        <Text className="card-title">还没有认证的房屋</Text>
        <Text className="muted">物业费账单按房屋发送。认证房屋后，每月的账单会显示在这里。</Text>
        <Button
          type="primary"
          className="bills__empty-btn"
          onClick={() => Taro.navigateTo({ url: Routes.residentHouses })}
        >
          去认证房屋
        </Button>
      </View>
    );
  }

  const houseId = groups.some((g) => g.houseId === chosen) ? chosen : defaultHouse(groups);
  const group = groups.find((g) => g.houseId === houseId) ?? groups[0];
  const arrears = houseArrearsFen(group);

  return (
    <View className="bills">
      {groups.length > 1 && (
        <View className="bills__houses">
          {groups.map((g) => (
            <View
              key={g.houseId}
              className={`bills__house${g.houseId === group.houseId ? ' bills__house--on' : ''}`}
              onClick={() => setChosen(g.houseId)}
            >
              <Text>{g.houseLabel}</Text>
            </View>
          ))}
        </View>
      )}
      {groups.length === 1 && <Text className="bills__label muted">{group.houseLabel}</Text>}
      {arrears > 0 && (
        <View className="card bills__arrears" onClick={() => Taro.navigateTo({ url: billUrl(group.bills[0].id) })}>
          <Text className="bills__arrears-title">往期欠费 {formatFen(arrears)}</Text>
          <Text className="bills__arrears-text">
            以前月份的账单尚未缴清（未计入本月合计），可一键缴清，或到物业服务中心缴纳。
          </Text>
        </View>
      )}
      {payables.has(group.houseId) && <PayAllCard payables={payables.get(group.houseId) ?? null} onRetry={reload} />}
      {group.bills.length === 0 ? (
        <View className="card bills__empty">
          <Text className="card-title">暂无账单</Text>
          <Text className="muted">物业还没有发布这处房屋的账单。账单发布后会显示在这里，并发送消息提醒您。</Text>
        </View>
      ) : (
        group.bills.map((bill) => <BillRow key={bill.id} bill={bill} />)
      )}
      <View className="card bills__vacancy" onClick={() => Taro.navigateTo({ url: vacancyUrl(group.houseId) })}>
        <View className="bills__vacancy-text">
          <Text className="bills__vacancy-title">空置房申请</Text>
          <Text className="muted">房屋无人居住时，可申请物业费空置优惠</Text>
        </View>
        <Text className="bills__arrow">›</Text>
      </View>
    </View>
  );
}
