// `suggest --buyer KEY --message TEXT... [--export FILE...] [--platform P] [--as-of YYYY-MM-DD] [--lang zh-CN|en] [--all] [--json]`
// What the sidebar would suggest to an agent in a conversation with this buyer: the exports are
// read into memory (no database), every buyer is measured and segmented as an import does, and
// the default playbook (templates, coupons and their rules, contact policy, reminder rules) ranks
// the replies with lib/suggestions, the code the sidebar runs. Prints the ranked list with
// reasons and the coupons offered; exit code 0, 1 when an export could not be read, 2 on bad usage.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { defaultTaxonomy } from '../../lib/concerns';
import { DEFAULT_CONTACT_POLICY } from '../../lib/contact/schema';
import { couponLabel } from '../../lib/coupons';
import { DEFAULT_COUPON_RULES, DEFAULT_COUPONS } from '../../lib/coupons/defaults';
import { isLocalDate, todayLocal } from '../../lib/dates/local-date';
import { ImportError, readAllOrders, type ImportSource } from '../../lib/import';
import { formatIssue, type ImportIssue } from '../../lib/import/issues';
import { computeBuyerMetrics } from '../../lib/metrics/compute';
import { buildProfile } from '../../lib/metrics/profile';
import { mergeFragments } from '../../lib/orders/merge';
import {
  DEFAULT_REMINDER_RULES,
  dueReminders,
  epochOfLocalDateTime,
  remindersFromOrders,
  remindersFromProfile,
  upcomingReminders,
} from '../../lib/reminders';
import { buyerId, type BuyerProfile } from '../../lib/schemas/buyer';
import { PLATFORMS, type Platform, type UiLocale } from '../../lib/schemas/common';
import type { ConsoleMessage } from '../../lib/schemas/messages';
import type { Order } from '../../lib/schemas/order';
import { buildSegmentModel } from '../../lib/segments/model';
import { DEFAULT_APP_SETTINGS, type AppSettings } from '../../lib/settings/app';
import {
  concernNamer,
  couponLabelLocale,
  couponReasonText,
  detectConcerns,
  openReminderKinds,
  recentConcerns,
  suggest,
  suggestionList,
  type ConversationFacts,
} from '../../lib/suggestions';
import { createTemplateSearchIndex, defaultTemplates, replyOrders } from '../../lib/templates';

export interface SuggestOptions {
  /** The buyer as the console shows them: the export's buyer key (Taobao: the account name). */
  buyer: string;
  messages: string[];
  exports: string[];
  platform: Platform;
  asOf: string;
  /** The language the list and its reasons are printed in. */
  lang: UiLocale;
  all: boolean;
  json: boolean;
}

export const USAGE = `usage: suggest --buyer KEY --message TEXT [TEXT…] [--export FILE…] [--platform ${PLATFORMS.join('|')}] [--as-of YYYY-MM-DD] [--lang zh-CN|en] [--all] [--json]`;

export function parseArgs(argv: readonly string[], today: string = todayLocal()): SuggestOptions | { error: string } {
  const o: SuggestOptions = {
    buyer: '',
    messages: [],
    exports: [],
    platform: 'taobao',
    asOf: today,
    lang: 'zh-CN',
    all: false,
    json: false,
  };
  let listing: 'message' | 'export' | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const [flag, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (!flag.startsWith('--')) {
      // Values after --message / --export until the next flag belong to it.
      if (listing === 'message') o.messages.push(arg);
      else if (listing === 'export') o.exports.push(arg);
      else return { error: `unexpected argument ${arg}` };
      continue;
    }
    listing = null;
    if (flag === '--buyer') o.buyer = value() ?? '';
    else if (flag === '--message') {
      const text = value();
      if (text === undefined) return { error: '--message needs the text of a buyer message' };
      o.messages.push(text);
      listing = 'message';
    } else if (flag === '--export') {
      const file = value();
      if (file === undefined) return { error: '--export needs a file' };
      o.exports.push(file);
      listing = 'export';
    } else if (flag === '--platform') {
      const platform = value();
      if (!PLATFORMS.includes(platform as Platform))
        return { error: `--platform must be one of ${PLATFORMS.join(', ')}` };
      o.platform = platform as Platform;
    } else if (flag === '--as-of') {
      const date = value();
      if (date === undefined || !isLocalDate(date))
        return { error: `--as-of needs a date YYYY-MM-DD, got ${String(date)}` };
      o.asOf = date;
    } else if (flag === '--lang' || flag === '--locale') {
      const lang = value();
      if (lang !== 'zh-CN' && lang !== 'en') return { error: `${flag} must be zh-CN or en` };
      o.lang = lang;
    } else if (flag === '--all') o.all = true;
    else if (flag === '--json') o.json = true;
    else return { error: `unknown option ${flag}` };
  }
  if (o.buyer.trim() === '') return { error: '--buyer is required' };
  if (o.messages.length === 0) return { error: 'at least one --message is required' };
  return o;
}

function fileSource(path: string): ImportSource {
  return {
    name: basename(path),
    size: statSync(path).size,
    async *chunks() {
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) yield chunk as Uint8Array;
    },
    async *range(start: number, end: number) {
      if (end <= start) return;
      for await (const chunk of createReadStream(path, { start, end: end - 1 })) yield chunk as Uint8Array;
    },
  };
}

/** Every export's orders, merged by order id as an import merges them (the same order in two files counts once). */
async function readExports(files: readonly string[]): Promise<{
  orders: Order[];
  issues: ImportIssue[];
  failedFiles: string[];
}> {
  const merged = new Map<string, Order>();
  const issues: ImportIssue[] = [];
  const failedFiles: string[] = [];
  for (const path of files) {
    try {
      const read = await readAllOrders(fileSource(path));
      issues.push(...read.issues);
      mergeFragments(merged, read.fragments, `cli-suggest:${basename(path)}`);
    } catch (error) {
      if (error instanceof ImportError) {
        issues.push(error.issue);
        failedFiles.push(path);
      } else if ((error as NodeJS.ErrnoException).code === 'ENOENT') failedFiles.push(path);
      else throw error;
    }
  }
  return { orders: [...merged.values()], issues, failedFiles };
}

/** The buyer's profile as of the date, in the population of every buyer of the orders; null when they have no order. */
function profileIn(
  orders: readonly Order[],
  key: string,
  asOf: string,
  settings: AppSettings,
): { profile: BuyerProfile; orders: Order[] } | null {
  const byBuyer = new Map<string, { platform: Platform; buyerKey: string; nick: string | null; orders: Order[] }>();
  for (const order of orders) {
    if (!order.buyerKey) continue;
    const id = buyerId(order.platform, order.buyerKey);
    let entry = byBuyer.get(id);
    if (!entry)
      byBuyer.set(id, (entry = { platform: order.platform, buyerKey: order.buyerKey, nick: null, orders: [] }));
    entry.nick ??= order.buyerNick ?? null;
    entry.orders.push(order);
  }
  const rules = settings.profile.rules;
  const measured = new Map([...byBuyer].map(([id, b]) => [id, computeBuyerMetrics(b.orders, rules)]));
  const buyer = byBuyer.get(key);
  if (!buyer) return null;
  const model = buildSegmentModel([...measured.values()], asOf);
  const input = { platform: buyer.platform, buyerKey: buyer.buyerKey, nick: buyer.nick ?? buyer.buyerKey };
  return {
    profile: buildProfile({ ...input, metrics: measured.get(key)! }, settings.profile, model, asOf),
    orders: buyer.orders,
  };
}

export interface SuggestionLine {
  rank: number;
  templateId: string;
  title: string;
  shortcut: string | null;
  reason: string;
  capped: boolean;
  coupon: string | null;
  /** The text as it would go into the console's input; null while blanks wait for the agent. */
  text: string | null;
  blanks: string[];
}

export interface SuggestResult {
  /** The buyer's storage key, and whether the exports have them. */
  buyer: { key: string; found: boolean; level: string | null; stage: string; segment: string | null };
  concerns: string[];
  reminders: string[];
  suggestions: SuggestionLine[];
  coupons: { id: string; label: string; reason: string; capped: string | null }[];
  issues: string[];
  failedFiles: string[];
}

/** The command without printing. The conversation happens at noon of the as-of day in the shop's time zone. */
export async function suggestFor(
  o: SuggestOptions,
  settings: AppSettings = DEFAULT_APP_SETTINGS,
): Promise<SuggestResult> {
  const read = o.exports.length > 0 ? await readExports(o.exports) : { orders: [], issues: [], failedFiles: [] };
  const key = buyerId(o.platform, o.buyer);
  const found = profileIn(read.orders, key, o.asOf, settings);
  const timeZone = settings.timeZone;
  const now = epochOfLocalDateTime(`${o.asOf} 12:00:00`, timeZone);

  const messages: ConsoleMessage[] = o.messages.map((text, i) => ({ id: `cli-${i}`, author: 'buyer', text }));
  const taxonomy = defaultTaxonomy();
  const detected = detectConcerns(messages, taxonomy);
  const nameOf = concernNamer(taxonomy);
  const concernNames = Object.fromEntries(detected.map((d) => [d.concern, nameOf(d.concern, o.lang)]));
  const nick = found?.profile.nick ?? o.buyer;
  const facts: ConversationFacts = {
    buyerId: key,
    target: { consoleId: 'cli', platform: o.platform, id: o.buyer, nick },
    nick,
    platform: o.platform,
    profile: found?.profile ?? null,
    orders: found ? replyOrders(found.orders) : [],
    product: null,
    messages,
    recentConcerns: recentConcerns(messages, detected),
  };
  // The reminders the background would hold for this buyer by now (default rules, none acted on).
  const rules = DEFAULT_REMINDER_RULES;
  const reminders = found
    ? [
        ...remindersFromOrders({ orders: found.orders }, rules, now, [], timeZone),
        ...remindersFromProfile(found.profile, rules, now, [], { timeZone }),
      ]
    : [];
  const open = { due: dueReminders(reminders, now), upcoming: upcomingReminders(reminders, now) };
  const templates = defaultTemplates();
  const context = {
    templates,
    coupons: DEFAULT_COUPONS,
    couponRules: DEFAULT_COUPON_RULES,
    contactLog: [],
    policy: DEFAULT_CONTACT_POLICY,
    now,
  };
  const s = suggest(facts, context, settings, openReminderKinds(open, now));
  const list = suggestionList(s, facts, settings, {
    query: null,
    index: createTemplateSearchIndex(templates),
    all: new Map(templates.map((t) => [t.id, t])),
    pinned: null,
    viaShortcut: null,
    showAll: o.all,
    open: null,
    concernNames,
    locale: o.lang,
  });
  const profile = found?.profile;
  return {
    buyer: {
      key,
      found: found !== null,
      level: profile?.level?.name ?? null,
      stage: profile?.stage.id ?? 'prospect',
      segment: profile?.rfm8 ?? null,
    },
    concerns: [...new Set(detected.map((d) => d.concern))],
    reminders: [...open.due, ...open.upcoming].map((r) => `${r.kind}@${new Date(r.dueAt).toISOString()}`),
    suggestions: list.items.map((v, i) => ({
      rank: i + 1,
      templateId: v.template.id,
      title: v.template.title,
      shortcut: v.template.shortcut ?? null,
      reason: v.reason,
      capped: v.capped,
      coupon: v.couponLabel,
      text: v.render.ok ? v.render.text : null,
      blanks: v.render.blanks.filter((b) => !b.answered).map((b) => b.label),
    })),
    coupons: s.coupons.map((c) => ({
      id: c.coupon.coupon.id,
      label: couponLabel(c.coupon, couponLabelLocale(o.lang, 'zh-CN')),
      reason: c.reasons.map((r) => couponReasonText(r, o.lang)).join(' · '),
      capped: c.capped ? couponReasonText(c.capped, o.lang) : null,
    })),
    issues: read.issues.map((issue) => formatIssue(issue, o.lang)),
    failedFiles: read.failedFiles,
  };
}

/** The result as people read it, in the chosen language. */
export function formatResult(r: SuggestResult, o: Pick<SuggestOptions, 'lang'>): string {
  const en = o.lang === 'en';
  const lines: string[] = [];
  lines.push(
    r.buyer.found
      ? `${r.buyer.key} · ${r.buyer.level ?? '—'} · ${r.buyer.segment ?? '—'} · ${r.buyer.stage}`
      : `${r.buyer.key} · ${en ? 'not in the exports (new contact)' : '不在导入数据中（新客）'}`,
  );
  if (r.concerns.length > 0) lines.push(`${en ? 'concerns' : '关注点'}: ${r.concerns.join(', ')}`);
  if (r.reminders.length > 0) lines.push(`${en ? 'reminders' : '提醒'}: ${r.reminders.join(', ')}`);
  lines.push('');
  for (const s of r.suggestions) {
    const flags = [s.shortcut, s.capped ? (en ? 'capped' : '已达上限') : null, s.coupon].filter(Boolean).join(' · ');
    lines.push(`${s.rank}. ${s.title}${flags ? ` [${flags}]` : ''}`);
    lines.push(`   ${en ? 'why' : '原因'}: ${s.reason}`);
    lines.push(`   ${s.text ?? `${en ? 'blanks to fill' : '待填'}: ${s.blanks.join(', ')}`}`);
  }
  if (r.suggestions.length === 0) lines.push(en ? 'no suggestion' : '暂无推荐');
  if (r.coupons.length > 0) {
    lines.push('', en ? 'coupons' : '优惠券');
    for (const c of r.coupons) lines.push(`- ${c.label} (${c.id}): ${c.reason}${c.capped ? ` — ${c.capped}` : ''}`);
  }
  return lines.join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const options = parseArgs(argv);
  if ('error' in options) {
    process.stderr.write(`${options.error}\n${USAGE}\n`);
    return 2;
  }
  const result = await suggestFor(options);
  process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${formatResult(result, options)}\n`);
  for (const file of result.failedFiles) process.stderr.write(`${file}: could not be read\n`);
  for (const issue of result.issues.slice(0, 20)) process.stderr.write(`${issue}\n`);
  return result.failedFiles.length > 0 ? 1 : 0;
}
