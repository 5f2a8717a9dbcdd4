// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary';
import { LocaleProvider } from './i18n';

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  vi.spyOn(console, 'error').mockImplementation(() => {});
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.restoreAllMocks();
});

let mounts = 0;
function Flaky({ fail }: { fail: { now: boolean } }) {
  mounts++;
  if (fail.now) throw new TypeError("Cannot read properties of undefined (reading 'level')");
  return <p data-testid="flaky">ok</p>;
}

describe('ErrorBoundary', () => {
  it('copies the error details for a report, and 重试 mounts the panel afresh', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const fail = { now: true };
    await act(async () =>
      root.render(
        <LocaleProvider locale="zh-CN">
          <ErrorBoundary name="eb_panel_buyer">
            <Flaky fail={fail} />
          </ErrorBoundary>
          <p data-testid="sibling">still here</p>
        </LocaleProvider>,
      ),
    );
    expect(container.querySelector('[data-testid="sibling"]')).not.toBeNull();
    expect(container.querySelector('[data-testid="error-boundary"]')!.textContent).toContain('“买家信息”出错了');

    await act(async () => (container.querySelector('[data-testid="error-copy"]') as HTMLButtonElement).click());
    expect(writeText).toHaveBeenCalledTimes(1);
    const details = (writeText.mock.calls[0] as unknown as [string])[0];
    expect(details).toContain("TypeError: Cannot read properties of undefined (reading 'level')");
    expect(details).toContain('Flaky');
    expect(container.textContent).toContain('已复制');

    fail.now = false;
    const before = mounts;
    await act(async () => (container.querySelector('[data-testid="error-retry"]') as HTMLButtonElement).click());
    expect(mounts).toBeGreaterThan(before);
    expect(container.querySelector('[data-testid="flaky"]')?.textContent).toBe('ok');
  });

  it('shows the details to select by hand when the clipboard refuses', async () => {
    Object.defineProperty(navigator, 'clipboard', {
      value: {
        writeText: vi.fn(async () => {
          throw new Error('denied');
        }),
      },
      configurable: true,
    });
    await act(async () =>
      root.render(
        <LocaleProvider locale="en">
          <ErrorBoundary name="eb_panel_notes">
            <Flaky fail={{ now: true }} />
          </ErrorBoundary>
        </LocaleProvider>,
      ),
    );
    await act(async () => (container.querySelector('[data-testid="error-copy"]') as HTMLButtonElement).click());
    expect(container.textContent).toContain('Could not copy; select the text below instead');
    expect(container.querySelector('details')!.open).toBe(true);
  });
});
