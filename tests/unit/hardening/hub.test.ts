import { describe, expect, it } from 'vitest';
import { createHub, type HubPort } from '@/entrypoints/background/hub';
import { PORT_CONSOLE, PORT_SIDEBAR, type ConsoleState } from '@/lib/schemas/messages';
import { HOSTILE_SMALL } from '../../fixtures/hostile/strings';

/**
 * The hub is the only door into the background from console tabs: ports from another extension,
 * from a web page, or without a tab must be shut, a sidebar is served only once it presents the
 * nonce its tab's content script registered for the frame it made, and whatever arrives on an
 * accepted port is parsed before it is relayed.
 */
const ID = 'ourextensionid';
const ORIGIN = `chrome-extension://${ID}`;

interface FakePort extends HubPort {
  posted: unknown[];
  disconnected: boolean;
  emit(message: unknown): void;
  drop(): void;
}

function fakePort(name: string, sender: HubPort['sender']): FakePort {
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const port: FakePort = {
    name,
    sender,
    posted: [],
    disconnected: false,
    postMessage(m) {
      if (port.disconnected) throw new Error('port closed');
      port.posted.push(m);
    },
    disconnect() {
      port.disconnected = true;
    },
    onMessage: { addListener: (cb) => onMessage.push(cb) },
    onDisconnect: { addListener: (cb) => onDisconnect.push(cb) },
    emit: (m) => onMessage.forEach((cb) => cb(m)),
    drop: () => {
      port.disconnected = true;
      onDisconnect.forEach((cb) => cb());
    },
  };
  return port;
}

const consoleSender = (tabId = 7) => ({
  id: ID,
  url: 'https://myseller.taobao.com/im',
  frameId: 0,
  tab: { id: tabId },
});
const sidebarSender = (tabId = 7) => ({ id: ID, url: `${ORIGIN}/sidebar.html`, frameId: 3, tab: { id: tabId } });

const NONCE = '0123456789abcdef0123456789abcdef';
const OTHER_NONCE = 'fedcba9876543210fedcba9876543210';

/** A console port of the tab that registered its frame's nonce, and a sidebar port that said hello with it. */
function linked(hub: ReturnType<typeof setup>['hub'], tabId = 7, nonce = NONCE) {
  const cs = fakePort(PORT_CONSOLE, consoleSender(tabId));
  const sb = fakePort(PORT_SIDEBAR, sidebarSender(tabId));
  hub.connect(cs);
  cs.emit({ type: 'frame', nonce });
  hub.connect(sb);
  sb.emit({ type: 'hello', nonce });
  return { cs, sb };
}

const state = (nick: string): ConsoleState => ({
  status: 'ok',
  consoleId: 'taobao',
  consoleName: '千牛',
  url: 'https://myseller.taobao.com/im',
  buyer: { id: 'b1', nick, platform: 'taobao' },
  messages: [{ id: 'm1', author: 'buyer', text: '在吗' }],
  inputFound: true,
});

function setup() {
  const logs: string[] = [];
  const answered: unknown[] = [];
  const hub = createHub({
    extensionId: ID,
    extensionOrigin: ORIGIN,
    answer: async (request) => {
      answered.push(request);
      return { ok: true };
    },
    log: (m) => logs.push(m),
  });
  return { hub, logs, answered };
}

describe('hub: who may connect', () => {
  const rejected: [string, string, HubPort['sender']][] = [
    ['another extension claiming the console port', PORT_CONSOLE, { ...consoleSender(), id: 'otherextension' }],
    [
      'another extension claiming the sidebar port',
      PORT_SIDEBAR,
      { id: 'otherextension', url: 'chrome-extension://otherextension/sidebar.html', frameId: 3, tab: { id: 7 } },
    ],
    [
      'another extension whose URL imitates our sidebar',
      PORT_SIDEBAR,
      { id: 'otherextension', url: `${ORIGIN}/sidebar.html`, frameId: 3, tab: { id: 7 } },
    ],
    ['a web page (content-script side) claiming the sidebar port', PORT_SIDEBAR, consoleSender()],
    [
      'a web page whose URL starts like our origin',
      PORT_SIDEBAR,
      { id: ID, url: `${ORIGIN}.evil.example/sidebar.html`, frameId: 3, tab: { id: 7 } },
    ],
    ['our sidebar page without a tab', PORT_SIDEBAR, { id: ID, url: `${ORIGIN}/sidebar.html`, frameId: 0 }],
    ['our sidebar page with a negative tab id', PORT_SIDEBAR, { ...sidebarSender(), tab: { id: -1 } }],
    ['our sidebar page as a tab of its own (top frame)', PORT_SIDEBAR, { ...sidebarSender(), frameId: 0 }],
    [
      'an extension page claiming the console port',
      PORT_CONSOLE,
      { id: ID, url: `${ORIGIN}/options.html`, frameId: 0, tab: { id: 7 } },
    ],
    ['a sub-frame content script claiming the console port', PORT_CONSOLE, { ...consoleSender(), frameId: 2 }],
    ['a port with no sender', PORT_CONSOLE, undefined],
    ['a port with an unknown name', 'htk-admin', consoleSender()],
  ];

  it.each(rejected)('disconnects %s', (_label, name, sender) => {
    const { hub } = setup();
    const port = fakePort(name, sender);
    hub.connect(port);
    expect(port.disconnected).toBe(true);
    expect(port.posted).toEqual([]);
    expect(hub.tabs()).toEqual([]);
  });

  it('a rejected sidebar never receives the tab’s console state', () => {
    const { hub } = setup();
    const cs = fakePort(PORT_CONSOLE, consoleSender());
    hub.connect(cs);
    cs.emit({ type: 'state', state: state('买家A') });
    const spy = fakePort(PORT_SIDEBAR, {
      id: 'otherextension',
      url: `${ORIGIN}/sidebar.html`,
      frameId: 3,
      tab: { id: 7 },
    });
    hub.connect(spy);
    expect(spy.posted).toEqual([]);
    cs.emit({ type: 'state', state: state('买家B') });
    expect(spy.posted).toEqual([]);
  });

  it('accepts its own console and sidebar and relays between them', () => {
    const { hub } = setup();
    const { cs, sb } = linked(hub);
    expect(cs.disconnected || sb.disconnected).toBe(false);
    cs.emit({ type: 'state', state: state('买家A') });
    expect(sb.posted.at(-1)).toEqual({ type: 'state', state: state('买家A') });
  });
});

describe('hub: malformed messages are ignored', () => {
  const junk: unknown[] = [
    null,
    undefined,
    42,
    'state',
    [],
    { type: 'state' },
    { type: 'state', state: { status: 'ok' } },
    { type: 'insert', request: { requestId: 'r', text: '' } },
    // An insert that does not say which conversation it was written for.
    { type: 'insert', request: { requestId: 'r', text: '亲' } },
    {
      type: 'insert',
      request: { requestId: 'r', text: '亲', target: { consoleId: 'taobao', platform: 'taobao', id: 'b1' } },
    },
    {
      type: 'shortcut',
      request: {
        requestId: 's',
        typed: 'cm',
        target: { consoleId: 'taobao', platform: 'taobao', id: 'b1', nick: 'n' },
      },
    },
    { type: 'shortcuts', shortcuts: ['/cm', 'fh'] },
    { type: 'shortcutAnswer', answer: { requestId: 's', outcome: 'sent' } },
    { type: 'rpc', id: 'x', request: { method: 'dropDatabase' } },
    // A read: the sidebar is pushed its view and asks for nothing.
    { type: 'rpc', id: 'x', request: { method: 'notes', buyerId: 'taobao:b1' } },
    { type: 'rpc', id: 'x', request: { method: 'addNote', buyerId: 'taobao:b1', text: 'x'.repeat(5001) } },
    { type: 'setLayout', layout: { width: 1e9 } },
    { type: 'toggle' },
    JSON.parse('{"__proto__":{"polluted":true},"type":"state"}'),
    { type: 'state', state: { ...state('x'), buyer: { id: 'b', nick: 'n'.repeat(301), platform: 'taobao' } } },
    { type: 'state', state: { ...state('x'), messages: [{ id: 'm', author: 'buyer', text: 'x'.repeat(20_001) }] } },
  ];

  it('from a console port: nothing reaches the sidebar, the link survives', () => {
    const { hub, logs } = setup();
    const { cs, sb } = linked(hub);
    const before = sb.posted.length;
    for (const m of junk) expect(() => cs.emit(m)).not.toThrow();
    expect(sb.posted.length).toBe(before);
    expect(logs.filter((l) => l.includes('rejected console message')).length).toBe(junk.length);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A good message after the junk still goes through.
    cs.emit({ type: 'state', state: state('买家C') });
    expect(sb.posted.at(-1)).toEqual({ type: 'state', state: state('买家C') });
  });

  it('from a sidebar port: nothing reaches the console or the data service', async () => {
    const { hub, answered } = setup();
    const { cs, sb } = linked(hub);
    for (const m of junk) expect(() => sb.emit(m)).not.toThrow();
    await Promise.resolve();
    expect(cs.posted).toEqual([]);
    expect(answered).toEqual([]);
    sb.emit({ type: 'rpc', id: 'r1', request: { method: 'deleteNote', id: 'n1' } });
    await new Promise((r) => setTimeout(r, 0));
    expect(answered).toEqual([{ method: 'deleteNote', id: 'n1' }]);
  });

  it('hostile strings inside well-formed messages are relayed as data, unchanged', () => {
    const { hub } = setup();
    const { cs, sb } = linked(hub);
    const nicks = HOSTILE_SMALL.map((h) => h.value).filter((v) => v.length <= 300);
    for (const nick of nicks) cs.emit({ type: 'state', state: state(nick) });
    const relayed = sb.posted.slice(1).map((m) => (m as { state: ConsoleState & { status: 'ok' } }).state.buyer.nick);
    expect(relayed).toEqual(nicks);
  });

  it('a console port of one tab cannot reach the sidebar of another', () => {
    const { hub } = setup();
    const { sb: sb7 } = linked(hub, 7);
    const cs8 = fakePort(PORT_CONSOLE, consoleSender(8));
    hub.connect(cs8);
    cs8.emit({ type: 'frame', nonce: OTHER_NONCE });
    const before = sb7.posted.length;
    cs8.emit({ type: 'state', state: state('别的标签页') });
    expect(sb7.posted.length).toBe(before);
  });
});

describe('hub: a sidebar is served only in the frame its tab’s content script made', () => {
  const rpc = { type: 'rpc', id: 'r1', request: { method: 'deleteNote', id: 'n1' } };
  const flush = () => new Promise((r) => setTimeout(r, 0));

  it('a copy of the sidebar without the nonce (framed by a page) gets no state, no data, no insert', async () => {
    const { hub, answered } = setup();
    const cs = fakePort(PORT_CONSOLE, consoleSender());
    hub.connect(cs);
    cs.emit({ type: 'frame', nonce: NONCE });
    cs.emit({ type: 'state', state: state('买家A') });
    // Asks before saying hello: shut at once.
    const eager = fakePort(PORT_SIDEBAR, sidebarSender());
    hub.connect(eager);
    eager.emit(rpc);
    eager.emit({ type: 'insert', request: { requestId: 'i1', text: '你好' } });
    // A guessed nonce: heard nothing, and shut at the console's next registration.
    const guesser = fakePort(PORT_SIDEBAR, { ...sidebarSender(), frameId: 9 });
    hub.connect(guesser);
    guesser.emit({ type: 'hello', nonce: OTHER_NONCE });
    guesser.emit(rpc);
    // One that never speaks: hears nothing while the console keeps changing.
    const silent = fakePort(PORT_SIDEBAR, { ...sidebarSender(), frameId: 10 });
    hub.connect(silent);
    cs.emit({ type: 'state', state: state('买家B') });
    hub.changed({ all: true });
    hub.toSidebars(7, { type: 'focusSuggestions' });
    await flush();
    for (const port of [eager, guesser, silent]) expect(port.posted).toEqual([]);
    expect(eager.disconnected).toBe(true);
    cs.emit({ type: 'frame', nonce: NONCE });
    expect(guesser.disconnected).toBe(true);
    expect(guesser.posted).toEqual([]);
    expect(answered).toEqual([]);
    expect(cs.posted).toEqual([]);
  });

  it('the nonce is its tab’s: a sidebar in another tab presenting it is refused', () => {
    const { hub } = setup();
    linked(hub, 7);
    const cs8 = fakePort(PORT_CONSOLE, consoleSender(8));
    hub.connect(cs8);
    cs8.emit({ type: 'frame', nonce: OTHER_NONCE });
    const thief = fakePort(PORT_SIDEBAR, sidebarSender(8));
    hub.connect(thief);
    thief.emit({ type: 'hello', nonce: NONCE });
    thief.emit({ type: 'rpc', id: 'r1', request: { method: 'deleteNote', id: 'n1' } });
    cs8.emit({ type: 'state', state: state('八号') });
    expect(thief.posted).toEqual([]);
    // Tab 8's console re-registers its own frame (it does on every reconnect): the thief is shut.
    cs8.emit({ type: 'frame', nonce: OTHER_NONCE });
    expect(thief.disconnected).toBe(true);
    expect(thief.posted).toEqual([]);
  });

  it('a new frame may say hello before its console registers it: it waits, then is bound', () => {
    const { hub } = setup();
    const { cs, sb } = linked(hub);
    // The page removed the host: the content script made a new frame, whose hello comes first.
    const next = fakePort(PORT_SIDEBAR, { ...sidebarSender(), frameId: 6 });
    hub.connect(next);
    next.emit({ type: 'hello', nonce: OTHER_NONCE });
    expect(next.posted).toEqual([]);
    expect(next.disconnected).toBe(false);
    cs.emit({ type: 'frame', nonce: OTHER_NONCE });
    expect(sb.disconnected).toBe(true);
    expect(next.posted).toEqual([{ type: 'state', state: null }]);
    cs.emit({ type: 'state', state: state('买家A') });
    expect(next.posted.at(-1)).toEqual({ type: 'state', state: state('买家A') });
  });

  it('the nonce belongs to the first frame that presents it: another frame with the same nonce is refused', async () => {
    const { hub, answered } = setup();
    const { sb } = linked(hub);
    const second = fakePort(PORT_SIDEBAR, { ...sidebarSender(), frameId: 4 });
    hub.connect(second);
    second.emit({ type: 'hello', nonce: NONCE });
    second.emit(rpc);
    await flush();
    expect(second.posted).toEqual([]);
    expect(second.disconnected).toBe(true);
    expect(answered).toEqual([]);
    // A second port of the bound frame (it reconnects, or opens another) is served.
    const again = fakePort(PORT_SIDEBAR, sidebarSender());
    hub.connect(again);
    again.emit({ type: 'hello', nonce: NONCE });
    expect(again.posted).toEqual([{ type: 'state', state: null }]);
    expect(sb.disconnected).toBe(false);
  });

  it('after a worker restart the sidebar may come back first: it waits, then is served once its console re-registers', async () => {
    const { hub, answered } = setup();
    const sb = fakePort(PORT_SIDEBAR, sidebarSender());
    hub.connect(sb);
    sb.emit({ type: 'hello', nonce: NONCE });
    sb.emit(rpc);
    await flush();
    expect(sb.posted).toEqual([]);
    expect(answered).toEqual([]);
    const cs = fakePort(PORT_CONSOLE, consoleSender());
    hub.connect(cs);
    cs.emit({ type: 'frame', nonce: NONCE });
    await flush();
    // Bound: the state, then the answer to what it asked while waiting.
    expect(sb.posted[0]).toEqual({ type: 'state', state: null });
    expect(sb.posted[1]).toMatchObject({ type: 'rpcResult', id: 'r1', ok: true });
    expect(answered).toEqual([{ method: 'deleteNote', id: 'n1' }]);
    cs.emit({ type: 'state', state: state('买家A') });
    expect(sb.posted.at(-1)).toEqual({ type: 'state', state: state('买家A') });
  });

  it('a new frame (the console page moved on) unlinks the old one', () => {
    const { hub } = setup();
    const { cs, sb } = linked(hub);
    cs.emit({ type: 'frame', nonce: OTHER_NONCE });
    expect(sb.disconnected).toBe(true);
    const next = fakePort(PORT_SIDEBAR, { ...sidebarSender(), frameId: 5 });
    hub.connect(next);
    next.emit({ type: 'hello', nonce: OTHER_NONCE });
    cs.emit({ type: 'state', state: state('买家B') });
    expect(next.posted.at(-1)).toEqual({ type: 'state', state: state('买家B') });
  });

  it('two tabs: each sidebar hears only its own console', () => {
    const { hub } = setup();
    const a = linked(hub, 7, NONCE);
    const b = linked(hub, 8, OTHER_NONCE);
    a.cs.emit({ type: 'state', state: state('七号') });
    b.cs.emit({ type: 'state', state: state('八号') });
    expect(a.sb.posted.at(-1)).toEqual({ type: 'state', state: state('七号') });
    expect(b.sb.posted.at(-1)).toEqual({ type: 'state', state: state('八号') });
    expect(hub.tabs().sort()).toEqual([7, 8]);
  });

  it('a malformed nonce is not a hello', () => {
    const { hub } = setup();
    const cs = fakePort(PORT_CONSOLE, consoleSender());
    hub.connect(cs);
    for (const nonce of ['', 'x'.repeat(32), NONCE.toUpperCase(), `${NONCE}0`]) cs.emit({ type: 'frame', nonce });
    const sb = fakePort(PORT_SIDEBAR, sidebarSender());
    hub.connect(sb);
    sb.emit({ type: 'hello', nonce: 'x'.repeat(32) });
    expect(sb.posted).toEqual([]);
    cs.emit({ type: 'state', state: state('买家A') });
    expect(sb.posted).toEqual([]);
  });
});

describe('hub: inserts and typed shortcuts', () => {
  const target = { consoleId: 'taobao', platform: 'taobao', id: 'b1', nick: '买家A' } as const;
  const bound = () => {
    const { hub } = setup();
    return { hub, ...linked(hub) };
  };

  it('relays an insert with its conversation to the console, and the answer back', () => {
    const { cs, sb } = bound();
    const request = { requestId: 'r1', text: '亲，在的', target, replace: { shortcutId: 's1', typed: '/cm' } };
    sb.emit({ type: 'insert', request });
    expect(cs.posted.at(-1)).toEqual({ type: 'insert', request });
    const result = { requestId: 'r1', ok: false, reason: 'conversation_changed', openNick: '买家B' };
    cs.emit({ type: 'insertResult', result });
    expect(sb.posted.at(-1)).toEqual({ type: 'insertResult', result });
  });

  it('relays a typed shortcut to the sidebar, and its shortcut list and answers to the console', () => {
    const { cs, sb } = bound();
    cs.emit({ type: 'shortcut', request: { requestId: 's1', typed: '/cm', target } });
    expect(sb.posted.at(-1)).toEqual({ type: 'shortcut', request: { requestId: 's1', typed: '/cm', target } });
    sb.emit({ type: 'shortcuts', shortcuts: ['/cm', '/fh'] });
    expect(cs.posted.at(-1)).toEqual({ type: 'shortcuts', shortcuts: ['/cm', '/fh'] });
    sb.emit({ type: 'shortcutAnswer', answer: { requestId: 's1', outcome: 'form' } });
    expect(cs.posted.at(-1)).toEqual({ type: 'shortcutAnswer', answer: { requestId: 's1', outcome: 'form' } });
  });

  it('answers an insert itself when the tab’s console went away', () => {
    const { cs, sb } = bound();
    cs.drop();
    sb.emit({ type: 'insert', request: { requestId: 'r2', text: '亲', target } });
    expect(sb.posted.at(-1)).toEqual({
      type: 'insertResult',
      result: { requestId: 'r2', ok: false, reason: 'no_console' },
    });
  });
});

describe('hub: console states reach the order-event handler', () => {
  it('passes each valid state with its tab, never a malformed one, nor one from a rejected port', () => {
    const seen: [number, string][] = [];
    const hub = createHub({
      extensionId: ID,
      extensionOrigin: ORIGIN,
      onState: (tabId, s) => seen.push([tabId, s.status === 'ok' ? s.buyer.nick : s.status]),
    });
    const { cs } = linked(hub, 7);
    const withOrders = { ...state('买家A'), orders: [{ id: '241207-001', status: 'awaiting_payment' }] };
    cs.emit({ type: 'state', state: withOrders });
    cs.emit({ type: 'state', state: { ...withOrders, orders: [{ id: '241207-001', status: 'sold' }] } });
    const spy = fakePort(PORT_CONSOLE, { ...consoleSender(8), id: 'otherextension' });
    hub.connect(spy);
    spy.emit({ type: 'state', state: withOrders });
    expect(seen).toEqual([[7, '买家A']]);
  });
});

describe('hub: the views it pushes', () => {
  const viewOf = (nick: string | null) =>
    ({
      now: 0,
      today: '2026-01-01',
      conversation: nick === null ? null : { for: { platform: 'taobao', id: 'b1', nick }, buyerId: `taobao:b1` },
    }) as never;
  const views = (port: FakePort) =>
    port.posted.flatMap((m) => {
      const msg = m as { type: string; view?: { conversation: { for: { nick: string } } | null } };
      return msg.type === 'view' ? [msg.view?.conversation?.for.nick ?? null] : [];
    });

  it('a linked sidebar gets the view of the buyer its console shows; unlinked ports and other tabs get none', async () => {
    const computed: (string | null)[] = [];
    const hub = createHub({
      extensionId: ID,
      extensionOrigin: ORIGIN,
      view: async (buyer) => {
        computed.push(buyer?.nick ?? null);
        return viewOf(buyer?.nick ?? null);
      },
    });
    const { cs, sb } = linked(hub);
    const silent = fakePort(PORT_SIDEBAR, { ...sidebarSender(), frameId: 10 });
    hub.connect(silent);
    const other = linked(hub, 8, OTHER_NONCE);
    cs.emit({ type: 'state', state: state('买家A') });
    await hub.views.idle();
    cs.emit({ type: 'state', state: state('买家B') });
    await hub.views.idle();
    // A new message in the same conversation: the view stays.
    cs.emit({ type: 'state', state: { ...state('买家B'), messages: [{ id: 'm2', author: 'buyer', text: '在' }] } });
    await hub.views.idle();
    expect(views(sb).at(-1)).toBe('买家B');
    expect(computed.filter((n) => n === '买家B')).toHaveLength(1);
    expect(silent.posted).toEqual([]);
    expect(views(other.sb)).toEqual([null]);
    // A change about another buyer leaves this view alone; one about this buyer recomputes it.
    const before = computed.length;
    hub.changed({ all: false, buyers: new Set(['taobao:someone-else']) });
    await hub.views.idle();
    expect(computed.length).toBe(before);
    hub.changed({ all: false, buyers: new Set(['taobao:b1']) });
    await hub.views.idle();
    expect(computed.length).toBe(before + 1);
  });
});
