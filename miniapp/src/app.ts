import { useEffect, type PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import { changePasswordUrl, Routes } from './routes';
import { PASSWORD_CHANGE_EVENT, SESSION_ENDED_EVENT } from './services/session';
import './app.scss';

/** The page on screen is 修改密码 (Taro's route has no leading slash; H5 may add one). */
function onPasswordPage(): boolean {
  const pages = Taro.getCurrentPages() as { route?: string }[];
  const route = pages[pages.length - 1]?.route ?? '';
  return route.replace(/^\//, '').split('?')[0] === Routes.changePassword.slice(1);
}

let redirecting = false;

function App({ children }: PropsWithChildren) {
  useEffect(() => {
    const backToSignIn = () => {
      void Taro.reLaunch({ url: Routes.mine });
    };
    // reLaunch leaves nothing to go back to; every other page that loads the user or calls the API sends the
    // person here again (the server refuses them anyway), so the app is held on 修改密码 until it is changed.
    const toPasswordChange = () => {
      if (redirecting || onPasswordPage()) return;
      redirecting = true;
      void Taro.reLaunch({ url: changePasswordUrl(true) }).finally(() => {
        redirecting = false;
      });
    };
    Taro.eventCenter.on(SESSION_ENDED_EVENT, backToSignIn);
    Taro.eventCenter.on(PASSWORD_CHANGE_EVENT, toPasswordChange);
    return () => {
      Taro.eventCenter.off(SESSION_ENDED_EVENT, backToSignIn);
      Taro.eventCenter.off(PASSWORD_CHANGE_EVENT, toPasswordChange);
    };
  }, []);

  return children;
}

export default App;
