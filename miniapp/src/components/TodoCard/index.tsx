import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ITicket } from '@app/shared';
import { useRemoteData } from '../../hooks/use-remote-data';
import { getMyTicketPage } from '../../services/api/tickets';
import { ticketUrl, ticketsUrl } from '../../routes';
import './index.scss';

const WAITING: [string, (t: ITicket) => boolean][] = [
  ['报价待您签字', (t) => t.actions.includes('agree_quote')],
  ['完工待您验收', (t) => t.actions.includes('verify')],
  ['费用待您确认', (t) => t.chargeConfirmation === 'unconfirmed'],
];

/** 首页「待我处理」: shown only while a quote, an acceptance or a charge waits for the resident. */
export default function TodoCard() {
  const { state, reload } = useRemoteData(() => getMyTicketPage('todo', 1, 20));
  // The card mounts once the home page knows the user, after the page's first 'show': load now as well.
  useEffect(() => {
    void reload();
  }, [reload]);
  if (state.status !== 'ready' || state.data.total === 0) return null;
  const { items, total } = state.data;
  const open = () => Taro.navigateTo({ url: total === 1 ? ticketUrl(items[0].id) : ticketsUrl('todo') });
  const reasons = WAITING.map(([label, test]) => [label, items.filter(test).length] as const).filter(([, n]) => n > 0);
  return (
    <View className="card todo-card" onClick={open}>
      <View className="todo-card__count">
        <Text>{total}</Text>
      </View>
      <View className="todo-card__text">
        <Text className="todo-card__title">待我处理</Text>
        <Text className="muted">
          {reasons.map(([label, n]) => (total > 1 ? `${label} ${n}` : label)).join(' · ') || '有工单需要您处理'}
        </Text>
      </View>
      <Text className="todo-card__arrow">›</Text>
    </View>
  );
}
