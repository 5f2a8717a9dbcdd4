import type { StageId } from '../schemas/buyer';
import { DEMO_PRODUCTS, DEMO_SHOP, productById, type DemoProduct } from './catalog';
import {
  DEMO_CONCERNS,
  type DemoConcern,
  type DemoConversation,
  type DemoConversationsFile,
  type DemoMessage,
} from './conversation-schema';
import type { Episode } from './episode';
import { BABY_EPISODES } from './episodes-baby';
import { CLOTHING_EPISODES } from './episodes-clothing';
import { COSMETICS_EPISODES } from './episodes-cosmetics';
import { OTHER_EPISODES } from './episodes-other';
import { makeNick } from './nicks';
import { resolveOptions, type DemoOptions } from './plan';
import { mixSeed, mulberry32, pick, randInt, type Rng } from './prng';
import { generateDemoOrders } from './taobao-export';
import { daysBetween, formatDateTime, midnightMs } from './time';

export const DEMO_EPISODES: readonly Episode[] = [
  ...CLOTHING_EPISODES,
  ...COSMETICS_EPISODES,
  ...BABY_EPISODES,
  ...OTHER_EPISODES,
];

/** Chats with buyers who never ordered: overseas visitors and a first-timer checking authenticity. */
const NEWCOMER_EPISODES = new Set(['en-shipping', 'en-fragrance', 'tw-genuine', 'lipstick-genuine']);
/** Opened first: a returning buyer asking about size is the console's showcase. */
const FIRST_EPISODE = 'dress-size';

type Level = 'none' | 'vip1' | 'vip2' | 'vip3' | 'vip4';
interface Summary {
  nick: string;
  favourite: string;
  stage: StageId;
  level: Level;
}

/** Profiles to spread the chats over, so the sidebar shows every kind of buyer. */
const TARGETS: readonly [StageId, Level][] = [
  ['active', 'vip4'],
  ['lost', 'vip1'],
  ['silent', 'vip2'],
  ['sleeping', 'vip3'],
  ['active', 'vip1'],
  ['prospect', 'none'],
  ['sleeping', 'vip4'],
  ['active', 'vip2'],
  ['lost', 'vip3'],
  ['silent', 'vip1'],
  ['active', 'vip3'],
  ['sleeping', 'vip1'],
  ['lost', 'vip2'],
  ['silent', 'vip3'],
  ['lost', 'vip4'],
  ['sleeping', 'vip2'],
  ['silent', 'vip4'],
  ['active', 'vip2'],
];

function levelOf(paidOrders: number, netCents: number): Level {
  if (paidOrders === 0) return 'none';
  return netCents >= 300_000 ? 'vip4' : netCents >= 100_000 ? 'vip3' : netCents >= 30_000 ? 'vip2' : 'vip1';
}

function stageOf(daysSince: number | null): StageId {
  if (daysSince === null) return 'prospect';
  return daysSince <= 45 ? 'active' : daysSince <= 90 ? 'silent' : daysSince <= 180 ? 'sleeping' : 'lost';
}

function summarise(options: DemoOptions, asOf: string): Summary[] {
  const acc = new Map<string, { favourite: string; paid: number; net: number; last: string | null }>();
  for (const order of generateDemoOrders(options)) {
    const entry = acc.get(order.buyerNick) ?? {
      favourite: order.lines[0]?.category ?? 'clothing',
      paid: 0,
      net: 0,
      last: null,
    };
    const net = order.paidCents - order.refundCents;
    if (order.paidAt && net > 0) {
      entry.paid++;
      entry.net += net;
      const day = order.paidAt.slice(0, 10);
      if (!entry.last || day > entry.last) entry.last = day;
    }
    acc.set(order.buyerNick, entry);
  }
  return [...acc].map(([nick, e]) => ({
    nick,
    favourite: e.favourite,
    level: levelOf(e.paid, e.net),
    stage: stageOf(e.last ? daysBetween(e.last, asOf) : null),
  }));
}

function chooseBuyer(
  rng: Rng,
  buyers: Summary[],
  used: Set<string>,
  episode: Episode,
  target: [StageId, Level],
): string {
  const free = buyers.filter((b) => !used.has(b.nick));
  const cell = free.filter((b) => b.stage === target[0] && b.level === target[1]);
  const liked = cell.filter((b) => b.favourite === episode.category);
  const chosen = pick(rng, liked.length > 0 ? liked : cell.length > 0 ? cell : free);
  used.add(chosen.nick);
  return chosen.nick;
}

function fill(text: string, product: DemoProduct): string {
  return text.replace(/\{item\}/g, product.short).replace(/\{price\}/g, (product.priceCents / 100).toFixed(2));
}

function buildMessages(
  episode: Episode,
  id: string,
  product: DemoProduct,
  asOfMs: number,
  endMinute: number,
  rng: Rng,
): DemoMessage[] {
  let minute = endMinute - episode.past.length * 2;
  return episode.past.map((line, n) => {
    minute += randInt(rng, 1, 2);
    const at = formatDateTime(asOfMs, minute, randInt(rng, 0, 59));
    const base = { id: `${id}-m${n + 1}`, at };
    if (line[0] === 'card') {
      const card = {
        productId: product.id,
        title: product.title,
        priceCents: product.priceCents,
        category: product.category,
        color: product.color,
      };
      return { ...base, author: 'buyer' as const, text: product.title, card };
    }
    const author = line[0] === 'b' ? ('buyer' as const) : line[0] === 'a' ? ('agent' as const) : ('system' as const);
    return { ...base, author, text: fill(line[1], product) };
  });
}

/** The console's chats for a demo shop: buyers taken from the shop's own orders, plus a few newcomers. */
export function generateConversations(options: DemoOptions): DemoConversationsFile {
  const { seed, asOf } = resolveOptions(options);
  const rng = mulberry32(mixSeed(seed, 5));
  const buyers = summarise(options, asOf);
  const taken = new Set(buyers.map((b) => b.nick));
  const used = new Set<string>();
  const asOfMs = midnightMs(asOf);
  const first = DEMO_EPISODES.filter((e) => e.key === FIRST_EPISODE);
  const rest = DEMO_EPISODES.filter((e) => e.key !== FIRST_EPISODE);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = randInt(rng, 0, i);
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  let delay = 6000;
  let lastMinute = -80;
  let targetIndex = 0;
  const conversations = [...first, ...rest].map((episode, i): DemoConversation => {
    const id = `c${String(i + 1).padStart(2, '0')}`;
    const newcomer = NEWCOMER_EPISODES.has(episode.key);
    const nick = newcomer
      ? makeNick(rng, taken)
      : chooseBuyer(rng, buyers, used, episode, [...TARGETS[targetIndex++ % TARGETS.length]!]);
    const product = episode.product
      ? productById(episode.product)
      : pick(
          rng,
          DEMO_PRODUCTS.filter((p) => p.category === episode.category),
        );
    // Older chats sit further down the list: each one's last message is a little earlier the day before.
    lastMinute -= randInt(rng, 8, 25);
    const messages = buildMessages(episode, id, product, asOfMs, lastMinute, rng);
    const script = episode.script.map((line, n) => {
      if (n === 0) delay = i === 0 ? 6000 : 15_000 + i * 18_000 + randInt(rng, 0, 8000);
      else delay += randInt(rng, 6000, 20_000);
      return { id: `${id}-s${n + 1}`, delayMs: delay, text: fill(line.text, product), concerns: line.concerns };
    });
    let unread = 0;
    for (let k = messages.length - 1; i > 0 && k >= 0 && messages[k]!.author === 'buyer'; k--) unread++;
    const raised = new Set<DemoConcern>([
      ...(episode.pastConcerns ?? []),
      ...episode.script.flatMap((line) => line.concerns),
    ]);
    return {
      id,
      buyerId: nick,
      nick,
      lang: episode.lang,
      inExport: !newcomer,
      unread,
      concerns: DEMO_CONCERNS.filter((c) => raised.has(c)),
      messages,
      script,
    };
  });
  return { version: 1, asOf, shop: { ...DEMO_SHOP }, conversations };
}
