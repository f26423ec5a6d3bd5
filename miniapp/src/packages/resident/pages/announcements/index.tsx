import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { myAnnouncements } from '../../../../services/api/announcements';
import { announcementLabel, announcementPhase, announcementRange } from '../../../../utils/announcements';
import { Routes } from '../../../../routes';
import '../../../../components/AnnouncementsCard/index.scss';

/** 公告: every current notice for the resident's buildings. */
export default function Announcements() {
  const { state, reload } = useRemoteData(myAnnouncements);
  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest')
    return <StatusView error="请先登录" onRetry={() => Taro.switchTab({ url: Routes.mine })} />;
  if (state.data.length === 0)
    return (
      <View className="card">
        <Text className="muted">暂无公告</Text>
      </View>
    );
  return (
    <View className="card notices">
      {state.data.map((a) => (
        <View
          key={a.id}
          className="notices__item"
          onClick={() => Taro.navigateTo({ url: `${Routes.announcement}?id=${a.id}` })}
        >
          <Text className="notices__tag">{announcementLabel(a.template)}</Text>
          <View className="notices__text">
            <Text className={a.readAt ? 'notices__name' : 'notices__name notices__name--unread'}>{a.title}</Text>
            <Text className="muted notices__time">
              {announcementPhase(a.startsAt)} · {announcementRange(a.startsAt, a.endsAt)}
            </Text>
          </View>
          {!a.readAt && <View className="notices__dot" />}
        </View>
      ))}
    </View>
  );
}
