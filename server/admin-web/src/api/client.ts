import { createHttpClient } from './http';
import { createStorageTokenStore } from './token-store';

const expiryListeners = new Set<() => void>();

export const tokenStore = createStorageTokenStore(window.sessionStorage);

/** The one client every page uses: the API on the console's own origin (the table's paths start with /api). */
export const http = createHttpClient({
  baseUrl: '',
  tokens: tokenStore,
  onSessionExpired: () => expiryListeners.forEach((listener) => listener()),
});

/** Typed calls through the shared route table. */
export const api = http.api;

export function onSessionExpired(listener: () => void): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}
