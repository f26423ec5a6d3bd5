import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { getMeta } from '../../api/auth';
import { ApiError } from '../../api/api-error';
import { useSession } from '../../auth/session';
import { useAsync } from '../../lib/use-async';
import { DemoAccountsPanel } from './DemoAccountsPanel';
import { loginErrorMessage } from './login-errors';
import './login.css';

interface LoginForm {
  login: string;
  password: string;
}

const FORM_FIELDS = new Set(['login', 'password']);

export function LoginPage() {
  const { status, signIn, expired } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const meta = useAsync(getMeta, []);

  const from = (location.state as { from?: string } | null)?.from;
  if (status === 'authenticated') return <Navigate to={from && from !== '/login' ? from : '/'} replace />;

  async function onFinish(values: LoginForm) {
    setSubmitting(true);
    setError(null);
    try {
      await signIn(values.login.trim(), values.password);
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (err) {
      setError(loginErrorMessage(err));
      if (err instanceof ApiError) {
        const fields = err.fieldErrors.filter((f) => FORM_FIELDS.has(f.field));
        form.setFields(fields.map((f) => ({ name: f.field as keyof LoginForm, errors: [f.message] })));
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="login-screen">
      <div className="login-brand">
        <div className="login-brand-mark">
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={40} height={40} />
          <span>物业服务工作台</span>
        </div>
        <h2>报修 · 特约服务 · 账单，一处办结</h2>
        <ul>
          <li>住户认证审核与房屋档案集中管理</li>
          <li>按楼栋指派专属客户经理，工单责任到人</li>
          <li>维修师傅在岗状态与技能一目了然</li>
        </ul>
      </div>
      <div className="login-main">
        <Card className="login-card" variant="borderless">
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            员工登录
          </Typography.Title>
          <Typography.Paragraph type="secondary">使用工号用户名或手机号登录</Typography.Paragraph>
          {expired && !error ? (
            <Alert type="info" showIcon title="登录已过期，请重新登录" style={{ marginBottom: 16 }} />
          ) : null}
          {error ? (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
          ) : null}
          <Form<LoginForm> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} size="large">
            <Form.Item
              name="login"
              label="账号"
              rules={[
                { required: true, whitespace: true, message: '请输入用户名或手机号' },
                { max: 64, message: '账号过长' },
              ]}
            >
              <Input prefix={<UserOutlined />} placeholder="用户名 / 手机号" autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label="密码"
              rules={[
                { required: true, message: '请输入密码' },
                { max: 128, message: '密码过长' },
              ]}
            >
              <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              登录
            </Button>
          </Form>
          {meta.error ? (
            <Typography.Paragraph type="warning" style={{ marginTop: 16, marginBottom: 0 }}>
              暂时无法连接服务器，登录可能失败。
            </Typography.Paragraph>
          ) : null}
        </Card>
        {meta.data?.demoLogin ? <DemoAccountsPanel /> : null}
      </div>
    </div>
  );
}
