import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { BINDING_RELATION_LABELS, BindingRelation, ErrorCode } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import { ApiError, errorMessage } from '../../../../services/api-error';
import { applyForBinding } from '../../../../services/api/bindings';
import { hasSession } from '../../../../services/session';
import { Routes } from '../../../../routes';
import HousePicker, { selectionLabel, type IHouseSelection } from '../../components/HousePicker';
import {
  emptyDraft,
  fieldErrorsFromServer,
  hasErrors,
  toBindingRequest,
  validateBindingDraft,
  type BindingField,
  type BindingFormErrors,
  type IBindingDraft,
} from '../../utils/binding-form';
import './index.scss';

const RELATIONS = Object.values(BindingRelation);

const RELATION_HINTS: Record<BindingRelation, string> = {
  owner: '房产证或购房合同上的产权人，由物业审核',
  tenant: '租住该房屋，由物业审核',
  family: '业主的家人，由已认证业主或物业审核',
};

export const DUPLICATE_MESSAGE = '您已提交过该房屋的申请';

/** Back to 我的房屋, which reloads on show; opened from a shared link there is nothing to go back to. */
function showHouses() {
  if (Taro.getCurrentPages().length > 1) return Taro.navigateBack();
  return Taro.redirectTo({ url: Routes.residentHouses });
}

export default function Apply() {
  const [selection, setSelection] = useState<IHouseSelection>({});
  const [draft, setDraft] = useState<IBindingDraft>(emptyDraft);
  const [errors, setErrors] = useState<BindingFormErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [duplicate, setDuplicate] = useState(false);

  if (!hasSession()) return <SignInPrompt />;

  function update(field: BindingField, patch: Partial<IBindingDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
    setDuplicate(false);
  }

  function pickHouse(next: IHouseSelection) {
    setSelection(next);
    update('houseId', { houseId: next.house?.id ?? null });
  }

  async function submit() {
    if (submitting) return;
    const found = validateBindingDraft(draft);
    setErrors(found);
    if (hasErrors(found)) return;
    setSubmitting(true);
    try {
      await applyForBinding(toBindingRequest(draft));
      void Taro.showToast({ title: '申请已提交', icon: 'success' });
      await showHouses();
    } catch (error) {
      if (error instanceof ApiError && error.code === ErrorCode.Conflict) {
        setDuplicate(true);
        setErrors({ form: DUPLICATE_MESSAGE });
      } else if (error instanceof ApiError && error.fieldErrors.length > 0) {
        setErrors(fieldErrorsFromServer(error.fieldErrors));
      } else {
        setErrors({ form: errorMessage(error) });
      }
    } finally {
      setSubmitting(false);
    }
  }

  const chosenLabel = selectionLabel(selection);

  return (
    <View className="apply">
      <View className="card">
        <Text className="card-title">选择房屋</Text>
        <HousePicker value={selection} onChange={pickHouse} />
        {chosenLabel && <Text className="apply__chosen">已选：{chosenLabel}</Text>}
        {errors.houseId && <Text className="field-error">{errors.houseId}</Text>}
      </View>

      <View className="card">
        <Text className="card-title">申请信息</Text>

        <View className="apply__field">
          <Text className="apply__label">与房屋的关系</Text>
          <View className="apply__relations">
            {RELATIONS.map((relation) => (
              <View
                key={relation}
                className={`apply__relation${draft.relation === relation ? ' apply__relation--selected' : ''}`}
                onClick={() => update('relation', { relation })}
              >
                <Text>{BINDING_RELATION_LABELS[relation]}</Text>
              </View>
            ))}
          </View>
          {draft.relation && <Text className="muted apply__hint">{RELATION_HINTS[draft.relation]}</Text>}
          {errors.relation && <Text className="field-error">{errors.relation}</Text>}
        </View>

        <View className="apply__field">
          <Text className="apply__label">姓名</Text>
          <Input
            className={`apply__input${errors.name ? ' apply__input--invalid' : ''}`}
            placeholder="请填写真实姓名"
            maxlength={32}
            value={draft.name}
            onInput={(e) => update('name', { name: e.detail.value })}
          />
          {errors.name && <Text className="field-error">{errors.name}</Text>}
        </View>

        <View className="apply__field">
          <Text className="apply__label">手机号</Text>
          <Input
            className={`apply__input${errors.phone ? ' apply__input--invalid' : ''}`}
            type="number"
            placeholder="11 位手机号"
            maxlength={11}
            value={draft.phone}
            onInput={(e) => update('phone', { phone: e.detail.value })}
          />
          {errors.phone && <Text className="field-error">{errors.phone}</Text>}
        </View>

        <View className="apply__privacy">
          <Text className="apply__privacy-title">为什么需要手机号？</Text>
          <Text className="apply__privacy-text">
            依据《个人信息保护法》，您的姓名和手机号仅用于物业核实住户身份，以及报修等服务中与您联系，不会用于其他用途。
          </Text>
        </View>
      </View>

      <View className="apply__actions">
        {errors.form && (
          <View className="apply__form-error">
            <Text className="danger">{errors.form}</Text>
            {duplicate && (
              <Text className="apply__link" onClick={() => void showHouses()}>
                查看我的申请
              </Text>
            )}
          </View>
        )}
        {/* H5 renders `disabled={false}` as a disabled attribute, which weui styles as disabled: pass undefined. */}
        <Button type="primary" loading={submitting || undefined} disabled={submitting || undefined} onClick={submit}>
          提交申请
        </Button>
      </View>
    </View>
  );
}
