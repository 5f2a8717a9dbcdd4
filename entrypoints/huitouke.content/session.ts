import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ConsoleAdapter } from '@/lib/consoles/schema';
import type { TaughtPart } from '@/lib/consoles/parts';
import type { ConsoleState, HubToConsole, InsertTarget, Layout, TeachRequest } from '@/lib/schemas/messages';
import { createInserter } from './bound-insert';
import { MARKER_TAG, mountGuardMarker } from './guard-marker';
import { mountSidebarHost } from './host';
import { connectHub } from './link';
import { chatDocument, findInput, readConsole, readOpenBuyer } from './reader';
import { createHandover, listenForShortcuts, restoreCaret, type TypedShortcut } from './shortcut-keys';
import { watchConsole } from './watcher';

/** A console whose page never shows its "ready" marker is reported as changed after this long. */
const READY_GRACE_MS = 8000;
const MAX_MESSAGES = 60;
/** Typed shortcuts kept until their insert or cancel arrives. */
const REMEMBERED_SHORTCUTS = 10;

export interface SessionOptions {
  ctx: ContentScriptContext;
  adapter: ConsoleAdapter;
  /** `runtime.getURL('/sidebar.html')`: the dynamic URL only extension contexts know. */
  sidebarUrl: string;
  label: string;
  layout: Layout;
  saveLayout(layout: Layout): void;
  /** Called on every DOM or navigation change before reading: the page may have left the console. */
  onNavigate(): void;
  /** The parts of this (built-in) console a stored repair replaced, told to the sidebar. */
  repaired?: readonly TaughtPart[];
  /** The sidebar asked to open the picker on this page. */
  onTeach(request: TeachRequest, missing: readonly string[]): void;
}

export interface Session {
  adapter: ConsoleAdapter;
  stop(): void;
}

const isOwn = (node: Node) =>
  node.nodeName === 'HUITOUKE-SIDEBAR' ||
  node.nodeName === 'HUITOUKE-PICKER' ||
  node.nodeName === MARKER_TAG.toUpperCase() ||
  (node instanceof HTMLStyleElement && node.dataset.huitouke === 'dock');

/** Parts that, missing from a conversation that still reads, are worth telling the agent about. */
const REPORTED_DEGRADED = new Set(['input']);

function valueAttributes(adapter: ConsoleAdapter): string[] {
  const s = adapter.selectors;
  const attrs = [s.buyerId?.attr, s.buyerNick.attr, s.messageId?.attr];
  if (typeof adapter.platform !== 'string') attrs.push(adapter.platform.fromAttribute.attr);
  return attrs.filter((a): a is string => !!a);
}

/**
 * The sidebar on one console page: the host element with its iframe, the port to the hub, and
 * the watcher that re-reads the page after every change. Only changed readings travel.
 */
export function startSession(opts: SessionOptions): Session {
  const { ctx, adapter } = opts;
  let layout = opts.layout;
  const startedAt = performance.now();
  let lastSent = '';
  let stopped = false;

  // The frame's nonce binds the sidebar in it to this tab's console port (see the hub). The page
  // cannot read it: the frame is cross-origin, inside a closed shadow root.
  const host = mountSidebarHost({
    sidebarUrl: opts.sidebarUrl,
    layout,
    expandLabel: opts.label,
    onLayoutChange(next) {
      layout = next;
      opts.saveLayout(next);
      link.send({ type: 'layout', layout: next });
    },
    onNewFrame(nonce) {
      link.send({ type: 'frame', nonce });
    },
  });

  // When each selector key was first seen finding nothing: the health notice says "since when".
  const missingSince = new Map<string, number>();
  const since = (keys: readonly string[]): number | undefined => {
    const now = Date.now();
    for (const key of [...missingSince.keys()]) if (!keys.includes(key)) missingSince.delete(key);
    for (const key of keys) if (!missingSince.has(key)) missingSince.set(key, now);
    return keys.length ? Math.min(...keys.map((k) => missingSince.get(k) ?? now)) : undefined;
  };
  // The send check on what is in the console's input, typed or inserted (lists from the sidebar).
  const marker = mountGuardMarker({
    doc: document,
    findInput: () => findInput(document, adapter),
    messages: () => {
      const reading = readConsole(document, adapter);
      return reading.status === 'ok' ? reading.messages.slice(-MAX_MESSAGES) : [];
    },
  });

  const currentState = (): ConsoleState => {
    const base = {
      consoleId: adapter.id,
      consoleName: adapter.name.zh,
      url: location.href.slice(0, 4000),
      ...(opts.repaired?.length ? { repaired: [...opts.repaired] } : {}),
    };
    const reading = readConsole(document, adapter);
    if (reading.status === 'ok') {
      const degraded = reading.degraded.filter((k) => REPORTED_DEGRADED.has(k));
      const from = since(degraded);
      return {
        ...base,
        status: 'ok',
        buyer: reading.buyer,
        messages: reading.messages.slice(-MAX_MESSAGES),
        inputFound: reading.inputFound,
        ...(reading.orders ? { orders: reading.orders } : {}),
        ...(reading.products ? { products: reading.products } : {}),
        ...(degraded.length && from !== undefined ? { degraded, since: from } : {}),
      };
    }
    if (reading.status === 'loading') {
      const from = since(['ready']);
      if (performance.now() - startedAt < READY_GRACE_MS) return { ...base, status: 'loading' };
      return { ...base, status: 'not_recognised', missing: ['ready'], ...(from !== undefined ? { since: from } : {}) };
    }
    const from = since(reading.missing);
    return {
      ...base,
      status: 'not_recognised',
      missing: reading.missing,
      ...(from !== undefined ? { since: from } : {}),
    };
  };

  const publish = () => {
    if (stopped) return;
    const state = currentState();
    const key = JSON.stringify(state);
    if (key === lastSent) return;
    lastSent = key;
    link.send({ type: 'state', state });
  };

  const setLayout = (next: Layout) => {
    layout = next;
    host.setLayout(layout);
    opts.saveLayout(layout);
  };

  const typedShortcuts = new Map<string, TypedShortcut>();
  let shortcuts = new Set<string>();
  const rememberTyped = (typed: TypedShortcut) => {
    typedShortcuts.set(typed.id, typed);
    for (const old of typedShortcuts.keys()) {
      if (typedShortcuts.size <= REMEMBERED_SHORTCUTS) break;
      typedShortcuts.delete(old);
    }
  };
  const insert = createInserter(document, adapter, (id) => typedShortcuts.get(id));

  /** The open conversation as an insert would be bound to it. */
  const openTarget = (): InsertTarget | null => {
    const buyer = readOpenBuyer(document, adapter);
    return buyer ? { ...buyer, consoleId: adapter.id } : null;
  };

  const handover = createHandover();
  /** The typed shortcut whose form was last given the keyboard. */
  let handedOver: TypedShortcut | null = null;
  // The sidebar's frame runs in its own process: a key pressed while the keyboard is on its way
  // there lands on the sidebar's element in this page and never reaches the form. An Esc lost like
  // that still means "back to the console": the caret goes back where the agent pressed Tab.
  const onStrayEscape = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !handedOver || !host.holds(e.target)) return;
    const typed = handedOver;
    handedOver = null;
    handover.keyed();
    if (typed.input.isConnected) restoreCaret(typed.input, typed.mark);
  };
  window.addEventListener('keydown', onStrayEscape, true);
  const shortcutListener = {
    findInput: () => findInput(document, adapter),
    onOtherKey: () => handover.keyed(),
    claims: (typed: string) => shortcuts.has(typed) && openTarget() !== null,
    onShortcut(typed: TypedShortcut) {
      const target = openTarget();
      if (!target) return;
      rememberTyped(typed);
      handover.taken(typed.id);
      link.send({ type: 'shortcut', request: { requestId: typed.id, typed: typed.typed, target } });
    },
  };
  const stopTopShortcuts = listenForShortcuts(window, shortcutListener);
  // A chat in a frame of the same site: its keys are heard in its own window, followed as it loads anew.
  let frameWindow: Window | null = null;
  let stopFrameShortcuts = () => {};
  const frameDocuments = (): Document[] => {
    const doc = chatDocument(document, adapter);
    const chat = doc && doc !== 'blocked' && doc !== document ? doc : null;
    const win = chat?.defaultView ?? null;
    if (win !== frameWindow) {
      stopFrameShortcuts();
      frameWindow = win;
      stopFrameShortcuts = win ? listenForShortcuts(win, shortcutListener) : () => {};
    }
    return chat ? [chat] : [];
  };
  const stopShortcuts = () => {
    stopTopShortcuts();
    stopFrameShortcuts();
  };

  const onHubMessage = (message: HubToConsole) => {
    switch (message.type) {
      case 'insert': {
        const { request } = message;
        void insert(request).then((result) => {
          if (request.replace) typedShortcuts.delete(request.replace.shortcutId);
          link.send({ type: 'insertResult', result });
          if (result.ok) marker.check();
        });
        break;
      }
      case 'shortcuts':
        shortcuts = new Set(message.shortcuts);
        break;
      case 'guard':
        marker.setGuard(message.guard);
        break;
      case 'shortcutAnswer': {
        const { requestId, outcome } = message.answer;
        const typed = typedShortcuts.get(requestId);
        if (outcome === 'form') {
          // Blanks to fill or a warning to confirm: the keyboard goes to the sidebar's form, unless
          // the agent went on typing in the console (or pressed Esc) before the form showed.
          if (layout.collapsed) setLayout({ ...layout, collapsed: false });
          if (handover.mayFocus(requestId)) {
            handedOver = typed ?? null;
            host.focus();
          }
        } else {
          if (handedOver?.id === requestId) handedOver = null;
          typedShortcuts.delete(requestId);
          if (outcome === 'cancelled' && typed?.input.isConnected) restoreCaret(typed.input, typed.mark);
        }
        break;
      }
      case 'teach': {
        const reading = readConsole(document, adapter);
        const missing =
          reading.status === 'ok' ? reading.degraded : reading.status === 'loading' ? ['ready'] : reading.missing;
        opts.onTeach(message, missing);
        break;
      }
      case 'toggle':
        setLayout({ ...layout, collapsed: !layout.collapsed });
        break;
      case 'focus':
        // The focus shortcut opens a collapsed sidebar; the sidebar itself picks what gets focus.
        if (layout.collapsed) setLayout({ ...layout, collapsed: false });
        host.focus();
        break;
      case 'setLayout':
        setLayout({ ...layout, ...message.layout });
        break;
      case 'resend':
        lastSent = '';
        publish();
        break;
    }
  };

  // On every (re)connect: the frame's nonce first, so the hub can bind the sidebar, then the state.
  const link = connectHub(ctx, onHubMessage, () => {
    link.send({ type: 'frame', nonce: host.nonce() });
    lastSent = '';
    publish();
  });

  const stopWatching = watchConsole(
    ctx,
    () => {
      opts.onNavigate();
      publish();
      marker.check();
    },
    isOwn,
    valueAttributes(adapter),
    frameDocuments,
  );
  // A console that is still loading gets one more look when the grace period ends.
  const graceTimer = ctx.setTimeout(publish, READY_GRACE_MS + 50);

  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(graceTimer);
    stopWatching();
    stopShortcuts();
    window.removeEventListener('keydown', onStrayEscape, true);
    link.close();
    host.destroy();
    marker.destroy();
  };
  ctx.onInvalidated(stop);
  return { adapter, stop };
}
