import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import AnnouncementsCard from '../../components/AnnouncementsCard';
import BillDueCard from '../../components/BillDueCard';
import StatusView from '../../components/StatusView';
import TodoCard from '../../components/TodoCard';
import { usePendingApplications } from '../../hooks/use-pending-applications';
import { useCurrentUser } from '../../hooks/use-current-user';
import { useJobCounts } from '../../hooks/use-job-counts';
import { roleEntries } from '../../utils/role-entries';
import { unreadCount, prefetchSubscribeTemplates } from '../../services/api/notifications';
import { feeScheduleUrl, Routes } from '../../routes';
import './index.scss';

/** 收费标准 is public (公示), so guests see the entry too; a resident's own project is passed along when known. */
function FeeScheduleEntry({ projectId }: { projectId?: number }) {
  return (
    <View className="card home__fee" onClick={() => Taro.navigateTo({ url: feeScheduleUrl(projectId) })}>
      <View className="home__fee-mark">
        <Text>¥</Text>
      </View>
      <View className="home__fee-text">
        <Text className="home__fee-title">收费标准</Text>
        <Text className="muted">特约服务项目及收费标准（已公示）</Text>
      </View>
      <Text className="home__fee-arrow">›</Text>
    </View>
  );
}

/** Repairs need a verified house (the server refuses others), so only residents with one see these. */
function RepairEntries() {
  return (
    <View className="home__repair">
      <View className="card home__repair-card" onClick={() => Taro.navigateTo({ url: Routes.residentReport })}>
        <View className="home__repair-mark">
          <Text>修</Text>
        </View>
        <Text className="home__fee-title">我要报修</Text>
        <Text className="muted">师傅上门维修</Text>
      </View>
      <View className="card home__repair-card" onClick={() => Taro.navigateTo({ url: Routes.residentTickets })}>
        <View className="home__repair-mark home__repair-mark--list">
          <Text>单</Text>
        </View>
        <Text className="home__fee-title">我的工单</Text>
        <Text className="muted">进度、报价与验收</Text>
      </View>
    </View>
  );
}

/** 消息 with the unread count; refreshed each time the home page is shown. */
function MessagesEntry() {
  const [unread, setUnread] = useState(0);
  const refresh = () =>
    void unreadCount()
      .then(setUnread)
      .catch(() => undefined);
  useEffect(refresh, []);
  useDidShow(refresh);
  return (
    <View className="card home__messages" onClick={() => Taro.navigateTo({ url: Routes.messages })}>
      <Text className="home__fee-title">消息</Text>
      <Text className="muted home__messages-hint">{unread ? '有新消息' : '派单、进度与提醒'}</Text>
      {unread > 0 && <Text className="home__badge">{unread > 99 ? '99+' : unread}</Text>}
      <Text className="home__fee-arrow">›</Text>
    </View>
  );
}

export default function Index() {
  const { state, reload } = useCurrentUser();
  const pending = usePendingApplications(state.status === 'ready' ? state.me : null);
  const jobs = useJobCounts(state.status === 'ready' ? state.me : null);
  // Template ids are read with the session: a guest's home page calls no API.
  useEffect(() => {
    if (state.status === 'ready') prefetchSubscribeTemplates();
  }, [state.status]);

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;

  if (state.status === 'guest') {
    return (
      <View className="home">
        <View className="card">
          <Text className="card-title">欢迎使用物业服务</Text>
          <Text className="muted">
            登录并认证房屋后，可在线报修、跟进工单进度、确认报价并签字验收。收费标准无需登录即可查看。
          </Text>
          <Button className="home__login" type="primary" onClick={() => Taro.switchTab({ url: Routes.mine })}>
            去登录
          </Button>
        </View>
        <FeeScheduleEntry />
      </View>
    );
  }

  const entries = roleEntries(state.me, pending, jobs);
  return (
    <View className="home">
      <View className="card">
        <Text className="home__greeting">您好，{state.me.name}</Text>
      </View>
      <MessagesEntry />
      {state.me.houses.length > 0 && <AnnouncementsCard />}
      {state.me.houses.length > 0 && <TodoCard />}
      {state.me.houses.length > 0 && <BillDueCard />}
      {state.me.houses.length > 0 && <RepairEntries />}
      {state.me.houses.length === 0 && pending > 0 && (
        <View className="card home__pending" onClick={() => Taro.navigateTo({ url: Routes.residentHouses })}>
          <Text className="card-title">房屋认证审核中</Text>
          <Text className="muted">您的房屋绑定申请已提交，物业审核通过后即可在线报修。</Text>
        </View>
      )}
      <View className="card">
        {entries.length === 0 && <Text className="muted">暂无可用功能，请联系物业服务中心开通。</Text>}
        {entries.map((entry) => (
          <View className="list-item home__entry" key={entry.key} onClick={() => Taro.navigateTo({ url: entry.url })}>
            <Text>{entry.title}</Text>
            <Text className="muted">{entry.description}</Text>
            {entry.badge ? (
              <Text className="home__badge home__entry-badge">{entry.badge > 99 ? '99+' : entry.badge}</Text>
            ) : null}
          </View>
        ))}
      </View>
      <FeeScheduleEntry projectId={state.me.houses[0]?.projectId} />
    </View>
  );
}
