import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { UserKind, type IAppMeta } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useCurrentUser } from '../../../../hooks/use-current-user';
import { logout } from '../../../../services/api/auth';
import { getAppMeta } from '../../../../services/api/meta';
import { Routes } from '../../../../routes';

/** 设置: the account as the server knows it, 修改密码 for staff, the app version, and signing out. */
export default function Settings() {
  const { state, reload } = useCurrentUser();
  const [meta, setMeta] = useState<IAppMeta | null>(null);
  useEffect(() => {
    getAppMeta()
      .then(setMeta)
      .catch(() => setMeta(null));
  }, []);

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;

  async function signOut() {
    await logout();
    await Taro.switchTab({ url: Routes.mine });
  }

  const { me } = state;
  return (
    <View>
      <View className="card">
        <Text className="card-title">账号</Text>
        <View className="list-item">
          <Text>姓名</Text>
          <Text className="muted">{me.name}</Text>
        </View>
        <View className="list-item">
          <Text>手机号</Text>
          <Text className="muted">{me.phoneMasked || '未登记'}</Text>
        </View>
        <View className="list-item">
          <Text>微信</Text>
          <Text className="muted">{me.wechatBound ? '已绑定' : '未绑定'}</Text>
        </View>
      </View>
      {me.kind === UserKind.Staff && (
        <View className="card">
          {/* Staff sign in with a password; residents sign in with WeChat and have none. */}
          <View className="list-item" onClick={() => void Taro.navigateTo({ url: Routes.changePassword })}>
            <Text>修改密码</Text>
            <Text className="muted">›</Text>
          </View>
        </View>
      )}
      {meta && (
        <View className="card">
          <View className="list-item">
            <Text>版本</Text>
            <Text className="muted">{meta.version}</Text>
          </View>
        </View>
      )}
      <View className="card">
        <Button onClick={signOut}>退出登录</Button>
      </View>
    </View>
  );
}
