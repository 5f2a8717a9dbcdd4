// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocaleProvider, useT } from './i18n';

beforeEach(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  document.documentElement.lang = 'zh-CN';
});
afterEach(() => {
  document.body.replaceChildren();
});

function Title() {
  const t = useT();
  return <h1>{t('op_buyers_title')}</h1>;
}

describe('LocaleProvider', () => {
  it('sets <html lang> to the chosen UI language, and follows a change', async () => {
    const container = document.body.appendChild(document.createElement('div'));
    const root = createRoot(container);
    await act(async () =>
      root.render(
        <LocaleProvider locale="en">
          <Title />
        </LocaleProvider>,
      ),
    );
    expect(document.documentElement.lang).toBe('en');
    expect(container.textContent).toBe('Buyers');
    await act(async () =>
      root.render(
        <LocaleProvider locale="zh-CN">
          <Title />
        </LocaleProvider>,
      ),
    );
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(container.textContent).toBe('买家');
    act(() => root.unmount());
  });
});
