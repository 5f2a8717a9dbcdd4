import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_ADAPTERS,
  CONSOLE_MATCHES,
  ConsoleAdapterSchema,
  DEMO_MATCHES,
  findAdapter,
  matchesUrl,
} from './index';

describe.each(BUILT_IN_ADAPTERS.map((a) => [a.id, a] as const))('the %s adapter', (id, adapter) => {
  it('is valid under the same schema as custom consoles', () => {
    const parsed = ConsoleAdapterSchema.safeParse(adapter);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it.each(adapter.exampleUrls)('claims its example %s, and no other adapter does', (url) => {
    expect(matchesUrl(adapter, url)).toBe(true);
    for (const other of BUILT_IN_ADAPTERS.filter((a) => a.id !== id))
      expect(matchesUrl(other, url), other.id).toBe(false);
    expect(findAdapter(url, BUILT_IN_ADAPTERS)?.id).toBe(id);
  });

  it.each(adapter.counterExampleUrls ?? [])('leaves the nearby non-console page %s to nobody', (url) => {
    expect(findAdapter(url, BUILT_IN_ADAPTERS)).toBeUndefined();
  });

  it('only uses patterns the manifest grants, so the content script actually loads there', () => {
    const manifest: readonly string[] = id === 'demo' ? DEMO_MATCHES : CONSOLE_MATCHES;
    for (const pattern of adapter.matches) expect(manifest).toContain(pattern);
  });
});

describe('the built-in adapters together', () => {
  it('have distinct ids', () => {
    const ids = BUILT_IN_ADAPTERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('cover every manifest pattern, so no page loads the content script for nothing', () => {
    const used = new Set(BUILT_IN_ADAPTERS.flatMap((a) => a.matches));
    for (const pattern of [...CONSOLE_MATCHES, ...DEMO_MATCHES]) expect(used, pattern).toContain(pattern);
  });

  it('give every Shopee seller site an example', () => {
    const shopee = BUILT_IN_ADAPTERS.find((a) => a.id === 'shopee');
    for (const pattern of shopee?.matches ?? []) {
      expect(
        shopee?.exampleUrls.some((url) => matchesUrl({ matches: [pattern] }, url)),
        pattern,
      ).toBe(true);
    }
  });
});
