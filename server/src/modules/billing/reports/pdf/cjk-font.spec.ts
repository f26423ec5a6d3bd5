import { existsSync } from 'node:fs';
import { ErrorCode } from '@app/shared';
import { DomainException } from '../../../../common/domain.exception';
import { resolveCjkFont, SYSTEM_CJK_FONTS } from './cjk-font';

const WQY = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

describe('resolveCjkFont', () => {
  it('answers 503 with an install hint when no system font has Chinese glyphs', () => {
    const error = (() => {
      try {
        resolveCjkFont(null, ['/nonexistent/a.ttc', __filename]);
      } catch (e) {
        return e as DomainException;
      }
      throw new Error('expected a refusal');
    })();
    expect(error.getStatus()).toBe(503);
    expect(error.getResponse()).toMatchObject({
      code: ErrorCode.PdfFontMissing,
      message: expect.stringContaining('fonts-wqy-microhei'),
    });
  });

  it('never falls back from a configured font that cannot print Chinese', () => {
    expect(() => resolveCjkFont('/nonexistent/font.ttf')).toThrow(/PDF_FONT/);
  });

  (existsSync(WQY) ? it : it.skip)('picks the Chinese face of a collection (.ttc) by its PostScript name', () => {
    expect(resolveCjkFont(null, ['/nonexistent/a.ttc', WQY])).toEqual({ path: WQY, face: 'WenQuanYiMicroHei' });
    expect(resolveCjkFont(WQY)).toEqual({ path: WQY, face: 'WenQuanYiMicroHei' });
    expect(SYSTEM_CJK_FONTS).toContain(WQY);
  });
});
