import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { IInboxMessage } from '@app/shared';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { listMessages, markAllRead, markRead } from '../../../../services/api/notifications';
import { Routes } from '../../../../routes';
import { useCurrentUser } from '../../../../hooks/use-current-user';
import { messageTarget } from '../../../../utils/message-target';
import './index.scss';

function when(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export default function Messages() {
  const { state, reload } = useRemoteData(() => listMessages());
  const user = useCurrentUser().state;
  const isTechnician = user.status === 'ready' && user.me.roles.some((g) => g.role === 'technician');

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest')
    return <StatusView error="请先登录" onRetry={() => Taro.switchTab({ url: Routes.mine })} />;

  const items = state.data.items;
  const unread = items.filter((m) => !m.readAt).length;

  async function open(m: IInboxMessage) {
    if (!m.readAt) await markRead(m.id).catch(() => undefined);
    const url = messageTarget(m, isTechnician);
    if (url) await Taro.navigateTo({ url });
    else await reload();
  }

  return (
    <View className="messages">
      <View className="messages__bar">
        <Text className="muted">{unread ? `${unread} 条未读` : '全部已读'}</Text>
        {unread > 0 && (
          <Text className="messages__all" onClick={() => void markAllRead().then(reload)}>
            全部标为已读
          </Text>
        )}
      </View>
      {items.length === 0 && (
        <View className="card">
          <Text className="muted">暂无消息</Text>
        </View>
      )}
      {items.map((m) => (
        <View
          key={m.id}
          className={`card messages__item${m.readAt ? '' : ' messages__item--unread'}`}
          onClick={() => void open(m)}
        >
          <View className="messages__head">
            {!m.readAt && <View className="messages__dot" />}
            <Text className="messages__title">{m.title}</Text>
            <Text className="muted messages__time">{when(m.createdAt)}</Text>
          </View>
          {m.body && <Text className="muted messages__body">{m.body}</Text>}
        </View>
      ))}
    </View>
  );
}
