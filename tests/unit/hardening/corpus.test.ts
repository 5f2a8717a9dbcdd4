import { describe, expect, it } from 'vitest';
import { HOSTILE_SMALL, HOSTILE_STRINGS, type HostileKind } from '../../fixtures/hostile/strings';

describe('hostile-string corpus', () => {
  it('has unique labels usable as test and file names', () => {
    const labels = HOSTILE_STRINGS.map((h) => h.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const label of labels) expect(label).toMatch(/^[a-z0-9-]+$/);
  });

  it('covers every class the hardening issue lists', () => {
    const kinds = new Set(HOSTILE_STRINGS.map((h) => h.kind));
    const listed: HostileKind[] = [
      'markup',
      'url',
      'css',
      'bidi',
      'invisible',
      'huge',
      'surrogate',
      'template',
      'prototype',
      'formula',
      'csv',
      'control',
      'script',
      'misc',
    ];
    expect([...kinds].sort()).toEqual([...listed].sort());
    const values = HOSTILE_STRINGS.map((h) => h.value);
    expect(values.some((v) => v.length >= 100 * 1024)).toBe(true);
    expect(values.some((v) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(v))).toBe(true);
    expect(values.some((v) => v.includes('\u202E'))).toBe(true);
    expect(values.some((v) => v.includes('\u0000'))).toBe(true);
    expect(values).toEqual(
      expect.arrayContaining([
        '__proto__',
        'constructor',
        'prototype',
        '{{ask:x}}',
        '=HYPERLINK("http://x","y")',
        '＝1+1',
      ]),
    );
    expect(HOSTILE_SMALL.every((h) => h.value.length <= 4096)).toBe(true);
  });
});
