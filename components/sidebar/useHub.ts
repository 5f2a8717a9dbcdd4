import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import type { MessageKey } from '@/lib/i18n';
import {
  FrameNonceSchema,
  HubToSidebarSchema,
  PORT_SIDEBAR,
  type ConsoleState,
  type InsertRequest,
  type InsertResult,
  type InsertTarget,
  type Layout,
  type ShortcutAnswer,
  type ShortcutRequest,
  type SidebarToHub,
} from '@/lib/schemas/messages';
import { SidebarResultSchemas, type SidebarAction, type SidebarResult } from '@/lib/schemas/sidebar-rpc';
import type { SidebarView } from '@/lib/schemas/sidebar-view';
import { isLinkError, untilAnswered } from './until-answered';

export type HubStatus = 'connecting' | 'connected';

export interface InsertOptions {
  /** The conversation the text was written for; the console refuses it in another one. */
  target: InsertTarget;
  cursorOffset?: number | undefined;
  /** The typed shortcut this insert replaces. */
  replace?: InsertRequest['replace'];
}

/**
 * A line the sidebar shows about the last insert. It lives here, above the buyer view, because the
 * most important one — "the conversation switched, nothing was put in" — arrives just as the view
 * of the previous buyer goes away.
 */
export interface HubNotice {
  id: number;
  kind: 'ok' | 'error';
  key: MessageKey;
  params?: Record<string, string | number>;
  /** A message put into the `{reason}` of `key`. */
  reasonKey?: MessageKey;
}

export interface HubApi {
  status: HubStatus;
  /** What the console content script last reported; null while no console is linked. */
  state: ConsoleState | null;
  layout: Layout | null;
  send(message: SidebarToHub): void;
  /** Insert text into the console's input; resolves with the content script's answer. */
  insert(text: string, opts: InsertOptions): Promise<InsertResult>;
  /** Increments whenever the hub asks the sidebar to focus its suggestions. */
  focusTick: number;
  /**
   * The open conversation as the background computed it, pushed after every switch and every
   * change that touches it; null until the first arrives.
   */
  view: SidebarView | null;
  /** Why the background could not compute the view, when it could not. */
  viewError: string | null;
  /** "Now" on the background's clock (the one clock: test-shiftable in the demo build). */
  now(): number;
  /** Tell the background what the agent did; the answer is checked against the method's schema. */
  rpc<R extends SidebarAction>(request: R): Promise<SidebarResult<R['method']>>;
  /**
   * Like `rpc`, for writes the background keys by a request id: asked again after the service
   * worker stopped (or did not answer in time) until answered. Rejects when it could not be.
   */
  confirmed<R extends SidebarAction>(request: R): Promise<SidebarResult<R['method']>>;
  /** Increments on every (re)connection to the background. */
  connectTick: number;
  /** A shortcut typed in the console's input, waiting for the view of its conversation. */
  shortcut: ShortcutRequest | null;
  /** The view of the shortcut's conversation took it (and answers it, or inserts). */
  takeShortcut(requestId: string): void;
  answerShortcut(answer: ShortcutAnswer): void;
  notice: HubNotice | null;
  showNotice(notice: Omit<HubNotice, 'id'>): void;
}

const RPC_TIMEOUT_MS = 15_000;
/** How long the console's answer to an insert may take (a worker restart included). */
const INSERT_TIMEOUT_MS = 6000;
/** A typed shortcut waits this long for the sidebar to show its conversation. */
const SHORTCUT_WAIT_MS = 3000;
const NOTICE_MS = 6000;
/** Tries for a confirmed write; between them the port reconnects (or a pause passes). */
const CONFIRM_ATTEMPTS = 6;
const RECONNECT_WAIT_MS = 10_000;

const newId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * The nonce the content script put in this frame's URL fragment. The hub serves this sidebar only
 * after it presents the nonce its tab's console registered; a copy of the page framed by anyone
 * else has none (or a wrong one) and is never linked to a console.
 */
export function frameNonce(hash: string = location.hash): string | null {
  const parsed = FrameNonceSchema.safeParse(hash.replace(/^#/, ''));
  return parsed.success ? parsed.data : null;
}

/**
 * The sidebar's link to its console tab, through the background hub. Reconnects when the
 * service worker is restarted; hub messages are validated before use.
 */
export function useHub(): HubApi {
  const [status, setStatus] = useState<HubStatus>('connecting');
  const [state, setState] = useState<ConsoleState | null>(null);
  const [layout, setLayout] = useState<Layout | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  const [view, setView] = useState<SidebarView | null>(null);
  const [viewError, setViewError] = useState<string | null>(null);
  /** The background's clock minus this page's, as of the last view. */
  const clockOffset = useRef(0);
  /** What went to the console on this port: the shortcut list and the send check go again only when they change. */
  const sentToConsole = useRef(new Map<string, string>());
  const [connectTick, setConnectTick] = useState(0);
  const [shortcut, setShortcut] = useState<ShortcutRequest | null>(null);
  const [notice, setNotice] = useState<HubNotice | null>(null);
  const calls = useRef(new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void }>());
  const portRef = useRef<ReturnType<typeof browser.runtime.connect> | null>(null);
  /** Inserts waiting for the console's answer; sent again on reconnect (the console answers a repeat without inserting twice). */
  const pending = useRef(new Map<string, { request: InsertRequest; resolve: (r: InsertResult) => void }>());
  const onConnected = useRef(new Set<() => void>());
  const shortcutRef = useRef<ShortcutRequest | null>(null);
  const shortcutTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const noticeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const noticeCount = useRef(0);

  const send = useCallback((message: SidebarToHub) => {
    if (message.type === 'shortcuts' || message.type === 'guard') {
      const json = JSON.stringify(message);
      if (sentToConsole.current.get(message.type) === json) return;
      sentToConsole.current.set(message.type, json);
    }
    try {
      portRef.current?.postMessage(message);
    } catch {
      portRef.current = null;
    }
  }, []);

  useEffect(() => {
    let closed = false;
    let retries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const nonce = frameNonce();
    // Not a frame the content script made: nothing would answer.
    if (!nonce) return;
    const open = () => {
      if (closed) return;
      const port = browser.runtime.connect({ name: PORT_SIDEBAR });
      portRef.current = port;
      sentToConsole.current.clear();
      // First on the port; the hub holds what follows until its console has registered the nonce.
      port.postMessage({ type: 'hello', nonce } satisfies SidebarToHub);
      setConnectTick((n) => n + 1);
      port.onMessage.addListener((raw: unknown) => {
        retries = 0;
        // The hub speaks only to a sidebar it has bound to its console's frame.
        setStatus('connected');
        const parsed = HubToSidebarSchema.safeParse(raw);
        if (!parsed.success) return;
        const msg = parsed.data;
        if (msg.type === 'state') setState(msg.state);
        else if (msg.type === 'layout') setLayout(msg.layout);
        else if (msg.type === 'focusSuggestions') setFocusTick((n) => n + 1);
        else if (msg.type === 'view') {
          clockOffset.current = msg.view.now - Date.now();
          setView(msg.view);
          setViewError(null);
        } else if (msg.type === 'viewError') setViewError(msg.message);
        else if (msg.type === 'rpcResult') {
          const call = calls.current.get(msg.id);
          calls.current.delete(msg.id);
          if (msg.ok) call?.resolve(msg.value);
          else call?.reject(new Error(msg.error ?? 'error'));
        } else if (msg.type === 'shortcut') {
          const request = msg.request;
          shortcutRef.current = request;
          setShortcut(request);
          clearTimeout(shortcutTimer.current);
          shortcutTimer.current = setTimeout(() => {
            if (shortcutRef.current?.requestId !== request.requestId) return;
            shortcutRef.current = null;
            setShortcut(null);
            send({ type: 'shortcutAnswer', answer: { requestId: request.requestId, outcome: 'stale' } });
          }, SHORTCUT_WAIT_MS);
        } else {
          pending.current.get(msg.result.requestId)?.resolve(msg.result);
          pending.current.delete(msg.result.requestId);
        }
      });
      port.onDisconnect.addListener(() => {
        portRef.current = null;
        // Calls in flight died with the port (a confirmed write asks again); the view comes again once linked.
        for (const c of calls.current.values()) c.reject(new Error('disconnected'));
        calls.current.clear();
        if (closed) return;
        setStatus('connecting');
        timer = setTimeout(open, Math.min(5000, 50 * 2 ** retries++));
      });
      // Inserts the stopped worker may have dropped: the console inserts each request id once.
      for (const { request } of pending.current.values()) send({ type: 'insert', request });
      for (const cb of [...onConnected.current]) cb();
    };
    open();
    return () => {
      closed = true;
      clearTimeout(timer);
      clearTimeout(shortcutTimer.current);
      clearTimeout(noticeTimer.current);
      portRef.current?.disconnect();
    };
  }, [send]);

  const insert = (text: string, opts: InsertOptions) =>
    new Promise<InsertResult>((resolve) => {
      const requestId = newId();
      const request: InsertRequest = {
        requestId,
        text,
        target: opts.target,
        ...(opts.cursorOffset === undefined ? {} : { cursorOffset: opts.cursorOffset }),
        ...(opts.replace ? { replace: opts.replace } : {}),
      };
      pending.current.set(requestId, { request, resolve });
      setTimeout(() => {
        if (pending.current.delete(requestId)) resolve({ requestId, ok: false, reason: 'timeout' });
      }, INSERT_TIMEOUT_MS);
      send({ type: 'insert', request });
    });

  const rpc = <R extends SidebarAction>(request: R) =>
    new Promise<SidebarResult<R['method']>>((resolve, reject) => {
      const id = newId();
      const timer = setTimeout(() => {
        if (calls.current.delete(id)) reject(new Error('timeout'));
      }, RPC_TIMEOUT_MS);
      calls.current.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          const parsed = SidebarResultSchemas[request.method].safeParse(value);
          if (parsed.success) resolve(parsed.data as SidebarResult<R['method']>);
          else reject(new Error(`unexpected answer to ${request.method}`));
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      if (!portRef.current) {
        calls.current.delete(id);
        clearTimeout(timer);
        return reject(new Error('disconnected'));
      }
      send({ type: 'rpc', id, request });
    });

  /** Resolves once the port is up again (or after a pause if it is up), never later than a bound. */
  const beforeRetry = (attempt: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(bound);
        onConnected.current.delete(done);
        resolve();
      };
      const bound = setTimeout(done, portRef.current ? Math.min(4000, 250 * 2 ** attempt) : RECONNECT_WAIT_MS);
      if (!portRef.current) onConnected.current.add(done);
    });

  const confirmed = <R extends SidebarAction>(request: R) =>
    untilAnswered(() => rpc(request), { attempts: CONFIRM_ATTEMPTS, isTransient: isLinkError, beforeRetry });

  const takeShortcut = (requestId: string) => {
    if (shortcutRef.current?.requestId !== requestId) return;
    shortcutRef.current = null;
    clearTimeout(shortcutTimer.current);
    setShortcut(null);
  };
  const answerShortcut = (answer: ShortcutAnswer) => send({ type: 'shortcutAnswer', answer });

  const showNotice = (next: Omit<HubNotice, 'id'>) => {
    const id = ++noticeCount.current;
    setNotice({ ...next, id });
    clearTimeout(noticeTimer.current);
    noticeTimer.current = setTimeout(() => setNotice((n) => (n?.id === id ? null : n)), NOTICE_MS);
  };

  return {
    status,
    state,
    layout,
    send,
    insert,
    focusTick,
    view,
    viewError,
    now: () => Date.now() + clockOffset.current,
    rpc,
    confirmed,
    connectTick,
    shortcut,
    takeShortcut,
    answerShortcut,
    notice,
    showNotice,
  };
}
