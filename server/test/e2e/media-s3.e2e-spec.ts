import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { S3Storage } from '../../src/modules/media/s3-storage.client';
import { newOpenId } from '../support/factories';
import { bearer, bootTestApp, wechatLogin } from '../support/test-app';
import { startS3StandIn } from '../stand-ins/s3-stand-in';
import { jpegWithGps } from './media-fixtures';
import { uploadId } from './media-helpers';

/** Media on S3-compatible storage: SigV4 signing against the stand-in, stored and served through the S3 client. */
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
