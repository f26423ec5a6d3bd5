import { HttpStatus } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { ErrorCode } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { analyseInk, SIGNATURE_RULES } from './signature-ink';

type Metadata = Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;

// Every upload is a different image: libvips' operation cache would only hold memory, never hit.
sharp.cache(false);
// One libvips thread per image and at most one image per core: threads fighting over 2 cores made
// every upload slow (p95) and each extra in-flight decode holds ~100 MB of pixels (peak memory).
sharp.concurrency(1);
const IMAGE_SLOTS = Math.max(1, availableParallelism());
let busy = 0;
const waiting: (() => void)[] = [];

async function withImageSlot<T>(work: () => Promise<T>): Promise<T> {
  if (busy >= IMAGE_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  busy++;
  try {
    return await work();
  } finally {
    busy--;
    waiting.shift()?.();
  }
}

export interface ProcessedImage {
  body: Buffer;
  thumb: Buffer;
  contentType: 'image/jpeg' | 'image/png';
  extension: 'jpg' | 'png';
  width: number;
  height: number;
}

export interface ImageLimits {
  maxBytes: number;
  maxInputPixels: number;
}

const PHOTO_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif']);
const MAX_SIDE = 2048;
const THUMB_SIDE = 320;
const MAX_INPUT_SIDE = 16_384;
export const SIGNATURE_MAX_BYTES = 1024 * 1024;
const SIGNATURE_MAX_PIXELS = 8_000_000;

/**
 * Markup or script inside an "image" means a polyglot meant for a browser or a server-side include.
 * Re-encoding would drop it anyway; refusing it outright keeps such files out of logs and support tickets too.
 */
const HOSTILE_MARKUP = /<script|<\?php|<html|<svg|<!doctype|<iframe|<body|<object|<embed|javascript:/i;

export const mediaError = {
  unsupported: (message = '仅支持 JPEG、PNG、WebP 或 HEIF 图片') =>
    new DomainException(ErrorCode.MediaUnsupported, message, HttpStatus.UNSUPPORTED_MEDIA_TYPE, {
      fields: [{ field: 'file', message }],
    }),
  tooLarge: (limitBytes: number) => {
    const message = `文件不能超过 ${formatLimit(limitBytes)}`;
    return new DomainException(ErrorCode.MediaTooLarge, message, HttpStatus.PAYLOAD_TOO_LARGE, {
      fields: [{ field: 'file', message }],
    });
  },
  unreadable: (message = '图片已损坏或无法识别，请重新拍摄或选择') =>
    new DomainException(ErrorCode.MediaUnreadable, message, HttpStatus.UNPROCESSABLE_ENTITY, {
      fields: [{ field: 'file', message }],
    }),
  blankSignature: (message: string) =>
    new DomainException(ErrorCode.SignatureBlank, message, HttpStatus.UNPROCESSABLE_ENTITY, {
      fields: [{ field: 'file', message }],
    }),
};

function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** Reads the header only (no pixel decode) and refuses anything that is not an allowed, sanely sized image. */
async function inspect(
  input: Buffer,
  formats: Set<string>,
  maxPixels: number,
  unsupportedMessage?: string,
): Promise<Metadata> {
  if (input.length === 0) throw mediaError.unreadable('文件为空');
  if (HOSTILE_MARKUP.test(input.toString('latin1'))) throw mediaError.unsupported('文件内容不是图片');
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: maxPixels, failOn: 'error' }).metadata();
  } catch (error) {
    if (/unsupported image format/i.test((error as Error).message)) throw mediaError.unsupported(unsupportedMessage);
    throw mediaError.unreadable();
  }
  // Checked on the decoded header, never on the file name or the declared content type.
  if (!meta.format || !formats.has(meta.format)) throw mediaError.unsupported(unsupportedMessage);
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) throw mediaError.unreadable();
  if (width * height > maxPixels || width > MAX_INPUT_SIDE || height > MAX_INPUT_SIDE) {
    throw mediaError.unreadable(`图片尺寸过大（${width}×${height}），最多 ${Math.floor(maxPixels / 1e6)} 百万像素`);
  }
  return meta;
}

/**
 * Long side of the stored photo. Phone photos (3200–4096 px) are halved exactly instead of scaled to 2048:
 * libjpeg then decodes at half scale (shrink-on-load), about 3× less work for the same ≤ 2048 px result.
 */
export function targetSide(longSide: number): number {
  if (longSide <= MAX_SIDE) return longSide;
  const half = Math.floor(longSide / 2);
  return half <= MAX_SIDE && half >= 0.78 * MAX_SIDE ? half : MAX_SIDE;
}

/** Decodes fully (so a truncated or corrupt body fails here), applies EXIF orientation, drops all metadata. */
export function processPhoto(input: Buffer, limits: ImageLimits): Promise<ProcessedImage> {
  return withImageSlot(() => processPhotoNow(input, limits));
}

async function processPhotoNow(input: Buffer, limits: ImageLimits): Promise<ProcessedImage> {
  if (input.length > limits.maxBytes) throw mediaError.tooLarge(limits.maxBytes);
  const meta = await inspect(input, PHOTO_FORMATS, limits.maxInputPixels);
  const side = targetSide(Math.max(meta.width ?? 0, meta.height ?? 0));
  try {
    let pipeline = sharp(input, { limitInputPixels: limits.maxInputPixels, failOn: 'error' })
      .rotate()
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true });
    if (meta.hasAlpha) pipeline = pipeline.flatten({ background: '#ffffff' });
    // Plain libjpeg-turbo, not mozjpeg: mozjpeg saves ~10 % bytes but costs ~6× the CPU (P4 bar: p95 ≤ 500 ms).
    const { data: body, info } = await pipeline.jpeg({ quality: 82 }).toBuffer({ resolveWithObject: true });
    const thumb = await sharp(body)
      .resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer();
    return { body, thumb, contentType: 'image/jpeg', extension: 'jpg', width: info.width, height: info.height };
  } catch (error) {
    if (error instanceof DomainException) throw error;
    throw mediaError.unreadable();
  }
}

/** A handwritten signature: PNG only, flattened onto white, refused when blank or trivial. */
export function processSignature(input: Buffer): Promise<ProcessedImage> {
  return withImageSlot(() => processSignatureNow(input));
}

async function processSignatureNow(input: Buffer): Promise<ProcessedImage> {
  if (input.length > SIGNATURE_MAX_BYTES) throw mediaError.tooLarge(SIGNATURE_MAX_BYTES);
  await inspect(input, new Set(['png']), SIGNATURE_MAX_PIXELS, '签名必须是 PNG 图片');
  let output: { data: Buffer; info: { width: number; height: number } };
  try {
    output = await sharp(input, { limitInputPixels: SIGNATURE_MAX_PIXELS, failOn: 'error' })
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw mediaError.unreadable('签名图片已损坏，请重新签名');
  }
  const { data: body, info } = output;
  const verdict = await analyseInk(body);
  if (verdict) throw mediaError.blankSignature(verdict);
  const thumb = await sharp(body)
    .resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true })
    .png()
    .toBuffer();
  return { body, thumb, contentType: 'image/png', extension: 'png', width: info.width, height: info.height };
}

export { SIGNATURE_RULES };
