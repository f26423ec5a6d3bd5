import sharp from 'sharp';

/** A small deterministic PRNG so every seeded database gets the same pictures. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

/** A phone-photo stand-in: a lit wall gradient with a fixture-like shape. Rendered to JPEG (SVG is never uploaded). */
export async function demoPhoto(seed: number): Promise<Buffer> {
  const r = prng(seed * 7919 + 17);
  const hue = Math.floor(r() * 360);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},25%,82%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},30%,45%)"/>
    </linearGradient></defs>
    <rect width="800" height="600" fill="url(#g)"/>
    <rect x="0" y="${380 + Math.floor(r() * 60)}" width="800" height="220" fill="hsl(${(hue + 180) % 360},12%,${55 + Math.floor(r() * 20)}%)"/>
    <rect x="${150 + Math.floor(r() * 300)}" y="${120 + Math.floor(r() * 80)}" width="${120 + Math.floor(r() * 120)}" height="${140 + Math.floor(r() * 100)}"
      rx="14" fill="hsl(${(hue + 90) % 360},10%,${70 + Math.floor(r() * 20)}%)" stroke="#555" stroke-width="4"/>
    <circle cx="${200 + Math.floor(r() * 400)}" cy="${300 + Math.floor(r() * 100)}" r="${20 + Math.floor(r() * 30)}" fill="hsl(${hue},40%,30%)" opacity="0.6"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** A handwritten-looking signature: one flowing stroke plus an underline, as a Canvas export would give (transparent PNG). */
export async function demoSignature(seed: number): Promise<Buffer> {
  const r = prng(seed * 104729 + 3);
  let d = `M${100 + Math.floor(r() * 40)} ${220 + Math.floor(r() * 40)}`;
  for (let i = 0; i < 6; i++) {
    d += ` c${20 + Math.floor(r() * 30)} ${-60 - Math.floor(r() * 80)} ${50 + Math.floor(r() * 30)} ${-60 - Math.floor(r() * 60)} ${70 + Math.floor(r() * 20)} ${-10 + Math.floor(r() * 30)}`;
    d += ` s${-30 - Math.floor(r() * 20)} ${60 + Math.floor(r() * 50)} ${10 + Math.floor(r() * 20)} ${40 + Math.floor(r() * 30)}`;
  }
  const underline = `M${110 + Math.floor(r() * 30)} ${320 + Math.floor(r() * 20)} q220 ${-20 - Math.floor(r() * 20)} ${420 + Math.floor(r() * 60)} ${-10 + Math.floor(r() * 20)}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="750" height="400"><g stroke="#1a1a2e" stroke-width="5" fill="none" stroke-linecap="round" stroke-linejoin="round"><path d="${d}"/><path d="${underline}"/></g></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
