import type { Platform } from '../schemas/common';
import type { ConsoleAdapter, InputKind, SelectorKey } from './schema';

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
}

export function emptyForm(): ConsoleForm {
  const selectors = Object.fromEntries(FORM_SELECTORS.map((k) => [k, ''])) as Record<FormSelector, string>;
  return { name: '', platform: 'other', patterns: '', example: '', selectors, buyerNickAttr: '', buyerIdAttr: '', inputKind: 'auto' };
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const valueSource = (selector: string, attr: string) => ({ selector, ...(attr.trim() ? { attr: attr.trim() } : {}) });

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
