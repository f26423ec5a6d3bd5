import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRemoteData } from '../../hooks/use-remote-data';
import { getMyBills } from '../../services/api/bills';
import { billDue, dueFen, formatFen, formatPeriod } from '../../utils/bills';
import { billUrl, Routes } from '../../routes';
import './index.scss';

/** 首页「待缴账单」: the newest published bill with money left to pay; nothing when all are paid or none is published. */
export default function BillDueCard() {
  const { state, reload } = useRemoteData(getMyBills);
  // Mounted once the home page knows the user, after the page's first 'show': load now as well.
  useEffect(() => {
    void reload();
  }, [reload]);
  if (state.status !== 'ready') return null;
  const due = billDue(state.data);
  if (!due) return null;
  const { bill, count } = due;
  // Several unpaid bills: the 账单 tab lists them all (and the arrears); one: straight to it.
  const open = () => (count > 1 ? Taro.switchTab({ url: Routes.bills }) : Taro.navigateTo({ url: billUrl(bill.id) }));
  return (
    <View className="card bill-due" onClick={open}>
      <View className="bill-due__text">
        <Text className="bill-due__title">{formatPeriod(bill.period)}物业账单待缴</Text>
        <Text className="muted">
          {bill.houseLabel}
          {count > 1 ? ` · 共 ${count} 张账单未缴清` : ''}
        </Text>
      </View>
      <Text className="bill-due__amount">{formatFen(dueFen(bill))}</Text>
      <Text className="bill-due__arrow">›</Text>
    </View>
  );
}
