import {
  ConsoleToHubSchema,
  HubToConsoleSchema,
  HubToSidebarSchema,
  PORT_CONSOLE,
  PORT_SIDEBAR,
  SidebarToHubSchema,
  type ConsoleState,
  type FrameNonce,
  type HubToConsole,
  type HubToSidebar,
  type SidebarToHub,
} from '@/lib/schemas/messages';
import type { ChangeScope } from '@/lib/db/change-scope';
import type { SidebarAction } from '@/lib/schemas/sidebar-rpc';
import type { SidebarView } from '@/lib/schemas/sidebar-view';
import type { OpenConversation } from '@/lib/reminders/open-conversation';
import type { ConsoleBuyer } from '@/lib/schemas/ids';
import { createSidebarViews, type SidebarViews } from './sidebar-views';

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
  /** The nonce of the sidebar frame the tab's content script made (kept until it registers another). */
  nonce?: FrameNonce;
  /** The frame that first presented that nonce; only it may use it (a frame keeps its id when it reloads). */
  frameId?: number;
  /** Sidebar ports bound to the tab's frame, with the nonce they presented. */
  sidebars: Map<HubPort, FrameNonce>;
  /** Sidebar ports not (yet) bound: after a worker restart a sidebar may say hello before its console re-registers. */
  waiting: Map<HubPort, { nonce?: FrameNonce; queue: SidebarToHub[] }>;
  state: ConsoleState | null;
}

/** Unbound sidebar ports kept per tab (our own frames only ever need one or two). */
const MAX_WAITING = 8;
/** Messages a waiting sidebar may send before it is bound (its first reads). */
const MAX_QUEUED = 64;

export interface Hub {
  connect(port: HubPort): void;
  /** Forward a keyboard command to the console of a tab. */
  toConsole(tabId: number, message: HubToConsole): boolean;
  toSidebars(tabId: number, message: HubToSidebar): void;
  /** Data changed (coalesced; only the views the change touches are computed again). */
  changed(scope: ChangeScope | null): void;
  /** The tabs' views (tests and benches wait on them). */
  views: SidebarViews;
  tabs(): number[];
  /** The last state a tab's content script reported (the popup's health notice). */
  stateOf(tabId: number): ConsoleState | null;
  /** The conversation each console tab shows now (for a reminder's notification). */
  conversations(): OpenConversation[];
}

/**
 * Pairs each console tab's content script with the sidebar page shown in that tab and relays
 * between them. Both sides reconnect when the service worker restarts, and the content script
 * re-sends its frame's nonce and its state on connect, so the hub keeps nothing that cannot be
 * rebuilt.
 *
 * A sidebar port is served (console state, its view, actions, inserts) only once it has presented the
 * nonce that its tab's content script registered for the frame it made: a copy of sidebar.html
 * framed by a page, or opened in a tab of its own, gets nothing.
 */
export function createHub(opts: {
  extensionId: string;
  extensionOrigin: string;
  /** Carries out what the agent did in a sidebar (the sidebar cannot open the database itself). */
  answer?: (request: SidebarAction) => Promise<unknown>;
  /** The view of a tab's open conversation, pushed to its sidebar (the sidebar asks for nothing). */
  view?: (buyer: ConsoleBuyer | null) => Promise<SidebarView>;
  /** Change coalescing (sidebar-views.ts). */
  quietMs?: number;
  intervalMs?: number;
  /** "恢复内置" from a sidebar: drop the stored repair of that built-in console. */
  restoreBuiltIn?: (consoleId: string) => void;
  /** Every console state a tab's content script reports (after it was checked), e.g. its order panel. */
  onState?: (tabId: number, state: ConsoleState) => void;
  log?: (msg: string) => void;
}): Hub {
  const links = new Map<number, TabLink>();
  const log = opts.log ?? (() => {});
  const link = (tabId: number) => {
    let l = links.get(tabId);
    if (!l) links.set(tabId, (l = { sidebars: new Map(), waiting: new Map(), state: null }));
    return l;
  };
  /** Forget a tab nobody is linked from any more. */
  const prune = (tabId: number, l: TabLink) => {
    if (!l.console && l.sidebars.size === 0 && l.waiting.size === 0 && links.get(tabId) === l) {
      links.delete(tabId);
      views.forget(tabId);
    }
  };
  const toBound = (tabId: number, message: HubToSidebar) => {
    for (const s of links.get(tabId)?.sidebars.keys() ?? []) post(s, message);
  };
  const compute = opts.view;
  const views = createSidebarViews({
    compute: compute ?? (() => Promise.reject(new Error('no data service'))),
    push: (tabId, view) => toBound(tabId, { type: 'view', view }),
    fail: (tabId, message) => toBound(tabId, { type: 'viewError', message }),
    wanted: (tabId) => compute !== undefined && (links.get(tabId)?.sidebars.size ?? 0) > 0,
    ...(opts.quietMs === undefined ? {} : { quietMs: opts.quietMs }),
    ...(opts.intervalMs === undefined ? {} : { intervalMs: opts.intervalMs }),
  });
  const buyerOf = (state: ConsoleState | null) => (state?.status === 'ok' ? state.buyer : null);
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
      if (msg.type === 'frame') {
        registerFrame(l, tabId, msg.nonce);
      } else if (msg.type === 'state') {
        l.state = msg.state;
        for (const s of l.sidebars.keys()) post(s, { type: 'state', state: msg.state } satisfies HubToSidebar);
        views.show(tabId, buyerOf(msg.state));
        opts.onState?.(tabId, msg.state);
      } else if (msg.type === 'insertResult') {
        for (const s of l.sidebars.keys()) post(s, { type: 'insertResult', result: msg.result } satisfies HubToSidebar);
      } else if (msg.type === 'shortcut') {
        // A shortcut typed in the console's input: the sidebar has the templates and the buyer.
        for (const s of l.sidebars.keys()) post(s, { type: 'shortcut', request: msg.request } satisfies HubToSidebar);
      } else {
        for (const s of l.sidebars.keys()) post(s, { type: 'layout', layout: msg.layout } satisfies HubToSidebar);
      }
    });
    port.onDisconnect.addListener(() => {
      if (l.console !== port) return;
      l.console = undefined;
      l.state = null;
      for (const s of l.sidebars.keys()) post(s, { type: 'state', state: null } satisfies HubToSidebar);
      views.show(tabId, null);
      prune(tabId, l);
    });
  }

  /** The tab's content script made a sidebar frame with this nonce: bind the ports that present it. */
  function registerFrame(l: TabLink, tabId: number, nonce: FrameNonce) {
    if (l.nonce !== nonce) {
      l.nonce = nonce;
      l.frameId = undefined;
      // Ports of an earlier frame (the content script replaced it) lose their link.
      for (const [s, n] of l.sidebars) if (n !== nonce) refuse(l, tabId, s, 'its frame was replaced');
    }
    for (const [s, w] of l.waiting) if (w.nonce) bindOrRefuse(l, tabId, s, true);
  }

  function refuse(l: TabLink, tabId: number, port: HubPort, why: string) {
    log(`refused sidebar port of tab ${tabId}: ${why}`);
    l.sidebars.delete(port);
    l.waiting.delete(port);
    port.disconnect();
    prune(tabId, l);
  }

  /**
   * A waiting port that said hello: bound if its nonce is the registered one (from the first frame
   * that showed it). Another nonce waits for the console's next registration (a frame the content
   * script just made may say hello before its nonce arrives), which refuses it if it is not that one.
   */
  function bindOrRefuse(l: TabLink, tabId: number, port: HubPort, registering: boolean) {
    const w = l.waiting.get(port);
    // Nothing registered yet (the console reconnects after a worker restart): keep waiting.
    if (!w?.nonce || !l.nonce) return;
    if (w.nonce !== l.nonce) {
      if (registering) refuse(l, tabId, port, 'not the nonce of the frame its console made');
      return;
    }
    const frameId = port.sender?.frameId;
    if (l.frameId !== undefined && frameId !== l.frameId)
      return refuse(l, tabId, port, 'the nonce belongs to another frame');
    l.frameId = frameId;
    l.waiting.delete(port);
    l.sidebars.set(port, w.nonce);
    post(port, { type: 'state', state: l.state } satisfies HubToSidebar);
    views.bound(tabId);
    for (const msg of w.queue) serveSidebar(l, port, msg);
  }

  function acceptSidebar(port: HubPort, tabId: number) {
    const l = link(tabId);
    // Our own frames need one or two ports; anything past that is dropped, oldest first.
    if (l.waiting.size >= MAX_WAITING)
      refuse(l, tabId, l.waiting.keys().next().value!, 'too many unbound sidebar ports');
    const waiting: { nonce?: FrameNonce; queue: SidebarToHub[] } = { queue: [] };
    l.waiting.set(port, waiting);
    port.onMessage.addListener((raw) => {
      const parsed = SidebarToHubSchema.safeParse(raw);
      if (!parsed.success) return log(`rejected sidebar message from tab ${tabId}`);
      const msg = parsed.data;
      if (l.sidebars.has(port)) {
        if (msg.type !== 'hello') serveSidebar(l, port, msg);
        return;
      }
      if (!l.waiting.has(port)) return;
      if (msg.type === 'hello') {
        if (waiting.nonce) return;
        waiting.nonce = msg.nonce;
        bindOrRefuse(l, tabId, port, false);
      } else if (!waiting.nonce) {
        refuse(l, tabId, port, 'no hello before its first request');
      } else if (waiting.queue.length < MAX_QUEUED) {
        waiting.queue.push(msg);
      }
    });
    port.onDisconnect.addListener(() => {
      l.sidebars.delete(port);
      l.waiting.delete(port);
      prune(tabId, l);
    });
  }

  /** What a bound sidebar asks: data from the background, an insert or a layout change for its console. */
  function serveSidebar(l: TabLink, port: HubPort, msg: SidebarToHub) {
    if (msg.type === 'hello') return;
    if (msg.type === 'rpc') {
      const answer = opts.answer ?? (() => Promise.reject(new Error('no data service')));
      answer(msg.request).then(
        (value) => post(port, { type: 'rpcResult', id: msg.id, ok: true, value } satisfies HubToSidebar),
        (error: unknown) =>
          post(port, {
            type: 'rpcResult',
            id: msg.id,
            ok: false,
            error: String(error instanceof Error ? error.message : error).slice(0, 2000),
          } satisfies HubToSidebar),
      );
      return;
    }
    if (msg.type === 'restoreBuiltIn') {
      // Only the console this tab shows, as its content script reported it.
      if (l.state?.repaired?.length) opts.restoreBuiltIn?.(l.state.consoleId);
      return;
    }
    const out: HubToConsole =
      msg.type === 'teach'
        ? msg
        : msg.type === 'insert'
          ? { type: 'insert', request: msg.request }
          : msg.type === 'shortcuts'
            ? { type: 'shortcuts', shortcuts: msg.shortcuts }
            : msg.type === 'shortcutAnswer'
              ? { type: 'shortcutAnswer', answer: msg.answer }
              : msg.type === 'guard'
                ? { type: 'guard', guard: msg.guard }
                : { type: 'setLayout', layout: msg.layout };
    if (!l.console) {
      if (msg.type === 'insert')
        post(port, {
          type: 'insertResult',
          result: { requestId: msg.request.requestId, ok: false, reason: 'no_console' },
        });
      return;
    }
    post(l.console, out);
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
      // The sidebar is always a frame inside the console page, never a tab's top document.
      else if (
        port.name === PORT_SIDEBAR &&
        isSidebarUrl(sender.url) &&
        sender.frameId !== undefined &&
        sender.frameId > 0
      )
        acceptSidebar(port, tabId);
      else {
        log(`rejected port ${port.name} from ${sender.url ?? 'unknown'}`);
        port.disconnect();
      }
    },
    stateOf(tabId) {
      return links.get(tabId)?.state ?? null;
    },
    toConsole(tabId, message) {
      const c = links.get(tabId)?.console;
      if (!c) return false;
      post(c, HubToConsoleSchema.parse(message));
      return true;
    },
    toSidebars(tabId, message) {
      toBound(tabId, HubToSidebarSchema.parse(message));
    },
    changed: (scope) => views.changed(scope),
    views,
    tabs: () => [...links.keys()],
    conversations: () =>
      [...links].flatMap(([tabId, l]) =>
        l.console && l.state?.status === 'ok' ? [{ tabId, buyer: l.state.buyer }] : [],
      ),
  };
}
