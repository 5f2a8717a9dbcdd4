import { describe, expect, it } from 'vitest';
import { BROWSER_IMPORT_MAX_BYTES, browserImportTooBig, sizeLabel } from './limits';

describe('browserImportTooBig', () => {
  it('lets a run up to the limit through and refuses one above it, counting every file chosen together', () => {
    expect(browserImportTooBig([424_285_975])).toBeNull();
    expect(browserImportTooBig([BROWSER_IMPORT_MAX_BYTES])).toBeNull();
    expect(browserImportTooBig([300 * 1024 * 1024, 300 * 1024 * 1024])).toEqual({
      total: 600 * 1024 * 1024,
      limit: BROWSER_IMPORT_MAX_BYTES,
    });
    expect(browserImportTooBig([4_242_859_750])).toMatchObject({ total: 4_242_859_750 });
  });

  it('says sizes the way the page shows them', () => {
    expect(sizeLabel(BROWSER_IMPORT_MAX_BYTES)).toBe('512 MB');
    expect(sizeLabel(4_242_859_750)).toBe('4.0 GB');
  });
});
