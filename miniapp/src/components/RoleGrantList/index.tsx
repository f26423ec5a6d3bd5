import { Text, View } from '@tarojs/components';
import { ROLE_LABELS, type IRoleGrant, type Role } from '@app/shared';

interface IProps {
  grants: IRoleGrant[];
  /** Show only these roles; all grants when omitted. */
  roles?: readonly Role[];
}

const SCOPE_LABELS = { project: '项目', region: '区域', company: '全公司' } as const;

export default function RoleGrantList({ grants, roles }: IProps) {
  const shown = roles ? grants.filter((grant) => roles.includes(grant.role)) : grants;
  if (shown.length === 0) return <Text className="muted">暂无岗位</Text>;
  return (
    <View>
      {shown.map((grant) => (
        <View className="list-item" key={`${grant.role}-${grant.scopeType}-${grant.scopeId}`}>
          <Text>{ROLE_LABELS[grant.role]}</Text>
          <Text className="muted">
            {SCOPE_LABELS[grant.scopeType]} · {grant.scopeName}
          </Text>
        </View>
      ))}
    </View>
  );
}
