/** Shared by both pads: what counts as a signature before we bother the server (which checks the pixels again). */
export interface IPoint {
  x: number;
  y: number;
}

const MIN_POINTS = 12;
const MIN_BOX = 40;

/** Enough ink over a big enough area: a tap or a tiny scribble is not a signature. */
export function looksSigned(strokes: IPoint[][]): boolean {
  const points = strokes.flat();
  if (points.length < MIN_POINTS) return false;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const width = Math.max(...xs) - Math.min(...xs);
  const height = Math.max(...ys) - Math.min(...ys);
  return Math.max(width, height) >= MIN_BOX;
}

export interface ISignaturePadHandle {
  clear: () => void;
  /** A file path (weapp temp file / H5 blob: URL) of the PNG, or null when nothing was signed. */
  exportPng: () => Promise<string | null>;
}

export interface ISignaturePadProps {
  onChange?: (signed: boolean) => void;
}

interface ICtx {
  beginPath: () => void;
  moveTo: (x: number, y: number) => void;
  quadraticCurveTo: (cx: number, cy: number, x: number, y: number) => void;
  lineTo: (x: number, y: number) => void;
  stroke: () => void;
}

/** Smooth stroke: quadratic curves through the midpoints of the last three points (wechat.md §A9). */
export function drawSegment(ctx: ICtx, points: IPoint[]): void {
  const n = points.length;
  if (n < 2) return;
  const a = points[n - 3] ?? points[n - 2];
  const b = points[n - 2];
  const c = points[n - 1];
  ctx.beginPath();
  ctx.moveTo((a.x + b.x) / 2, (a.y + b.y) / 2);
  ctx.quadraticCurveTo(b.x, b.y, (b.x + c.x) / 2, (b.y + c.y) / 2);
  ctx.stroke();
}
