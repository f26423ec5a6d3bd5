import { ErrorCode } from '@app/shared';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { Media } from '../../src/modules/media/media.entity';
import { MediaUrlSigner } from '../../src/modules/media/media-url.signer';
import { MediaService } from '../../src/modules/media/media.service';
import { bearer, TestApp } from '../support/test-app';
import { GPS_MARKER, jpegWithGps, signaturePads, solid } from './media-fixtures';
import { bootMediaApp, filesUnder, mediaCalls, uploadId } from './media-helpers';

// Hostile uploads (R7) and path traversal: media-hostile.e2e-spec.ts; S3 storage: media-s3.e2e-spec.ts.
describe('media: upload, re-encode, signed links (local disk)', () => {
  let t: TestApp;
  let dataDir: string;
  let token: string;
  let ownerId: number;
  let otherToken: string;
  let service: MediaService;
  let config: AppConfig;

  beforeAll(async () => {
    ({ t, dataDir, token, ownerId, otherToken } = await bootMediaApp());
    service = t.app.get(MediaService);
    config = t.app.get<AppConfig>(APP_CONFIG);
  });
  afterAll(() => t.close());

  const mediaDir = () => join(dataDir, 'media');
  const { post, fetchUrl } = mediaCalls(() => ({ t, token }));

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
});
