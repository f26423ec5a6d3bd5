import sharp from 'sharp';

/**
 * Thresholds for "is there a real signature on this pad", tuned on generated pads (blank, dot, straight
 * lines at several angles, all-black, real-looking scribbles) at 1× and 3× device pixel ratio.
 * Measured on a copy scaled to ANALYSIS_SIDE so a 3× pad and a 1× pad give the same numbers.
 */
export const SIGNATURE_RULES = {
  analysisSide: 512,
  /** Grey level (0–255) below which a pixel counts as ink after flattening onto white. */
  inkLevel: 160,
  minInkRatio: 0.002,
  maxInkRatio: 0.45,
  /** The ink's bounding box must span this share of the pad's longer side … */
  minSpanRatio: 0.15,
  /** … and be at least this many analysis pixels in its shorter direction (not a single stroke width). */
  minThicknessPx: 12,
  /** Spread across the main direction / along it: a straight stroke at any angle is far below this. */
  minSpreadRatio: 0.12,
};

/** Returns a Chinese reason when the image is not an acceptable signature, null when it is. */
export async function analyseInk(png: Buffer): Promise<string | null> {
  const r = SIGNATURE_RULES;
  const { data, info } = await sharp(png)
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize({ width: r.analysisSide, height: r.analysisSide, fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  let ink = 0;
  let minX = width,
    minY = height,
    maxX = -1,
    maxY = -1;
  let sx = 0,
    sy = 0,
    sxx = 0,
    syy = 0,
    sxy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[(y * width + x) * channels] >= r.inkLevel) continue;
      ink++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
    }
  }
  const ratio = ink / (width * height);
  if (ink === 0 || ratio < r.minInkRatio) return '签名为空或笔迹过少，请重新签名';
  if (ratio > r.maxInkRatio) return '签名图像无效（大面积涂黑），请重新签名';
  const boxW = maxX - minX + 1;
  const boxH = maxY - minY + 1;
  if (Math.max(boxW, boxH) < r.minSpanRatio * Math.max(width, height) || Math.min(boxW, boxH) < r.minThicknessPx) {
    return '签名过小或只有一笔，请在签名区内完整签名';
  }
  // Principal axes of the ink: a single straight stroke (any angle) has almost no spread across its direction.
  const mx = sx / ink,
    my = sy / ink;
  const cxx = sxx / ink - mx * mx,
    cyy = syy / ink - my * my,
    cxy = sxy / ink - mx * my;
  const half = (cxx + cyy) / 2;
  const root = Math.sqrt(Math.max(0, ((cxx - cyy) / 2) ** 2 + cxy * cxy));
  const major = half + root,
    minor = Math.max(0, half - root);
  if (major <= 0 || Math.sqrt(minor / major) < r.minSpreadRatio) return '签名不能只是一条直线，请重新签名';
  return null;
}
