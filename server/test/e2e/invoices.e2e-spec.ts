import { DataSource } from 'typeorm';
import { IInvoiceRequest, IInvoiceTitle, IPage, PayTargetKind, Role, TenderMethod } from '@app/shared';
import { runInTransaction } from '../../src/database/transactions';
import { PaymentsService } from '../../src/modules/payments/payments.service';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { staffToken } from './billing-helpers';
import { makeTicketWorld, TicketWorld } from './ticket-helpers';

/** A small but well-formed PDF (what the tax system hands finance). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/**
 * 电子发票: titles with validated tax ids, a request over the resident's confirmed payments, finance issuing it
 * with a PDF (uploaded through the media module) and the resident downloading it; rejection frees the payments;
 * nobody can request an invoice for another house's payment.
 */
describe('invoices: titles, requests, issue with a PDF, reject', () => {
  let t: TestApp;
  let w: TicketWorld;
  let finance: string;
  let db: DataSource;
  let seq = 0;
  const payments: Record<string, number> = {};

  const pay = (houseId: number, method: TenderMethod, amountFen: number) =>
    runInTransaction(db, async (tx) => {
      const core = t.app.get(PaymentsService);
      const receipt = await core.openReceipt(tx, {
        companyId: w.tenant.companyId,
        projectId: w.tenant.projectId,
        houseId,
        issuedBy: null,
      });
      return core.recordPayment(tx, {
        companyId: w.tenant.companyId,
        projectId: w.tenant.projectId,
        houseId,
        receiptId: receipt.id,
        method,
        amountFen,
        status: 'confirmed',
        allocations: [{ kind: PayTargetKind.PrepayTopup, targetId: houseId, amountFen, title: '预存充值' }],
        reference: `E2E-${++seq}`,
        collectedBy: null,
        actorId: null,
      });
    });
  const saveTitle = (token: string, body: object) =>
    t.http().post('/api/invoices/mine/titles').set(bearer(token)).send(body);

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.db;
    w = await makeTicketWorld(t);
    finance = await staffToken(t, Role.Finance, w.tenant.projectId);
    payments.a1 = await pay(w.tenant.houseIds[0], TenderMethod.Transfer, 12_000);
    payments.a2 = await pay(w.tenant.houseIds[0], TenderMethod.Transfer, 3_456);
    payments.b1 = await pay(w.tenant.houseIds[1], TenderMethod.Transfer, 5_000);
  });
  afterAll(() => t.close());

  it('titles: a company needs a 15/18/20-character tax id (Chinese message naming the field); the first title is the default', async () => {
    const missing = await saveTitle(w.residentA.accessToken, { kind: 'company', name: '上海某某科技有限公司' }).expect(
      422,
    );
    expect(missing.body.details.fields).toEqual([{ field: 'taxId', message: '企业抬头请填写纳税人识别号' }]);
    const short = await saveTitle(w.residentA.accessToken, {
      kind: 'company',
      name: '上海某某科技有限公司',
      taxId: '1234567890',
    }).expect(422);
    expect(short.body.details.fields).toEqual([{ field: 'taxId', message: '纳税人识别号应为 15、18 或 20 位' }]);
    const personal = (await saveTitle(w.residentA.accessToken, { kind: 'personal', name: '张三' }).expect(200))
      .body as IInvoiceTitle;
    expect(personal).toMatchObject({ kind: 'personal', taxId: null, isDefault: true });
    const company = (
      await saveTitle(w.residentA.accessToken, {
        kind: 'company',
        name: '上海某某科技有限公司',
        taxId: '91310000ma1fl8xq3x',
        isDefault: true,
      }).expect(200)
    ).body as IInvoiceTitle;
    expect(company).toMatchObject({ taxId: '91310000MA1FL8XQ3X', isDefault: true });
    const titles = (await t.http().get('/api/invoices/mine/titles').set(bearer(w.residentA.accessToken)).expect(200))
      .body as IInvoiceTitle[];
    expect(titles.map((x) => [x.name, x.isDefault])).toEqual([
      ['上海某某科技有限公司', true],
      ['张三', false],
    ]);
    // Another resident cannot see or delete them.
    expect(
      (await t.http().get('/api/invoices/mine/titles').set(bearer(w.residentB.accessToken)).expect(200)).body,
    ).toEqual([]);
    await t.http().delete(`/api/invoices/mine/titles/${personal.id}`).set(bearer(w.residentB.accessToken)).expect(404);
  });

  it("a resident cannot request an invoice for another house's payment (404), nor mix one in", async () => {
    const [title] = (await t.http().get('/api/invoices/mine/titles').set(bearer(w.residentA.accessToken)).expect(200))
      .body as IInvoiceTitle[];
    await t
      .http()
      .post('/api/invoices/mine')
      .set(bearer(w.residentA.accessToken))
      .send({ titleId: title.id, paymentIds: [payments.b1] })
      .expect(404);
    await t
      .http()
      .post('/api/invoices/mine')
      .set(bearer(w.residentA.accessToken))
      .send({ titleId: title.id, paymentIds: [payments.a1, payments.b1] })
      .expect(404);
    // Nor use someone else's title.
    await t
      .http()
      .post('/api/invoices/mine')
      .set(bearer(w.residentB.accessToken))
      .send({ titleId: title.id, paymentIds: [payments.b1] })
      .expect(404);
    // Nothing written for these payments (the suite shares one database with other specs' invoice requests).
    expect(
      await db.query('SELECT request_id FROM invoice_request_payments WHERE payment_id IN (?, ?)', [
        payments.a1,
        payments.b1,
      ]),
    ).toEqual([]);
  });

  it('finance issues it with a PDF; the resident is told and downloads exactly that PDF; the payments cannot be invoiced twice', async () => {
    const [title] = (await t.http().get('/api/invoices/mine/titles').set(bearer(w.residentA.accessToken)).expect(200))
      .body as IInvoiceTitle[];
    const requested = (
      await t
        .http()
        .post('/api/invoices/mine')
        .set(bearer(w.residentA.accessToken))
        .send({ titleId: title.id, paymentIds: [payments.a1, payments.a2] })
        .expect(201)
    ).body as IInvoiceRequest;
    expect(requested).toMatchObject({
      status: 'requested',
      amountFen: 15_456,
      paymentIds: [payments.a1, payments.a2],
      hasPdf: false,
      title: { name: '上海某某科技有限公司', taxId: '91310000MA1FL8XQ3X' },
    });
    const twice = await t
      .http()
      .post('/api/invoices/mine')
      .set(bearer(w.residentA.accessToken))
      .send({ titleId: title.id, paymentIds: [payments.a2] })
      .expect(409);
    expect(twice.body.message).toBe('所选缴费已申请过发票');

    const list = (
      await t
        .http()
        .get('/api/invoices')
        .query({ projectId: w.tenant.projectId, status: 'requested' })
        .set(bearer(finance))
        .expect(200)
    ).body as IPage<IInvoiceRequest>;
    expect(list.items.map((r) => r.id)).toEqual([requested.id]);
    await t.http().get('/api/invoices').query({ projectId: w.tenant.projectId }).set(bearer(w.cashier)).expect(403);

    // Not a PDF → 415; a real one is stored as uploaded.
    await t
      .http()
      .post('/api/media')
      .set(bearer(finance))
      .field('clientUploadId', 'inv-pdf-bad-1')
      .field('kind', 'document')
      .attach('file', Buffer.from('hello'), { filename: 'x.pdf', contentType: 'application/pdf' })
      .expect(415);
    const upload = await t
      .http()
      .post('/api/media')
      .set(bearer(finance))
      .field('clientUploadId', 'inv-pdf-0001')
      .field('kind', 'document')
      .attach('file', PDF, { filename: 'invoice.pdf', contentType: 'application/pdf' })
      .expect(201);
    // A PDF uploaded by somebody else cannot be attached.
    const foreign = await t
      .http()
      .post('/api/media')
      .set(bearer(w.residentB.accessToken))
      .field('clientUploadId', 'inv-pdf-0002')
      .field('kind', 'document')
      .attach('file', PDF, { filename: 'invoice.pdf', contentType: 'application/pdf' })
      .expect(201);
    await t
      .http()
      .post(`/api/invoices/${requested.id}/issue`)
      .set(bearer(finance))
      .send({ invoiceNo: '24312000000012345678', pdfMediaId: foreign.body.id })
      .expect(422);

    const issued = (
      await t
        .http()
        .post(`/api/invoices/${requested.id}/issue`)
        .set(bearer(finance))
        .send({ invoiceNo: '24312000000012345678', pdfMediaId: upload.body.id })
        .expect(200)
    ).body as IInvoiceRequest;
    expect(issued).toMatchObject({ status: 'issued', invoiceNo: '24312000000012345678', hasPdf: true });
    const again = await t
      .http()
      .post(`/api/invoices/${requested.id}/reject`)
      .set(bearer(finance))
      .send({ reason: '重复' })
      .expect(409);
    expect(again.body.details).toEqual({ status: 'issued' });

    const inbox = await t.http().get('/api/inbox').set(bearer(w.residentA.accessToken)).expect(200);
    expect(
      inbox.body.items
        .filter((m: { kind: string }) => m.kind === 'invoice.issued')
        .map((m: { title: string }) => m.title),
    ).toEqual(['电子发票已开具']);
    const pdf = await t
      .http()
      .get(`/api/invoices/mine/${requested.id}/pdf`)
      .set(bearer(w.residentA.accessToken))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(pdf.body as Buffer, PDF)).toBe(0);
    await t.http().get(`/api/invoices/mine/${requested.id}/pdf`).set(bearer(w.residentB.accessToken)).expect(404);
    const mine = (await t.http().get('/api/invoices/mine').set(bearer(w.residentA.accessToken)).expect(200))
      .body as IInvoiceRequest[];
    expect(mine.map((r) => [r.id, r.status])).toEqual([[requested.id, 'issued']]);
  });

  it('a rejection carries its reason to the resident and frees the payment for a new request', async () => {
    const title = (await saveTitle(w.residentB.accessToken, { kind: 'personal', name: '李四' }).expect(200))
      .body as IInvoiceTitle;
    const first = (
      await t
        .http()
        .post('/api/invoices/mine')
        .set(bearer(w.residentB.accessToken))
        .send({ titleId: title.id, paymentIds: [payments.b1] })
        .expect(201)
    ).body as IInvoiceRequest;
    await t.http().post(`/api/invoices/${first.id}/reject`).set(bearer(finance)).send({ reason: '' }).expect(422);
    const rejected = (
      await t
        .http()
        .post(`/api/invoices/${first.id}/reject`)
        .set(bearer(finance))
        .send({ reason: '抬头与付款人不符' })
        .expect(200)
    ).body as IInvoiceRequest;
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '抬头与付款人不符' });
    const inbox = await t.http().get('/api/inbox').set(bearer(w.residentB.accessToken)).expect(200);
    expect(inbox.body.items.find((m: { kind: string }) => m.kind === 'invoice.rejected').body).toContain(
      '抬头与付款人不符',
    );
    const second = (
      await t
        .http()
        .post('/api/invoices/mine')
        .set(bearer(w.residentB.accessToken))
        .send({ titleId: title.id, paymentIds: [payments.b1] })
        .expect(201)
    ).body as IInvoiceRequest;
    expect(second.status).toBe('requested');
    await t.http().get(`/api/invoices/mine/${second.id}/pdf`).set(bearer(w.residentB.accessToken)).expect(404);
  });

  it('prepaid settlements are not invoiceable on their own (their top-up is)', async () => {
    const prepaid = await runInTransaction(db, async (tx) => {
      const core = t.app.get(PaymentsService);
      // A prepaid payment with a top-up allocation is enough to exercise the rule (no bill needed).
      return core.recordPayment(tx, {
        companyId: w.tenant.companyId,
        projectId: w.tenant.projectId,
        houseId: w.tenant.houseIds[0],
        receiptId: null,
        method: TenderMethod.Prepaid,
        amountFen: 100,
        status: 'confirmed',
        allocations: [{ kind: PayTargetKind.PrepayTopup, targetId: w.tenant.houseIds[0], amountFen: 100, title: 'x' }],
        collectedBy: null,
        actorId: null,
      });
    });
    const [title] = (await t.http().get('/api/invoices/mine/titles').set(bearer(w.residentA.accessToken)).expect(200))
      .body as IInvoiceTitle[];
    const res = await t
      .http()
      .post('/api/invoices/mine')
      .set(bearer(w.residentA.accessToken))
      .send({ titleId: title.id, paymentIds: [prepaid] })
      .expect(422);
    expect(res.body.details.fields[0]).toEqual({ field: 'paymentIds', message: '预存抵扣的缴费已在预存充值时开票' });
  });
});
