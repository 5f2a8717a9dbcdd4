// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SidebarApp } from './SidebarApp';
import type { HubApi } from './useHub';

/**
 * The sidebar's panels each sit in their own error boundary: one that throws says so, in the
 * agent's language, the others keep showing, and 重试 mounts it again. The panels are stand-ins
 * here (their own tests cover them); what is tested is SidebarApp's wiring.
 */
const broken = vi.hoisted(() => ({ concerns: true }));
vi.mock('./BuyerCard', () => ({
  BuyerCard: () => <div data-testid="stub-buyer">buyer card</div>,
  platformName: (p: string) => p,
}));
vi.mock('./SuggestionsPanel', () => ({
  SuggestionsPanel: () => <div data-testid="stub-suggestions">suggestions</div>,
}));
vi.mock('./RemindersPanel', () => ({ RemindersPanel: () => <div data-testid="stub-reminders">reminders</div> }));
vi.mock('./NotesPanel', () => ({ NotesPanel: () => <div data-testid="stub-notes">notes</div> }));
vi.mock('./ConcernsPanel', () => ({
  ConcernsPanel: () => {
    if (broken.concerns) throw new Error('concerns exploded');
    return <div data-testid="stub-concerns">concerns</div>;
  },
}));
vi.mock('./SuggestionsModel', () => ({ useSuggestionFacts: () => ({ facts: {}, concernNames: {} }) }));

const settings = vi.hoisted(() => ({ value: {} as Record<string, unknown> }));
vi.mock('./useHub', async () => {
  const { DEFAULT_APP_SETTINGS } = await import('@/lib/settings/app');
  const hub: Partial<HubApi> = {
    status: 'connected' as HubApi['status'],
    state: {
      status: 'ok',
      consoleId: 'demo',
      consoleName: 'Demo',
      url: 'http://127.0.0.1/',
      buyer: { platform: 'taobao', id: 'tb_1', nick: '小鹿' },
      messages: [],
      inputFound: true,
    } as unknown as HubApi['state'],
    layout: null,
    focusTick: 0,
    viewError: null,
    now: () => Date.now(),
    send: () => {},
    rpc: (() => new Promise(() => {})) as HubApi['rpc'],
  };
  // The view the background pushes: settings, and a buyer not in the data.
  return {
    useHub: () => ({
      ...hub,
      view: {
        now: Date.now(),
        today: '2026-01-01',
        settings: { ...DEFAULT_APP_SETTINGS, ...settings.value },
        taxonomy: undefined,
        conversation: {
          for: { platform: 'taobao', id: 'tb_1', nick: '小鹿' },
          buyerId: 'taobao:tb_1',
          lookup: { buyer: null, profile: null, orders: [], match: null, anyData: true },
        },
      } as unknown as HubApi['view'],
    }),
  };
});

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

const byTestId = (id: string) => container.querySelector(`[data-testid="${id}"]`);

async function renderSidebar() {
  await act(async () => root.render(<SidebarApp />));
  // Let the settings and buyer queries answer.
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

describe('error boundaries in the sidebar', () => {
  it('a throwing panel shows the boundary message while the others render, and 重试 recovers it', async () => {
    broken.concerns = true;
    settings.value = {};
    await renderSidebar();
    for (const id of ['stub-buyer', 'stub-suggestions', 'stub-reminders', 'stub-notes'])
      expect(byTestId(id), id).not.toBeNull();
    expect(byTestId('stub-concerns')).toBeNull();
    const boundary = byTestId('error-boundary')!;
    expect(boundary.getAttribute('data-panel')).toBe('eb_panel_concerns');
    expect(boundary.textContent).toContain('“关注点”出错了，其他部分不受影响。');
    expect(boundary.textContent).toContain('concerns exploded');
    expect(container.querySelectorAll('[data-testid="error-boundary"]')).toHaveLength(1);

    broken.concerns = false;
    await act(async () => (byTestId('error-retry') as HTMLButtonElement).click());
    expect(byTestId('error-boundary')).toBeNull();
    expect(byTestId('stub-concerns')?.textContent).toBe('concerns');
    expect(byTestId('stub-notes')).not.toBeNull();
  });

  it('speaks the agent language (English) and the panels render with a time zone that is not a zone', async () => {
    broken.concerns = true;
    settings.value = { uiLocale: 'en', timeZone: 'Asia/Shanghia' };
    await renderSidebar();
    expect(byTestId('stub-buyer')).not.toBeNull();
    expect(byTestId('error-boundary')!.textContent).toContain('"Concerns" ran into an error; the rest keeps working.');
    expect(byTestId('error-retry')!.textContent).toBe('Retry');
  });
});
