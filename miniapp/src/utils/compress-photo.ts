/** Longest side after compression; enough to read a meter or a crack, small enough for a mobile upload. */
export const MAX_PHOTO_SIDE = 1600;
const QUALITY = 0.8;

/** Target size keeping the aspect ratio; null when the photo is already small enough to send as it is. */
export function scaledSize(
  width: number,
  height: number,
  max = MAX_PHOTO_SIDE,
): { width: number; height: number } | null {
  const longest = Math.max(width, height);
  if (!(longest > max)) return null;
  const ratio = max / longest;
  return { width: Math.round(width * ratio), height: Math.round(height * ratio) };
}

/**
 * H5: browsers ignore chooseImage's `sizeType: compressed`, so a phone camera photo would go up at full size.
 * Redraw it on a canvas at most MAX_PHOTO_SIDE px as JPEG and hand back a new blob: URL (Taro.uploadFile reads blob:
 * URLs). Small photos and any failure (no canvas, an undecodable file) keep the original path.
 */
export async function compressPhoto(path: string): Promise<string> {
  if (typeof document === 'undefined' || typeof Image === 'undefined') return path;
  try {
    const img = await loadImage(path);
    const size = scaledSize(img.naturalWidth, img.naturalHeight);
    if (!size) return path;
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return path;
    ctx.drawImage(img, 0, 0, size.width, size.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
    return blob ? URL.createObjectURL(blob) : path;
  } catch {
    return path;
  }
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('image failed to load'));
    img.src = src;
  });
}
