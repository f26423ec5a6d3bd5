import sharp from 'sharp';
import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

/** Generated test images and hostile files for the media e2e spec (R7). Nothing here touches the network. */

export const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 180, g: 120, b: 60 } } });

/** Noise compresses badly, so a 12-megapixel noisy JPEG is several megabytes, like a phone photo. */
export async function noisyJpeg(width: number, height: number, quality = 90): Promise<Buffer> {
  const raw = randomBytes(width * height * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
}

export const GPS_MARKER = 'SECRET-HOME-ADDRESS-MARKER';

/** A JPEG carrying EXIF with GPS coordinates and orientation 6 (shot rotated 90° clockwise). */
export async function jpegWithGps(width = 600, height = 400): Promise<Buffer> {
  return (
    solid(width, height)
      .jpeg()
      .withExif({
        IFD0: { Make: 'TestPhone', Model: 'E2E', ImageDescription: GPS_MARKER },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '31/1 14/1 1234/100',
          GPSLongitudeRef: 'E',
          GPSLongitude: '121/1 28/1 5678/100',
        },
      })
      // sharp writes the orientation tag from this option, not from the IFD0 map above.
      .withMetadata({ orientation: 6 })
      .toBuffer()
  );
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A few hundred bytes that declare width×height: the classic decompression bomb header. */
export function pngDeclaring(width: number, height: number, withData = true): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr)];
  if (withData) parts.push(pngChunk('IDAT', deflateSync(Buffer.alloc(4096))));
  parts.push(pngChunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

/** Rewrites the frame header of a real JPEG so it claims other dimensions. */
export function patchJpegSize(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  for (let i = 2; i < out.length - 9; i++) {
    if (out[i] === 0xff && (out[i + 1] === 0xc0 || out[i + 1] === 0xc2)) {
      out.writeUInt16BE(height, i + 5);
      out.writeUInt16BE(width, i + 7);
      return out;
    }
  }
  throw new Error('no SOF marker');
}

export async function pngWithText(keyword: string, text: string): Promise<Buffer> {
  const png = await solid(64, 64).png().toBuffer();
  const iend = png.length - 12;
  return Buffer.concat([
    png.subarray(0, iend),
    pngChunk('tEXt', Buffer.from(`${keyword}\0${text}`, 'latin1')),
    png.subarray(iend),
  ]);
}

export async function jpegWithComment(comment: string): Promise<Buffer> {
  const jpeg = await solid(64, 64).jpeg().toBuffer();
  const data = Buffer.from(comment, 'latin1');
  const header = Buffer.from([0xff, 0xfe, 0, 0]);
  header.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, data, jpeg.subarray(2)]);
}

const svgPad = (inner: string, width = 750, height = 400, sw = 4) =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><g stroke="#111" stroke-width="${sw}" fill="none" stroke-linecap="round">${inner}</g></svg>`,
    ),
  )
    .png()
    .toBuffer();

/** Signature pads as a Canvas 2D export would produce them: transparent background, dark strokes. */
export const signaturePads = {
  blank: () => svgPad(''),
  dot: () => svgPad('<circle cx="360" cy="200" r="4" fill="#111"/>'),
  horizontalLine: () => svgPad('<line x1="80" y1="200" x2="660" y2="200"/>'),
  diagonalLine: () => svgPad('<line x1="80" y1="340" x2="660" y2="60"/>'),
  scribble: () =>
    svgPad(
      '<path d="M120 240 c40 -120 80 -120 100 -20 s-60 100 20 60 c60 -40 80 -100 120 -80 s20 80 80 40 l80 -60 m-300 80 l240 -10"/>',
    ),
};
