import type { Platform } from '../schemas/common';
import type { ConsoleAdapter, InputKind, PartSource, SelectorKey } from './schema';

/**
 * The custom-console form as the supervisor fills it: plain strings, one pattern per line.
 * `formToInput` turns it into the object `parseCustomConsole` validates; empty optional fields
 * are left out rather than stored as empty strings.
 */
export const FORM_SELECTORS = [
  'ready',
  'buyerNick',
  'buyerId',
  'messageRow',
  'messageText',
  'authorBuyer',
  'authorAgent',
  'authorSystem',
  'input',
  'sendButton',
] as const satisfies readonly SelectorKey[];
export type FormSelector = (typeof FORM_SELECTORS)[number];

export const OPTIONAL_FORM_SELECTORS: ReadonlySet<FormSelector> = new Set(['buyerId', 'authorSystem', 'sendButton']);

/**
 * The order panel's fields (issue 19), optional as a whole: `row` selects one element per order;
 * the others are selectors inside a row (empty = not shown), `orderIdAttr` reads the id from an
 * attribute (of the `orderId` element, or of the row itself when that is empty).
 */
export const ORDER_FORM_PARTS = ['row', 'orderId', 'status', 'amount', 'time', 'tracking', 'carrier'] as const;
export type OrderFormPart = (typeof ORDER_FORM_PARTS)[number];
/** Product cards: `card` selects each card; `title` and `id` are inside it (`idAttr`: e.g. a link's `href`). */
export const PRODUCT_FORM_PARTS = ['card', 'title', 'id'] as const;
export type ProductFormPart = (typeof PRODUCT_FORM_PARTS)[number];

export interface ConsoleForm {
  name: string;
  platform: Platform;
  /** Match patterns, one per line. */
  patterns: string;
  /** An address of the console, checked against the patterns (usually the tested tab's). */
  example: string;
  selectors: Record<FormSelector, string>;
  /** Read the buyer's nick / id from this attribute instead of the element's text. */
  buyerNickAttr: string;
  buyerIdAttr: string;
  inputKind: InputKind;
  orderPanel: Record<OrderFormPart, string>;
  orderIdAttr: string;
  productCards: Record<ProductFormPart, string>;
  productIdAttr: string;
  /** The query parameter of the id value that is the item id (`goods_id`), else its last digits. */
  productIdParam: string;
}

export function emptyForm(): ConsoleForm {
  const selectors = Object.fromEntries(FORM_SELECTORS.map((k) => [k, ''])) as Record<FormSelector, string>;
  const orderPanel = Object.fromEntries(ORDER_FORM_PARTS.map((k) => [k, ''])) as Record<OrderFormPart, string>;
  const productCards = Object.fromEntries(PRODUCT_FORM_PARTS.map((k) => [k, ''])) as Record<ProductFormPart, string>;
  return {
    name: '',
    platform: 'other',
    patterns: '',
    example: '',
    selectors,
    buyerNickAttr: '',
    buyerIdAttr: '',
    inputKind: 'auto',
    orderPanel,
    orderIdAttr: '',
    productCards,
    productIdAttr: '',
    productIdParam: '',
  };
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const valueSource = (selector: string, attr: string) => ({ selector, ...(attr.trim() ? { attr: attr.trim() } : {}) });
/** A part inside a row or card: its selector and attribute, each when given. */
const part = (selector: string, attr = '') => ({
  ...(selector.trim() ? { selector: selector.trim() } : {}),
  ...(attr.trim() ? { attr: attr.trim() } : {}),
});

function orderPanelInput(form: ConsoleForm): Record<string, unknown> | undefined {
  const o = form.orderPanel;
  if (!o.row.trim()) return undefined;
  const optional = (key: Exclude<OrderFormPart, 'row' | 'orderId'>) => (o[key].trim() ? { [key]: part(o[key]) } : {});
  return {
    row: o.row,
    orderId: part(o.orderId, form.orderIdAttr),
    ...optional('status'),
    ...optional('amount'),
    ...optional('time'),
    ...optional('tracking'),
    ...optional('carrier'),
  };
}

function productCardsInput(form: ConsoleForm): Record<string, unknown> | undefined {
  const p = form.productCards;
  if (!p.card.trim()) return undefined;
  const id = part(p.id, form.productIdAttr);
  return {
    card: p.card,
    title: part(p.title),
    ...(Object.keys(id).length ? { id } : {}),
    ...(form.productIdParam.trim() ? { idParam: form.productIdParam.trim() } : {}),
  };
}

export function formToInput(form: ConsoleForm, id: string): unknown {
  const s = form.selectors;
  const optional = (key: FormSelector) => (s[key].trim() ? { [key]: s[key] } : {});
  return {
    id,
    name: { zh: form.name, en: form.name },
    platform: form.platform,
    matches: lines(form.patterns),
    exampleUrls: lines(form.example),
    selectors: {
      ready: s.ready,
      buyerNick: valueSource(s.buyerNick, form.buyerNickAttr),
      ...(s.buyerId.trim() ? { buyerId: valueSource(s.buyerId, form.buyerIdAttr) } : {}),
      messageRow: s.messageRow,
      messageText: s.messageText,
      authorBuyer: s.authorBuyer,
      authorAgent: s.authorAgent,
      ...optional('authorSystem'),
      input: s.input,
      inputKind: form.inputKind,
      ...optional('sendButton'),
    },
    ...(orderPanelInput(form) ? { orderPanel: orderPanelInput(form) } : {}),
    ...(productCardsInput(form) ? { productCards: productCardsInput(form) } : {}),
  };
}

export function formFromConsole(c: ConsoleAdapter): ConsoleForm {
  const form = emptyForm();
  const s = c.selectors;
  for (const key of FORM_SELECTORS) {
    const value = s[key];
    form.selectors[key] = typeof value === 'string' ? value : (value?.selector ?? '');
  }
  return {
    ...form,
    name: c.name.zh,
    platform: typeof c.platform === 'string' ? c.platform : 'other',
    patterns: c.matches.join('\n'),
    example: c.exampleUrls.join('\n'),
    buyerNickAttr: s.buyerNick.attr ?? '',
    buyerIdAttr: s.buyerId?.attr ?? '',
    inputKind: s.inputKind,
    ...orderPanelForm(c, form),
    ...productCardsForm(c, form),
  };
}

function orderPanelForm(c: ConsoleAdapter, form: ConsoleForm): Pick<ConsoleForm, 'orderPanel' | 'orderIdAttr'> {
  const o = c.orderPanel;
  if (!o) return { orderPanel: form.orderPanel, orderIdAttr: '' };
  const sel = (p: PartSource | undefined) => p?.selector ?? '';
  return {
    orderPanel: {
      row: o.row,
      orderId: sel(o.orderId),
      status: sel(o.status),
      amount: sel(o.amount),
      time: sel(o.time),
      tracking: sel(o.tracking),
      carrier: sel(o.carrier),
    },
    orderIdAttr: o.orderId.attr ?? '',
  };
}

function productCardsForm(
  c: ConsoleAdapter,
  form: ConsoleForm,
): Pick<ConsoleForm, 'productCards' | 'productIdAttr' | 'productIdParam'> {
  const p = c.productCards;
  if (!p) return { productCards: form.productCards, productIdAttr: '', productIdParam: '' };
  return {
    productCards: { card: p.card, title: p.title.selector ?? '', id: p.id?.selector ?? '' },
    productIdAttr: p.id?.attr ?? '',
    productIdParam: p.idParam ?? '',
  };
}

/** A fresh id for a new console; ids are never shown, they only keep consoles apart. */
export function newConsoleId(taken: ReadonlySet<string>, now: number): string {
  for (let n = 0; ; n++) {
    const id = `custom-${now.toString(36)}${n ? `-${n}` : ''}`;
    if (!taken.has(id)) return id;
  }
}

/** The origins a console needs host permission for: its patterns as Chrome takes them. */
export function permissionOrigins(c: Pick<ConsoleAdapter, 'matches'>): string[] {
  return [...new Set(c.matches)];
}
