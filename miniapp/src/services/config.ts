/** Injected at build time (config/index.ts). '' means the API is on the page's own origin (H5). */
export const API_BASE_URL: string = (process.env.TARO_APP_API_BASE_URL ?? '').replace(/\/+$/, '');

export const REQUEST_TIMEOUT_MS = 15_000;
export const UPLOAD_TIMEOUT_MS = 60_000;
