import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { User } from '../../src/modules/identity/user.entity';
import { newOpenId } from '../support/factories';
import { bearer, bootTestApp, TestApp, wechatLogin } from '../support/test-app';

let seq = 0;
export const uploadId = () => `e2e-${process.pid}-${Date.now().toString(36)}-${seq++}`;

export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

/** The app on a fresh local-disk data directory (10 MB uploads), with a resident who uploads and another one. */
export async function bootMediaApp(): Promise<{
  t: TestApp;
  dataDir: string;
  token: string;
  ownerId: number;
  otherToken: string;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-media-'));
  const t = await bootTestApp({ DATA_DIR: dataDir, MEDIA_MAX_BYTES: String(10 * 1024 * 1024) });
  const openid = newOpenId();
  const token = (await wechatLogin(t, openid)).accessToken;
  const ownerId = (await t.db.getRepository(User).findOneByOrFail({ wechatOpenId: openid })).id;
  const otherToken = (await wechatLogin(t, newOpenId())).accessToken;
  return { t, dataDir, token, ownerId, otherToken };
}

/** Upload (multipart, a fresh clientUploadId unless given) and fetch-as-bytes for a spec's app and uploader. */
export function mediaCalls(get: () => { t: TestApp; token: string }) {
  const post = (
    file: Buffer,
    opts: { name?: string; type?: string; kind?: string; id?: string | null; auth?: string } = {},
  ) => {
    const req = get()
      .t.http()
      .post('/api/media')
      .set(bearer(opts.auth ?? get().token));
    if (opts.id !== null) req.field('clientUploadId', opts.id ?? uploadId());
    if (opts.kind) req.field('kind', opts.kind);
    return req.attach('file', file, { filename: opts.name ?? 'photo.jpg', contentType: opts.type ?? 'image/jpeg' });
  };
  const fetchUrl = (url: string) =>
    get()
      .t.http()
      .get(url)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
  return { post, fetchUrl };
}
