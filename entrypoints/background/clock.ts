import { browser } from 'wxt/browser';

/**
 * "Now" for reminders. In the demo/test build only (`import.meta.env.MODE === 'demo'`), an
 * offset in `browser.storage.local` under {@link TEST_CLOCK_KEY} (milliseconds, may be negative)
 * moves the clock, so end-to-end tests can make a reminder come due without waiting:
 *
 *   await chrome.storage.local.set({ testClockOffsetMs: 10 * 60_000 });   // ten minutes later
 *
 * Setting it also runs the reminder check at once (see reminders.ts). The store build compiles
 * this away: there `clockNow()` is `Date.now()`.
 */
export const TEST_CLOCK_KEY = 'testClockOffsetMs';

export const TEST_CLOCK_ENABLED = import.meta.env.MODE === 'demo';

export async function clockOffset(): Promise<number> {
  if (!TEST_CLOCK_ENABLED) return 0;
  const stored = await browser.storage.local.get(TEST_CLOCK_KEY);
  const value: unknown = stored[TEST_CLOCK_KEY];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export async function clockNow(): Promise<number> {
  return Date.now() + (await clockOffset());
}

/** Calls `onChange` when a test moves the clock (demo build only). */
export function watchTestClock(onChange: () => void): void {
  if (!TEST_CLOCK_ENABLED) return;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && TEST_CLOCK_KEY in changes) onChange();
  });
}
