import { useState } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import { ConcernIdSchema, type Concern, type RuleSet, type Taxonomy } from '@/lib/concerns';
import type { MessageKey } from '@/lib/i18n';
import type { Locale } from '@/lib/schemas/common';
import { SaveBar, useSettingForm } from '../playbook/SettingForm';
import { Field, LockBadge, NumberInput, Tabs, Toggle } from '@/components/common/kit';
import { DetectionTestBox } from './DetectionTestBox';
import { TermList } from './TermList';

const LANGS: readonly Locale[] = ['zh-CN', 'zh-TW', 'en'];
const LANG_KEY: Record<Locale, MessageKey> = { 'zh-CN': 'ws_lang_zhCN', 'zh-TW': 'ws_lang_zhTW', en: 'ws_lang_en' };
const EMPTY_RULES: RuleSet = { keywords: [], phrases: [], patterns: [], exclusions: [] };

/** The concern taxonomy: which worries exist and the words that reveal them, with a live test box. */
export function TaxonomyEditor({ saved, canEdit, locked }: { saved: Taxonomy; canEdit: boolean; locked: boolean }) {
  const t = useT();
  const locale = useLocale();
  // A save here, in another tab or by the administrator's policy: the draft shows what is stored now.
  const { draft, change, dirty, reset, save, status, setStatus } = useSettingForm('taxonomy', saved);
  const [selected, setSelected] = useState(saved.concerns[0]?.id ?? '');
  const [lang, setLang] = useState<Locale>('zh-CN');
  const [newId, setNewId] = useState('');
  const [newName, setNewName] = useState('');
  const editable = canEdit && !locked;
  const concern = draft.concerns.find((c) => c.id === selected);

  const update = (id: string, edit: (c: Concern) => Concern) =>
    change({ ...draft, concerns: draft.concerns.map((c) => (c.id === id ? edit(c) : c)) });
  const setRules = (key: keyof RuleSet, value: RuleSet[keyof RuleSet]) =>
    concern &&
    update(concern.id, (c) => ({
      ...c,
      rules: { ...c.rules, [lang]: { ...EMPTY_RULES, ...c.rules[lang], [key]: value } },
    }));
  const addConcern = () => {
    const id = newId.trim();
    if (!ConcernIdSchema.safeParse(id).success) return setStatus({ ok: false, text: t('concern_badId') });
    if (draft.concerns.some((c) => c.id === id)) return setStatus({ ok: false, text: t('concern_duplicateId') });
    const name = newName.trim() || id;
    change({
      ...draft,
      concerns: [
        ...draft.concerns,
        { id, names: { 'zh-CN': name, 'zh-TW': name, en: id }, enabled: true, weight: 1, rules: {} },
      ],
    });
    setSelected(id);
    setNewId('');
    setNewName('');
  };
  const rules = concern ? { ...EMPTY_RULES, ...concern.rules[lang] } : EMPTY_RULES;
  const count = (c: Concern) =>
    LANGS.reduce(
      (n, l) =>
        n + (c.rules[l] ? c.rules[l]!.keywords.length + c.rules[l]!.phrases.length + c.rules[l]!.patterns.length : 0),
      0,
    );

  return (
    <>
      <section className="ws-card" data-testid="taxonomy-editor">
        <div className="ws-card-head">
          <h2>{t('ws_tax_title')}</h2>
          {locked && <LockBadge />}
          <span className="spacer" />
          <Field label={t('concern_minScore')}>
            <NumberInput
              value={draft.minScore}
              min={0.01}
              max={100}
              step={0.1}
              disabled={!editable}
              onChange={(v) => change({ ...draft, minScore: v ?? 0.5 })}
              width={80}
            />
          </Field>
        </div>
        <p className="ws-card-sub">{t('ws_tax_help')}</p>
        <div className="ws-split wide-right">
          <div className="concern-list">
            <ul>
              {draft.concerns.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    className={`${c.id === selected ? 'on' : ''}${c.enabled ? '' : ' off'}`}
                    onClick={() => setSelected(c.id)}
                    data-concern={c.id}
                  >
                    <span>{locale === 'en' ? c.names.en : c.names['zh-CN']}</span>
                    <code>{c.id}</code>
                    <span className="count">{count(c)}</span>
                  </button>
                </li>
              ))}
            </ul>
            {editable && (
              <div className="concern-add">
                <input
                  className="ws-input"
                  value={newId}
                  placeholder={t('ws_tax_newId')}
                  onChange={(e) => setNewId(e.target.value)}
                  data-testid="concern-new-id"
                />
                <input
                  className="ws-input"
                  value={newName}
                  placeholder={t('ws_tax_newName')}
                  onChange={(e) => setNewName(e.target.value)}
                />
                <button type="button" className="secondary small" onClick={addConcern}>
                  ＋ {t('ws_add')}
                </button>
              </div>
            )}
          </div>
          {concern ? (
            <div className="concern-form">
              <div className="ws-grid">
                {LANGS.map((l) => (
                  <Field key={l} label={t('ws_tax_name', { lang: t(LANG_KEY[l]) })}>
                    <input
                      value={concern.names[l]}
                      disabled={!editable}
                      onChange={(e) =>
                        update(concern.id, (c) => ({ ...c, names: { ...c.names, [l]: e.target.value } }))
                      }
                    />
                  </Field>
                ))}
                <Field label={t('concern_weight')}>
                  <NumberInput
                    value={concern.weight}
                    min={0}
                    max={5}
                    step={0.1}
                    disabled={!editable}
                    onChange={(v) => update(concern.id, (c) => ({ ...c, weight: v ?? 1 }))}
                  />
                </Field>
                <div className="tpl-flags">
                  <Toggle
                    checked={concern.enabled}
                    disabled={!editable}
                    label={t('concern_enabled')}
                    onChange={(v) => update(concern.id, (c) => ({ ...c, enabled: v }))}
                  />
                  {editable && (
                    <button
                      type="button"
                      className="link small danger-link"
                      onClick={() => {
                        change({ ...draft, concerns: draft.concerns.filter((c) => c.id !== concern.id) });
                        setSelected(draft.concerns[0]?.id ?? '');
                      }}
                    >
                      {t('ws_tax_remove')}
                    </button>
                  )}
                </div>
              </div>
              <div className="variant-bar">
                <Tabs
                  label={t('a11y_termLang')}
                  value={lang}
                  onChange={setLang}
                  tabs={LANGS.map((l) => [l, t(LANG_KEY[l])] as const)}
                />
              </div>
              <div className="rule-grid">
                <Field label={t('concern_keywords')}>
                  <TermList
                    terms={rules.keywords}
                    english={lang === 'en'}
                    disabled={!editable}
                    onChange={(v) => setRules('keywords', v)}
                    testId="terms-keywords"
                  />
                </Field>
                <Field label={t('concern_phrases')}>
                  <TermList
                    terms={rules.phrases}
                    english={lang === 'en'}
                    disabled={!editable}
                    onChange={(v) => setRules('phrases', v)}
                    testId="terms-phrases"
                  />
                </Field>
                <Field label={t('concern_patterns')} hint={t('concern_patternHelp')}>
                  <TermList
                    terms={rules.patterns}
                    english={lang === 'en'}
                    pattern
                    disabled={!editable}
                    onChange={(v) => setRules('patterns', v)}
                    testId="terms-patterns"
                  />
                </Field>
                <Field label={t('concern_exclusions')} hint={t('ws_tax_exclusionsHint')}>
                  <TermList
                    terms={rules.exclusions}
                    english={lang === 'en'}
                    disabled={!editable}
                    onChange={(v) =>
                      setRules(
                        'exclusions',
                        v.map((x) => (typeof x === 'string' ? x : x.text)),
                      )
                    }
                    testId="terms-exclusions"
                  />
                </Field>
              </div>
            </div>
          ) : (
            <p className="ws-empty">{t('ws_tax_pick')}</p>
          )}
        </div>
        <SaveBar
          editable={editable}
          dirty={dirty}
          onSave={save}
          onRevert={reset}
          status={status}
          saveTestId="taxonomy-save"
        />
      </section>
      <DetectionTestBox taxonomy={draft} dirty={dirty} />
    </>
  );
}
