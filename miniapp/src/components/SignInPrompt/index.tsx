import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { Routes } from '../../routes';

/** Shown by sub-package pages opened without a session (e.g. from a shared link). */
export default function SignInPrompt() {
  return (
    <View className="card">
      <Text className="card-title">请先登录</Text>
      <Button type="primary" onClick={() => Taro.switchTab({ url: Routes.mine })}>
        去登录
      </Button>
    </View>
  );
}
