import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { reply, resident, tokenPair } from '../fixtures';
import { requested, stubApi } from '../api-stub';
import { saveSession } from '../../src/services/session';
import { invoiceRequest as request, prepaidPayment as payment } from '../prepay-fixtures';
import Invoices from '../../src/packages/prepay/pages/invoices';
import InvoiceTitles from '../../src/packages/prepay/pages/invoice-titles';

const me = resident();

describe('我的发票 and 发票抬头', () => {
  it('requests an invoice for a chosen paid payment with the default title', async () => {
    saveSession(tokenPair(me));
    let sent: unknown = null;
    stubApi({
      'GET /api/invoices/mine/titles': reply(200, [
        { id: 11, kind: 'personal', name: '张三', taxId: null, email: null, isDefault: true },
      ]),
      'GET /api/invoices/mine': reply(200, [
        request({ id: 2, paymentIds: [9], status: 'issued', invoiceNo: '24312000000012345678', hasPdf: true }),
      ]),
      'GET /api/payments/mine': reply(200, {
        items: [payment({ id: 1 }), payment({ id: 9 })],
        total: 2,
        page: 1,
        pageSize: 50,
      }),
      'POST /api/invoices/mine': (data) => {
        sent = typeof data === 'string' ? JSON.parse(data) : data;
        return reply(201, request({ id: 4 }));
      },
    });
    render(<Invoices />);
    expect(await screen.findByText('发票号码 24312000000012345678')).toBeTruthy();
    expect(screen.getByText('下载 PDF')).toBeTruthy();
    // Payment 9 is already invoiced: only payment 1 can be picked.
    fireEvent.click(screen.getByText(/银行转账 ¥120.00/));
    fireEvent.click(screen.getByText('申请开票（¥120.00）'));
    await waitFor(() => expect(requested('POST', '/api/invoices/mine')).toBe(true));
    expect(sent).toEqual({ titleId: 11, paymentIds: [1] });
  });

  it("下载 PDF opens the issued invoice with the session's token, saved as 发票<number>.pdf", async () => {
    saveSession(tokenPair(me));
    stubApi({
      'GET /api/invoices/mine/titles': reply(200, []),
      'GET /api/invoices/mine': reply(200, [
        request({ id: 2, paymentIds: [9], status: 'issued', invoiceNo: '24312000000012345678', hasPdf: true }),
      ]),
      'GET /api/payments/mine': reply(200, { items: [], total: 0, page: 1, pageSize: 50 }),
    });
    const fetchMock = vi.fn(
      async (_url: string, _init: RequestInit) =>
        new Response('%PDF-1.7', { status: 200, headers: { 'Content-Type': 'application/pdf' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    URL.createObjectURL = vi.fn(() => 'blob:invoice');
    URL.revokeObjectURL = vi.fn();
    const saved: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    try {
      render(<Invoices />);
      fireEvent.click(await screen.findByText('下载 PDF'));
      await waitFor(() => expect(saved).toEqual(['发票24312000000012345678.pdf']));
      const [url, init] = fetchMock.mock.calls[0];
      expect(url).toBe('https://api.example.test/api/invoices/mine/2/pdf');
      expect((init.headers as Record<string, string>).Authorization).toBe('Bearer access-1');
    } finally {
      vi.unstubAllGlobals();
      click.mockRestore();
    }
  });

  it('refuses a company title without a valid tax id before sending', async () => {
    saveSession(tokenPair(me));
    stubApi({ 'GET /api/invoices/mine/titles': reply(200, []) });
    render(<InvoiceTitles />);
    fireEvent.click(await screen.findByText('新增抬头'));
    fireEvent.click(screen.getByText('企业'));
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('请填写单位名称')).toBeTruthy();
    expect(screen.getByText('企业抬头请填写纳税人识别号')).toBeTruthy();
    expect(requested('POST', '/api/invoices/mine/titles')).toBe(false);
  });
});
