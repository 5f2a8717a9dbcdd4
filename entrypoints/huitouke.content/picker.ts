import { picker as catalog } from '@/lib/i18n/catalog/picker';
import { applyRepair, PART_KEYS, TAUGHT_PARTS, type TaughtPart } from '@/lib/consoles/parts';
import { PLATFORM_IDS } from '@/lib/consoles/platforms';
import type { ConsoleAdapter, ConsoleSelectors, ValueSource } from '@/lib/consoles/schema';
import {
  commonAncestor,
  queryAll,
  selectorFor,
  textOf,
  type PickElement,
  type PickRoot,
} from '@/lib/consoles/selectors';
import {
  pickTarget,
  proposeInput,
  proposeMessages,
  proposeSendButton,
  proposeValue,
  type MessagesProposal,
  type TeachProblem,
} from '@/lib/consoles/teach';
import type { UiLocale } from '@/lib/schemas/common';
import type { Platform } from '@/lib/schemas/common';
import { readConsole } from './reader';

/**
 * The picker on the console page: the supervisor clicks one example of each part (two buyer and
 * two agent messages), lib/consoles proposes the selectors, the review shows what they match and
 * what a reading would give, and saving hands the result to the background (which validates and
 * stores it). Like the sidebar, its UI sits in a closed shadow root: the page's scripts see that a
 * picker is open (and which step, `data-step`), not what it shows. While it is open, clicks on the
 * page pick instead of acting. Keys: Esc cancels, Enter picks the highlighted element (saves on the
 * review), ↑/↓ widen or narrow the highlight, Backspace goes back.
 */

export const PICKER_TAG = 'huitouke-picker';

type CatalogKey = keyof typeof catalog;
type StepId = 'buyerNick' | 'buyerId' | 'buyerMessages' | 'agentMessages' | 'input' | 'sendButton' | 'review';

interface Step {
  id: StepId;
  need: number;
  optional: boolean;
}

const STEPS_OF: Record<TaughtPart, Step[]> = {
  buyerNick: [{ id: 'buyerNick', need: 1, optional: false }],
  buyerId: [{ id: 'buyerId', need: 1, optional: true }],
  messages: [
    { id: 'buyerMessages', need: 2, optional: false },
    { id: 'agentMessages', need: 2, optional: false },
  ],
  input: [{ id: 'input', need: 1, optional: false }],
  sendButton: [{ id: 'sendButton', need: 1, optional: true }],
};

export type PickerSave =
  | { kind: 'new'; adapter: ConsoleAdapter }
  | { kind: 'repair'; id: string; parts: TaughtPart[]; selectors: Partial<ConsoleSelectors> };

export interface PickerOptions {
  locale: UiLocale;
  /** The console being repaired; absent: a new console for this site. */
  adapter?: ConsoleAdapter;
  /** The parts to point at (a repair: those that stopped matching); all by default. */
  parts?: readonly TaughtPart[];
  /** Hands the result to the background; resolves with an error message, or null when saved. */
  save(result: PickerSave): Promise<{ error: string | null; waiting?: boolean }>;
  onClose(): void;
}

export interface Picker {
  stop(): void;
}

const CSS = `
:host { all: initial; }
.box { position: fixed; z-index: 2147483647; pointer-events: none; border: 2px solid #1664ff; background: rgba(22,100,255,.08); border-radius: 3px; box-sizing: border-box; }
.box.match { border-color: #00b42a; background: rgba(0,180,42,.08); }
.tip { position: fixed; z-index: 2147483647; pointer-events: none; max-width: 320px; background: #1d2129; color: #fff; font: 12px/1.4 system-ui, sans-serif; padding: 2px 6px; border-radius: 3px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.panel { position: fixed; z-index: 2147483647; left: 12px; bottom: 12px; width: 320px; max-height: 70vh; overflow: auto; background: #fff; color: #1d2129; font: 13px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; border: 1px solid #c9cdd4; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); padding: 12px; box-sizing: border-box; }
.panel.right { left: auto; right: 12px; }
h2 { font-size: 14px; margin: 0 0 4px; }
.step { color: #86909c; font-size: 12px; }
.ask { margin: 6px 0; }
.problem { color: #cb2634; margin: 6px 0; }
.note { color: #86909c; font-size: 12px; }
.row { margin: 4px 0; padding: 4px 6px; background: #f7f8fa; border-radius: 4px; }
.row b { font-weight: 600; }
.row .reads { color: #4e5969; word-break: break-all; }
.preview { margin-top: 6px; border-top: 1px solid #e5e6eb; padding-top: 6px; }
.msg { color: #4e5969; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
label { display: block; margin: 4px 0; font-size: 12px; color: #4e5969; }
input, select { display: block; width: 100%; box-sizing: border-box; font: inherit; padding: 3px 6px; border: 1px solid #c9cdd4; border-radius: 4px; }
.buttons { display: flex; gap: 6px; justify-content: flex-end; margin-top: 8px; flex-wrap: wrap; }
button { font: inherit; padding: 3px 10px; border: 1px solid #c9cdd4; border-radius: 4px; background: #fff; cursor: pointer; }
button.primary { background: #1664ff; border-color: #1664ff; color: #fff; }
button:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid #1664ff; outline-offset: 1px; }
.keys { color: #86909c; font-size: 11px; margin-top: 6px; }
`;

function translator(locale: UiLocale) {
  return (key: CatalogKey, params?: Record<string, string | number>): string => {
    const entry = catalog[key];
    const text = locale === 'en' ? entry.en : entry.zh;
    return params
      ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
      : text;
  };
}

const isEditable = (el: Element | null) =>
  !!el &&
  (el.tagName === 'INPUT' ||
    el.tagName === 'TEXTAREA' ||
    el.tagName === 'SELECT' ||
    (el as HTMLElement).isContentEditable);

/** A default match pattern for a new console: its site and the first folder of its address. */
export function defaultPattern(url: string): string {
  const u = new URL(url);
  const first = u.pathname.split('/').filter(Boolean)[0];
  return `${u.protocol}//${u.hostname}/${first && !/\.\w+$/.test(first) ? `${first}/` : ''}*`;
}

/** An id for a console taught on this site: `taught-<host>-<time>`, as the adapter schema wants ids. */
export function taughtId(url: string, now: number): string {
  const host = new URL(url).hostname
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 28);
  return `taught-${host || 'site'}-${now.toString(36)}`;
}

export function startPicker(opts: PickerOptions): Picker {
  const t = translator(opts.locale);
  const repair = opts.adapter;
  const parts = TAUGHT_PARTS.filter((p) => (opts.parts && opts.parts.length ? opts.parts.includes(p) : true));
  const steps: Step[] = [...parts.flatMap((p) => STEPS_OF[p]), { id: 'review', need: 0, optional: false }];
  let index = 0;
  const clicks = new Map<StepId, Element[]>();
  let problem: string | null = null;
  let hovered: Element | null = null;
  /** The document the chat is in: the page's, or a same-origin frame's (set by the first click). */
  let chatDoc: Document | null = null;
  let frameSelector: string | undefined;
  let frameElement: Element | null = null;
  let values: { buyerNick?: { source: ValueSource; el: Element }; buyerId?: { source: ValueSource; el: Element } } = {};
  let messages: MessagesProposal | null = null;
  let input: { selector: string; kind: ConsoleSelectors['inputKind']; el: Element } | null = null;
  let send: { selector: string; el: Element } | null = null;
  let saving = false;
  let saved: string | null = null;
  let stopped = false;
  let right = false;
  const form = {
    name: repair ? '' : (document.title.trim() || location.hostname).slice(0, 40),
    platform: 'other' as Platform,
    pattern: repair ? '' : defaultPattern(location.href),
  };

  const host = document.createElement(PICKER_TAG);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = CSS;
  const panel = document.createElement('div');
  panel.className = 'panel';
  panel.setAttribute('role', 'dialog');
  const hoverBox = document.createElement('div');
  hoverBox.className = 'box';
  hoverBox.hidden = true;
  const tip = document.createElement('div');
  tip.className = 'tip';
  tip.hidden = true;
  const matchLayer = document.createElement('div');
  shadow.append(style, matchLayer, hoverBox, tip, panel);
  document.documentElement.append(host);

  const step = () => steps[index]!;
  const root = (): PickRoot => (chatDoc ?? document) as unknown as PickRoot;

  const el = <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    props: { className?: string; text?: string } = {},
    ...children: Node[]
  ) => {
    const e = document.createElement(tag);
    if (props.className) e.className = props.className;
    if (props.text !== undefined) e.textContent = props.text;
    e.append(...children);
    return e;
  };
  const button = (text: string, onClick: () => void, primary = false) => {
    const b = el('button', { className: primary ? 'primary' : '', text });
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  };

  /** An element's rectangle in the top page (inside a chat frame, offset by the frame). */
  const rectOf = (target: Element): DOMRect => {
    const r = target.getBoundingClientRect();
    const frame = target.ownerDocument !== document ? frameElement : null;
    if (!frame) return r;
    const f = frame.getBoundingClientRect();
    return new DOMRect(r.left + f.left, r.top + f.top, r.width, r.height);
  };
  const place = (box: HTMLElement, target: Element) => {
    const r = rectOf(target);
    box.style.left = `${r.left}px`;
    box.style.top = `${r.top}px`;
    box.style.width = `${r.width}px`;
    box.style.height = `${r.height}px`;
    return r;
  };

  const kindOf = (id: StepId) =>
    id === 'input'
      ? 'input'
      : id === 'sendButton'
        ? 'sendButton'
        : id === 'buyerNick' || id === 'buyerId'
          ? 'value'
          : 'message';
  const targetFor = (raw: Element) =>
    pickTarget(kindOf(step().id), raw as unknown as PickElement) as unknown as Element;

  const showHover = () => {
    if (!hovered || step().id === 'review') {
      hoverBox.hidden = true;
      tip.hidden = true;
      return;
    }
    hoverBox.hidden = false;
    const r = place(hoverBox, hovered);
    tip.hidden = false;
    tip.textContent = textOf(hovered as unknown as PickElement, 80) || `<${hovered.tagName.toLowerCase()}>`;
    tip.style.left = `${Math.max(0, r.left)}px`;
    tip.style.top = `${r.top > 22 ? r.top - 22 : r.bottom + 2}px`;
  };

  /** The review outlines everything the proposed selectors match (50 at most). */
  const showMatches = (elements: Element[]) => {
    matchLayer.replaceChildren();
    for (const m of elements.slice(0, 50)) {
      const box = el('div', { className: 'box match' });
      place(box, m);
      matchLayer.append(box);
    }
  };

  /** The problem's code is also on the host (`data-problem`): no page content, and tests can read it. */
  let problemCode = '';
  const problemText = (p: TeachProblem) => {
    problemCode = p;
    return t(`picker_problem_${p}` as CatalogKey);
  };

  // ---- the proposal as a whole ----

  const readySelector = (): string | undefined => {
    const picked = [
      values.buyerNick?.el,
      input?.el,
      ...(clicks.get('buyerMessages') ?? []),
      ...(clicks.get('agentMessages') ?? []),
    ].filter((e): e is Element => !!e);
    const doc = chatDoc ?? document;
    const area = commonAncestor(picked as unknown as PickElement[]) as unknown as Element | null;
    if (area && area !== doc.body && area !== doc.documentElement) {
      const found = selectorFor(root(), area as unknown as PickElement, {
        content: true,
        accept: (m) => m.length === 1 && m[0] === (area as unknown),
      });
      if (found) return found.selector;
    }
    return messages?.selectors.messageList ?? input?.selector ?? messages?.selectors.messageRow;
  };

  const taughtSelectors = (): Partial<ConsoleSelectors> => {
    const s: Partial<ConsoleSelectors> = {};
    if (frameSelector) s.frame = frameSelector;
    if (values.buyerNick) s.buyerNick = values.buyerNick.source;
    if (values.buyerId) s.buyerId = values.buyerId.source;
    if (messages) Object.assign(s, messages.selectors);
    if (input) {
      s.input = input.selector;
      s.inputKind = input.kind;
    }
    if (send) s.sendButton = send.selector;
    const current = repair?.selectors.ready;
    const readyMissing =
      !current ||
      (queryAll(document as unknown as PickRoot, current).length === 0 && queryAll(root(), current).length === 0);
    if (readyMissing) {
      const ready = readySelector();
      if (ready) s.ready = ready;
    }
    return s;
  };

  const candidate = (): ConsoleAdapter => {
    const selectors = taughtSelectors();
    if (repair) return applyRepair(repair, { parts, selectors });
    return {
      id: taughtId(location.href, Date.now()),
      name: { zh: form.name.trim(), en: form.name.trim() },
      platform: form.platform,
      matches: [form.pattern.trim()],
      exampleUrls: [location.href.slice(0, 2000)],
      selectors: { ...selectors, inputKind: selectors.inputKind ?? 'auto' } as ConsoleSelectors,
    };
  };

  // ---- steps ----

  const go = (to: number) => {
    index = Math.max(0, Math.min(steps.length - 1, to));
    problem = null;
    hovered = null;
    render();
  };
  const next = () => go(index + 1);
  const back = () => {
    if (index === 0) return;
    const prev = steps[index - 1]!;
    clicks.delete(prev.id);
    if (prev.id === 'agentMessages' || prev.id === 'buyerMessages') messages = null;
    go(index - 1);
  };
  const skip = () => {
    if (!step().optional) return;
    clicks.delete(step().id);
    if (step().id === 'buyerId') delete values.buyerId;
    if (step().id === 'sendButton') send = null;
    next();
  };

  const pick = (raw: Element) => {
    const current = step();
    if (current.id === 'review' || saved) return;
    const doc = raw.ownerDocument;
    if (chatDoc && doc !== chatDoc) {
      problem = t('picker_otherDocument');
      return render();
    }
    if (!chatDoc) {
      chatDoc = doc;
      if (doc !== document) {
        frameElement =
          [...document.querySelectorAll('iframe, frame')].find(
            (f) => (f as HTMLIFrameElement).contentDocument === doc,
          ) ?? null;
        const found = frameElement
          ? selectorFor(document as unknown as PickRoot, frameElement as unknown as PickElement, {
              content: true,
              accept: (m) => m.length === 1 && m[0] === (frameElement as unknown),
            })
          : null;
        frameSelector = found?.selector;
      }
    }
    const target = targetFor(raw);
    const r = root();
    problem = null;
    switch (current.id) {
      case 'buyerNick':
      case 'buyerId': {
        const proposal = proposeValue(r, target as unknown as PickElement);
        if (!proposal.ok) {
          problem = problemText(proposal.problem);
          return render();
        }
        values = { ...values, [current.id]: { source: proposal.value.source, el: target } };
        clicks.set(current.id, [target]);
        return next();
      }
      case 'buyerMessages':
      case 'agentMessages': {
        const list = clicks.get(current.id) ?? [];
        if (list.includes(target)) {
          problem = t('picker_problem_sameMessage');
          return render();
        }
        const now = [...list, target];
        clicks.set(current.id, now);
        if (now.length < current.need) return render();
        if (current.id === 'buyerMessages') return next();
        const proposal = proposeMessages(
          r,
          (clicks.get('buyerMessages') ?? []) as unknown as PickElement[],
          now as unknown as PickElement[],
        );
        if (!proposal.ok) {
          // Start the messages again from the buyer's.
          clicks.delete('buyerMessages');
          clicks.delete('agentMessages');
          index = steps.findIndex((s) => s.id === 'buyerMessages');
          hovered = null;
          problem = problemText(proposal.problem);
          return render();
        }
        messages = proposal.value;
        return next();
      }
      case 'input': {
        const proposal = proposeInput(r, target as unknown as PickElement);
        if (!proposal.ok) {
          problem = problemText(proposal.problem);
          return render();
        }
        input = { ...proposal.value, el: target };
        clicks.set('input', [target]);
        return next();
      }
      case 'sendButton': {
        const proposal = proposeSendButton(r, target as unknown as PickElement);
        if (!proposal.ok) {
          problem = problemText(proposal.problem);
          return render();
        }
        send = { selector: proposal.value.selector, el: target };
        clicks.set('sendButton', [target]);
        return next();
      }
    }
  };

  const save = () => {
    if (saving || saved || step().id !== 'review') return;
    saving = true;
    render();
    const adapter = candidate();
    const result: PickerSave = repair
      ? { kind: 'repair', id: repair.id, parts: [...parts], selectors: taughtSelectors() }
      : { kind: 'new', adapter };
    void opts.save(result).then(
      ({ error, waiting }) => {
        saving = false;
        if (error) problem = t('picker_saveFailed', { message: error });
        else saved = waiting ? t('picker_savedWaiting') : t('picker_saved');
        render();
      },
      (e: unknown) => {
        saving = false;
        problem = t('picker_saveFailed', { message: e instanceof Error ? e.message : String(e) });
        render();
      },
    );
  };

  // ---- rendering ----

  const partRow = (
    name: string,
    selector: string | undefined,
    read: (m: Element) => string,
  ): { row: HTMLElement; matches: Element[] } => {
    const matches = selector ? (queryAll(root(), selector) as unknown as Element[]) : [];
    const first = matches[0];
    const row = el(
      'div',
      { className: 'row' },
      el('b', { text: name }),
      document.createTextNode(' · ' + t('picker_count', { count: matches.length })),
    );
    if (first)
      row.append(el('div', { className: 'reads', text: t('picker_reads', { text: read(first).slice(0, 80) }) }));
    return { row, matches };
  };

  const renderReview = () => {
    const adapter = candidate();
    const s = adapter.selectors;
    const all: Element[] = [];
    const rows: HTMLElement[] = [];
    const add = (r: { row: HTMLElement; matches: Element[] }) => {
      rows.push(r.row);
      all.push(...r.matches);
    };
    const partName = (key: string) => t(`part_${key}` as CatalogKey);
    if (parts.includes('buyerNick'))
      add(partRow(partName('buyerNick'), s.buyerNick.selector, (m) => textOf(m as unknown as PickElement)));
    if (parts.includes('buyerId') && values.buyerId)
      add(partRow(partName('buyerId'), s.buyerId?.selector, (m) => textOf(m as unknown as PickElement)));
    if (parts.includes('messages') && messages) {
      const r = partRow(partName('messages'), s.messageRow, (m) => textOf(m as unknown as PickElement));
      r.row.replaceChildren(
        el('b', { text: partName('messages') }),
        document.createTextNode(
          ' · ' +
            t('picker_messagesSummary', { rows: messages.rows, buyer: messages.buyerRows, agent: messages.agentRows }),
        ),
      );
      if (messages.wholeRowText) r.row.append(el('div', { className: 'note', text: t('picker_wholeRow') }));
      add(r);
    }
    if (parts.includes('input')) add(partRow(partName('input'), s.input, () => ''));
    if (parts.includes('sendButton') && send)
      add(partRow(partName('sendButton'), s.sendButton, (m) => textOf(m as unknown as PickElement)));
    showMatches(all);

    const preview = el('div', { className: 'preview' }, el('b', { text: t('picker_preview') }));
    const reading = readConsole(document, adapter);
    if (reading.status === 'ok') {
      preview.append(el('div', { text: t('picker_previewBuyer', { nick: reading.buyer.nick }) }));
      for (const m of reading.messages.slice(-3))
        preview.append(
          el('div', { className: 'msg', text: `${t(`picker_author_${m.author}` as CatalogKey)}：${m.text}` }),
        );
      preview.append(el('div', { text: t(reading.inputFound ? 'picker_inputFound' : 'picker_inputMissing') }));
    } else {
      const missing = reading.status === 'loading' ? ['ready'] : reading.missing;
      const names = [
        ...new Set(
          missing.map((k) =>
            k === 'ready' || k === 'frame'
              ? 'page'
              : ((Object.keys(PART_KEYS) as TaughtPart[]).find((p) =>
                  (PART_KEYS[p] as readonly string[]).includes(k),
                ) ?? 'page'),
          ),
        ),
      ];
      preview.append(
        el('div', {
          className: 'problem',
          text: t('picker_previewNothing', { parts: names.map(partName).join(opts.locale === 'en' ? ', ' : '、') }),
        }),
      );
    }
    const out: Node[] = [el('div', { className: 'ask', text: t('picker_review') }), ...rows, preview];
    if (!repair) {
      const name = el('input');
      name.value = form.name;
      name.maxLength = 40;
      name.addEventListener('input', () => (form.name = name.value));
      const platform = el('select');
      for (const p of PLATFORM_IDS) {
        const o = el('option', { text: t(`picker_platform_${p}` as CatalogKey) });
        o.value = p;
        platform.append(o);
      }
      platform.value = form.platform;
      platform.addEventListener('change', () => (form.platform = platform.value as Platform));
      const pattern = el('input');
      pattern.value = form.pattern;
      pattern.addEventListener('input', () => (form.pattern = pattern.value));
      out.push(
        el('label', { text: t('picker_name') }, name),
        el('label', { text: t('picker_platform') }, platform),
        el('label', { text: t('picker_pattern') }, pattern),
      );
    }
    return out;
  };

  const render = () => {
    if (stopped) return;
    const current = step();
    host.dataset.step = saved ? 'saved' : current.id;
    if (problem && problemCode) host.dataset.problem = problemCode;
    else host.removeAttribute('data-problem');
    if (!problem) problemCode = '';
    const children: Node[] = [
      el('h2', {
        text: repair
          ? t('picker_titleRepair', { console: repair.name[opts.locale === 'en' ? 'en' : 'zh'] })
          : t('picker_title'),
      }),
    ];
    const buttons: HTMLElement[] = [];
    if (saved) {
      children.push(el('div', { className: 'ask', text: saved }));
      buttons.push(button(t('picker_close'), () => stop(), true));
      matchLayer.replaceChildren();
    } else if (current.id === 'review') {
      children.push(
        el('div', { className: 'step', text: t('picker_step', { n: index + 1, total: steps.length }) }),
        ...renderReview(),
      );
      buttons.push(
        button(t('picker_back'), back),
        button(t('picker_cancel'), () => stop()),
      );
      const s = button(saving ? t('picker_saving') : t('picker_save'), save, true);
      s.disabled = saving;
      buttons.push(s);
    } else {
      matchLayer.replaceChildren();
      const done = (clicks.get(current.id) ?? []).length;
      children.push(
        el('div', { className: 'step', text: t('picker_step', { n: index + 1, total: steps.length }) }),
        el('div', { className: 'ask', text: t(`picker_ask_${current.id}` as CatalogKey, { done }) }),
      );
      if (frameSelector) children.push(el('div', { className: 'note', text: t('picker_inFrame') }));
      if (index > 0) buttons.push(button(t('picker_back'), back));
      if (current.optional) buttons.push(button(t('picker_skip'), skip));
      buttons.push(button(t('picker_cancel'), () => stop()));
    }
    if (problem) children.push(el('div', { className: 'problem', text: problem }));
    buttons.push(
      button(t('picker_move'), () => {
        right = !right;
        render();
      }),
    );
    children.push(
      el('div', { className: 'buttons' }, ...buttons),
      el('div', { className: 'keys', text: t('picker_keys') }),
    );
    panel.classList.toggle('right', right);
    panel.replaceChildren(...children);
    showHover();
  };

  // ---- page events: while picking, the page's own handlers do not see pointer events ----

  const ours = (e: Event) => e.composedPath().some((n) => n === host || (n as Node).nodeName === 'HUITOUKE-SIDEBAR');
  const elementOf = (e: Event): Element | null => {
    const first = e.composedPath()[0];
    return first instanceof Element || (first && (first as Node).nodeType === 1) ? (first as Element) : null;
  };
  const onMove = (e: Event) => {
    if (ours(e) || step().id === 'review' || saved) return;
    const target = elementOf(e);
    if (!target) return;
    const next = targetFor(target);
    if (next !== hovered) {
      hovered = next;
      showHover();
    }
  };
  const swallow = (e: Event) => {
    if (ours(e) || saved) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  const onClick = (e: Event) => {
    if (ours(e) || saved) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    const target = elementOf(e);
    if (target) pick(target);
  };
  const onKey = (e: KeyboardEvent) => {
    // A control of the panel with the focus (a button, the name field) keeps its own keys.
    const control = shadow.activeElement;
    const inPanel = ours(e) && !!control && control !== panel;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopImmediatePropagation();
      return stop();
    }
    if (saved) return;
    if (inPanel) {
      // Enter in the check's fields saves; on a button it is that button's.
      if (e.key === 'Enter' && step().id === 'review' && control.tagName !== 'BUTTON') {
        e.preventDefault();
        save();
      }
      return;
    }
    if (!inPanel && isEditable(elementOf(e)) && step().id !== 'review' && e.key !== 'Enter') return;
    if (e.key === 'Enter') {
      e.preventDefault();
      e.stopImmediatePropagation();
      if (step().id === 'review') save();
      else if (hovered) pick(hovered);
    } else if (e.key === 'Backspace' && !inPanel) {
      e.preventDefault();
      e.stopImmediatePropagation();
      back();
    } else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && hovered) {
      e.preventDefault();
      e.stopImmediatePropagation();
      const nextEl = e.key === 'ArrowUp' ? hovered.parentElement : hovered.firstElementChild;
      if (nextEl && nextEl !== hovered.ownerDocument.documentElement) {
        hovered = nextEl;
        showHover();
      }
    }
  };
  const POINTER = ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'dblclick', 'auxclick', 'contextmenu'];
  const windows = new Set<Window>();
  const listen = (w: Window) => {
    if (windows.has(w)) return;
    windows.add(w);
    w.addEventListener('mousemove', onMove, true);
    w.addEventListener('click', onClick, true);
    w.addEventListener('keydown', onKey, true);
    for (const type of POINTER) w.addEventListener(type, swallow, true);
  };
  const unlisten = (w: Window) => {
    w.removeEventListener('mousemove', onMove, true);
    w.removeEventListener('click', onClick, true);
    w.removeEventListener('keydown', onKey, true);
    for (const type of POINTER) w.removeEventListener(type, swallow, true);
  };
  listen(window);
  // Same-origin frames (a chat in a frame) are picked in too; a frame of another site cannot be.
  for (const f of document.querySelectorAll('iframe, frame')) {
    try {
      const w = (f as HTMLIFrameElement).contentWindow;
      if (w && (f as HTMLIFrameElement).contentDocument) listen(w);
    } catch {
      // another site's frame
    }
  }
  const reposition = () => {
    if (step().id === 'review' && !saved) render();
    else showHover();
  };
  window.addEventListener('scroll', reposition, true);
  window.addEventListener('resize', reposition);

  function stop() {
    if (stopped) return;
    stopped = true;
    for (const w of windows) {
      try {
        unlisten(w);
      } catch {
        // a frame that went away
      }
    }
    window.removeEventListener('scroll', reposition, true);
    window.removeEventListener('resize', reposition);
    host.remove();
    opts.onClose();
  }

  render();
  // The keys go to the page (not to the sidebar's frame, or whatever had the focus before).
  panel.tabIndex = -1;
  panel.focus({ preventScroll: true });
  return { stop };
}
