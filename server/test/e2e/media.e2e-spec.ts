import { ErrorCode } from '@app/shared';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { User } from '../../src/modules/identity/user.entity';
import { Media } from '../../src/modules/media/media.entity';
import { MediaUrlSigner } from '../../src/modules/media/media-url.signer';
import { MediaService } from '../../src/modules/media/media.service';
import { LocalDiskStorage } from '../../src/modules/media/object-storage.client';
import { S3Storage } from '../../src/modules/media/s3-storage.client';
import { newOpenId } from '../support/factories';
import { bearer, bootTestApp, TestApp, wechatLogin } from '../support/test-app';
import { startS3StandIn } from '../stand-ins/s3-stand-in';
import {
  GPS_MARKER,
  jpegWithComment,
  jpegWithGps,
  noisyJpeg,
  patchJpegSize,
  pngDeclaring,
  pngWithText,
  signaturePads,
  solid,
} from './media-fixtures';

let seq = 0;
const uploadId = () => `e2e-${process.pid}-${Date.now().toString(36)}-${seq++}`;

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe('media: upload, re-encode, signed links (local disk)', () => {
  let t: TestApp;
  let dataDir: string;
  let token: string;
  let ownerId: number;
  let otherToken: string;
  let service: MediaService;
  let config: AppConfig;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'e2e-media-'));
    t = await bootTestApp({ DATA_DIR: dataDir, MEDIA_MAX_BYTES: String(10 * 1024 * 1024) });
    const openid = newOpenId();
    token = (await wechatLogin(t, openid)).accessToken;
    ownerId = (await t.db.getRepository(User).findOneByOrFail({ wechatOpenId: openid })).id;
    otherToken = (await wechatLogin(t, newOpenId())).accessToken;
    service = t.app.get(MediaService);
    config = t.app.get<AppConfig>(APP_CONFIG);
  });
  afterAll(() => t.close());

  const mediaDir = () => join(dataDir, 'media');
  const post = (
    file: Buffer,
    opts: { name?: string; type?: string; kind?: string; id?: string | null; auth?: string } = {},
  ) => {
    const req = t
      .http()
      .post('/api/media')
      .set(bearer(opts.auth ?? token));
    if (opts.id !== null) req.field('clientUploadId', opts.id ?? uploadId());
    if (opts.kind) req.field('kind', opts.kind);
    return req.attach('file', file, { filename: opts.name ?? 'photo.jpg', contentType: opts.type ?? 'image/jpeg' });
  };
  const fetchUrl = (url: string) =>
    t
      .http()
      .get(url)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  it('accepts a JPEG with GPS EXIF, applies its orientation and stores it without any metadata', async () => {
    const original = await jpegWithGps(600, 400);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    expect(original.includes(Buffer.from(GPS_MARKER))).toBe(true);

    const res = await post(original, { name: 'IMG_0001.JPG' }).expect(201);
    expect(res.body).toMatchObject({
      kind: 'photo',
      width: 400,
      height: 600,
      url: expect.stringMatching(/^\/api\/media\/\d+\/content\?exp=\d+&sig=/),
    });

    const stored = await fetchUrl(res.body.url).expect(200);
    expect(stored.headers['content-type']).toBe('image/jpeg');
    expect(stored.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
    const meta = await sharp(stored.body as Buffer).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 400, height: 600 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect((stored.body as Buffer).includes(Buffer.from(GPS_MARKER))).toBe(false);
    expect((stored.body as Buffer).includes(Buffer.from('Exif\0'))).toBe(false);

    const thumb = await fetchUrl(res.body.thumbUrl).expect(200);
    const thumbMeta = await sharp(thumb.body as Buffer).metadata();
    expect(Math.max(thumbMeta.width ?? 0, thumbMeta.height ?? 0)).toBe(320);
    expect(thumbMeta.exif).toBeUndefined();
  });

  it('resizes a 4000×3000 photo to fit 2048 px (halved exactly), a 5000 px panorama to 2048 and converts PNG/WebP to JPEG', async () => {
    const big = await post(await solid(4000, 3000).jpeg().toBuffer()).expect(201);
    expect(big.body).toMatchObject({ width: 2000, height: 1500 });
    const odd = await post(await solid(5000, 1000).jpeg().toBuffer()).expect(201);
    expect(odd.body).toMatchObject({ width: 2048, height: 410 });
    const png = await post(await solid(300, 200).png().toBuffer(), { name: 'a.png', type: 'image/png' }).expect(201);
    expect(png.body).toMatchObject({ width: 300, height: 200 });
    const webp = await post(await solid(500, 500).webp().toBuffer(), {
      name: 'a.webp',
      type: 'application/octet-stream',
    }).expect(201);
    expect(webp.body).toMatchObject({ width: 500, height: 500 });
    expect((await sharp((await fetchUrl(webp.body.url).expect(200)).body as Buffer).metadata()).format).toBe('jpeg');
  });

  it('is idempotent per clientUploadId: the same id returns the same row and stores nothing new', async () => {
    const id = uploadId();
    const file = await solid(320, 240).jpeg().toBuffer();
    const first = await post(file, { id }).expect(201);
    const rows = await t.db.getRepository(Media).count();
    const files = filesUnder(mediaDir()).length;
    const again = await post(file, { id }).expect(201);
    const concurrent = await Promise.all([post(file, { id }), post(file, { id })]);
    expect([again.body.id, ...concurrent.map((r) => r.body.id)]).toEqual([first.body.id, first.body.id, first.body.id]);
    expect(await t.db.getRepository(Media).count()).toBe(rows);
    expect(filesUnder(mediaDir())).toHaveLength(files);
    // Another user's upload id lives in its own namespace.
    const other = await post(file, { id, auth: otherToken }).expect(201);
    expect(other.body.id).not.toBe(first.body.id);
    const viaHeader = await t
      .http()
      .post('/api/media')
      .set(bearer(token))
      .set('X-Client-Upload-Id', id)
      .attach('file', file, 'x.jpg')
      .expect(201);
    expect(viaHeader.body.id).toBe(first.body.id);
  });

  it('serves only correctly signed, unexpired links, refusing everything else with 403', async () => {
    const up = await post(await solid(200, 200).jpeg().toBuffer()).expect(201);
    await fetchUrl(up.body.url).expect(200);
    const u = new URL(up.body.url, 'http://x');
    const exp = u.searchParams.get('exp') as string;
    const sig = u.searchParams.get('sig') as string;
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    const signer = new MediaUrlSigner(config.media.urlSecret, '');
    const past = Math.floor(Date.now() / 1000) - 5;
    const refused = [
      `/api/media/${up.body.id}/content?exp=${exp}&sig=${flipped}`,
      `/api/media/${up.body.id}/content?exp=${Number(exp) + 3600}&sig=${sig}`,
      `/api/media/${up.body.id}/thumb?exp=${exp}&sig=${sig}`,
      `/api/media/${up.body.id + 1}/content?exp=${exp}&sig=${sig}`,
      `/api/media/${up.body.id}/content?exp=${exp}`,
      `/api/media/${up.body.id}/content`,
      `/api/media/${up.body.id}/content?exp=${past}&sig=${signer.sign(up.body.id, 'content', past)}`,
    ];
    for (const url of refused) {
      const res = await t.http().get(url).expect(403);
      expect(res.body).toMatchObject({ code: ErrorCode.Forbidden, message: '链接无效或已过期' });
    }
    const short = service.signedUrls(up.body.id, 60);
    expect(Date.parse(short.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    await fetchUrl(short.thumbUrl).expect(200);
    // The uploader can ask for fresh links; someone else cannot see that the upload exists.
    await t.http().get(`/api/media/${up.body.id}`).set(bearer(token)).expect(200);
    await t.http().get(`/api/media/${up.body.id}`).set(bearer(otherToken)).expect(404);
    await t
      .http()
      .post('/api/media')
      .attach('file', await solid(10, 10).jpeg().toBuffer(), 'a.jpg')
      .expect(401);
  });

  it('accepts a real-looking signature and refuses blank, dot and straight-line pads', async () => {
    const ok = await post(await signaturePads.scribble(), {
      kind: 'signature',
      name: 'sig.png',
      type: 'image/png',
    }).expect(201);
    expect(ok.body).toMatchObject({
      kind: 'signature',
      width: 750,
      height: 400,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const stored = (await fetchUrl(ok.body.url).expect(200)).body as Buffer;
    expect(createHash('sha256').update(stored).digest('hex')).toBe(ok.body.sha256);
    expect((await sharp(stored).metadata()).format).toBe('png');

    const rows = await t.db.getRepository(Media).count();
    for (const pad of ['blank', 'dot', 'horizontalLine', 'diagonalLine'] as const) {
      const res = await post(await signaturePads[pad](), { kind: 'signature', name: 'sig.png', type: 'image/png' });
      expect({ pad, status: res.status, code: res.body.code }).toEqual({
        pad,
        status: 422,
        code: ErrorCode.SignatureBlank,
      });
    }
    const jpeg = await post(await solid(750, 400).jpeg().toBuffer(), { kind: 'signature' }).expect(415);
    expect(jpeg.body.code).toBe(ErrorCode.MediaUnsupported);
    expect(await t.db.getRepository(Media).count()).toBe(rows);
  });

  it('lets the tickets module claim only the owner’s media of the right kind (422 on mediaIds otherwise)', async () => {
    const photo = (await post(await solid(100, 100).jpeg().toBuffer()).expect(201)).body;
    const sig = (await post(await signaturePads.scribble(), { kind: 'signature', type: 'image/png' }).expect(201)).body;
    const foreign = (await post(await solid(100, 100).jpeg().toBuffer(), { auth: otherToken }).expect(201)).body;

    const claimed = await service.claimForTicket(ownerId, [photo.id, photo.id], 'photo', 900_001);
    expect(claimed.map((m) => m.id)).toEqual([photo.id]);
    expect((await service.claimForTicket(ownerId, [sig.id], 'signature', 900_001))[0].sha256).toBe(sig.sha256);
    for (const [ids, kind] of [
      [[foreign.id], 'photo'],
      [[sig.id], 'photo'],
      [[photo.id], 'signature'],
      [[photo.id, 99_999_999], 'photo'],
    ] as const) {
      await expect(service.claimForTicket(ownerId, [...ids], kind, 900_001)).rejects.toMatchObject({
        status: 422,
        code: ErrorCode.ValidationFailed,
        details: { fields: [expect.objectContaining({ field: 'mediaIds' })] },
      });
    }
    // One image, one use: the photo may be sent again to its own ticket, never to another; a signature never twice.
    expect(await service.claimForTicket(ownerId, [photo.id], 'photo', 900_001)).toHaveLength(1);
    await expect(service.claimForTicket(ownerId, [photo.id], 'photo', 900_002)).rejects.toMatchObject({
      status: 409,
      code: ErrorCode.MediaAlreadyUsed,
      details: { fields: [expect.objectContaining({ field: 'mediaIds' })] },
    });
    await expect(service.claimForTicket(ownerId, [sig.id], 'signature', 900_001)).rejects.toMatchObject({
      status: 409,
      code: ErrorCode.MediaAlreadyUsed,
      details: { fields: [expect.objectContaining({ field: 'signatureMediaId' })] },
    });
    const described = await service.describe([sig.id, photo.id, 99_999_999]);
    expect(described.map((d) => [d.id, d.kind])).toEqual([
      [sig.id, 'signature'],
      [photo.id, 'photo'],
    ]);
    await fetchUrl(described[1].thumbUrl).expect(200);
  });

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

describe('media on S3-compatible storage (SigV4 stand-in)', () => {
  it('stores and serves through the S3 client; a wrong secret is refused by the stand-in', async () => {
    const s3 = await startS3StandIn();
    const t = await bootTestApp({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'e2e-media-s3-')),
      S3_ENDPOINT: s3.url,
      S3_BUCKET: s3.bucket,
      S3_REGION: s3.region,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    });
    try {
      const token = (await wechatLogin(t, newOpenId())).accessToken;
      const res = await t
        .http()
        .post('/api/media')
        .set(bearer(token))
        .field('clientUploadId', uploadId())
        .attach('file', await jpegWithGps(), 'a.jpg')
        .expect(201);
      expect(s3.objects.size).toBe(2);
      expect(Object.keys(s3.refusals)).toEqual([]);
      const body = (
        await t
          .http()
          .get(res.body.url)
          .buffer(true)
          .parse((r, cb) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => cb(null, Buffer.concat(chunks)));
          })
          .expect(200)
      ).body as Buffer;
      expect((await sharp(body).metadata()).exif).toBeUndefined();

      const client = new S3Storage({
        endpoint: s3.url,
        bucket: s3.bucket,
        region: s3.region,
        accessKeyId: s3.accessKeyId,
        secretAccessKey: 'wrong-secret',
      });
      await expect(client.put('2026/01/x.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toThrow(
        /SignatureDoesNotMatch/,
      );
      const good = new S3Storage({
        endpoint: s3.url,
        bucket: s3.bucket,
        region: s3.region,
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
      });
      await good.put('2026/01/x.jpg', Buffer.from('hello'), 'image/jpeg');
      expect((await good.get('2026/01/x.jpg'))?.toString()).toBe('hello');
      await good.delete('2026/01/x.jpg');
      expect(await good.get('2026/01/x.jpg')).toBeNull();
      expect(s3.refusals).toEqual({ SignatureDoesNotMatch: 1, NoSuchKey: 1 });
    } finally {
      await t.close();
      await s3.close();
    }
  });
});
