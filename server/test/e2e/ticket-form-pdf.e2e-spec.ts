import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ITicket } from '@app/shared';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { binary } from './billing-reports-helpers';
import { act, createHomeRepair, makeTicketWorld, sign, TicketWorld, toQuoted, uploadPhoto } from './ticket-helpers';

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'artifacts', 'screenshots');

/** Text of the PDF (poppler) and page 1 as a PNG at 60 dpi, kept under artifacts/screenshots for people to look at. */
function readForm(pdf: Buffer, name: string): { text: string; fonts: string; png: Buffer; images: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ticket-form-'));
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
  mkdirSync(SCREENSHOTS, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, join(SCREENSHOTS, name)]);
  return { text, fonts, images, png: readFileSync(join(SCREENSHOTS, `${name}.png`)) };
}

describe('tickets: the printable 客户需求处理单 (GET /api/tickets/:id/form.pdf)', () => {
  let t: TestApp;
  let w: TicketWorld;
  let ticket: ITicket;

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t);
    const created = await createHomeRepair(t, w);
    const quoted = await toQuoted(t, w, created);
    await act(
      t,
      w.residentA.accessToken,
      created.id,
      'agree',
      await sign(t, w.residentA.accessToken, quoted.quote!.snapshotHash),
    ).expect(200);
    await act(t, w.techs[0].token, created.id, 'complete', {
      result: '已更换水龙头，试水无渗漏',
      mediaIds: [await uploadPhoto(t, w.techs[0].token)],
    }).expect(200);
    const done = (await t.http().get(`/api/tickets/${created.id}`).set(bearer(w.residentA.accessToken)).expect(200))
      .body as ITicket;
    await act(t, w.residentA.accessToken, created.id, 'verify', {
      overall: 5,
      punctuality: 4,
      attitude: 5,
      comment: '师傅很专业',
      ...(await sign(t, w.residentA.accessToken, done.acceptanceSnapshotHash!, '李娜', 'tenant')),
    }).expect(200);
    await act(t, w.cm, created.id, 'return-visit', { result: '电话回访，业主满意', satisfied: true }).expect(200);
    ticket = (await t.http().get(`/api/tickets/${created.id}`).set(bearer(w.cm)).expect(200)).body;
  });
  afterAll(() => t.close());

  const form = (token: string, id = ticket.id) =>
    t.http().get(`/api/tickets/${id}/form.pdf`).set(bearer(token)).buffer(true).parse(binary);

  it('prints the whole procedure: serial, house, quote in yuan, both signature images, rating, return visit and print time', async () => {
    const res = await form(w.cm).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="ticket-[^"]+\.pdf"; filename\*=UTF-8''/);
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = readForm(body, 'ticket-form');
    expect(pdf.fonts).toMatch(/CID TrueType\s+Identity-H\s+yes/);
    const text = pdf.text.replace(/\s+/g, '');
    for (const expected of [
      '客户需求处理单',
      ticket.serial,
      ticket.houseLabel!,
      '水龙头更换',
      '马桶疏通',
      '100.00',
      '客户同意金额：¥100.00',
      '张伟（业主）',
      '李娜（租户）',
      '总体5/5准时4/5态度5/5',
      '师傅很专业',
      '电话回访，业主满意',
      '已更换水龙头，试水无渗漏',
      '打印时间：',
    ])
      expect(text).toContain(expected);
    // The customer manager may call the resident (ticket.contact_phone), so the full number is printed.
    expect(text).toContain(ticket.contactPhone!);
    // Both signing acts print their stored images (pdfimages lists one row per image after its two header lines).
    expect(pdf.images.trim().split('\n').length - 2).toBeGreaterThanOrEqual(2);
    expect(pdf.png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(pdf.png.length).toBeGreaterThan(10_000);
  });

  it('prints the masked phone for a viewer who may not call the resident, and the resident may print their own', async () => {
    const res = await form(w.residentA.accessToken).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const own = readForm(res.body as Buffer, 'ticket-form-resident').text.replace(/\s+/g, '');
    expect(own).toContain(ticket.serial);
    expect(own).toContain(ticket.contactPhoneMasked!);
    expect(own).not.toContain(ticket.contactPhone!);
  });

  it('the technician of the job prints it (with the phone they call), another technician gets 404', async () => {
    const res = await form(w.techs[0].token).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = readForm(res.body as Buffer, 'ticket-form-technician').text.replace(/\s+/g, '');
    expect(text).toContain(ticket.serial);
    expect(text).toContain(ticket.contactPhone!);
    // Same project and skills, not assigned: the job is not theirs, so the form is not either.
    await form(w.techs[1].token).expect(404);
    await form(w.outsiderTech).expect(404);
  });

  it('is 404 for staff of another project, a resident of another house and an unknown ticket', async () => {
    await form(w.outsiderCm).expect(404);
    await form(w.residentB.accessToken).expect(404);
    await form(w.cm, 999_999_999).expect(404);
  });
});
