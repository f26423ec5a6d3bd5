import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { ErrorCode, type IBinding } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { ApiError, errorMessage } from '../../../../services/api-error';
import { approveBinding, getFamilyRequests, rejectBinding } from '../../../../services/api/bindings';
import { formatDate, relationLabel } from '../../utils/format';
import './index.scss';

export const HANDLED_MESSAGE = '已被处理';
const REASON_MAX = 200;

interface IRejectDraft {
  id: number;
  reason: string;
  error?: string;
}

export default function FamilyRequests() {
  const { state, reload } = useRemoteData(getFamilyRequests);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [rejecting, setRejecting] = useState<IRejectDraft | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;

  /** Runs a review; a 409 means another reviewer (the property office or a co-owner) was first. */
  async function review(binding: IBinding, action: () => Promise<IBinding>, done: string) {
    setBusyId(binding.id);
    setNotice(null);
    try {
      await action();
      setRejecting(null);
      void Taro.showToast({ title: done, icon: 'success' });
      await reload();
    } catch (error) {
      if (error instanceof ApiError && error.code === ErrorCode.StateConflict) {
        setRejecting(null);
        setNotice(`${binding.name} 的申请${HANDLED_MESSAGE}，列表已刷新`);
        void Taro.showToast({ title: HANDLED_MESSAGE, icon: 'none' });
        await reload();
      } else {
        void Taro.showToast({ title: errorMessage(error), icon: 'none' });
      }
    } finally {
      setBusyId(null);
    }
  }

  async function approve(binding: IBinding) {
    const answer = await Taro.showModal({
      title: '通过申请',
      content: `确认 ${binding.name} 是 ${binding.houseLabel} 的家庭成员？通过后对方可使用该房屋的报修和缴费等服务。`,
      confirmText: '通过',
    });
    if (!answer.confirm) return;
    await review(binding, () => approveBinding(binding.id), '已通过');
  }

  async function confirmReject(binding: IBinding) {
    if (!rejecting) return;
    const reason = rejecting.reason.trim();
    if (reason === '') {
      setRejecting({ ...rejecting, error: '请填写驳回原因' });
      return;
    }
    await review(binding, () => rejectBinding(binding.id, reason), '已驳回');
  }

  const requests = state.data;
  return (
    <View className="family">
      <View className="family__intro">
        <Text className="muted">
          以下是申请成为您房屋家庭成员的住户。请核实是您的家人后再通过；不认识的申请请驳回。
        </Text>
      </View>
      {notice && (
        <View className="family__notice">
          <Text>{notice}</Text>
        </View>
      )}
      {requests.length === 0 && (
        <View className="card family__empty">
          <Text className="card-title">暂无待处理的申请</Text>
          <Text className="muted">家人申请绑定您的房屋后，会显示在这里。</Text>
        </View>
      )}
      {requests.map((binding) => {
        const busy = busyId === binding.id;
        const draft = rejecting?.id === binding.id ? rejecting : null;
        return (
          <View className="card family__request" key={binding.id}>
            <View className="family__head">
              <Text className="family__name">{binding.name}</Text>
              <Text className="family__relation">{relationLabel(binding.relation)}</Text>
            </View>
            <Text className="family__line">
              {binding.projectName} {binding.houseLabel}
            </Text>
            <Text className="muted family__line">
              手机 {binding.phoneMasked} · {formatDate(binding.createdAt)} 申请
            </Text>
            {draft ? (
              <View className="family__reject">
                <Textarea
                  className={`family__reason${draft.error ? ' family__reason--invalid' : ''}`}
                  placeholder="请填写驳回原因（申请人可见）"
                  maxlength={REASON_MAX}
                  value={draft.reason}
                  onInput={(e) => setRejecting({ id: binding.id, reason: e.detail.value })}
                />
                {draft.error && <Text className="field-error">{draft.error}</Text>}
                <View className="family__actions">
                  <Button
                    className="family__button"
                    size="mini"
                    disabled={busy || undefined}
                    onClick={() => setRejecting(null)}
                  >
                    取消
                  </Button>
                  <Button
                    className="family__button family__button--danger"
                    size="mini"
                    type="warn"
                    loading={busy || undefined}
                    disabled={busy || undefined}
                    onClick={() => confirmReject(binding)}
                  >
                    确认驳回
                  </Button>
                </View>
              </View>
            ) : (
              <View className="family__actions">
                <Button
                  className="family__button"
                  size="mini"
                  disabled={busy || undefined}
                  onClick={() => setRejecting({ id: binding.id, reason: '' })}
                >
                  驳回
                </Button>
                <Button
                  className="family__button"
                  size="mini"
                  type="primary"
                  loading={busy || undefined}
                  disabled={busy || undefined}
                  onClick={() => approve(binding)}
                >
                  通过
                </Button>
              </View>
            )}
          </View>
        );
      })}
    </View>
  );
}
