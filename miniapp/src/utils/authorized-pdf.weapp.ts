import Taro from '@tarojs/taro';
import { ApiError } from '../services/api-error';
import { buildUrl, renewedAccessToken } from '../services/http';
import { readSession } from '../services/session';

export const PDF_DOWNLOAD_FAILED = 'PDF 下载失败，请稍后重试';

/**
 * weapp: download an authorised PDF (收据, 发票, 处理单) with the session's token (renewed once if expired), then
 * WeChat's document viewer (print / share / save from its menu). The viewer names the file itself, so
 * `fileName` is only used by the H5 variant; the signature is shared so pages call one function.
 */
export async function openAuthorizedPdf(path: string, _fileName: string): Promise<void> {
  const url = buildUrl(path);
  const download = (token: string | undefined) =>
    Taro.downloadFile({ url, header: token ? { Authorization: `Bearer ${token}` } : {} });
  const token = readSession()?.accessToken;
  let res: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    res = await download(token);
    if (res.statusCode === 401 && token) {
      const renewed = await renewedAccessToken(token);
      if (renewed) res = await download(renewed);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0);
  }
  // The error envelope went to a temp file, not to us: say what a 404 means for these routes.
  if (res.statusCode === 404) throw new ApiError('NOT_FOUND', '文件不存在或无权查看', 404);
  if (res.statusCode !== 200) throw new ApiError('BAD_RESPONSE', PDF_DOWNLOAD_FAILED, res.statusCode);
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true });
}
