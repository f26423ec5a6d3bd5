import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { AppRouter } from './router';
import { SessionProvider } from './auth/session';
import { theme } from './theme';
import './global.css';

dayjs.locale('zh-cn');

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme}>
      {/* Toasts start below the page header and a drawer's title bar, never over them (issue 12, item 14). */}
      <AntApp message={{ top: 72 }}>
        <SessionProvider>
          <AppRouter />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
