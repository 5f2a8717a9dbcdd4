// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { LOCATION_CHECK_MS, onNavigation } from './watcher';

const ctx = {
  setInterval: (fn: () => void, ms: number) => window.setInterval(fn, ms),
  onInvalidated: () => () => {},
} as unknown as ContentScriptContext;

describe('following same-document navigation', () => {
  let calls: number;
  let stop: () => void = () => {};
  beforeEach(() => {
    vi.useFakeTimers();
    calls = 0;
    history.replaceState(null, '', '/chat');
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
    delete (window as { navigation?: unknown }).navigation;
  });

  it('without the Navigation API (jsdom, Firefox before it), sees history.pushState by comparing the URL', async () => {
    expect('navigation' in window).toBe(false);
    stop = onNavigation(ctx, () => calls++);
    await vi.advanceTimersByTimeAsync(LOCATION_CHECK_MS * 3);
    expect(calls).toBe(0);
    history.pushState(null, '', '/chat?buyer=tb_2');
    await vi.advanceTimersByTimeAsync(LOCATION_CHECK_MS);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(LOCATION_CHECK_MS * 3);
    expect(calls).toBe(1);
    stop();
    history.pushState(null, '', '/chat?buyer=tb_3');
    await vi.advanceTimersByTimeAsync(LOCATION_CHECK_MS * 2);
    expect(calls).toBe(1);
  });

  it('with the Navigation API, listens to navigatesuccess and does not poll', async () => {
    const navigation = new EventTarget();
    (window as { navigation?: unknown }).navigation = navigation;
    stop = onNavigation(ctx, () => calls++);
    history.pushState(null, '', '/chat?buyer=tb_4');
    await vi.advanceTimersByTimeAsync(LOCATION_CHECK_MS * 2);
    expect(calls).toBe(0);
    navigation.dispatchEvent(new Event('navigatesuccess'));
    expect(calls).toBe(1);
  });

  it('sees back/forward and hash changes either way', () => {
    stop = onNavigation(ctx, () => calls++);
    window.dispatchEvent(new PopStateEvent('popstate'));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(calls).toBe(2);
  });
});
