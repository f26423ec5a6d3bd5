import PDFDocument from 'pdfkit';
import type { CjkFont } from './cjk-font';

export type Pdf = PDFKit.PDFDocument;

export interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** A4 with the Chinese font embedded (subset) as the only font; `draw` writes the pages, the bytes come back. */
export function renderPdf(font: CjkFont, title: string, draw: (doc: Pdf) => void): Promise<Buffer> {
  // Fixed dates keep equal documents byte-equal (the info dictionary would otherwise carry "now").
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: title, Producer: 'property-service', Creator: 'property-service', CreationDate: new Date(0) },
  });
  doc.registerFont('cjk', font.path, font.face ?? undefined);
  doc.font('cjk');
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw(doc);
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}

const ROW_HEIGHT = 20;

/** A ruled table that starts a new page (repeating the header) when the page is full. */
export function table(doc: Pdf, columns: Column[], rows: string[][]): void {
  const left = doc.page.margins.left;
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  const header = () => {
    doc.rect(left, doc.y, width, ROW_HEIGHT).fill('#f0f0f0').fillColor('#000');
    line(
      columns.map((c) => c.title),
      10,
    );
  };
  const line = (cells: string[], size: number) => {
    const y = doc.y;
    let x = left;
    doc.fontSize(size);
    cells.forEach((cell, i) => {
      const c = columns[i];
      doc.text(cell, x + 4, y + 5, { width: c.width - 8, align: c.align ?? 'left', lineBreak: false, ellipsis: true });
      x += c.width;
    });
    doc
      .moveTo(left, y + ROW_HEIGHT)
      .lineTo(left + width, y + ROW_HEIGHT)
      .strokeColor('#999')
      .lineWidth(0.5)
      .stroke();
    doc.x = left;
    doc.y = y + ROW_HEIGHT;
  };
  header();
  for (const row of rows) {
    if (doc.y + ROW_HEIGHT > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      header();
    }
    line(row, 10);
  }
  doc.moveDown(0.5);
}

/** A "label: value" line pair in two columns. */
export function facts(doc: Pdf, pairs: [string, string][]): void {
  const left = doc.page.margins.left;
  doc.fontSize(11);
  for (let i = 0; i < pairs.length; i += 2) {
    const y = doc.y;
    doc.text(`${pairs[i][0]}：${pairs[i][1]}`, left, y, { width: 240, lineBreak: false });
    if (pairs[i + 1])
      doc.text(`${pairs[i + 1][0]}：${pairs[i + 1][1]}`, left + 250, y, { width: 250, lineBreak: false });
    doc.x = left;
    doc.y = y + 18;
  }
  doc.moveDown(0.5);
}

export function paragraph(doc: Pdf, text: string, size = 10): void {
  doc.fontSize(size).text(text, doc.page.margins.left, doc.y, {
    width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
    lineGap: 3,
  });
  doc.moveDown(0.5);
}

export function heading(doc: Pdf, text: string): void {
  doc.fontSize(18).text(text, doc.page.margins.left, doc.y, {
    width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
    align: 'center',
  });
  doc.moveDown(0.8);
}

/** Right-aligned sender line at the foot of a letter. */
export function signature(doc: Pdf, text: string): void {
  doc.fontSize(11).text(text, doc.page.margins.left, doc.y, {
    width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
    align: 'right',
  });
  doc.moveDown(0.3);
}
