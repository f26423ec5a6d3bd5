import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { RESIDENT_TICKET_FILTER_LABELS, ResidentTicketFilter, TICKET_KIND_LABELS } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { getMyTicketPage } from '../../../../services/api/tickets';
import { Routes, ticketUrl } from '../../../../routes';
import TicketStatusTag from '../../../../components/TicketStatusTag';
import { formatDateTime } from '../../../../utils/ticket-format';
import { residentTodo } from '../../utils/ticket-actions';
import './index.scss';

const openReport = () => Taro.navigateTo({ url: Routes.residentReport });

const FILTERS: { key: ResidentTicketFilter | 'all'; label: string }[] = [
  { key: 'all', label: '全部' },
  ...Object.values(ResidentTicketFilter).map((key) => ({ key, label: RESIDENT_TICKET_FILTER_LABELS[key] })),
];

const EMPTY_TEXT: Record<ResidentTicketFilter, string> = {
  active: '没有进行中的工单',
  todo: '没有需要您处理的工单',
  finished: '还没有已完成的工单',
};

function parseFilter(value: string | undefined): ResidentTicketFilter | 'all' {
  return FILTERS.some((f) => f.key === value) ? (value as ResidentTicketFilter) : 'all';
}

/** The list arrives with what waits for the resident first (server order); the filters are server-side too (paged). */
export default function Tickets() {
  const { params } = useRouter();
  const [filter, setFilter] = useState(parseFilter(params.filter));
  const { state, reload } = useRemoteData(
    async () => (await getMyTicketPage(filter === 'all' ? undefined : filter)).items,
  );

  // The first load comes from useDidShow; a changed filter loads again once rendered (the loader then reads it).
  const shownFilter = useRef(filter);
  useEffect(() => {
    if (shownFilter.current === filter) return;
    shownFilter.current = filter;
    void reload();
  }, [filter, reload]);

  function choose(key: ResidentTicketFilter | 'all') {
    setFilter(key);
  }

  const tabs = (
    <View className="tickets__filters">
      {FILTERS.map((f) => (
        <View
          key={f.key}
          className={`tickets__filter${filter === f.key ? ' tickets__filter--on' : ''}`}
          onClick={() => choose(f.key)}
        >
          <Text>{f.label}</Text>
        </View>
      ))}
    </View>
  );

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;

  if (state.data.length === 0) {
    return (
      <View className="tickets">
        {tabs}
        <View className="card tickets__empty">
          <Text className="card-title">{filter === 'all' ? '还没有工单' : EMPTY_TEXT[filter]}</Text>
          <Text className="muted">家里有东西坏了？在线报修，师傅上门维修。</Text>
          <Button type="primary" className="tickets__empty-btn" onClick={openReport}>
            去报修
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className="tickets">
      {tabs}
      {state.data.map((t) => {
        const todo = residentTodo(t);
        return (
          <View
            key={t.id}
            className={`card tickets__item${todo ? ' tickets__item--todo' : ''}`}
            onClick={() => Taro.navigateTo({ url: ticketUrl(t.id) })}
          >
            <View className="tickets__head">
              <Text className="tickets__serial">{t.serial}</Text>
              <TicketStatusTag status={t.status} onHold={t.onHold} merged={Boolean(t.mergedInto)} />
            </View>
            <Text className="tickets__desc">{t.description}</Text>
            <View className="tickets__meta">
              <Text className="muted">
                {TICKET_KIND_LABELS[t.kind]} · {t.houseLabel ?? t.projectName}
              </Text>
              <Text className="muted">{formatDateTime(t.createdAt)}</Text>
            </View>
            {todo && <Text className="tickets__todo">{todo}</Text>}
          </View>
        );
      })}
      <View className="tickets__actions">
        <Button type="primary" onClick={openReport}>
          我要报修
        </Button>
      </View>
    </View>
  );
}
