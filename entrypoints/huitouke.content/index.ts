import { browser } from 'wxt/browser';
import { CONSOLE_MATCHES } from '@/lib/consoles/matches';
import { BUILT_IN_ADAPTERS, findAdapter, parseCustomConsoles, type ConsoleAdapter } from '@/lib/consoles';
import { translate } from '@/lib/i18n';
import { LayoutSchema, type ConsoleState, type HubToConsole, type Layout } from '@/lib/schemas/messages';
import { mountSidebarHost } from './host';
import { insertText } from './insert';
import { connectHub } from './link';
import { readConsole } from './reader';
import { watchConsole } from './watcher';

const LAYOUT_KEY = 'sidebarLayout';
const CUSTOM_CONSOLES_KEY = 'customConsoles';
const DEFAULT_LAYOUT: Layout = { collapsed: false, width: 360 };
/** A console whose page never shows its "ready" marker is reported as changed after this long. */
const READY_GRACE_MS = 8000;
const MAX_MESSAGES = 60;

export default defineContentScript({
  // The manifest hook in wxt.config.ts sets the real list (plus the demo console in the demo build).
  matches: [...CONSOLE_MATCHES],
  runAt: 'document_idle',
  async main(ctx) {
    const stored = await browser.storage.local.get([LAYOUT_KEY, CUSTOM_CONSOLES_KEY]);
    // A supervisor's custom console for a site wins over the built-in adapter for it.
    const adapters: ConsoleAdapter[] = [...parseCustomConsoles(stored[CUSTOM_CONSOLES_KEY]), ...BUILT_IN_ADAPTERS];
    const adapter = findAdapter(location.href, adapters);
    if (!adapter || ctx.isInvalid) return;

    const parsedLayout = LayoutSchema.safeParse(stored[LAYOUT_KEY]);
    let layout: Layout = parsedLayout.success ? parsedLayout.data : DEFAULT_LAYOUT;
    const startedAt = performance.now();
    let lastSent = '';

    const host = mountSidebarHost({
      src: browser.runtime.getURL('/sidebar.html'),
      layout,
      expandLabel: translate('zh-CN', 'extName'),
      onLayoutChange(next) {
        layout = next;
        void browser.storage.local.set({ [LAYOUT_KEY]: next });
        link.send({ type: 'layout', layout: next });
      },
    });
    ctx.onInvalidated(() => host.destroy());

    const currentState = (): ConsoleState => {
      const base = { consoleId: adapter.id, consoleName: adapter.name.zh, url: location.href };
      const reading = readConsole(document, adapter);
      if (reading.status === 'ok') {
        return { ...base, status: 'ok', buyer: reading.buyer, messages: reading.messages.slice(-MAX_MESSAGES), inputFound: reading.inputFound };
      }
      if (reading.status === 'loading' && performance.now() - startedAt < READY_GRACE_MS) return { ...base, status: 'loading' };
      return { ...base, status: 'not_recognised', missing: reading.status === 'loading' ? ['ready'] : reading.missing };
    };

    const publish = () => {
      const state = currentState();
      const key = JSON.stringify(state);
      if (key === lastSent) return;
      lastSent = key;
      link.send({ type: 'state', state });
    };

    const onHubMessage = (message: HubToConsole) => {
      switch (message.type) {
        case 'insert': {
          const input = adapter.selectors.input ? document.querySelector<HTMLElement>(adapter.selectors.input) : null;
          const result = input
            ? insertText(input, message.request.text, { cursorOffset: message.request.cursorOffset, kind: adapter.selectors.inputKind })
            : { ok: false as const, reason: 'input_not_found' };
          link.send({
            type: 'insertResult',
            result: { requestId: message.request.requestId, ok: result.ok, ...(result.ok ? {} : { reason: result.reason }) },
          });
          break;
        }
        case 'toggle':
          layout = { ...layout, collapsed: !layout.collapsed };
          host.setLayout(layout);
          void browser.storage.local.set({ [LAYOUT_KEY]: layout });
          break;
        case 'setLayout':
          layout = { ...layout, ...message.layout };
          host.setLayout(layout);
          void browser.storage.local.set({ [LAYOUT_KEY]: layout });
          break;
        case 'resend':
          lastSent = '';
          publish();
          break;
      }
    };

    const link = connectHub(ctx, onHubMessage, () => {
      lastSent = '';
      publish();
    });

    const isOwn = (node: Node) => node.nodeName === 'HUITOUKE-SIDEBAR' || (node instanceof HTMLStyleElement && node.dataset.huitouke === 'dock');
    watchConsole(ctx, publish, isOwn);
    // A console that is still loading gets one more look when the grace period ends.
    ctx.setTimeout(publish, READY_GRACE_MS + 50);
  },
});
