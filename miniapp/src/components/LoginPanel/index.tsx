import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { ROLE_LABELS, UserKind, type IAppMeta, type IDemoAccount, type IDemoAccountList, type IMe } from '@app/shared';
import { errorMessage } from '../../services/api-error';
import { getDemoAccounts, loginAsDemo, loginWithPassword, loginWithWechat } from '../../services/api/auth';
import { getAppMeta } from '../../services/api/meta';
import { wechatLoginAvailable } from '../../services/wechat-code';
import StatusView from '../StatusView';
import './index.scss';

interface IProps {
  onSignedIn: (me: IMe) => void;
}

function DemoAccounts({
  title,
  accounts,
  onPick,
}: {
  title: string;
  accounts: IDemoAccount[];
  onPick: (id: number) => void;
}) {
  if (accounts.length === 0) return null;
  return (
    <View className="card">
      <Text className="card-title">{title}</Text>
      <Text className="muted">演示环境，可直接以下列身份登录体验</Text>
      {accounts.map((account) => (
        <View className="list-item login-panel__demo" key={account.userId} onClick={() => onPick(account.userId)}>
          <View className="login-panel__demo-text">
            <Text>{account.name}</Text>
            <Text className="muted">{account.description}</Text>
          </View>
          <Text className="muted">{account.roles.map((role) => ROLE_LABELS[role]).join('、')}</Text>
        </View>
      ))}
    </View>
  );
}

/** Residents first (WeChat, or a pointer to it), then staff: offers exactly the sign-in options /api/meta announces. */
export default function LoginPanel({ onSignedIn }: IProps) {
  const [meta, setMeta] = useState<IAppMeta | null>(null);
  const [demo, setDemo] = useState<IDemoAccountList | null>(null);
  const [loadError, setLoadError] = useState('');
  const [actionError, setActionError] = useState('');
  const [busy, setBusy] = useState(false);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');

  const load = useCallback(async () => {
    setLoadError('');
    try {
      const appMeta = await getAppMeta();
      // Both before the first render of the options: the resident hint depends on whether demo accounts exist.
      setDemo(appMeta.demoLogin ? await getDemoAccounts() : null);
      setMeta(appMeta);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function run(action: () => Promise<IMe>) {
    if (busy) return;
    setBusy(true);
    setActionError('');
    try {
      onSignedIn(await action());
    } catch (error) {
      setActionError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  if (!meta) return <StatusView loading={!loadError} error={loadError} onRetry={load} />;

  const pickDemo = (userId: number) => void run(() => loginAsDemo(userId));
  const canSubmitPassword = login.trim() !== '' && password !== '' && !busy;
  return (
    <View className="login-panel">
      {actionError && (
        <View className="card">
          <Text className="danger login-panel__error">{actionError}</Text>
        </View>
      )}

      <View className="card login-panel__resident">
        <Text className="card-title">业主 / 住户登录</Text>
        {meta.wechatLogin && wechatLoginAvailable ? (
          <Button className="login-panel__wechat" type="primary" loading={busy} onClick={() => run(loginWithWechat)}>
            微信一键登录
          </Button>
        ) : (
          <Text className="muted">
            {demo
              ? '演示环境：请在下方「业主演示账号」中选择一位业主登录体验。'
              : '请在微信中打开「物业服务」小程序，使用微信一键登录。'}
          </Text>
        )}
      </View>

      {demo && (
        <>
          <DemoAccounts
            title="业主演示账号"
            accounts={demo.accounts.filter((a) => a.kind === UserKind.Resident)}
            onPick={pickDemo}
          />
          <DemoAccounts
            title="员工演示账号"
            accounts={demo.accounts.filter((a) => a.kind !== UserKind.Resident)}
            onPick={pickDemo}
          />
        </>
      )}

      <View className="card">
        <Text className="card-title">员工登录（账号密码）</Text>
        <Input
          className="login-panel__input"
          placeholder="手机号或用户名"
          value={login}
          onInput={(e) => setLogin(e.detail.value)}
        />
        <Input
          className="login-panel__input"
          placeholder="密码"
          password
          value={password}
          onInput={(e) => setPassword(e.detail.value)}
        />
        <Button
          className="login-panel__submit"
          disabled={!canSubmitPassword || undefined}
          onClick={() => run(() => loginWithPassword({ login: login.trim(), password }))}
        >
          登录
        </Button>
      </View>
    </View>
  );
}
