import {
  ConsoleToHubSchema,
  HubToConsoleSchema,
  HubToSidebarSchema,
  PORT_CONSOLE,
  PORT_SIDEBAR,
  SidebarToHubSchema,
  type ConsoleState,
  type HubToConsole,
  type HubToSidebar,
} from '@/lib/schemas/messages';
import type { SidebarRequest } from '@/lib/schemas/sidebar-rpc';

/** The slice of `runtime.Port` the hub uses, so tests can pass plain objects. */
export interface HubPort {
  name: string;
  sender?: { id?: string; url?: string; frameId?: number; tab?: { id?: number } };
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(cb: (message: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
}

interface TabLink {
  console?: HubPort;
  sidebars: Set<HubPort>;
  state: ConsoleState | null;
}

export interface Hub {
  connect(port: HubPort): void;
  /** Forward a keyboard command to the console of a tab. */
  toConsole(tabId: number, message: HubToConsole): boolean;
  toSidebars(tabId: number, message: HubToSidebar): void;
  /** Tell every sidebar that data changed. */
  broadcastChanged(): void;
  tabs(): number[];
}

/**
 * Pairs each console tab's content script with the sidebar page shown in that tab and relays
 * between them. Both sides reconnect when the service worker restarts, and the content script
 * re-sends its state on connect, so the hub keeps nothing that cannot be rebuilt.
 */
export function createHub(opts: {
  extensionId: string;
  extensionOrigin: string;
  /** Answers a sidebar's data request (the sidebar cannot open the database itself). */
  answer?: (request: SidebarRequest) => Promise<unknown>;
  log?: (msg: string) => void;
}): Hub {
  const links = new Map<number, TabLink>();
  const log = opts.log ?? (() => {});
  const link = (tabId: number) => {
    let l = links.get(tabId);
    if (!l) links.set(tabId, (l = { sidebars: new Set(), state: null }));
    return l;
  };
  /** Our own page: the extension's origin, or the per-session dynamic origin of web-accessible pages. */
  const isExtensionUrl = (url: string | undefined) => {
    if (!url) return false;
    if (url.startsWith(`${opts.extensionOrigin}/`)) return true;
    try {
      const u = new URL(url);
      // A dynamic id is a bare token (no dots), under the same extension scheme.
      return u.protocol === new URL(opts.extensionOrigin).protocol && /^[a-z0-9-]+$/.test(u.host);
    } catch {
      return false;
    }
  };
  const isSidebarUrl = (url: string | undefined) => isExtensionUrl(url) && new URL(url!).pathname === '/sidebar.html';

  const post = (port: HubPort, message: unknown) => {
    try {
      port.postMessage(message);
    } catch {
      // The other side went away between our check and the post; its disconnect handler cleans up.
    }
  };

  function acceptConsole(port: HubPort, tabId: number) {
    const l = link(tabId);
    if (l.console && l.console !== port) l.console.disconnect();
    l.console = port;
    port.onMessage.addListener((raw) => {
      const parsed = ConsoleToHubSchema.safeParse(raw);
      if (!parsed.success) return log(`rejected console message from tab ${tabId}`);
      const msg = parsed.data;
      if (msg.type === 'state') {
        l.state = msg.state;
        for (const s of l.sidebars) post(s, { type: 'state', state: msg.state } satisfies HubToSidebar);
      } else if (msg.type === 'insertResult') {
        for (const s of l.sidebars) post(s, { type: 'insertResult', result: msg.result } satisfies HubToSidebar);
      } else if (msg.type === 'shortcut') {
        // A shortcut typed in the console's input: the sidebar has the templates and the buyer.
        for (const s of l.sidebars) post(s, { type: 'shortcut', request: msg.request } satisfies HubToSidebar);
      } else {
        for (const s of l.sidebars) post(s, { type: 'layout', layout: msg.layout } satisfies HubToSidebar);
      }
    });
    port.onDisconnect.addListener(() => {
      if (l.console !== port) return;
      l.console = undefined;
      l.state = null;
      for (const s of l.sidebars) post(s, { type: 'state', state: null } satisfies HubToSidebar);
    });
  }

  function acceptSidebar(port: HubPort, tabId: number) {
    const l = link(tabId);
    l.sidebars.add(port);
    post(port, { type: 'state', state: l.state } satisfies HubToSidebar);
    port.onMessage.addListener((raw) => {
      const parsed = SidebarToHubSchema.safeParse(raw);
      if (!parsed.success) return log(`rejected sidebar message from tab ${tabId}`);
      const msg = parsed.data;
      if (msg.type === 'rpc') {
        const answer = opts.answer ?? (() => Promise.reject(new Error('no data service')));
        answer(msg.request).then(
          (value) => post(port, { type: 'rpcResult', id: msg.id, ok: true, value } satisfies HubToSidebar),
          (error: unknown) => post(port, { type: 'rpcResult', id: msg.id, ok: false, error: String(error instanceof Error ? error.message : error).slice(0, 2000) } satisfies HubToSidebar),
        );
        return;
      }
      const out: HubToConsole =
        msg.type === 'insert'
          ? { type: 'insert', request: msg.request }
          : msg.type === 'shortcuts'
            ? { type: 'shortcuts', shortcuts: msg.shortcuts }
            : msg.type === 'shortcutAnswer'
              ? { type: 'shortcutAnswer', answer: msg.answer }
              : { type: 'setLayout', layout: msg.layout };
      if (!l.console) {
        if (msg.type === 'insert')
          post(port, { type: 'insertResult', result: { requestId: msg.request.requestId, ok: false, reason: 'no_console' } });
        return;
      }
      post(l.console, out);
    });
    port.onDisconnect.addListener(() => l.sidebars.delete(port));
  }

  return {
    connect(port) {
      const sender = port.sender;
      const tabId = sender?.tab?.id;
      // Trust the browser-set extension id and tab; the URL only tells our own page from a content script.
      if (!sender || sender.id !== opts.extensionId || tabId === undefined || tabId < 0) {
        log(`rejected port ${port.name}: not from this extension's tab contexts`);
        port.disconnect();
        return;
      }
      const fromExtensionPage = isExtensionUrl(sender.url);
      if (port.name === PORT_CONSOLE && !fromExtensionPage && sender.frameId === 0) acceptConsole(port, tabId);
      else if (port.name === PORT_SIDEBAR && isSidebarUrl(sender.url)) acceptSidebar(port, tabId);
      else {
        log(`rejected port ${port.name} from ${sender.url ?? 'unknown'}`);
        port.disconnect();
      }
    },
    toConsole(tabId, message) {
      const c = links.get(tabId)?.console;
      if (!c) return false;
      post(c, HubToConsoleSchema.parse(message));
      return true;
    },
    toSidebars(tabId, message) {
      for (const s of links.get(tabId)?.sidebars ?? []) post(s, HubToSidebarSchema.parse(message));
    },
    broadcastChanged() {
      for (const l of links.values()) for (const s of l.sidebars) post(s, { type: 'changed' } satisfies HubToSidebar);
    },
    tabs: () => [...links.keys()],
  };
}
