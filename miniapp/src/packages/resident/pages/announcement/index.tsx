import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { markAnnouncementRead, myAnnouncement } from '../../../../services/api/announcements';
import { announcementLabel, announcementPhase, announcementRange } from '../../../../utils/announcements';
import { Routes } from '../../../../routes';
import './index.scss';

/** One notice; opening it counts as read (the staff's read count). */
export default function Announcement() {
  const id = Number(useRouter().params.id);
  const { state, reload } = useRemoteData(() => myAnnouncement(id));
  const unread = state.status === 'ready' && !state.data.readAt;
  useEffect(() => {
    if (unread) void markAnnouncementRead(id).catch(() => undefined);
  }, [unread, id]);

  if (!id) return <StatusView error="公告不存在" />;
  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest')
    return <StatusView error="请先登录" onRetry={() => Taro.switchTab({ url: Routes.mine })} />;
  const a = state.data;
  return (
    <View className="card notice">
      <Text className="notice__tag">{announcementLabel(a.template)}</Text>
      <Text className="notice__title">{a.title}</Text>
      <Text className="muted">{a.projectName}</Text>
      <View className="notice__range">
        <Text className="notice__phase">{announcementPhase(a.startsAt)}</Text>
        <Text>{announcementRange(a.startsAt, a.endsAt)}</Text>
      </View>
      <Text className="notice__body">{a.body}</Text>
    </View>
  );
}
