// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { watchConsole } from './watcher';

const ctx = {
  setTimeout: (fn: () => void, ms: number) => window.setTimeout(fn, ms),
  setInterval: (fn: () => void, ms: number) => window.setInterval(fn, ms),
  onInvalidated: () => () => {},
} as unknown as ContentScriptContext;

/** Let MutationObserver callbacks (microtasks) run, then advance the clock. */
async function after(ms: number) {
  await Promise.resolve();
  await vi.advanceTimersByTimeAsync(ms);
}

describe('following the console page', () => {
  let reads: number;
  let stop: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    document.body.replaceChildren();
    reads = 0;
    stop = watchConsole(
      ctx,
      () => reads++,
      (node) => node.nodeName === 'HUITOUKE-SIDEBAR',
    );
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('reads a single change (a conversation switch) in the next task, without waiting for quiet', async () => {
    document.body.append(document.createElement('div'));
    await after(1);
    expect(reads).toBe(1);
  });

  it('during a long burst reads at its start and at most every 120 ms, and the last read sees the end state', async () => {
    stop();
    const seen: number[] = [];
    stop = watchConsole(
      ctx,
      () => seen.push(document.body.children.length),
      () => false,
    );
    for (let i = 0; i < 37; i++) {
      document.body.append(document.createElement('p'));
      await after(10);
    }
    const during = seen.length;
    await after(1000);
    // 370 ms of changes every 10 ms: a read at once, then never more than one per 120 ms.
    expect(seen[0]).toBe(1);
    expect(during).toBeGreaterThanOrEqual(3);
    expect(seen.length).toBeLessThanOrEqual(5);
    expect(seen.at(-1)).toBe(37);
  });

  it('takes 10,000 changes in one task as one read', async () => {
    for (let i = 0; i < 5000; i++) document.body.append(document.createElement('li'));
    for (const li of document.querySelectorAll('li')) li.className = 'x';
    await after(500);
    expect(reads).toBe(1);
  });

  it('ignores its own sidebar element, and stops when told to', async () => {
    document.body.append(document.createElement('huitouke-sidebar'));
    await after(100);
    expect(reads).toBe(0);
    stop();
    document.body.append(document.createElement('div'));
    await after(100);
    expect(reads).toBe(0);
  });

  it('follows same-document navigation', async () => {
    window.dispatchEvent(new PopStateEvent('popstate'));
    await after(1);
    expect(reads).toBe(1);
  });
});
