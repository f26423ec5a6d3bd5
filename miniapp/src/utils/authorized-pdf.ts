import { ApiError, isErrorEnvelope } from '../services/api-error';
import { buildUrl, renewedAccessToken } from '../services/http';
import { readSession } from '../services/session';

export const PDF_DOWNLOAD_FAILED = 'PDF 下载失败，请稍后重试';

/** The PDF with the session's token (a plain link would not carry it), renewed once if it had expired. */
async function fetchPdf(path: string): Promise<Response> {
  const get = (token: string | undefined) =>
    fetch(buildUrl(path), { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const token = readSession()?.accessToken;
  try {
    const first = await get(token);
    if (first.status !== 401 || !token) return first;
    const renewed = await renewedAccessToken(token);
    return renewed ? await get(renewed) : first;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0);
  }
}

/**
 * H5: fetch an authorised PDF (收据, 发票, 处理单) and hand it to the browser as `fileName` (it opens or saves
 * it). authorized-pdf.weapp.ts opens it in WeChat's document viewer instead.
 */
export async function openAuthorizedPdf(path: string, fileName: string): Promise<void> {
  const res = await fetchPdf(path);
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => null);
    throw isErrorEnvelope(body)
      ? new ApiError(body.code, body.message, res.status)
      : new ApiError('BAD_RESPONSE', PDF_DOWNLOAD_FAILED, res.status);
  }
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.target = '_blank';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser may still be reading the blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
