import { Text, View } from '@tarojs/components';
import RoleGrantList from '../../../../components/RoleGrantList';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useCurrentUser } from '../../../../hooks/use-current-user';
import { OFFICE_ROLES } from '../../../../utils/role-entries';

export default function StaffHome() {
  const { state, reload } = useCurrentUser();

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;

  return (
    <View className="card">
      <Text className="card-title">我的岗位与负责范围</Text>
      <RoleGrantList grants={state.me.roles} roles={OFFICE_ROLES} />
      <Text className="muted">工单受理、派单与回访请在电脑上登录员工管理后台办理。</Text>
    </View>
  );
}
