import type { DemoAuthor, DemoConversationsFile, DemoProductCard } from '../../lib/demo/conversation-schema';

/**
 * The console's state as a pure reducer, so behaviour (unread counts, ids, ordering) is testable
 * without a browser. Ids of new messages come in with the action, keeping the reducer pure.
 */
export interface ChatMessage {
  id: string;
  author: DemoAuthor;
  text: string;
  /** Label shown above the bubble. */
  time: string;
  card?: DemoProductCard;
}

export interface ChatConversation {
  id: string;
  buyerId: string;
  nick: string;
  messages: ChatMessage[];
  unread: number;
  /** Higher = more recent activity; the list is sorted by it. */
  activity: number;
  draft: string;
}

/** What `placeOrder` and `?orders=` may say an order's status is. */
export type DemoOrderStatus = 'unpaid' | 'paid' | 'shipped';

/** An order in the console's order panel for one buyer (issue 19). */
export interface DemoOrder {
  id: string;
  status: DemoOrderStatus;
  /** In the smallest unit (fen, sen); unknown for orders named only by `?orders=`. */
  amountCents?: number;
  /** `YYYY-MM-DD HH:mm:ss`, when the console knows when it was placed. */
  at?: string;
  tracking?: string;
}

export interface ConsoleState {
  ready: boolean;
  /** Each buyer's orders, newest first, as the console's order panel lists them. */
  orders: Record<string, DemoOrder[]>;
  error: string | null;
  conversations: ChatConversation[];
  activeBuyerId: string | null;
  activity: number;
  created: number;
}

export type ConsoleAction =
  | { type: 'loaded'; file: DemoConversationsFile }
  | { type: 'failed'; error: string }
  | { type: 'open'; buyerId: string; nick?: string | null }
  | { type: 'receive'; buyerId: string; nick?: string | null; id: string; text: string; time: string }
  | { type: 'send'; id: string; text: string; time: string }
  | { type: 'draft'; text: string }
  /** An order placed or changed for a buyer: a known id changes in place (fields given replace), a new one goes on top. */
  | { type: 'order'; buyerId: string; order: DemoOrder };

export const initialState: ConsoleState = {
  ready: false,
  error: null,
  orders: {},
  conversations: [],
  activeBuyerId: null,
  activity: 0,
  created: 0,
};

function withOrder(orders: DemoOrder[], order: DemoOrder): DemoOrder[] {
  const at = orders.findIndex((o) => o.id === order.id);
  if (at < 0) return [order, ...orders];
  const merged: DemoOrder = { ...orders[at]!, status: order.status };
  if (order.amountCents !== undefined) merged.amountCents = order.amountCents;
  if (order.tracking !== undefined) merged.tracking = order.tracking;
  if (order.at !== undefined && orders[at]!.at === undefined) merged.at = order.at;
  return orders.map((o, i) => (i === at ? merged : o));
}

/** `2026-11-19 22:14:01` → `11-19 22:14`. */
export function shortTime(at: string): string {
  return `${at.slice(5, 10)} ${at.slice(11, 16)}`;
}

function ensure(state: ConsoleState, buyerId: string, nick?: string | null): [ConsoleState, ChatConversation] {
  const found = state.conversations.find((c) => c.buyerId === buyerId);
  if (found) return [state, found];
  const created = state.created + 1;
  const conversation: ChatConversation = {
    id: `n${created}`,
    buyerId,
    nick: nick || buyerId,
    messages: [],
    unread: 0,
    activity: state.activity + 1,
    draft: '',
  };
  return [
    { ...state, created, activity: state.activity + 1, conversations: [...state.conversations, conversation] },
    conversation,
  ];
}

function update(state: ConsoleState, id: string, change: (c: ChatConversation) => ChatConversation): ConsoleState {
  return { ...state, conversations: state.conversations.map((c) => (c.id === id ? change(c) : c)) };
}

export function reducer(state: ConsoleState, action: ConsoleAction): ConsoleState {
  switch (action.type) {
    case 'loaded': {
      const total = action.file.conversations.length;
      const fromFile = action.file.conversations
        .filter((c) => !state.conversations.some((e) => e.buyerId === c.buyerId))
        .map((c, i): ChatConversation => ({
          id: c.id,
          buyerId: c.buyerId,
          nick: c.nick,
          unread: c.unread,
          activity: total - i,
          draft: '',
          messages: c.messages.map((m) => ({
            id: m.id,
            author: m.author,
            text: m.text,
            time: shortTime(m.at),
            ...(m.card ? { card: m.card } : {}),
          })),
        }));
      // Conversations opened or received before the data arrived stay on top.
      const early = state.conversations.map((c, i) => ({ ...c, activity: total + i + 1 }));
      return { ...state, ready: true, conversations: [...early, ...fromFile], activity: total + early.length };
    }
    case 'failed':
      return { ...state, ready: true, error: action.error };
    case 'open': {
      const [next, conversation] = ensure(state, action.buyerId, action.nick);
      return { ...update(next, conversation.id, (c) => ({ ...c, unread: 0 })), activeBuyerId: conversation.buyerId };
    }
    case 'receive': {
      const [next, conversation] = ensure(state, action.buyerId, action.nick);
      const activity = next.activity + 1;
      const open = next.activeBuyerId === conversation.buyerId;
      return {
        ...update(next, conversation.id, (c) => ({
          ...c,
          activity,
          unread: open ? 0 : c.unread + 1,
          messages: [...c.messages, { id: action.id, author: 'buyer', text: action.text, time: action.time }],
        })),
        activity,
      };
    }
    case 'send': {
      const active = state.conversations.find((c) => c.buyerId === state.activeBuyerId);
      if (!active || action.text.trim() === '') return state;
      const activity = state.activity + 1;
      return {
        ...update(state, active.id, (c) => ({
          ...c,
          activity,
          draft: '',
          messages: [...c.messages, { id: action.id, author: 'agent', text: action.text, time: action.time }],
        })),
        activity,
      };
    }
    case 'order':
      return {
        ...state,
        orders: { ...state.orders, [action.buyerId]: withOrder(state.orders[action.buyerId] ?? [], action.order) },
      };
    case 'draft': {
      const active = state.conversations.find((c) => c.buyerId === state.activeBuyerId);
      return active ? update(state, active.id, (c) => ({ ...c, draft: action.text })) : state;
    }
  }
}

export function sortedConversations(state: ConsoleState): ChatConversation[] {
  return [...state.conversations].sort((a, b) => b.activity - a.activity);
}

export function activeConversation(state: ConsoleState): ChatConversation | null {
  return state.conversations.find((c) => c.buyerId === state.activeBuyerId) ?? null;
}

/** Longest message the console accepts, as on most seller consoles. */
export const MAX_LENGTH = 500;

export function textLength(text: string): number {
  return Array.from(text).length;
}

export function canSend(draft: string): boolean {
  return draft.trim() !== '' && textLength(draft) <= MAX_LENGTH;
}

export function previewOf(conversation: ChatConversation): string {
  const last = conversation.messages[conversation.messages.length - 1];
  if (!last) return '新会话';
  return last.card ? `[商品] ${last.card.title}` : last.text;
}
