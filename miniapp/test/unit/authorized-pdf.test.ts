import { afterEach, describe, expect, it, vi } from 'vitest';
import Taro from '../mocks/taro';
import { envelope, reply, resident, tokenPair } from '../fixtures';
import { stubApi } from '../api-stub';
import { readSession, saveSession } from '../../src/services/session';
import { openAuthorizedPdf } from '../../src/utils/authorized-pdf';
import { openAuthorizedPdf as openInWechat } from '../../src/utils/authorized-pdf.weapp';

const FORM = '/api/tickets/12/form.pdf';
const pdfResponse = () => new Response('%PDF-1.4', { status: 200, headers: { 'Content-Type': 'application/pdf' } });
const expired = () => new Response(JSON.stringify(envelope('TOKEN_EXPIRED', '登录已过期')), { status: 401 });
const bearer = (init: RequestInit) => (init.headers as Record<string, string>).Authorization;

afterEach(() => vi.unstubAllGlobals());

/** Clicks on download links, by the name the browser would save them under. */
function catchDownloads() {
  const saved: string[] = [];
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.download);
  });
  URL.createObjectURL = vi.fn(() => 'blob:pdf');
  URL.revokeObjectURL = vi.fn();
  return { saved, restore: () => click.mockRestore() };
}

describe('openAuthorizedPdf (H5)', () => {
  it('fetches the path with the bearer token and hands it to the browser under the given file name', async () => {
    saveSession(tokenPair(resident()));
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => pdfResponse());
    vi.stubGlobal('fetch', fetchMock);
    const downloads = catchDownloads();
    await openAuthorizedPdf(FORM, '处理单YGHY-261122-0012.pdf');
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('https://api.example.test/api/tickets/12/form.pdf');
    expect(bearer(init)).toBe(`Bearer ${readSession()!.accessToken}`);
    expect(downloads.saved).toEqual(['处理单YGHY-261122-0012.pdf']);
    downloads.restore();
  });

  it("says the server's reason when it refuses, and a plain failure when there is none", async () => {
    saveSession(tokenPair(resident()));
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(envelope('NOT_FOUND', '工单不存在')), { status: 404 })),
    );
    await expect(openAuthorizedPdf(FORM, 'x.pdf')).rejects.toMatchObject({ status: 404, message: '工单不存在' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>', { status: 502 })),
    );
    await expect(openAuthorizedPdf(FORM, 'x.pdf')).rejects.toMatchObject({
      status: 502,
      message: 'PDF 下载失败，请稍后重试',
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(openAuthorizedPdf(FORM, 'x.pdf')).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it('renews an expired access token once and downloads again', async () => {
    saveSession(tokenPair(resident()));
    const first = readSession()!.accessToken;
    stubApi({ 'POST /api/auth/refresh': reply(200, tokenPair(resident(), 2)) });
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) =>
      bearer(init) === `Bearer ${first}` ? expired() : pdfResponse(),
    );
    vi.stubGlobal('fetch', fetchMock);
    const downloads = catchDownloads();
    await openAuthorizedPdf(FORM, '处理单.pdf');
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(readSession()!.accessToken).not.toBe(first);
    expect(bearer(fetchMock.mock.calls[1][1])).toBe(`Bearer ${readSession()!.accessToken}`);
    expect(downloads.saved).toEqual(['处理单.pdf']);
    downloads.restore();
  });
});

describe('openAuthorizedPdf (weapp)', () => {
  type Download = { url: string; header: Record<string, string> };
  const downloads = () => Taro.downloadFile.mock.calls.map(([opts]) => opts as Download);

  it("downloads with the bearer token and opens WeChat's document viewer with its menu", async () => {
    saveSession(tokenPair(resident()));
    Taro.downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/receipt.pdf' });
    await openInWechat('/api/payments/mine/receipts/5/pdf', '收据SJ-2026-000123.pdf');
    expect(downloads()).toEqual([
      {
        url: 'https://api.example.test/api/payments/mine/receipts/5/pdf',
        header: { Authorization: `Bearer ${readSession()!.accessToken}` },
      },
    ]);
    expect(Taro.openDocument).toHaveBeenCalledWith({
      filePath: 'wxfile://tmp/receipt.pdf',
      fileType: 'pdf',
      showMenu: true,
    });
  });

  it('renews an expired access token once and downloads again', async () => {
    saveSession(tokenPair(resident()));
    const first = readSession()!.accessToken;
    stubApi({ 'POST /api/auth/refresh': reply(200, tokenPair(resident(), 2)) });
    Taro.downloadFile.mockImplementation(async ({ header }: Download) =>
      header.Authorization === `Bearer ${first}`
        ? { statusCode: 401, tempFilePath: '' }
        : { statusCode: 200, tempFilePath: 'wxfile://tmp/invoice.pdf' },
    );
    await openInWechat('/api/invoices/mine/2/pdf', '发票.pdf');
    expect(downloads()).toHaveLength(2);
    expect(downloads()[1].header.Authorization).toBe(`Bearer ${readSession()!.accessToken}`);
    expect(readSession()!.accessToken).not.toBe(first);
    expect(Taro.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://tmp/invoice.pdf' }));
  });

  it('says 404 means not there or not yours, and opens nothing on a failure', async () => {
    saveSession(tokenPair(resident()));
    Taro.downloadFile.mockResolvedValue({ statusCode: 404, tempFilePath: '' });
    await expect(openInWechat(FORM, 'x.pdf')).rejects.toMatchObject({ status: 404, message: '文件不存在或无权查看' });
    Taro.downloadFile.mockResolvedValue({ statusCode: 500, tempFilePath: '' });
    await expect(openInWechat(FORM, 'x.pdf')).rejects.toMatchObject({ message: 'PDF 下载失败，请稍后重试' });
    Taro.downloadFile.mockRejectedValue({ errMsg: 'downloadFile:fail' });
    await expect(openInWechat(FORM, 'x.pdf')).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(Taro.openDocument).not.toHaveBeenCalled();
  });
});
