import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { useLocale, useT } from '@/components/common/i18n';
import { platformName } from '@/lib/i18n/platforms';
import { probeConsole, type ProbeResult, type ProbeSpec } from '@/entrypoints/huitouke.content/probe';
import {
  BUILT_IN_ADAPTERS,
  describeConsoleIssues,
  parseCustomConsole,
  parseCustomConsoles,
  parseMatchPattern,
  selectorPartName,
  type ConsoleAdapter,
  type ConsoleIssue,
} from '@/lib/consoles';
import {
  emptyForm,
  FORM_SELECTORS,
  formFromConsole,
  formToInput,
  newConsoleId,
  OPTIONAL_FORM_SELECTORS,
  ORDER_FORM_PARTS,
  permissionOrigins,
  PRODUCT_FORM_PARTS,
  type ConsoleForm,
  type FormSelector,
} from '@/lib/consoles/form';
import { CUSTOM_CONSOLES_KEY } from '@/lib/consoles/stored';
import { InputKindSchema } from '@/lib/consoles/schema';
import type { MessageKey } from '@/lib/i18n';
import { PLATFORMS, type Platform } from '@/lib/schemas/common';
import { EditGate } from './team/EditGate';
import { useEditAccess } from './team/lock';
import './consoles.css';

type Notice = { kind: 'ok' | 'warn'; text: string } | null;
interface TabChoice {
  id: number;
  title: string;
  url: string;
}
type TestState =
  { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; result: ProbeResult } | { kind: 'error'; text: string };

const BUILT_INS = BUILT_IN_ADAPTERS.filter((a) => a.id !== 'demo' || import.meta.env.MODE === 'demo');
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
/** Patterns Chrome would accept for a permission request; the form reports the others on save. */
const usablePatterns = (text: string) =>
  lines(text).filter((p) => {
    const m = parseMatchPattern(p);
    return typeof m !== 'string' && m.host !== '';
  });

async function loadCustom(): Promise<ConsoleAdapter[]> {
  return parseCustomConsoles((await browser.storage.local.get(CUSTOM_CONSOLES_KEY))[CUSTOM_CONSOLES_KEY]);
}

/** Options section: the consoles the sidebar appears in, and the supervisor's own consoles. */
export function ConsolesPage() {
  const t = useT();
  // Custom consoles decide which sites the extension reads: a supervisor's change (PIN when set).
  const access = useEditAccess();
  const [custom, setCustom] = useState<ConsoleAdapter[]>([]);
  const [allowed, setAllowed] = useState<Record<string, boolean>>({});
  const [editing, setEditing] = useState<{ id: string | null; form: ConsoleForm } | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  useEffect(() => {
    let live = true;
    const refresh = async () => {
      const list = await loadCustom();
      const granted = await Promise.all(
        list.map((c) => browser.permissions.contains({ origins: permissionOrigins(c) }).catch(() => false)),
      );
      if (!live) return;
      setCustom(list);
      setAllowed(Object.fromEntries(list.map((c, i) => [c.id, granted[i] ?? false])));
    };
    void refresh();
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && CUSTOM_CONSOLES_KEY in changes) void refresh();
    };
    const onPermissions = () => void refresh();
    browser.storage.onChanged.addListener(onStorage);
    browser.permissions.onAdded.addListener(onPermissions);
    browser.permissions.onRemoved.addListener(onPermissions);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onStorage);
      browser.permissions.onAdded.removeListener(onPermissions);
      browser.permissions.onRemoved.removeListener(onPermissions);
    };
  }, []);

  const store = (list: ConsoleAdapter[]) => browser.storage.local.set({ [CUSTOM_CONSOLES_KEY]: list });

  const remove = async (c: ConsoleAdapter) => {
    if (!access.canEdit) return;
    const rest = custom.filter((x) => x.id !== c.id);
    await store(rest);
    // Give back access no other custom console needs; the manifest's own sites cannot be removed.
    const stillUsed = new Set(rest.flatMap(permissionOrigins));
    const origins = permissionOrigins(c).filter((o) => !stillUsed.has(o));
    if (origins.length) await browser.permissions.remove({ origins }).catch(() => false);
    setNotice({ kind: 'ok', text: t('consoles_deleted', { name: c.name.zh }) });
  };

  return (
    <>
      <section className="panel">
        <p className="help">{t('consoles_intro')}</p>
        <h2>{t('consoles_builtIn')}</h2>
        <ul className="console-list">
          {BUILT_INS.map((a) => (
            <li key={a.id} data-testid="consoles-builtin">
              <strong>{a.name.zh}</strong> <code>{a.matches[0]}</code>
              {a.matches.length > 1 ? ` +${a.matches.length - 1}` : ''}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel">
        <div className="panel-head">
          <h2>{t('consoles_custom')}</h2>
          {!editing && (
            <button
              type="button"
              className="primary"
              data-testid="consoles-add"
              disabled={!access.canEdit}
              onClick={() => {
                setNotice(null);
                setEditing({ id: null, form: emptyForm() });
              }}
            >
              {t('consoles_add')}
            </button>
          )}
        </div>
        <EditGate scope="consoles" />
        {notice && (
          <p className={notice.kind === 'ok' ? 'ok-text' : 'warn-text'} role="status" data-testid="consoles-notice">
            {notice.text}
          </p>
        )}
        {custom.length === 0 && !editing && <p className="empty">{t('consoles_none')}</p>}
        <ul className="console-list">
          {custom.map((c) => (
            <li
              key={c.id}
              data-testid="consoles-item"
              data-console-id={c.id}
              data-allowed={allowed[c.id] ? 'true' : 'false'}
            >
              <strong>{c.name.zh}</strong> <code>{c.matches.join('  ')}</code>
              <span className={allowed[c.id] ? 'ok-text' : 'warn-text'}>
                {t(allowed[c.id] ? 'consoles_state_active' : 'consoles_state_waiting')}
              </span>
              {!allowed[c.id] && (
                <button
                  type="button"
                  className="link"
                  onClick={() => void browser.permissions.request({ origins: permissionOrigins(c) })}
                >
                  {t('consoles_grant')}
                </button>
              )}
              <button
                type="button"
                className="link"
                disabled={!access.canEdit}
                onClick={() => {
                  setNotice(null);
                  setEditing({ id: c.id, form: formFromConsole(c) });
                }}
              >
                {t('consoles_edit')}
              </button>
              <button
                type="button"
                className="link danger"
                data-testid="consoles-delete"
                disabled={!access.canEdit}
                onClick={() => void remove(c)}
              >
                {t('consoles_delete')}
              </button>
            </li>
          ))}
        </ul>
        {editing && (
          <ConsoleEditor
            key={editing.id ?? 'new'}
            initial={editing.form}
            canEdit={access.canEdit}
            onCancel={() => setEditing(null)}
            onSave={async (input, granted) => {
              if (!access.canEdit) return;
              const others = custom.filter((c) => c.id !== input.id);
              await store([...others, input]);
              setEditing(null);
              setNotice(
                granted
                  ? { kind: 'ok', text: t('consoles_saved') }
                  : { kind: 'warn', text: t('consoles_savedNoPermission') },
              );
            }}
            idFor={() =>
              editing.id ??
              newConsoleId(new Set([...custom.map((c) => c.id), ...BUILT_IN_ADAPTERS.map((a) => a.id)]), Date.now())
            }
          />
        )}
      </section>
    </>
  );
}

function ConsoleEditor({
  initial,
  canEdit,
  onCancel,
  onSave,
  idFor,
}: {
  initial: ConsoleForm;
  canEdit: boolean;
  onCancel(): void;
  onSave(c: ConsoleAdapter, granted: boolean): Promise<void>;
  idFor(): string;
}) {
  const t = useT();
  const locale = useLocale();
  const [form, setForm] = useState(initial);
  const [issues, setIssues] = useState<ConsoleIssue[]>([]);
  const [id] = useState(idFor);
  const set = (patch: Partial<ConsoleForm>) => setForm((f) => ({ ...f, ...patch }));
  const setSelector = (key: FormSelector, value: string) =>
    setForm((f) => ({ ...f, selectors: { ...f.selectors, [key]: value } }));

  const fieldName = (path: PropertyKey[]): string | undefined => {
    const [head, key] = path;
    if (head === 'selectors' && typeof key === 'string') return selectorPartName(locale, key as FormSelector);
    const names: Record<string, MessageKey> = {
      name: 'consoles_field_name',
      matches: 'consoles_field_patterns',
      exampleUrls: 'consoles_field_example',
      platform: 'consoles_field_platform',
      orderPanel: 'consoles_field_orderPanel',
      productCards: 'consoles_field_productCards',
    };
    return typeof head === 'string' && names[head] ? t(names[head]) : undefined;
  };
  // One form field can hold several schema paths (the name is stored in two languages): say each thing once.
  const issuesFor = (field: string) => [
    ...new Set(
      issues
        .filter((i) => (i.path[0] === 'selectors' ? `selectors.${String(i.path[1])}` : String(i.path[0])) === field)
        .map((i) => i.text),
    ),
  ];
  const errors = (field: string) =>
    issuesFor(field).map((text) => (
      <span key={text} className="field-error" data-testid="consoles-error" data-field={field}>
        {text}
      </span>
    ));

  const save = () => {
    const parsed = parseCustomConsole(formToInput(form, id));
    if (!parsed.success) {
      setIssues(describeConsoleIssues(parsed.error, locale, fieldName));
      return;
    }
    setIssues([]);
    // Asked inside the click, as the browser requires; a declined prompt still saves the console.
    void browser.permissions
      .request({ origins: permissionOrigins(parsed.data) })
      .catch(() => false)
      .then((granted) => onSave(parsed.data, granted));
  };

  return (
    <div className="console-editor form" data-testid="consoles-editor">
      <div className="row2">
        <label>
          <span>{t('consoles_field_name')}</span>
          <input
            value={form.name}
            maxLength={40}
            onChange={(e) => set({ name: e.target.value })}
            data-testid="consoles-name"
          />
          {errors('name')}
        </label>
        <label>
          <span>{t('consoles_field_platform')}</span>
          <select
            value={form.platform}
            onChange={(e) => set({ platform: e.target.value as Platform })}
            data-testid="consoles-platform"
          >
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {platformName(p, locale)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        <span>{t('consoles_field_patterns')}</span>
        <textarea
          rows={2}
          value={form.patterns}
          onChange={(e) => set({ patterns: e.target.value })}
          data-testid="consoles-patterns"
          spellCheck={false}
        />
        <span className="help">{t('consoles_field_patternsHelp')}</span>
        {errors('matches')}
      </label>
      <label>
        <span>{t('consoles_field_example')}</span>
        <input
          value={form.example}
          onChange={(e) => set({ example: e.target.value })}
          data-testid="consoles-example"
          spellCheck={false}
        />
        <span className="help">{t('consoles_field_exampleHelp')}</span>
        {errors('exampleUrls')}
      </label>
      <fieldset className="selectors">
        <legend>{t('consoles_field_selectors')}</legend>
        {FORM_SELECTORS.map((key) => (
          <div key={key} className="selector-row">
            <label>
              <span>
                {selectorPartName(locale, key)}
                {OPTIONAL_FORM_SELECTORS.has(key) ? t('consoles_optional') : ''}
              </span>
              <input
                value={form.selectors[key]}
                onChange={(e) => setSelector(key, e.target.value)}
                data-testid={`consoles-sel-${key}`}
                spellCheck={false}
              />
            </label>
            {(key === 'buyerNick' || key === 'buyerId') && (
              <label className="attr">
                <span>{t('consoles_field_attr')}</span>
                <input
                  value={key === 'buyerNick' ? form.buyerNickAttr : form.buyerIdAttr}
                  onChange={(e) =>
                    set(key === 'buyerNick' ? { buyerNickAttr: e.target.value } : { buyerIdAttr: e.target.value })
                  }
                  data-testid={`consoles-attr-${key}`}
                  spellCheck={false}
                />
              </label>
            )}
            {key === 'input' && (
              <label className="attr">
                <span>{t('consoles_field_inputKind')}</span>
                <select
                  value={form.inputKind}
                  onChange={(e) => set({ inputKind: InputKindSchema.parse(e.target.value) })}
                  data-testid="consoles-inputKind"
                >
                  {InputKindSchema.options.map((k) => (
                    <option key={k} value={k}>
                      {t(`consoles_inputKind_${k}`)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {errors(`selectors.${key}`)}
          </div>
        ))}
      </fieldset>
      <fieldset className="selectors" data-testid="consoles-order-panel">
        <legend>
          {t('consoles_field_orderPanel')}
          {t('consoles_optional')}
        </legend>
        <p className="help">{t('consoles_field_orderPanelHelp')}</p>
        {ORDER_FORM_PARTS.map((key) => (
          <div key={key} className="selector-row">
            <label>
              <span>{t(`consoles_order_${key}`)}</span>
              <input
                value={form.orderPanel[key]}
                onChange={(e) => set({ orderPanel: { ...form.orderPanel, [key]: e.target.value } })}
                data-testid={`consoles-order-${key}`}
                spellCheck={false}
              />
            </label>
            {key === 'orderId' && (
              <label className="attr">
                <span>{t('consoles_field_attr')}</span>
                <input
                  value={form.orderIdAttr}
                  onChange={(e) => set({ orderIdAttr: e.target.value })}
                  data-testid="consoles-order-idAttr"
                  spellCheck={false}
                />
              </label>
            )}
          </div>
        ))}
        {errors('orderPanel')}
      </fieldset>
      <fieldset className="selectors" data-testid="consoles-product-cards">
        <legend>
          {t('consoles_field_productCards')}
          {t('consoles_optional')}
        </legend>
        {PRODUCT_FORM_PARTS.map((key) => (
          <div key={key} className="selector-row">
            <label>
              <span>{t(`consoles_product_${key}`)}</span>
              <input
                value={form.productCards[key]}
                onChange={(e) => set({ productCards: { ...form.productCards, [key]: e.target.value } })}
                data-testid={`consoles-product-${key}`}
                spellCheck={false}
              />
            </label>
            {key === 'id' && (
              <>
                <label className="attr">
                  <span>{t('consoles_field_attr')}</span>
                  <input
                    value={form.productIdAttr}
                    onChange={(e) => set({ productIdAttr: e.target.value })}
                    data-testid="consoles-product-idAttr"
                    spellCheck={false}
                  />
                </label>
                <label className="attr">
                  <span>{t('consoles_product_idParam')}</span>
                  <input
                    value={form.productIdParam}
                    onChange={(e) => set({ productIdParam: e.target.value })}
                    data-testid="consoles-product-idParam"
                    spellCheck={false}
                  />
                </label>
              </>
            )}
          </div>
        ))}
        {errors('productCards')}
      </fieldset>
      <LiveTest
        form={form}
        onTabUrl={(url) => {
          if (!form.example.trim()) set({ example: url });
        }}
      />
      {issues.length > 0 && (
        <p className="warn-text" role="alert">
          {issues.length === 1 ? issues[0]?.text : `${issues[0]?.text} (+${issues.length - 1})`}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={save} disabled={!canEdit} data-testid="consoles-save">
          {t('consoles_save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('consoles_cancel')}
        </button>
      </div>
    </div>
  );
}

function probeSpec(form: ConsoleForm): ProbeSpec {
  const selectors: Record<string, string> = {};
  for (const key of FORM_SELECTORS) if (form.selectors[key].trim()) selectors[key] = form.selectors[key].trim();
  const source = (selector: string, attr: string) => ({
    selector: selector.trim(),
    ...(attr.trim() ? { attr: attr.trim() } : {}),
  });
  return {
    selectors,
    ...(selectors.buyerNick ? { buyerNick: source(form.selectors.buyerNick, form.buyerNickAttr) } : {}),
    ...(selectors.buyerId ? { buyerId: source(form.selectors.buyerId, form.buyerIdAttr) } : {}),
  };
}

/** "This selector matches 12 rows; current buyer: 小鱼" — the selectors run on a tab the supervisor picks. */
function LiveTest({ form, onTabUrl }: { form: ConsoleForm; onTabUrl(url: string): void }) {
  const t = useT();
  const locale = useLocale();
  const [tabs, setTabs] = useState<TabChoice[]>([]);
  const [tabId, setTabId] = useState<number | null>(null);
  const [state, setState] = useState<TestState>({ kind: 'idle' });

  const listTabs = async (patterns?: string[]) => {
    const found = await browser.tabs.query(patterns?.length ? { url: patterns } : {});
    const list = found
      .filter((tab) => tab.id !== undefined && /^https?:/.test(tab.url ?? ''))
      .map((tab) => ({ id: tab.id!, title: tab.title || tab.url!, url: tab.url! }));
    setTabs(list);
    return list;
  };
  useEffect(() => {
    void listTabs();
  }, []);

  const run = () => {
    const patterns = usablePatterns(form.patterns);
    if (!patterns.length) return setState({ kind: 'error', text: t('consoles_test_needPattern') });
    setState({ kind: 'running' });
    // The permission request must be the first thing the click does (a user gesture is required).
    void browser.permissions
      .request({ origins: patterns })
      .catch(() => false)
      .then(async (granted) => {
        if (!granted) return setState({ kind: 'error', text: t('consoles_test_denied') });
        try {
          const matching = await listTabs(patterns);
          const all = matching.length ? matching : await listTabs();
          const tab = all.find((x) => x.id === tabId) ?? all[0];
          if (!tab) return setState({ kind: 'error', text: t('consoles_test_noTabs') });
          setTabId(tab.id);
          onTabUrl(tab.url);
          const [first] = await browser.scripting.executeScript({
            target: { tabId: tab.id },
            func: probeConsole,
            args: [probeSpec(form)],
          });
          if (!first?.result) throw new Error('no result');
          setState({ kind: 'done', result: first.result as ProbeResult });
        } catch (e) {
          setState({
            kind: 'error',
            text: t('consoles_test_failed', { message: e instanceof Error ? e.message : String(e) }),
          });
        }
      });
  };

  return (
    <div className="live-test" data-testid="consoles-test">
      <h3>{t('consoles_test_title')}</h3>
      <div className="row2">
        <label>
          <span>{t('consoles_test_tab')}</span>
          <select value={tabId ?? ''} onChange={(e) => setTabId(Number(e.target.value))} data-testid="consoles-tab">
            {tabs.map((tab) => (
              <option key={tab.id} value={tab.id}>
                {tab.title.slice(0, 60)} — {tab.url.slice(0, 80)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={() => void listTabs()}>
          {t('consoles_test_refresh')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={run}
          disabled={state.kind === 'running'}
          data-testid="consoles-test-run"
        >
          {t(state.kind === 'running' ? 'consoles_test_running' : 'consoles_test_run')}
        </button>
      </div>
      {tabs.length === 0 && <p className="help">{t('consoles_test_noTabs')}</p>}
      {state.kind === 'error' && (
        <p className="warn-text" role="alert" data-testid="consoles-test-error">
          {state.text}
        </p>
      )}
      {state.kind === 'done' && (
        <div className="test-result" data-testid="consoles-test-result">
          <p className="summary" data-testid="consoles-test-summary">
            {t('consoles_test_summary', {
              rows: state.result.counts.messageRow ?? 0,
              buyer: state.result.buyerNick || t('consoles_test_noBuyer'),
            })}
          </p>
          <p className="help">
            {t('consoles_test_authors', {
              buyer: state.result.rowsWithBuyer,
              agent: state.result.rowsWithAgent,
              text: state.result.rowsWithText,
            })}
          </p>
          <ul>
            {Object.entries(state.result.counts).map(([key, count]) => (
              <li
                key={key}
                className={count ? '' : 'warn-text'}
                data-testid="consoles-test-count"
                data-field={key}
                data-count={count ?? 'invalid'}
              >
                {selectorPartName(locale, key as FormSelector)}：
                {count === null
                  ? t('consoles_test_invalid')
                  : count === 0
                    ? t('consoles_test_missing')
                    : t('consoles_test_count', { count })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
