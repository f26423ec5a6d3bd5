import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { BindingRelation, BindingStatus, type IBinding, type IMe } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { getMe } from '../../../../services/api/auth';
import { getFamilyRequests, getMyBindings } from '../../../../services/api/bindings';
import { Routes } from '../../../../routes';
import BindingStatusTag from '../../components/BindingStatusTag';
import { formatDate, relationLabel } from '../../utils/format';
import './index.scss';

interface IHousesData {
  me: IMe;
  applications: IBinding[];
  /** Pending family applications; null when the user owns no house, or the count could not be read. */
  familyRequests: IBinding[] | null;
}

function ownsHouse(me: IMe): boolean {
  return me.houses.some((house) => house.relation === BindingRelation.Owner);
}

async function loadHouses(): Promise<IHousesData> {
  const [me, applications] = await Promise.all([getMe(), getMyBindings()]);
  // Only the badge depends on it: a failure here must not hide the houses.
  const familyRequests = ownsHouse(me) ? await getFamilyRequests().catch(() => null) : null;
  return { me, applications, familyRequests };
}

const openApply = () => Taro.navigateTo({ url: Routes.residentApply });

export default function Houses() {
  const { state, reload } = useRemoteData(loadHouses);

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;

  const { me, applications, familyRequests } = state.data;

  if (me.houses.length === 0 && applications.length === 0) {
    return (
      <View className="houses">
        <View className="card houses__empty">
          <View className="houses__empty-mark">
            <Text>房</Text>
          </View>
          <Text className="card-title">尚未绑定房屋</Text>
          <Text className="muted houses__empty-text">
            绑定您的房屋并通过审核后，即可在线报修、跟进工单、确认报价与费用。
          </Text>
          <Button className="houses__apply" type="primary" onClick={openApply}>
            申请绑定房屋
          </Button>
        </View>
      </View>
    );
  }

  const pendingFamily = familyRequests?.length ?? 0;
  return (
    <View className="houses">
      <View className="card">
        <Text className="card-title">已绑定的房屋</Text>
        {me.houses.length === 0 && <Text className="muted">暂无已认证的房屋，申请通过审核后会显示在这里。</Text>}
        {me.houses.map((house) => (
          <View className="list-item" key={house.bindingId}>
            <Text className="houses__label">{house.label}</Text>
            <Text className="houses__relation">{relationLabel(house.relation)}</Text>
          </View>
        ))}
      </View>

      {ownsHouse(me) && (
        <View className="card houses__family" onClick={() => Taro.navigateTo({ url: Routes.residentFamilyRequests })}>
          <View className="houses__family-text">
            <Text className="houses__family-title">家庭成员申请</Text>
            <Text className="muted">审核家人绑定您房屋的申请</Text>
          </View>
          {pendingFamily > 0 && <Text className="houses__badge">{pendingFamily}</Text>}
          <Text className="houses__arrow">›</Text>
        </View>
      )}

      {applications.length > 0 && (
        <View className="card">
          <Text className="card-title">我的申请</Text>
          {applications.map((binding) => (
            <View className="houses__application" key={binding.id}>
              <View className="houses__application-head">
                <Text className="houses__label">
                  {binding.projectName} {binding.houseLabel}
                </Text>
                <BindingStatusTag status={binding.status} />
              </View>
              <Text className="muted">
                {relationLabel(binding.relation)} · {formatDate(binding.createdAt)} 提交
              </Text>
              {binding.status === BindingStatus.Pending && (
                <Text className="muted houses__note">
                  {binding.relation === BindingRelation.Family
                    ? '等待业主或物业审核'
                    : '等待物业审核，审核人员可能会电话联系您'}
                </Text>
              )}
              {binding.status === BindingStatus.Rejected && (
                <Text className="houses__reject-reason">驳回原因：{binding.rejectReason || '未说明'}</Text>
              )}
            </View>
          ))}
        </View>
      )}

      <View className="houses__footer">
        <Button type="primary" onClick={openApply}>
          申请绑定房屋
        </Button>
      </View>
    </View>
  );
}
