import type { ITokenPair } from '@app/shared';

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
  refreshTokenExpiresAt: string;
}

export interface TokenStore {
  get(): StoredTokens | null;
  set(tokens: StoredTokens): void;
  clear(): void;
}

const KEY = 'admin-web.tokens';

export function tokensFromPair(pair: ITokenPair): StoredTokens {
  return {
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    accessTokenExpiresAt: pair.accessTokenExpiresAt,
    refreshTokenExpiresAt: pair.refreshTokenExpiresAt,
  };
}

/** sessionStorage: a staff session ends with the browser tab, which suits shared office desktops. */
export function createStorageTokenStore(storage: Storage): TokenStore {
  return {
    get() {
      const raw = storage.getItem(KEY);
      if (!raw) return null;
      try {
        const parsed = JSON.parse(raw) as Partial<StoredTokens>;
        return parsed.accessToken && parsed.refreshToken ? (parsed as StoredTokens) : null;
      } catch {
        return null;
      }
    },
    set(tokens) {
      storage.setItem(KEY, JSON.stringify(tokens));
    },
    clear() {
      storage.removeItem(KEY);
    },
  };
}

export function createMemoryTokenStore(initial: StoredTokens | null = null): TokenStore {
  let current = initial;
  return {
    get: () => current,
    set: (tokens) => {
      current = tokens;
    },
    clear: () => {
      current = null;
    },
  };
}
