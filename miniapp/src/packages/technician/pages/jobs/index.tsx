import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ITicket } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import JobCard from '../../components/JobCard';
import { loadJobBoard, type IJobBoard } from '../../../../utils/load-jobs';
import './index.scss';

type Tab = 'mine' | 'pool' | 'done';

const TABS: { key: Tab; label: string; empty: string }[] = [
  // 待办 like the 工作台's list: every open job (its 进行中 tile counts only the started ones).
  { key: 'mine', label: '待办', empty: '暂无待办的工单' },
  { key: 'pool', label: '抢单池', empty: '抢单池暂时没有可抢的工单，下拉刷新看看' },
  { key: 'done', label: '已完成', empty: '还没有已完成的工单' },
];

/** Open work first (待接单, then 进行中, then 待验收); finished jobs on their own tab, never mixed in. */
function listOf(board: IJobBoard, tab: Tab): ITicket[] {
  if (tab === 'pool') return board.pool;
  if (tab === 'done') return board.groups.finished;
  return [...board.groups.toAccept, ...board.groups.active, ...board.groups.toVerify];
}

/** 我的工单, 抢单池 and 已完成 side by side: a technician switches between them all day. */
export default function Jobs() {
  const { params } = useRouter();
  const [tab, setTab] = useState<Tab>(TABS.some((t) => t.key === params.tab) ? (params.tab as Tab) : 'mine');
  const { state, reload } = useRemoteData(loadJobBoard);

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;

  const list = listOf(state.data, tab);
  return (
    <View className="jobs">
      <View className="jobs__tabs">
        {TABS.map((t) => (
          <View
            key={t.key}
            className={`jobs__tab${tab === t.key ? ' jobs__tab--on' : ''}`}
            onClick={() => setTab(t.key)}
          >
            <Text>
              {t.label}（{listOf(state.data, t.key).length}）
            </Text>
          </View>
        ))}
      </View>
      {list.length === 0 && (
        <View className="card">
          <Text className="muted">{TABS.find((t) => t.key === tab)?.empty}</Text>
        </View>
      )}
      {list.map((t) => (
        <JobCard key={t.id} job={t} />
      ))}
    </View>
  );
}
