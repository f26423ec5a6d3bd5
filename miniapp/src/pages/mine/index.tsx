import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import LoginPanel from '../../components/LoginPanel';
import ProfileCard from '../../components/ProfileCard';
import StatusView from '../../components/StatusView';
import { useCurrentUser } from '../../hooks/use-current-user';
import { logout } from '../../services/api/auth';
import { Routes } from '../../routes';

export default function Mine() {
  const { state, reload, signedIn } = useCurrentUser();

  async function handleLogout() {
    await logout();
    await reload();
  }

  return (
    <View className="mine">
      {state.status === 'loading' && <StatusView loading />}
      {state.status === 'error' && <StatusView error={state.message} onRetry={reload} />}
      {state.status === 'guest' && (
        <LoginPanel
          onSignedIn={(me) => {
            // This tab page stays mounted: shown again, it must greet the new user, not offer sign-in.
            signedIn(me);
            // An administrator's password: signedIn has sent the app to 修改密码 instead of the home page.
            if (!me.mustChangePassword) void Taro.switchTab({ url: Routes.home });
          }}
        />
      )}
      {state.status === 'ready' && <ProfileCard me={state.me} onLogout={handleLogout} />}
    </View>
  );
}
