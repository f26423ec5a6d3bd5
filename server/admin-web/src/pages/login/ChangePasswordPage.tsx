import { LockOutlined } from '@ant-design/icons';
import { PASSWORD_MAX_LENGTH, PASSWORD_RULE_TEXT, passwordProblem } from '@app/shared';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { changeOwnPassword } from '../../api/admin';
import { describeError } from '../../api/api-error';
import { useSession } from '../../auth/session';
import { applyFieldErrors } from '../../lib/form-rules';
import './login.css';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * Shown instead of the console while the account carries a password an administrator handed out
 * (the server refuses every other call with PASSWORD_CHANGE_REQUIRED); also reachable from the user menu.
 */
export function ChangePasswordPage({ forced }: { forced: boolean }) {
  const { me, refreshMe, signOut } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onFinish(values: PasswordForm) {
    setSaving(true);
    setError(null);
    try {
      await changeOwnPassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      await refreshMe();
      message.success('密码已修改');
      navigate('/', { replace: true });
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(describeError(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div
      style={forced ? { minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f3f5f8' } : undefined}
      data-testid="change-password-page"
    >
      <div>
        <Card className="login-card" variant="borderless">
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {forced ? '请先修改初始密码' : '修改密码'}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {forced
              ? `${me?.name ?? ''}，你的密码由管理员设置，修改后才能使用工作台。`
              : `新密码${PASSWORD_RULE_TEXT}。`}
          </Typography.Paragraph>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
          <Form<PasswordForm> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} size="large">
            <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
              <Input.Password
                prefix={<LockOutlined />}
                placeholder="当前密码"
                autoComplete="current-password"
                autoFocus
              />
            </Form.Item>
            <Form.Item
              name="newPassword"
              label="新密码"
              rules={[
                { required: true, message: '请输入新密码' },
                { max: PASSWORD_MAX_LENGTH, message: `新密码不能超过 ${PASSWORD_MAX_LENGTH} 位` },
                {
                  validator: (_, v: string | undefined) => {
                    const p = v ? passwordProblem(v) : null;
                    return p ? Promise.reject(new Error(p)) : Promise.resolve();
                  },
                },
              ]}
            >
              <Input.Password prefix={<LockOutlined />} placeholder="新密码" autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label="确认新密码"
              dependencies={['newPassword']}
              rules={[
                { required: true, message: '请再次输入新密码' },
                ({ getFieldValue }) => ({
                  validator: (_, v) =>
                    v === getFieldValue('newPassword')
                      ? Promise.resolve()
                      : Promise.reject(new Error('两次输入的新密码不一致')),
                }),
              ]}
            >
              <Input.Password prefix={<LockOutlined />} placeholder="确认新密码" autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={saving}>
              修改密码
            </Button>
            {forced ? (
              <Button
                type="link"
                block
                style={{ marginTop: 8 }}
                onClick={() => signOut().then(() => navigate('/login', { replace: true }))}
              >
                退出登录
              </Button>
            ) : null}
          </Form>
        </Card>
      </div>
    </div>
  );
}
