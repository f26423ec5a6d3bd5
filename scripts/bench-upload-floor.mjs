#!/usr/bin/env node
// P4 floor (docs quality-bars.md): the server's photo operations — validate, decode, re-encode to ≤ 2048 px,
// thumbnail — in a bare Node process with sharp and nothing else (no HTTP, multipart, database or storage).
// Started by bench-upload.mjs: prints `ready` once sharp and the photo are loaded, waits for a line on stdin,
// then runs UPLOADS operations CONCURRENCY at a time and prints one JSON line with the latencies.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './lib/toolchain.mjs';

const [photoPath, uploads, concurrency] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const sharp = createRequire(join(ROOT, 'server', 'package.json'))('sharp');
// The server's libvips settings (media-image.ts), so the ratio measures what the server adds, not tuning.
sharp.cache(false);
sharp.concurrency(1);
const photo = readFileSync(photoPath);
const HOSTILE_MARKUP = /<script|<\?php|<html|<svg|<!doctype|<iframe|<body|<object|<embed|javascript:/i;
const MAX_SIDE = 2048;
const targetSide = (long) => {
  if (long <= MAX_SIDE) return long;
  const half = Math.floor(long / 2);
  return half <= MAX_SIDE && half >= 0.78 * MAX_SIDE ? half : MAX_SIDE;
};

/** The same work as processPhotoNow in server/src/modules/media/media-image.ts. */
async function processOnce(input) {
  if (HOSTILE_MARKUP.test(input.toString('latin1'))) throw new Error('markup');
  const meta = await sharp(input, { limitInputPixels: 40_000_000, failOn: 'error' }).metadata();
  const side = targetSide(Math.max(meta.width ?? 0, meta.height ?? 0));
  const { data: body } = await sharp(input, { limitInputPixels: 40_000_000, failOn: 'error' })
    .rotate()
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 82 })
    .toBuffer({ resolveWithObject: true });
  await sharp(body)
    .resize({ width: 320, height: 320, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 75 })
    .toBuffer();
}

process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const _ of lines) break;
const latencies = [];
let next = 0;
const worker = async () => {
  while (next < uploads) {
    next++;
    // A fresh copy per operation, as the server gets a fresh buffer from each multipart body.
    const input = Buffer.from(photo);
    const started = performance.now();
    await processOnce(input);
    latencies.push(performance.now() - started);
  }
};
await Promise.all(Array.from({ length: concurrency }, worker));
process.stdout.write(`${JSON.stringify({ latencies })}\n`);
process.exit(0);
