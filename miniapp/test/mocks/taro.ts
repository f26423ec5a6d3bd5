import { useEffect } from 'react';
import { vi } from 'vitest';

/** In-memory stand-in for the Taro APIs the app uses. Storage round-trips through JSON like the real one. */
export const storage = new Map<string, string>();
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();

const Taro = {
  request: vi.fn(),
  uploadFile: vi.fn(),
  login: vi.fn(),
  requestPayment: vi.fn(),
  downloadFile: vi.fn(),
  openDocument: vi.fn(() => Promise.resolve({ errMsg: 'openDocument:ok' })),
  navigateTo: vi.fn(() => Promise.resolve({ errMsg: 'navigateTo:ok' })),
  switchTab: vi.fn(() => Promise.resolve({ errMsg: 'switchTab:ok' })),
  reLaunch: vi.fn(() => Promise.resolve({ errMsg: 'reLaunch:ok' })),
  redirectTo: vi.fn(() => Promise.resolve({ errMsg: 'redirectTo:ok' })),
  navigateBack: vi.fn(() => Promise.resolve({ errMsg: 'navigateBack:ok' })),
  getCurrentPages: vi.fn((): unknown[] => [{}]),
  showToast: vi.fn(() => Promise.resolve({ errMsg: 'showToast:ok' })),
  showModal: vi.fn(() => Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' })),
  previewImage: vi.fn(() => Promise.resolve({ errMsg: 'previewImage:ok' })),
  setNavigationBarTitle: vi.fn(() => Promise.resolve({ errMsg: 'setNavigationBarTitle:ok' })),
  stopPullDownRefresh: vi.fn(() => Promise.resolve({ errMsg: 'stopPullDownRefresh:ok' })),
  getStorageSync: vi.fn((key: string): unknown => (storage.has(key) ? JSON.parse(storage.get(key)!) : '')),
  setStorageSync: vi.fn((key: string, value: unknown) => {
    storage.set(key, JSON.stringify(value));
  }),
  removeStorageSync: vi.fn((key: string) => {
    storage.delete(key);
  }),
  eventCenter: {
    on: vi.fn((event: string, listener: (...args: unknown[]) => void) => {
      listeners.set(event, (listeners.get(event) ?? new Set()).add(listener));
    }),
    off: vi.fn((event: string, listener: (...args: unknown[]) => void) => {
      listeners.get(event)?.delete(listener);
    }),
    trigger: vi.fn((event: string, ...args: unknown[]) => {
      for (const listener of listeners.get(event) ?? []) listener(...args);
    }),
  },
};

export default Taro;

/** The last-rendered page's show handler; a test calls `didShow.current?.()` as the page being shown again (a tab switch). */
export const didShow: { current: (() => void) | null } = { current: null };

export function useDidShow(callback: () => void): void {
  didShow.current = callback;
  useEffect(() => {
    callback();
  }, []);
}

export function useLoad(callback: () => void): void {
  useEffect(() => {
    callback();
  }, []);
}

/** The page's route params; a test sets `router.params` before rendering, as if the page were opened with a query. */
export const router: { params: Record<string, string | undefined> } = { params: {} };

export function useRouter(): { params: Record<string, string | undefined> } {
  return router;
}

/** The page's pull-down handler; a test calls `pullDown.current?.()` as the user's gesture. */
export const pullDown: { current: (() => void) | null } = { current: null };

export function usePullDownRefresh(callback: () => void): void {
  pullDown.current = callback;
}

export function resetTaro(): void {
  pullDown.current = null;
  didShow.current = null;
  router.params = {};
  storage.clear();
  listeners.clear();
  vi.clearAllMocks();
  Taro.request.mockReset();
  Taro.uploadFile.mockReset();
  Taro.login.mockReset();
  Taro.requestPayment.mockReset();
  Taro.downloadFile.mockReset();
  Taro.getCurrentPages.mockImplementation(() => [{}]);
  Taro.showModal.mockImplementation(() => Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' }));
}
