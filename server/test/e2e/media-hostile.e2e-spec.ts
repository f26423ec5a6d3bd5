import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import { Media } from '../../src/modules/media/media.entity';
import { LocalDiskStorage } from '../../src/modules/media/object-storage.client';
import { bearer, TestApp } from '../support/test-app';
import { jpegWithComment, noisyJpeg, patchJpegSize, pngDeclaring, pngWithText, solid } from './media-fixtures';
import { bootMediaApp, filesUnder, mediaCalls, uploadId } from './media-helpers';

/** R7: hostile and malformed uploads are refused with 4xx and leave nothing behind; storage keys are ours. */
describe('media: hostile uploads (local disk)', () => {
  let t: TestApp;
  let dataDir: string;
  let token: string;

  beforeAll(async () => {
    ({ t, dataDir, token } = await bootMediaApp());
  });
  afterAll(() => t.close());

  const mediaDir = () => join(dataDir, 'media');
  const { post } = mediaCalls(() => ({ t, token }));

  it('R7: rejects ≥ 40 malformed or hostile uploads with 4xx and stores nothing', async () => {
    const jpeg = await solid(640, 480).jpeg().toBuffer();
    const png = await solid(64, 64).png().toBuffer();
    const noise = await noisyJpeg(400, 300);
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(512, 0x90)]);
    const pe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(58),
      Buffer.from([0x80, 0, 0, 0]),
      Buffer.alloc(64),
      Buffer.from('PE\0\0'),
      Buffer.alloc(256),
    ]);
    const html = Buffer.from(
      '<!DOCTYPE html><html><body><script>fetch("/api/me").then(r=>r.text()).then(alert)</script></body></html>',
    );
    const svgScript = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(document.cookie)</script><rect width="100" height="100"/></svg>',
    );
    const svgPlain = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100" fill="red"/></svg>',
    );
    const xxe = Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>');
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF',
    );
    const zip = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('evil.sh'),
      Buffer.from([0x50, 0x4b, 0x05, 0x06]),
      Buffer.alloc(18),
    ]);
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (Math.imul(i + 7, 2246822519) >>> 13) & 0xff));
    const gif = await solid(32, 32).gif().toBuffer();
    const tiff = await solid(32, 32).tiff().toBuffer();
    const bmp = Buffer.concat([
      Buffer.from('BM'),
      Buffer.from([0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 1, 0, 24, 0]),
      Buffer.alloc(64),
    ]);
    const ico = Buffer.concat([Buffer.from([0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0]), Buffer.alloc(200)]);
    const psd = Buffer.concat([Buffer.from('8BPS'), Buffer.from([0, 1]), Buffer.alloc(200)]);
    const oversize = Buffer.concat([jpeg.subarray(0, 200), Buffer.alloc(10 * 1024 * 1024 + 10)]);
    const bigNoisePng = await sharp(randomBytes(720 * 720 * 3), { raw: { width: 720, height: 720, channels: 3 } })
      .png()
      .toBuffer();

    type Case = { name: string; file: Buffer; filename?: string; type?: string; kind?: string; status: number };
    const cases: Case[] = [
      { name: 'ELF executable named .jpg', file: elf, status: 415 },
      { name: 'PE/MZ executable named .jpg', file: pe, status: 415 },
      {
        name: 'MZ stub named .png',
        file: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 1)]),
        filename: 'cat.png',
        type: 'image/png',
        status: 415,
      },
      {
        name: 'Mach-O binary',
        file: Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.alloc(300)]),
        status: 415,
      },
      { name: 'shell script', file: Buffer.from('#!/bin/sh\nrm -rf / --no-preserve-root\n'), status: 415 },
      { name: 'HTML with script as jpg', file: html, status: 415 },
      { name: 'HTML declared text/html', file: html, filename: 'x.html', type: 'text/html', status: 415 },
      { name: 'SVG with script', file: svgScript, filename: 'x.svg', type: 'image/svg+xml', status: 415 },
      { name: 'SVG with script renamed png', file: svgScript, filename: 'x.png', type: 'image/png', status: 415 },
      { name: 'plain SVG', file: svgPlain, filename: 'x.svg', type: 'image/svg+xml', status: 415 },
      { name: 'XML external entity', file: xxe, status: 415 },
      { name: 'PHP web shell as jpg', file: Buffer.from('<?php system($_GET["c"]); ?>'), status: 415 },
      { name: 'GIF', file: gif, filename: 'a.gif', type: 'image/gif', status: 415 },
      {
        name: 'GIF header + script',
        file: Buffer.from('GIF89a/*<script>alert(1)</script>*/'),
        filename: 'a.gif',
        type: 'image/gif',
        status: 415,
      },
      { name: 'TIFF', file: tiff, filename: 'a.tif', type: 'image/tiff', status: 415 },
      { name: 'BMP', file: bmp, filename: 'a.bmp', type: 'image/bmp', status: 415 },
      { name: 'ICO', file: ico, filename: 'a.ico', type: 'image/x-icon', status: 415 },
      { name: 'PSD', file: psd, filename: 'a.psd', status: 415 },
      { name: 'PDF with JavaScript', file: pdf, filename: 'a.pdf', type: 'application/pdf', status: 415 },
      { name: 'PDF renamed jpg', file: pdf, status: 415 },
      { name: 'ZIP', file: zip, filename: 'a.zip', type: 'application/zip', status: 415 },
      { name: 'random bytes', file: random, status: 415 },
      { name: 'zero bytes', file: Buffer.alloc(0), status: 422 },
      { name: 'one byte', file: Buffer.from([0xff]), status: 415 },
      { name: 'truncated JPEG (half)', file: noise.subarray(0, Math.floor(noise.length / 2)), status: 422 },
      { name: 'JPEG headers only', file: noise.subarray(0, 700), status: 422 },
      {
        name: 'JPEG magic + garbage',
        file: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), random]),
        status: 422,
      },
      {
        name: 'PNG magic + garbage',
        file: Buffer.concat([png.subarray(0, 8), random]),
        type: 'image/png',
        status: 422,
      },
      { name: 'PNG with IHDR but no pixel data', file: pngDeclaring(64, 64, false), type: 'image/png', status: 422 },
      { name: 'PNG pixel bomb 30000×30000', file: pngDeclaring(30000, 30000), type: 'image/png', status: 422 },
      { name: 'PNG 50000×10 (side limit)', file: pngDeclaring(50000, 10), type: 'image/png', status: 422 },
      { name: 'JPEG claiming 20000×20000', file: patchJpegSize(jpeg, 20000, 20000), status: 422 },
      { name: 'JPEG claiming 8000×6000 (48 MP)', file: patchJpegSize(jpeg, 8000, 6000), status: 422 },
      { name: 'oversize (10 MB + 10 bytes)', file: oversize, status: 413 },
      {
        name: 'path traversal name, passwd content',
        file: Buffer.from('root:x:0:0:root:/root:/bin/bash\n'),
        filename: '../../etc/passwd.jpg',
        status: 415,
      },
      {
        name: 'Windows traversal name, ini content',
        file: Buffer.from('[fonts]\n[extensions]\n'),
        filename: '..\\..\\windows\\win.ini',
        status: 415,
      },
      { name: 'NUL in name, exe content', file: pe, filename: 'photo.jpg\u0000.exe', status: 415 },
      { name: 'RTL-override name, exe content', file: pe, filename: 'photo\u202egpj.exe', status: 415 },
      { name: 'executable declared image/png', file: elf, filename: 'a.png', type: 'image/png', status: 415 },
      {
        name: 'JPEG + trailing <script>',
        file: Buffer.concat([jpeg, Buffer.from('<script>alert(1)</script>')]),
        status: 415,
      },
      {
        name: 'JPEG + trailing PHP',
        file: Buffer.concat([jpeg, Buffer.from('<?php eval($_POST[1]); ?>')]),
        status: 415,
      },
      { name: 'JPEG comment with HTML', file: await jpegWithComment('<html><body onload=alert(1)>'), status: 415 },
      {
        name: 'PNG tEXt with script',
        file: await pngWithText('Comment', '<script>alert(1)</script>'),
        type: 'image/png',
        status: 415,
      },
      {
        name: 'HTML behind JPEG magic (polyglot)',
        file: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), html]),
        status: 415,
      },
      {
        name: 'WebP header + garbage',
        file: Buffer.concat([Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'), random.subarray(0, 64)]),
        status: 422,
      },
      {
        name: 'HEIC ftyp + garbage',
        file: Buffer.concat([
          Buffer.from([0, 0, 0, 0x18]),
          Buffer.from('ftypheic\0\0\0\0mif1heic'),
          random.subarray(0, 200),
        ]),
        status: 422,
      },
      { name: 'signature that is a JPEG', file: jpeg, kind: 'signature', status: 415 },
      { name: 'signature PNG over 1 MB', file: bigNoisePng, kind: 'signature', type: 'image/png', status: 413 },
      {
        name: 'signature pixel bomb',
        file: pngDeclaring(30000, 30000),
        kind: 'signature',
        type: 'image/png',
        status: 422,
      },
      { name: 'unknown kind', file: jpeg, kind: 'video', status: 422 },
    ];
    expect(bigNoisePng.length).toBeGreaterThan(1024 * 1024);
    const rowsBefore = await t.db.getRepository(Media).count();
    const filesBefore = filesUnder(mediaDir());
    const outcome = [];
    for (const c of cases) {
      const res = await post(c.file, { name: c.filename, type: c.type, kind: c.kind });
      outcome.push({
        name: c.name,
        status: res.status,
        hasMessage: typeof res.body.message === 'string' && /[\u4e00-\u9fa5]/.test(res.body.message),
      });
    }
    // Requests that are malformed as uploads rather than as files.
    const requests = [
      t.http().post('/api/media').set(bearer(token)).field('clientUploadId', uploadId()),
      t
        .http()
        .post('/api/media')
        .set(bearer(token))
        .field('clientUploadId', uploadId())
        .attach('upload', jpeg, 'a.jpg'),
      t
        .http()
        .post('/api/media')
        .set(bearer(token))
        .field('clientUploadId', uploadId())
        .attach('file', jpeg, 'a.jpg')
        .attach('file', jpeg, 'b.jpg'),
      t.http().post('/api/media').set(bearer(token)).set('Content-Type', 'image/jpeg').send(jpeg),
      t.http().post('/api/media').set(bearer(token)).attach('file', jpeg, 'a.jpg'),
      t.http().post('/api/media').set(bearer(token)).field('clientUploadId', '../../etc').attach('file', jpeg, 'a.jpg'),
    ];
    for (const [i, req] of requests.entries()) {
      const res = await req;
      outcome.push({
        name: `malformed request #${i + 1}`,
        status: res.status,
        hasMessage: typeof res.body.message === 'string',
      });
    }
    for (const o of outcome) expect(o).toEqual({ name: o.name, status: expect.any(Number), hasMessage: true });
    const byName = new Map(outcome.map((o) => [o.name, o.status]));
    for (const c of cases)
      expect({ name: c.name, status: byName.get(c.name) }).toEqual({ name: c.name, status: c.status });
    expect(outcome.every((o) => o.status >= 400 && o.status < 500)).toBe(true);
    expect(outcome.length).toBeGreaterThanOrEqual(40);
    expect(await t.db.getRepository(Media).count()).toBe(rowsBefore);
    expect(filesUnder(mediaDir())).toEqual(filesBefore);
  });

  it('ignores a path-traversal file name on a valid image: the key is server-generated', async () => {
    const res = await post(await solid(50, 50).jpeg().toBuffer(), { name: '../../../../tmp/evil.jpg' }).expect(201);
    const row = await t.db.getRepository(Media).findOneByOrFail({ id: res.body.id });
    expect(row.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}\.jpg$/);
    const storage = new LocalDiskStorage(mediaDir());
    for (const key of ['../x.jpg', '/etc/passwd', '2026/../../x', 'a//b', ''])
      await expect(storage.put(key, Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/unsafe/);
  });
});
