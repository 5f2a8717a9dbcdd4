import { browser } from 'wxt/browser';
import { CONSOLE_MATCHES } from '@/lib/consoles/matches';
import type { ConsoleAdapter } from '@/lib/consoles/schema';
import { healthParts, partsToTeach } from '@/lib/consoles/parts';
import { CONSOLE_REPAIRS_KEY, CUSTOM_CONSOLES_KEY, readStoredRepairs, storedAdapters } from '@/lib/consoles/stored';
import { findAdapter } from '@/lib/consoles/url';
import type { Layout, PickerSaveAnswer, TeachRequest } from '@/lib/schemas/messages';
import { parseLayout, parseTeach } from './guards';
import { startPicker, type Picker, type PickerSave } from './picker';
import { startSession, type Session } from './session';
import { onNavigation } from './watcher';

const LAYOUT_KEY = 'sidebarLayout';
const DEFAULT_LAYOUT: Layout = { collapsed: false, width: 360 };
/** Set in the content scripts' isolated world, which the page cannot see or write. */
const LOADED_FLAG = '__huitoukeConsole';

// Deliberately small (no zod, no UI catalogue): this script loads with every console page.
export default defineContentScript({
  // The manifest hook in wxt.config.ts sets the real list (plus the demo console in the demo build);
  // custom consoles are registered at run time by the background (custom-consoles.ts).
  matches: [...CONSOLE_MATCHES],
  runAt: 'document_idle',
  async main(ctx) {
    // A custom console registered for a site the manifest also matches injects a second copy.
    const scope = globalThis as Record<string, unknown>;
    if (scope[LOADED_FLAG]) return;
    scope[LOADED_FLAG] = true;
    ctx.onInvalidated(() => delete scope[LOADED_FLAG]);

    const stored = await browser.storage.local.get([LAYOUT_KEY, CUSTOM_CONSOLES_KEY, CONSOLE_REPAIRS_KEY]);
    if (ctx.isInvalid) return;
    // A supervisor's custom console for a site wins over the built-in adapter for it; a repair
    // (parts of a built-in pointed at again) is laid over that built-in.
    let adapters = storedAdapters(stored[CUSTOM_CONSOLES_KEY], stored[CONSOLE_REPAIRS_KEY]);
    let repairs = readStoredRepairs(stored[CONSOLE_REPAIRS_KEY]);
    let layout = parseLayout(stored[LAYOUT_KEY]) ?? DEFAULT_LAYOUT;
    const label = browser.i18n.getMessage('extName') || '回头客';
    let session: Session | null = null;
    let sessionKey = '';
    const keyOf = (adapter: ConsoleAdapter | undefined) => (adapter ? JSON.stringify(adapter) : '');

    // Single-page consoles move between their chat and other pages without a page load: the
    // sidebar comes when the address becomes a console and goes when it stops being one.
    const follow = () => {
      const adapter = findAdapter(location.href, adapters);
      const key = keyOf(adapter);
      if (key === sessionKey) return;
      sessionKey = key;
      session?.stop();
      session = adapter
        ? startSession({
            ctx,
            adapter,
            sidebarUrl: browser.runtime.getURL('/sidebar.html'),
            label,
            layout,
            saveLayout(next) {
              layout = next;
              void browser.storage.local.set({ [LAYOUT_KEY]: next });
            },
            onNavigate: follow,
            repaired: repairs.find((r) => r.id === adapter.id)?.parts ?? [],
            onTeach: (request, missing) => teach(request, adapter, missing),
          })
        : null;
    };

    // The picker (issue 20): one at a time, for the open console (a repair) or the page as a new one.
    let picker: Picker | null = null;
    const save = async (result: PickerSave): Promise<PickerSaveAnswer> => {
      const message =
        result.kind === 'new'
          ? { type: 'saveTaughtConsole', adapter: result.adapter }
          : { type: 'saveConsoleRepair', id: result.id, parts: result.parts, selectors: result.selectors };
      const answer = (await browser.runtime.sendMessage(message)) as PickerSaveAnswer | undefined;
      return answer && (typeof answer.error === 'string' || answer.error === null) ? answer : { error: 'no answer' };
    };
    const teach = (request: TeachRequest, adapter: ConsoleAdapter | undefined, missing: readonly string[]) => {
      picker?.stop();
      const repair = request.mode === 'repair' && adapter ? adapter : undefined;
      const broken = partsToTeach(healthParts(missing));
      picker = startPicker({
        locale: request.locale,
        ...(repair ? { adapter: repair, parts: broken } : {}),
        save,
        onClose: () => {
          picker = null;
        },
      });
    };
    ctx.onInvalidated(() => picker?.stop());
    // The popup opens the picker on this tab (for a site no console matches, after access was granted).
    const onRuntimeMessage = (raw: unknown, sender: { id?: string; tab?: unknown }) => {
      if (sender.id !== browser.runtime.id || sender.tab) return undefined;
      const request = parseTeach(raw);
      if (!request) return undefined;
      const adapter = findAdapter(location.href, adapters);
      teach(request, request.mode === 'repair' ? adapter : undefined, []);
      return Promise.resolve(true);
    };
    browser.runtime.onMessage.addListener(onRuntimeMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onRuntimeMessage));
    follow();
    onNavigation(ctx, follow);
    // A console taught or repaired (in this tab, another, or the options page) applies at once.
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local' || !(CUSTOM_CONSOLES_KEY in changes || CONSOLE_REPAIRS_KEY in changes)) return;
      void browser.storage.local.get([CUSTOM_CONSOLES_KEY, CONSOLE_REPAIRS_KEY]).then((now) => {
        if (ctx.isInvalid) return;
        adapters = storedAdapters(now[CUSTOM_CONSOLES_KEY], now[CONSOLE_REPAIRS_KEY]);
        repairs = readStoredRepairs(now[CONSOLE_REPAIRS_KEY]);
        follow();
      });
    };
    browser.storage.onChanged.addListener(onStorage);
    ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onStorage));
  },
});
