import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, type CSSProperties } from 'react';
import { DEMO_SHOP } from '../../lib/demo/catalog';
import { DemoConversationsFileSchema, type DemoConversationsFile } from '../../lib/demo/conversation-schema';
import { DemoPanelsFileSchema, PINDUODUO_PANELS_FILE, type DemoPanelOrder } from '../../lib/demo/pinduoduo-export';
import { shopClock, shopStamp } from './clock';
import { ChatHeader } from './components/ChatHeader';
import { Composer } from './components/Composer';
import { ConversationList } from './components/ConversationList';
import { SidePanel } from './components/SidePanel';
import { Thread } from './components/Thread';
import { platformLook } from './platforms';
import { activeConversation, initialState, reducer, sortedConversations, type DemoOrderStatus } from './state';
import { parseParams, urlForBuyer } from './url';

/** The order panels of the demo's Pinduoduo mode (`pinduoduo-panels.json`); none when the build has no such file. */
async function pinduoduoPanels(): Promise<Record<string, DemoPanelOrder[]>> {
  try {
    const response = await fetch(`/data/${PINDUODUO_PANELS_FILE}`);
    if (!response.ok) return {};
    return DemoPanelsFileSchema.parse(await response.json()).panels;
  } catch {
    return {};
  }
}

/** What tests and the extension's demo tooling may call on `window.__demoConsole`. */
export interface DemoConsoleApi {
  /** Delivers a buyer message as if it had just arrived; creates the conversation if needed. Returns the message id. */
  receive(buyerId: string, text: string, nick?: string): string;
  /** Opens a conversation like a click on the list would (creating it when unknown). */
  open(buyerId: string, nick?: string): void;
  /**
   * Adds an order to a buyer's order panel, or changes one already there, as if it happened now
   * (issue 19). `amount` is what the panel shows (yuan, ringgit…); `tracking` goes with `shipped`.
   */
  placeOrder(buyerId: string, order: { id: string; amount?: number; status: DemoOrderStatus; tracking?: string }): void;
  readonly currentBuyerId: string | null;
  readonly ready: boolean;
}

declare global {
  interface Window {
    __demoConsole?: DemoConsoleApi;
  }
}

/** Shop time (not the browser's zone), as consoles show an order's or a message's time. */
const stamp = () => shopStamp(Date.now());
const ORDER_STATUSES: readonly DemoOrderStatus[] = ['unpaid', 'paid', 'shipped'];
const clock = () => shopClock(Date.now());

export function App() {
  const params = useMemo(() => parseParams(window.location.search), []);
  const look = platformLook(params.platform);
  const [state, dispatch] = useReducer(reducer, initialState);
  const stateRef = useRef(state);
  const counter = useRef(0);
  useLayoutEffect(() => {
    stateRef.current = state;
  });

  const open = useCallback((buyerId: string, nick?: string | null, history: 'push' | 'replace' | 'none' = 'push') => {
    dispatch({ type: 'open', buyerId, nick: nick ?? null });
    if (history === 'none') return;
    const known = stateRef.current.conversations.find((c) => c.buyerId === buyerId);
    const url = urlForBuyer(window.location.href, buyerId, known?.nick ?? nick ?? buyerId);
    if (url === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
    if (history === 'push') window.history.pushState({ buyer: buyerId }, '', url);
    else window.history.replaceState({ buyer: buyerId }, '', url);
  }, []);

  const receive = useCallback((buyerId: string, text: string, nick?: string | null, id?: string) => {
    const known = stateRef.current.conversations.find((c) => c.buyerId === buyerId);
    const messageId = id ?? `${known?.id ?? 'new'}-r${++counter.current}`;
    dispatch({ type: 'receive', buyerId, nick: nick ?? null, id: messageId, text, time: clock() });
    return messageId;
  }, []);

  // Load the chats, open the requested one, then play the scripted buyer messages.
  useEffect(() => {
    let cancelled = false;
    const timers: number[] = [];
    const start = (file: DemoConversationsFile | null) => {
      const first = params.buyer ?? file?.conversations[0]?.buyerId;
      // `?orders=` lists orders of the requested buyer (known to the console: paid, time not shown).
      if (params.buyer)
        for (const id of [...params.orders].reverse())
          dispatch({ type: 'order', buyerId: params.buyer, order: { id, status: 'paid' } });
      if (first) open(first, params.nick, 'replace');
      if (!file || !params.script) return;
      for (const c of file.conversations) {
        for (const s of c.script)
          timers.push(window.setTimeout(() => receive(c.buyerId, s.text, c.nick, s.id), s.delayMs));
      }
    };
    fetch('/data/conversations.json')
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      })
      .then(async (json: unknown) => {
        const file = DemoConversationsFileSchema.parse(json);
        const panels = params.platform === 'pinduoduo' ? await pinduoduoPanels() : {};
        if (cancelled) return;
        dispatch({ type: 'loaded', file });
        // Pinduoduo mode: each chatting buyer's order panel lists their orders of the demo's
        // Pinduoduo export (which has no buyer column), oldest first so the newest ends on top.
        for (const [buyerId, orders] of Object.entries(panels))
          for (const order of orders) dispatch({ type: 'order', buyerId, order });
        start(file);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        dispatch({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
        start(null);
      });
    return () => {
      cancelled = true;
      timers.forEach((t) => window.clearTimeout(t));
    };
  }, [params, open, receive]);

  useEffect(() => {
    const onPop = () => {
      const next = parseParams(window.location.search);
      const buyer = next.buyer ?? sortedConversations(stateRef.current)[0]?.buyerId;
      if (buyer) open(buyer, next.nick, 'none');
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [open]);

  useEffect(() => {
    window.__demoConsole = {
      receive: (buyerId, text, nick) => receive(buyerId, text, nick),
      open: (buyerId, nick) => open(buyerId, nick),
      placeOrder: (buyerId, order) => {
        if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(order.id)) throw new Error(`placeOrder: bad order id ${order.id}`);
        if (!ORDER_STATUSES.includes(order.status))
          throw new Error(`placeOrder: status must be one of ${ORDER_STATUSES.join(', ')}`);
        if (order.amount !== undefined && !(Number.isFinite(order.amount) && order.amount >= 0))
          throw new Error('placeOrder: bad amount');
        dispatch({
          type: 'order',
          buyerId,
          order: {
            id: order.id,
            status: order.status,
            at: stamp(),
            ...(order.amount !== undefined ? { amountCents: Math.round(order.amount * 100) } : {}),
            ...(order.tracking ? { tracking: String(order.tracking).slice(0, 64) } : {}),
          },
        });
      },
      get currentBuyerId() {
        return stateRef.current.activeBuyerId;
      },
      get ready() {
        return stateRef.current.ready;
      },
    };
    return () => {
      delete window.__demoConsole;
    };
  }, [open, receive]);

  const conversations = sortedConversations(state);
  const active = activeConversation(state);
  const unreadTotal = conversations.reduce((sum, c) => sum + c.unread, 0);
  useEffect(() => {
    document.title = `${unreadTotal > 0 ? `(${unreadTotal}) ` : ''}${look.name}`;
  }, [unreadTotal, look.name]);

  const send = () => {
    if (!active) return;
    dispatch({ type: 'send', id: `${active.id}-a${++counter.current}`, text: active.draft, time: clock() });
  };

  const style = { '--brand': look.brand, '--bubble': look.bubble } as CSSProperties;
  return (
    <div
      id="demo-console"
      data-platform={look.id}
      data-input={params.input}
      data-ready={state.ready ? 'true' : 'false'}
      style={style}
    >
      <header className="topbar">
        <span className="logo" aria-hidden="true">
          {look.glyph}
        </span>
        <span className="product">{look.name}</span>
        <span className="shop">{DEMO_SHOP.name}</span>
        <span className="spacer" />
        <span className="stat">
          今日接待 <b>{conversations.length}</b>
        </span>
        <span className="stat">
          待回复 <b>{conversations.filter((c) => c.unread > 0).length}</b>
        </span>
        <span className="agent">
          <i className="dot" />
          {DEMO_SHOP.agentNick} · 在线
        </span>
      </header>
      {state.error && (
        <div className="banner" role="alert">
          演示数据加载失败（{state.error}），请先运行 demo-build。
        </div>
      )}
      <div className="workspace">
        <nav className="rail" aria-hidden="true">
          <span className="rail-item active">接待</span>
          <span className="rail-item">历史</span>
          <span className="rail-item">客户</span>
          <span className="rail-item">设置</span>
        </nav>
        <ConversationList conversations={conversations} activeBuyerId={state.activeBuyerId} onOpen={(id) => open(id)} />
        <main className="chat">
          {active ? (
            <>
              <ChatHeader conversation={active} channel={look.channel} />
              <Thread conversation={active} agentNick={DEMO_SHOP.agentNick} />
              <Composer
                kind={params.input}
                conversationId={active.id}
                draft={active.draft}
                onDraft={(text) => dispatch({ type: 'draft', text })}
                onSend={send}
              />
            </>
          ) : (
            <div className="chat-empty">{state.ready ? '选择左侧的会话开始接待' : '正在加载会话…'}</div>
          )}
        </main>
        <SidePanel
          conversation={active}
          platform={look.id}
          orders={active ? (state.orders[active.buyerId] ?? []) : []}
        />
      </div>
    </div>
  );
}
