import { useMemo, useState } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { db } from '@/lib/db/database';
import { readPlaybook } from '@/lib/db/playbook-edit';
import {
  checkCompliance,
  defaultGuardRules,
  describeFindings,
  guardListName,
  guardNames,
  GuardRulesSchema,
  PLATFORM_NAMES,
  resolveGuard,
  type GuardDetector,
  type GuardList,
  type GuardRules,
} from '@/lib/guard';
import { PlatformSchema, type Platform } from '@/lib/schemas/common';
import { EditGate } from '../team/EditGate';
import { useEditAccess } from '../team/lock';
import { SaveBar, useSettingForm } from './SettingForm';
import { Chips, Field, LockBadge, NumberInput, Toggle } from '@/components/common/kit';

/** Platforms with a name of their own (`other` has none and takes the lists meant for every platform). */
const PLATFORMS = PlatformSchema.options.filter((p) => PLATFORM_NAMES[p]);
const DETECTORS: readonly GuardDetector[] = ['phone', 'email', 'contactId'];
const lines = (text: string) =>
  text
    .split('\n')
    .map((w) => w.trim())
    .filter(Boolean);

/**
 * 发送检查: the compliance guard's word lists per platform, the repeated-reply check and each
 * platform's limits, as the supervisor edits them. Saved in the playbook (packs carry them, the
 * administrator's policy may lock them); agents see the result as a quiet marker by the console's
 * input. A box to try a reply shows what would be noted.
 */
export function GuardPage() {
  const access = useEditAccess();
  const data = useLiveQuery(() => readPlaybook(db()), []);
  if (data.status !== 'ready') return null;
  return (
    <div className="ws-page">
      <EditGate />
      <GuardEditor
        saved={data.value.guardRules}
        canEdit={access.canEdit}
        locked={data.value.lockedSettings.has('guardRules')}
      />
    </div>
  );
}

function GuardEditor({ saved, canEdit, locked }: { saved: GuardRules; canEdit: boolean; locked: boolean }) {
  const t = useT();
  const locale = useLocale();
  const {
    draft,
    change: set,
    dirty,
    reset,
    save,
    status,
  } = useSettingForm('guardRules', saved, (issues) => t('guard_invalid', { issues }));
  const editable = canEdit && !locked;
  const putList = (i: number, patch: Partial<GuardList>) =>
    set({ ...draft, lists: draft.lists.map((l, k) => (k === i ? { ...l, ...patch } : l)) });
  const platformOptions = PLATFORMS.map((p) => [p, PLATFORM_NAMES[p]] as const);

  const addList = () => {
    const taken = new Set(draft.lists.map((l) => l.id));
    let n = 1;
    while (taken.has(`custom-${n}`)) n++;
    set({
      ...draft,
      lists: [
        ...draft.lists,
        {
          id: `custom-${n}`,
          name: t('guard_newListName'),
          enabled: true,
          platforms: [],
          words: [],
          except: [],
          detect: [],
        },
      ],
    });
  };

  return (
    <>
      <section className="ws-card" data-testid="guard-panel">
        <div className="ws-card-head">
          <h2>{t('guard_nav')}</h2>
          {locked && <LockBadge />}
        </div>
        <p className="ws-card-sub">{t('guard_intro')}</p>
        <h3 className="ws-sub">{t('guard_lists')}</h3>
        {draft.lists.map((list, i) => (
          <fieldset
            key={list.id}
            className="ws-card guard-list"
            data-testid="guard-list"
            data-list-id={list.id}
            disabled={!editable}
          >
            <div className="ws-row">
              <Field label={t('guard_listName')}>
                <input
                  className="ws-input"
                  value={list.name}
                  placeholder={guardListName(list.id, locale)}
                  maxLength={40}
                  onChange={(e) => putList(i, { name: e.target.value })}
                  data-testid="guard-list-name"
                />
              </Field>
              <Toggle
                checked={list.enabled}
                disabled={!editable}
                label={t('ws_enabled')}
                onChange={(v) => putList(i, { enabled: v })}
              />
              {editable && (
                <button
                  type="button"
                  className="link small"
                  onClick={() => set({ ...draft, lists: draft.lists.filter((_, k) => k !== i) })}
                >
                  {t('guard_deleteList')}
                </button>
              )}
            </div>
            <Field label={t('guard_listPlatforms')}>
              <Chips
                options={platformOptions}
                value={list.platforms}
                disabled={!editable}
                onChange={(next) => putList(i, { platforms: next as Platform[] })}
              />
            </Field>
            <div className="ws-grid">
              <Field label={t('guard_listWords')} wide>
                <WordsBox
                  words={list.words}
                  disabled={!editable}
                  onChange={(words) => putList(i, { words })}
                  testId="guard-list-words"
                />
              </Field>
              <Field label={t('guard_listExcept')} wide>
                <WordsBox words={list.except} disabled={!editable} onChange={(except) => putList(i, { except })} />
              </Field>
            </div>
            <Field label={t('guard_listDetect')}>
              <Chips
                options={DETECTORS.map((d) => [d, t(`guard_detect_${d}`)] as const)}
                value={list.detect}
                disabled={!editable}
                onChange={(detect) => putList(i, { detect })}
              />
            </Field>
          </fieldset>
        ))}
        {editable && (
          <button type="button" className="link small" onClick={addList} data-testid="guard-add-list">
            ＋ {t('guard_addList')}
          </button>
        )}

        <h3 className="ws-sub">{t('guard_repeatTitle')}</h3>
        <div className="ws-grid">
          <Toggle
            checked={draft.repeat.twiceInARow}
            disabled={!editable}
            label={t('guard_twiceInARow')}
            onChange={(v) => set({ ...draft, repeat: { ...draft.repeat, twiceInARow: v } })}
          />
          <Field label={t('guard_maxBuyers')}>
            <NumberInput
              value={draft.repeat.maxBuyers ?? undefined}
              min={2}
              max={1000}
              optional
              width={80}
              disabled={!editable}
              onChange={(n) => set({ ...draft, repeat: { ...draft.repeat, maxBuyers: n ?? null } })}
            />
          </Field>
          <Field label={t('guard_windowHours')}>
            <NumberInput
              value={draft.repeat.windowHours}
              min={1}
              max={168}
              width={80}
              disabled={!editable}
              onChange={(n) => set({ ...draft, repeat: { ...draft.repeat, windowHours: n ?? 24 } })}
            />
          </Field>
          <Field label={t('guard_minChars')}>
            <NumberInput
              value={draft.repeat.minChars}
              min={1}
              max={200}
              width={80}
              disabled={!editable}
              onChange={(n) => set({ ...draft, repeat: { ...draft.repeat, minChars: n ?? 10 } })}
            />
          </Field>
          <Field label={t('guard_buyersPlatforms')} wide>
            <Chips
              options={platformOptions}
              value={draft.repeat.buyersPlatforms}
              disabled={!editable}
              onChange={(next) => set({ ...draft, repeat: { ...draft.repeat, buyersPlatforms: next as Platform[] } })}
            />
          </Field>
        </div>

        <h3 className="ws-sub">{t('guard_limitsTitle')}</h3>
        <p className="ws-hint">{t('guard_limitsNote')}</p>
        <table className="ws-table">
          <thead>
            <tr>
              <th>{t('guard_testPlatform')}</th>
              <th>{t('guard_maxChars')}</th>
              <th>{t('guard_maxInARow')}</th>
              <th>{t('guard_replyWindowDays')}</th>
            </tr>
          </thead>
          <tbody>
            {PLATFORMS.map((p) => {
              const limits = draft.limits[p] ?? {};
              const put = (key: 'maxChars' | 'maxInARow' | 'replyWindowDays', n: number | undefined) => {
                const next = { ...limits };
                if (n === undefined) delete next[key];
                else next[key] = n;
                set({ ...draft, limits: { ...draft.limits, [p]: next } });
              };
              return (
                <tr key={p} data-testid="guard-limits" data-platform={p}>
                  <td>{PLATFORM_NAMES[p]}</td>
                  <td>
                    <NumberInput
                      value={limits.maxChars}
                      min={1}
                      max={100_000}
                      optional
                      width={90}
                      disabled={!editable}
                      label={t('a11y_cell', { row: PLATFORM_NAMES[p], column: t('guard_maxChars') })}
                      onChange={(n) => put('maxChars', n)}
                    />
                  </td>
                  <td>
                    <NumberInput
                      value={limits.maxInARow}
                      min={1}
                      max={100}
                      optional
                      width={70}
                      disabled={!editable}
                      label={t('a11y_cell', { row: PLATFORM_NAMES[p], column: t('guard_maxInARow') })}
                      onChange={(n) => put('maxInARow', n)}
                    />
                  </td>
                  <td>
                    <NumberInput
                      value={limits.replyWindowDays}
                      min={1}
                      max={365}
                      optional
                      width={70}
                      disabled={!editable}
                      label={t('a11y_cell', { row: PLATFORM_NAMES[p], column: t('guard_replyWindowDays') })}
                      onChange={(n) => put('replyWindowDays', n)}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>

        <SaveBar
          editable={editable}
          dirty={dirty}
          onSave={save}
          onRevert={reset}
          status={status}
          saveTestId="guard-save"
          statusTestId="guard-status"
        >
          {editable && (
            <button type="button" className="link small" onClick={() => set(defaultGuardRules())}>
              {t('guard_resetDefaults')}
            </button>
          )}
        </SaveBar>
      </section>
      <GuardTry rules={draft} />
    </>
  );
}

/** One word a line; the text is kept as typed (blank lines too) until it leaves the box. */
function WordsBox({
  words,
  onChange,
  disabled,
  testId,
}: {
  words: readonly string[];
  onChange: (w: string[]) => void;
  disabled: boolean;
  testId?: string;
}) {
  const [text, setText] = useState<string | null>(null);
  return (
    <textarea
      className="ws-input"
      rows={4}
      value={text ?? words.join('\n')}
      disabled={disabled}
      data-testid={testId}
      onChange={(e) => {
        setText(e.target.value);
        onChange(lines(e.target.value));
      }}
      onBlur={() => setText(null)}
    />
  );
}

/** What the marker would say about a reply, with the lists as they are in the form (saved or not). */
function GuardTry({ rules }: { rules: GuardRules }) {
  const t = useT();
  const locale = useLocale();
  const [platform, setPlatform] = useState<Platform>('taobao');
  const [text, setText] = useState('');
  const names = useMemo(() => guardNames(locale), [locale]);
  const line = useMemo(() => {
    if (!text.trim()) return null;
    const parsed = GuardRulesSchema.safeParse(rules);
    if (!parsed.success) return null;
    const guard = resolveGuard(parsed.data, platform, names, (id) => guardListName(id, locale));
    const findings = checkCompliance(text, guard);
    return findings.length ? describeFindings(findings, names) : t('guard_testNone');
  }, [rules, platform, text, names, locale, t]);
  return (
    <section className="ws-card">
      <h2>{t('guard_testTitle')}</h2>
      <div className="ws-row">
        <Field label={t('guard_testPlatform')}>
          <select className="ws-input" value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {PLATFORM_NAMES[p]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <textarea
        className="ws-input"
        rows={2}
        value={text}
        placeholder={t('guard_testPlaceholder')}
        onChange={(e) => setText(e.target.value)}
        data-testid="guard-try"
      />
      {line && (
        <p className="ws-hint" role="status" data-testid="guard-try-result">
          {line}
        </p>
      )}
    </section>
  );
}
