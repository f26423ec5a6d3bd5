import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRemoteData } from '../../hooks/use-remote-data';
import { myAnnouncements } from '../../services/api/announcements';
import { announcementLabel, announcementPhase, announcementRange } from '../../utils/announcements';
import { Routes } from '../../routes';
import './index.scss';

/** 首页「公告」: the current notices for the resident's buildings (up to three, the rest behind 全部); nothing when none. */
export default function AnnouncementsCard() {
  const { state, reload } = useRemoteData(myAnnouncements);
  useEffect(() => {
    void reload();
  }, [reload]);
  if (state.status !== 'ready' || state.data.length === 0) return null;
  const shown = state.data.slice(0, 3);
  return (
    <View className="card notices">
      <View className="notices__head">
        <Text className="notices__title">公告</Text>
        {state.data.length > shown.length && (
          <Text className="muted" onClick={() => Taro.navigateTo({ url: Routes.announcements })}>
            全部 {state.data.length} 条 ›
          </Text>
        )}
      </View>
      {shown.map((a) => (
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
