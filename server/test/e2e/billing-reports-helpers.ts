import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { BillLineKind, BillStatus } from '@app/shared';
import { Bill, BillLine } from '../../src/modules/billing/billing.entity';

/** supertest: collect a binary body as a Buffer. */
export function binary(res: unknown, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

export interface SeedBill {
  houseId: number;
  buildingId: number;
  unitId: number;
  period: string;
  status?: BillStatus;
  paidFen?: number;
  revision?: number;
  lines: {
    kind: BillLineKind;
    name: string;
    quantityText: string;
    unitPriceFen: number | null;
    amountFen: number;
    ticketSerial?: string;
    waived?: boolean;
  }[];
}

/** Bills as the run engine leaves them (the engine has its own specs); total = Σ non-waived lines. */
export async function seedBill(db: DataSource, companyId: number, projectId: number, b: SeedBill): Promise<number> {
  const totalFen = b.lines.filter((l) => !l.waived).reduce((s, l) => s + l.amountFen, 0);
  const status = b.status ?? BillStatus.Published;
  const res = await db.getRepository(Bill).insert({
    companyId,
    projectId,
    houseId: b.houseId,
    buildingId: b.buildingId,
    unitId: b.unitId,
    period: b.period,
    revision: b.revision ?? 0,
    runId: 0,
    status,
    totalFen,
    paidFen: b.paidFen ?? 0,
    contentHash: 'x'.repeat(64),
    publishedAt: status === BillStatus.Draft ? null : new Date(),
    voidReason: null,
    reissueOfBillId: null,
    createdAt: new Date(),
  });
  const billId = Number(res.identifiers[0].id);
  await db.getRepository(BillLine).insert(
    b.lines.map((l, i) => ({
      billId,
      houseId: b.houseId,
      period: b.period,
      kind: l.kind,
      itemCode: null,
      name: l.name,
      quantityText: l.quantityText,
      unitPriceFen: l.unitPriceFen,
      amountFen: l.amountFen,
      chargeId: null,
      billedChargeId: null,
      ticketId: null,
      ticketSerial: l.ticketSerial ?? null,
      waived: l.waived ?? false,
      sortOrder: i,
    })),
  );
  return billId;
}

/** What poppler reads back from a PDF: its text, its fonts table, and a PNG of page 1 kept for people to look at. */
export function readPdf(pdf: Buffer, name: string): { text: string; fonts: string; png: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  const out = join(__dirname, '..', 'artifacts');
  mkdirSync(out, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '90', '-f', '1', '-l', '1', '-singlefile', file, join(out, name)]);
  const png = join(out, `${name}.png`);
  if (readFileSync(png).length < 1000) throw new Error(`${png} looks empty`);
  return { text, fonts, png };
}
