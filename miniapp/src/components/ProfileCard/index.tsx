import { Button, Text, View } from '@tarojs/components';
import type { IMe } from '@app/shared';
import MineMenu from '../MineMenu';
import RoleGrantList from '../RoleGrantList';
import './index.scss';

interface IProps {
  me: IMe;
  onLogout: () => void;
}

export default function ProfileCard({ me, onLogout }: IProps) {
  return (
    <View>
      <View className="card profile-card">
        <Text className="profile-card__name">{me.name}</Text>
        <Text className="muted">{me.phoneMasked || '未登记手机号'}</Text>
      </View>
      <MineMenu me={me} />
      {me.roles.length > 0 && (
        <View className="card">
          <Text className="card-title">我的岗位</Text>
          <RoleGrantList grants={me.roles} />
        </View>
      )}
      <View className="card">
        <Button className="profile-card__logout" onClick={onLogout}>
          退出登录
        </Button>
      </View>
    </View>
  );
}
