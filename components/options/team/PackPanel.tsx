import { useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { downloadChunks, stamp } from '@/components/common/download';
import { useLocale, useT } from '@/components/common/i18n';
import { db } from '@/lib/db/database';
import { applyPlaybookWrites, readPlaybook } from '@/lib/db/playbook-edit';
import {
  buildPack,
  choiceFor,
  diffPlaybook,
  mergePlaybook,
  packContents,
  parsePack,
  serializePack,
  type Choice,
  type DiffItem,
  type MergeSummary,
  type PackDiff,
  type PackProblem,
  type PlaybookPack,
} from '@/lib/playbook';
import { parseCustomConsoles } from '@/lib/consoles/custom';
import { parseConsoleRepairs } from '@/lib/consoles/repairs';
import { CONSOLE_REPAIRS_KEY, CUSTOM_CONSOLES_KEY } from '@/lib/consoles/stored';
import { mergePackConsoles } from '@/lib/consoles/taught';
import type { AppSettings } from '@/lib/settings/app';
import { describeIssues } from '@/lib/i18n/zod-issues';
import type { UiLocale } from '@/lib/schemas/common';
import { Field, FilePick, formatTime, Icon, LockBadge } from '@/components/common/kit';
import { useEditAccess } from './lock';
import { fieldsLabel, itemLabel, KIND_KEY } from './pack-labels';

/** Share the playbook: export it as a pack file, or import a colleague's with a preview and choices. */
export function PackPanel({ settings }: { settings: AppSettings }) {
  const t = useT();
  const [name, setName] = useState('');
  const [exported, setExported] = useState('');
  const exportPack = async () => {
    const mine = await readPlaybook(db());
    // Consoles taught by pointing, and repairs of built-in ones, go with the playbook.
    const stored = await browser.storage.local.get([CUSTOM_CONSOLES_KEY, CONSOLE_REPAIRS_KEY]);
    const consoles = {
      custom: parseCustomConsoles(stored[CUSTOM_CONSOLES_KEY]),
      repairs: parseConsoleRepairs(stored[CONSOLE_REPAIRS_KEY]),
    };
    const pack = buildPack(mine, {
      name: name.trim() || settings.shopName,
      exportedBy: settings.agentName,
      now: Date.now(),
      consoles,
    });
    downloadChunks(`huitouke-playbook-${stamp()}.json`, [serializePack(pack)], 'application/json');
    setExported(
      t('ws_pack_exported', {
        templates: pack.templates.length,
        coupons: pack.coupons.length,
        rules: pack.couponRules.length,
        concerns: pack.taxonomy?.concerns.length ?? 0,
      }),
    );
  };
  return (
    <section className="ws-card" data-testid="pack-panel">
      <div className="ws-card-head">
        <h2>{t('ws_pack_title')}</h2>
      </div>
      <p className="ws-card-sub">{t('ws_pack_help')}</p>
      <div className="ws-row">
        <Field label={t('ws_pack_name')}>
          <input
            value={name}
            maxLength={100}
            placeholder={settings.shopName}
            onChange={(e) => setName(e.target.value)}
            data-testid="pack-name"
          />
        </Field>
        <button type="button" className="primary" onClick={() => void exportPack()} data-testid="pack-export">
          {t('ws_pack_export')}
        </button>
        {exported && (
          <span className="ws-ok" role="status">
            {exported}
          </span>
        )}
      </div>
      <hr className="ws-hr" />
      <PackImport editor={settings.agentName} />
    </section>
  );
}

function problemText(p: PackProblem, t: ReturnType<typeof useT>, locale: UiLocale): string {
  switch (p.kind) {
    case 'notJson':
      return t('ws_pack_notJson');
    case 'notAPack':
      return t('ws_pack_notAPack');
    case 'newerVersion':
      return t('ws_pack_newer', { version: p.version });
    case 'invalid':
      return t('ws_pack_invalid', { issues: describeIssues(p.issues, locale) });
  }
}

function PackImport({ editor }: { editor: string }) {
  const t = useT();
  const locale = useLocale();
  const access = useEditAccess();
  const [pack, setPack] = useState<PlaybookPack | null>(null);
  const [diff, setDiff] = useState<PackDiff | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [problem, setProblem] = useState('');
  const [result, setResult] = useState<MergeSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [takeConsoles, setTakeConsoles] = useState(true);
  const packConsoles =
    pack?.consoles && pack.consoles.custom.length + pack.consoles.repairs.length > 0 ? pack.consoles : null;

  const load = async (file: File | undefined) => {
    setResult(null);
    setProblem('');
    setPack(null);
    setDiff(null);
    setChoices({});
    if (!file) return;
    const parsed = parsePack(await file.text());
    if (!parsed.ok) return setProblem(problemText(parsed.problem, t, locale));
    const mine = await readPlaybook(db());
    setPack(parsed.pack);
    setDiff(diffPlaybook(mine, packContents(parsed.pack), { lockedSettings: mine.lockedSettings }));
  };
  const apply = async () => {
    if (!pack || !diff) return;
    setBusy(true);
    try {
      const mine = await readPlaybook(db());
      // Compare again: the playbook may have changed since the preview (another tab, the policy).
      const fresh = diffPlaybook(mine, packContents(pack), { lockedSettings: mine.lockedSettings });
      const merged = mergePlaybook(mine, packContents(pack), fresh, choices, { now: Date.now(), editor });
      await applyPlaybookWrites(db(), merged.writes, editor, Date.now());
      if (packConsoles && takeConsoles) {
        const stored = await browser.storage.local.get([CUSTOM_CONSOLES_KEY, CONSOLE_REPAIRS_KEY]);
        const next = mergePackConsoles(
          { custom: stored[CUSTOM_CONSOLES_KEY], repairs: stored[CONSOLE_REPAIRS_KEY] },
          packConsoles,
        );
        await browser.storage.local.set({ [CUSTOM_CONSOLES_KEY]: next.custom, [CONSOLE_REPAIRS_KEY]: next.repairs });
      }
      setResult(merged.summary);
      setPack(null);
      setDiff(null);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const setAll = (c: Choice) => setChoices(Object.fromEntries((diff?.items ?? []).map((i) => [i.key, c])));
  const groups = useMemo(() => {
    const items = diff?.items ?? [];
    return (['add', 'change', 'remove'] as const).map((change) => ({
      change,
      items: items.filter((i) => i.change === change),
    }));
  }, [diff]);

  return (
    <div className="pack-import">
      <div className="ws-row">
        <Field label={t('ws_pack_importLabel')} hint={t('ws_pack_importHint')}>
          <FilePick
            label={t('ws_pack_choose')}
            accept=".json,application/json"
            onFile={(f) => void load(f)}
            testId="pack-file"
          />
        </Field>
      </div>
      {problem && (
        <p className="ws-error" role="alert" data-testid="pack-problem">
          {problem}
        </p>
      )}
      {result && (
        <p className="ws-ok" role="status" data-testid="pack-result">
          <Icon name="check" />{' '}
          {t('ws_pack_applied', {
            added: result.added,
            changed: result.changed,
            removed: result.removed,
            kept: result.kept,
          })}
        </p>
      )}
      {pack && diff && (
        <div className="pack-preview" data-testid="pack-preview">
          <div className="pack-meta">
            <strong>{pack.name || t('ws_pack_unnamed')}</strong>
            <span className="muted">
              {t('ws_pack_from', { who: pack.exportedBy || '—', time: formatTime(pack.exportedAt, locale) })}
            </span>
          </div>
          <div className="pack-summary" data-testid="pack-summary">
            <span className="ws-badge ok" data-testid="pack-count-add">
              {t('ws_pack_adds', { n: groups[0]!.items.length })}
            </span>
            <span className="ws-badge warn" data-testid="pack-count-change">
              {t('ws_pack_changes', { n: groups[1]!.items.length })}
            </span>
            <span className="ws-badge danger" data-testid="pack-count-remove">
              {t('ws_pack_removes', { n: groups[2]!.items.length })}
            </span>
            <span className="ws-badge">{t('ws_pack_unchanged', { n: diff.unchanged })}</span>
            <span className="spacer" />
            {diff.items.length > 0 && (
              <>
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => setAll('theirs')}
                  data-testid="pack-all-theirs"
                >
                  {t('ws_pack_allTheirs')}
                </button>
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => setAll('mine')}
                  data-testid="pack-all-mine"
                >
                  {t('ws_pack_allMine')}
                </button>
              </>
            )}
          </div>
          {diff.items.length === 0 && !packConsoles && <p className="ws-empty">{t('ws_pack_nothing')}</p>}
          {packConsoles && (
            <label className="pack-consoles" data-testid="pack-consoles">
              <input type="checkbox" checked={takeConsoles} onChange={(e) => setTakeConsoles(e.target.checked)} />{' '}
              {t('ws_pack_consoles', { custom: packConsoles.custom.length, repairs: packConsoles.repairs.length })}
            </label>
          )}
          {groups
            .filter((g) => g.items.length > 0)
            .map((g) => (
              <div key={g.change} className={`pack-group ${g.change}`}>
                <h3>
                  {t(
                    g.change === 'add'
                      ? 'ws_pack_groupAdd'
                      : g.change === 'change'
                        ? 'ws_pack_groupChange'
                        : 'ws_pack_groupRemove',
                  )}
                </h3>
                <ul>
                  {g.items.map((item) => (
                    <PackRow
                      key={item.key}
                      item={item}
                      choice={choiceFor(item, choices)}
                      onChoice={(c) => setChoices({ ...choices, [item.key]: c })}
                    />
                  ))}
                </ul>
              </div>
            ))}
          <div className="ws-actions">
            <button
              type="button"
              className="primary"
              disabled={busy || !access.canEdit || (diff.items.length === 0 && !(packConsoles && takeConsoles))}
              onClick={() => void apply()}
              data-testid="pack-apply"
            >
              {t('ws_pack_apply')}
            </button>
            <button type="button" className="secondary" onClick={() => void load(undefined)}>
              {t('ws_cancel')}
            </button>
            {!access.canEdit && <span className="ws-hint">{t('ws_pack_needPin')}</span>}
          </div>
        </div>
      )}
    </div>
  );
}

function PackRow({ item, choice, onChoice }: { item: DiffItem; choice: Choice; onChoice: (c: Choice) => void }) {
  const t = useT();
  const locale = useLocale();
  const theirsLabel =
    item.change === 'add'
      ? t('ws_pack_takeAdd')
      : item.change === 'remove'
        ? t('ws_pack_takeRemove')
        : t('ws_pack_takeTheirs');
  const mineLabel = item.change === 'add' ? t('ws_pack_skip') : t('ws_pack_keepMine');
  return (
    <li className="pack-row" data-testid="pack-item" data-key={item.key} data-change={item.change}>
      <span className="ws-badge">{t(KIND_KEY[item.kind])}</span>
      <span className="pack-label">{itemLabel(item, locale, t)}</span>
      {item.fields.length > 0 && (
        <span className="pack-fields">{t('ws_hist_changed', { fields: fieldsLabel(item.fields, t) })}</span>
      )}
      <span className="spacer" />
      {item.locked ? (
        <LockBadge />
      ) : (
        <span className="ws-tabs pack-choice" role="radiogroup">
          <button
            type="button"
            role="radio"
            aria-checked={choice === 'theirs'}
            className={choice === 'theirs' ? 'on' : ''}
            onClick={() => onChoice('theirs')}
            data-choice="theirs"
          >
            {theirsLabel}
          </button>
          <button
            type="button"
            role="radio"
            aria-checked={choice === 'mine'}
            className={choice === 'mine' ? 'on' : ''}
            onClick={() => onChoice('mine')}
            data-choice="mine"
          >
            {mineLabel}
          </button>
        </span>
      )}
    </li>
  );
}
