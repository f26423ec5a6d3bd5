import { useCallback, useEffect, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { ROLE_LABELS, type IAppMeta, type IDemoAccountList, type IMe } from '@app/shared'
import { errorMessage } from '../../services/api-error'
import { getDemoAccounts, loginAsDemo, loginWithPassword, loginWithWechat } from '../../services/api/auth'
import { getAppMeta } from '../../services/api/meta'
import { wechatLoginAvailable } from '../../services/wechat-code'
import StatusView from '../StatusView'
import './index.scss'

interface IProps {
  onSignedIn: (me: IMe) => void
}

/** Offers exactly the sign-in options the server announces in /api/meta. */
export default function LoginPanel({ onSignedIn }: IProps) {
  const [meta, setMeta] = useState<IAppMeta | null>(null)
  const [demo, setDemo] = useState<IDemoAccountList | null>(null)
  const [loadError, setLoadError] = useState('')
  const [actionError, setActionError] = useState('')
  const [busy, setBusy] = useState(false)
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')

  const load = useCallback(async () => {
    setLoadError('')
    try {
      const appMeta = await getAppMeta()
      setMeta(appMeta)
      setDemo(appMeta.demoLogin ? await getDemoAccounts() : null)
    } catch (error) {
      setLoadError(errorMessage(error))
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  async function run(action: () => Promise<IMe>) {
    if (busy) return
    setBusy(true)
    setActionError('')
    try {
      onSignedIn(await action())
    } catch (error) {
      setActionError(errorMessage(error))
    } finally {
      setBusy(false)
    }
  }

  if (!meta) return <StatusView loading={!loadError} error={loadError} onRetry={load} />

  const canSubmitPassword = login.trim() !== '' && password !== '' && !busy
  return (
    <View className='login-panel'>
      {actionError && (
        <View className='card'>
          <Text className='danger login-panel__error'>{actionError}</Text>
        </View>
      )}

      {meta.wechatLogin && wechatLoginAvailable && (
        <View className='card'>
          <Button className='login-panel__wechat' type='primary' loading={busy} onClick={() => run(loginWithWechat)}>
            微信一键登录
          </Button>
        </View>
      )}

      <View className='card'>
        <Text className='card-title'>员工账号登录</Text>
        <Input
          className='login-panel__input'
          placeholder='手机号或用户名'
          value={login}
          onInput={(e) => setLogin(e.detail.value)}
        />
        <Input
          className='login-panel__input'
          placeholder='密码'
          password
          value={password}
          onInput={(e) => setPassword(e.detail.value)}
        />
        <Button
          className='login-panel__submit'
          disabled={!canSubmitPassword || undefined}
          onClick={() => run(() => loginWithPassword({ login: login.trim(), password }))}
        >
          登录
        </Button>
      </View>

      {demo && (
        <View className='card'>
          <Text className='card-title'>演示账号</Text>
          <Text className='muted'>演示环境，可直接以下列身份登录体验</Text>
          {demo.accounts.map((account) => (
            <View
              className='list-item login-panel__demo'
              key={account.userId}
              onClick={() => run(() => loginAsDemo(account.userId))}
            >
              <View className='login-panel__demo-text'>
                <Text>{account.name}</Text>
                <Text className='muted'>{account.description}</Text>
              </View>
              <Text className='muted'>{account.roles.map((role) => ROLE_LABELS[role]).join('、')}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
