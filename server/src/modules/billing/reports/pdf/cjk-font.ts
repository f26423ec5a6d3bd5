import { HttpStatus } from '@nestjs/common';
import { existsSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { ErrorCode } from '@app/shared';
import { DomainException } from '../../../../common/domain.exception';

/** A font file with Chinese glyphs, and the face inside it (collections .ttc hold several). */
export interface CjkFont {
  path: string;
  /** PostScript name of the face for pdfkit; null for single-face files. */
  face: string | null;
}

/**
 * Where distributions put fonts with Chinese glyphs (Debian/Ubuntu fonts-wqy-*, fonts-noto-cjk, RHEL
 * google-noto-sans-cjk, Alpine font-noto-cjk, macOS PingFang/STHeiti, Windows 微软雅黑 / 宋体).
 */
export const SYSTEM_CJK_FONTS = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/wqy-microhei/wqy-microhei.ttc',
  '/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
  '/System/Library/Fonts/PingFang.ttc',
  '/System/Library/Fonts/STHeiti Light.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
  'C:\\Windows\\Fonts\\simsun.ttc',
];

/** 物 (U+7269) and 业 (U+4E1A): a font that lacks them would print empty boxes on every bill. */
const PROBE = [0x7269, 0x4e1a];

function open(path: string): CjkFont | null {
  try {
    const opened = fontkit.openSync(path);
    const faces = 'fonts' in opened ? opened.fonts : [opened];
    const face = faces.find((f) => PROBE.every((cp) => f.hasGlyphForCodePoint(cp)));
    if (!face) return null;
    return { path, face: 'fonts' in opened ? face.postscriptName : null };
  } catch {
    return null;
  }
}

const cache = new Map<string, CjkFont | null>();

/**
 * The configured font (PDF_FONT) or the first system font with Chinese glyphs. A configured font that is
 * missing or has no Chinese glyphs is not silently replaced: the operator asked for it, so the answer says so.
 * Without any, PDFs answer 503 with a message the console shows as is.
 */
export function resolveCjkFont(configured: string | null, candidates: readonly string[] = SYSTEM_CJK_FONTS): CjkFont {
  const key = `${configured ?? ''}|${candidates.join('|')}`;
  if (!cache.has(key)) {
    const found = configured
      ? open(configured)
      : (candidates
          .filter((p) => existsSync(p))
          .map(open)
          .find((f) => f !== null) ?? null);
    cache.set(key, found);
  }
  const font = cache.get(key);
  if (font) return font;
  throw new DomainException(
    ErrorCode.PdfFontMissing,
    configured
      ? `服务器配置的中文字体（PDF_FONT）无法使用或不含中文字形，暂时无法生成 PDF，请联系系统管理员`
      : '服务器未安装中文字体，暂时无法生成 PDF，请联系系统管理员安装（如 fonts-wqy-microhei）或设置 PDF_FONT',
    HttpStatus.SERVICE_UNAVAILABLE,
  );
}
