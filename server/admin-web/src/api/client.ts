import { createHttpClient } from './http';
import { createStorageTokenStore } from './token-store';

const expiryListeners = new Set<() => void>();

export const tokenStore = createStorageTokenStore(window.sessionStorage);

/** The one client every page uses: same-origin `/api`, served next to the console. */
export const http = createHttpClient({
  baseUrl: '/api',
  tokens: tokenStore,
  onSessionExpired: () => expiryListeners.forEach((listener) => listener()),
});

export function onSessionExpired(listener: () => void): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}
