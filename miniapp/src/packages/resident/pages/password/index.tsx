import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { PASSWORD_MAX_LENGTH, UserKind, type IMe } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useCurrentUser } from '../../../../hooks/use-current-user';
import { ApiError, errorMessage } from '../../../../services/api-error';
import { changePassword, getMe, logout } from '../../../../services/api/auth';
import { roleEntries } from '../../../../utils/role-entries';
import { Routes } from '../../../../routes';
import {
  PASSWORD_RULES,
  emptyPasswordDraft,
  hasPasswordErrors,
  passwordErrorsFromServer,
  toChangePasswordRequest,
  validatePasswordDraft,
  type IPasswordDraft,
  type PasswordField,
  type PasswordFormErrors,
} from '../../utils/password-form';
import './index.scss';

// One character over the limit is let through so that the limit is said, not a long password silently cut.
const FIELDS: { field: PasswordField; label: string; placeholder: string; maxlength: number }[] = [
  { field: 'currentPassword', label: '当前密码', placeholder: '请输入当前密码', maxlength: 128 },
  { field: 'newPassword', label: '新密码', placeholder: '请输入新密码', maxlength: PASSWORD_MAX_LENGTH + 1 },
  { field: 'confirm', label: '确认新密码', placeholder: '请再次输入新密码', maxlength: PASSWORD_MAX_LENGTH + 1 },
];

/** Where a staff member works after a forced change: 师傅工作台, else 员工工作台, else the home tab. */
async function openWorkbench(me: IMe): Promise<void> {
  const entry = roleEntries(me).find((e) => e.key === 'technician' || e.key === 'staff');
  if (entry) await Taro.reLaunch({ url: entry.url });
  else await Taro.switchTab({ url: Routes.home });
}

/**
 * 修改密码 of a staff account. `forced=1`: the administrator set the password (created the account or reset it),
 * so the server refuses everything else until it is changed; the app holds the person here (app.ts).
 */
export default function ChangePassword() {
  const { state, reload } = useCurrentUser();
  const forced = useRouter().params.forced === '1';
  const [draft, setDraft] = useState<IPasswordDraft>(emptyPasswordDraft);
  const [errors, setErrors] = useState<PasswordFormErrors>({});
  const [submitting, setSubmitting] = useState(false);

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;
  const { me } = state;
  if (me.kind !== UserKind.Staff) {
    return (
      <View className="card">
        <Text className="card-title">修改密码</Text>
        <Text className="muted">住户账号使用微信登录，没有密码。</Text>
      </View>
    );
  }
  const mustChange = forced || me.mustChangePassword;

  function update(field: PasswordField, value: string) {
    setDraft((current) => ({ ...current, [field]: value }));
    // Editing a field clears its message and the form's; the others stay until the next submit.
    setErrors((current) => ({ ...current, [field]: undefined, form: undefined }));
  }

  async function submit() {
    if (submitting) return;
    const found = validatePasswordDraft(draft);
    setErrors(found);
    if (hasPasswordErrors(found)) return;
    setSubmitting(true);
    try {
      await changePassword(toChangePasswordRequest(draft));
      void Taro.showToast({ title: '密码已修改', icon: 'success' });
      if (mustChange) await openWorkbench(await getMe());
      else await Taro.navigateBack();
    } catch (error) {
      const fields = error instanceof ApiError ? passwordErrorsFromServer(error.fieldErrors) : {};
      setErrors(hasPasswordErrors(fields) ? fields : { form: errorMessage(error) });
    } finally {
      setSubmitting(false);
    }
  }

  async function signOut() {
    await logout();
    await Taro.reLaunch({ url: Routes.mine });
  }

  return (
    <View className="password">
      <View className="card">
        <Text className="card-title">{mustChange ? '请先修改密码' : '修改密码'}</Text>
        <Text className="muted password__intro">
          {mustChange ? `${me.name}，您的密码由管理员设置，修改后才能继续使用。` : '修改后，下次登录请使用新密码。'}
        </Text>
        <View className="password__rules">
          <Text className="password__rules-title">新密码要求</Text>
          {PASSWORD_RULES.map((rule) => (
            <Text className="password__rule" key={rule}>
              · {rule}
            </Text>
          ))}
        </View>
      </View>

      <View className="card">
        {FIELDS.map(({ field, label, placeholder, maxlength }) => (
          <View className="password__field" key={field}>
            <Text className="password__label">{label}</Text>
            <Input
              className={`password__input${errors[field] ? ' password__input--invalid' : ''}`}
              password
              placeholder={placeholder}
              maxlength={maxlength}
              value={draft[field]}
              onInput={(e) => update(field, e.detail.value)}
            />
            {errors[field] && <Text className="field-error">{errors[field]}</Text>}
          </View>
        ))}
      </View>

      <View className="password__actions">
        {errors.form && (
          <View className="password__form-error">
            <Text className="danger">{errors.form}</Text>
          </View>
        )}
        {/* H5 renders `disabled={false}` as a disabled attribute, which weui styles as disabled: pass undefined. */}
        <Button type="primary" loading={submitting || undefined} disabled={submitting || undefined} onClick={submit}>
          确认修改
        </Button>
        {mustChange && (
          <Button className="password__sign-out" onClick={signOut}>
            退出登录
          </Button>
        )}
      </View>
    </View>
  );
}
