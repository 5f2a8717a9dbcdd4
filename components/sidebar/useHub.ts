import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import {
  FrameNonceSchema,
  HubToSidebarSchema,
  PORT_SIDEBAR,
  type ConsoleState,
  type InsertResult,
  type Layout,
  type SidebarToHub,
} from '@/lib/schemas/messages';
import { SidebarResultSchemas, type SidebarRequest, type SidebarResult } from '@/lib/schemas/sidebar-rpc';

export type HubStatus = 'connecting' | 'connected';

export interface HubApi {
  status: HubStatus;
  /** What the console content script last reported; null while no console is linked. */
  state: ConsoleState | null;
  layout: Layout | null;
  send(message: SidebarToHub): void;
  /** Insert text into the console's input; resolves with the content script's answer. */
  insert(text: string, cursorOffset?: number): Promise<InsertResult>;
  /** Increments whenever the hub asks the sidebar to focus its suggestions. */
  focusTick: number;
  /** Ask the background for data; the answer is checked against the method's schema. */
  rpc<R extends SidebarRequest>(request: R): Promise<SidebarResult<R['method']>>;
  /** Increments whenever data changed anywhere; queries re-run on it. */
  changeTick: number;
}

const RPC_TIMEOUT_MS = 15_000;

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
  const [changeTick, setChangeTick] = useState(0);
  const calls = useRef(new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void }>());
  const portRef = useRef<ReturnType<typeof browser.runtime.connect> | null>(null);
  const pending = useRef(new Map<string, (r: InsertResult) => void>());

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
      // First on the port; the hub holds what follows until its console has registered the nonce.
      port.postMessage({ type: 'hello', nonce } satisfies SidebarToHub);
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
        else if (msg.type === 'changed') setChangeTick((n) => n + 1);
        else if (msg.type === 'rpcResult') {
          const call = calls.current.get(msg.id);
          calls.current.delete(msg.id);
          if (msg.ok) call?.resolve(msg.value);
          else call?.reject(new Error(msg.error ?? 'error'));
        } else {
          pending.current.get(msg.result.requestId)?.(msg.result);
          pending.current.delete(msg.result.requestId);
        }
      });
      port.onDisconnect.addListener(() => {
        portRef.current = null;
        // Calls in flight died with the port; the re-read after reconnecting asks again.
        for (const c of calls.current.values()) c.reject(new Error('disconnected'));
        calls.current.clear();
        if (closed) return;
        setStatus('connecting');
        timer = setTimeout(open, Math.min(5000, 50 * 2 ** retries++));
      });
    };
    open();
    setChangeTick((n) => n + 1);
    return () => {
      closed = true;
      clearTimeout(timer);
      portRef.current?.disconnect();
    };
  }, []);

  const send = (message: SidebarToHub) => {
    try {
      portRef.current?.postMessage(message);
    } catch {
      portRef.current = null;
    }
  };

  const insert = (text: string, cursorOffset?: number) =>
    new Promise<InsertResult>((resolve) => {
      const requestId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      pending.current.set(requestId, resolve);
      setTimeout(() => {
        if (pending.current.delete(requestId)) resolve({ requestId, ok: false, reason: 'timeout' });
      }, 4000);
      send({ type: 'insert', request: { requestId, text, ...(cursorOffset === undefined ? {} : { cursorOffset }) } });
    });

  const rpc = <R extends SidebarRequest>(request: R) =>
    new Promise<SidebarResult<R['method']>>((resolve, reject) => {
      const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
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

  return { status, state, layout, send, insert, focusTick, rpc, changeTick };
}
