import { useState } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import { CouponRuleSchema, type Coupon, type CouponConditions, type CouponRule } from '@/lib/coupons';
import { db } from '@/lib/db/database';
import { deleteCouponRule, saveCouponRuleEdit, type Stored } from '@/lib/db/playbook-edit';
import type { MessageKey } from '@/lib/i18n';
import type { ProfileSettings } from '@/lib/metrics/profile';
import { Rfm8IdSchema, StageIdSchema } from '@/lib/schemas/buyer';
import { issuesText, useDraft } from './draft';
import { CurrencySelect } from '../MoneySettings';
import { Chips, Field, LockBadge, MoneyInput, NumberInput, rowActivation, Toggle } from '@/components/common/kit';

type T = ReturnType<typeof useT>;

/** One line per rule: "VIP2, VIP3 · 沉默期 · 距上次下单 38–45 天". */
export function summarizeConditions(c: CouponConditions, t: T): string {
  const parts: string[] = [];
  if (c.levelIds) parts.push(c.levelIds.join('、'));
  if (c.rfm8) parts.push(c.rfm8.map((id) => t(`profile_rfm8_${id}` as MessageKey)).join('、'));
  if (c.layers) parts.push(c.layers.join('、'));
  if (c.stages) parts.push(c.stages.map((s) => t(`profile_stage_${s}` as MessageKey)).join('、'));
  if (c.ordersInDays)
    parts.push(
      t('ws_rule_sumOrders', {
        days: c.ordersInDays.days,
        min: c.ordersInDays.min ?? 0,
        max: c.ordersInDays.max ?? '∞',
      }),
    );
  if (c.aovCents)
    parts.push(
      t('ws_rule_sumAov', {
        min: (c.aovCents.min ?? 0) / 100,
        max: c.aovCents.max === undefined ? '∞' : c.aovCents.max / 100,
        currency: c.aovCurrency ?? '',
      }).trim(),
    );
  if (c.daysSinceLastOrder)
    parts.push(t('ws_rule_sumDays', { min: c.daysSinceLastOrder.min ?? 0, max: c.daysSinceLastOrder.max ?? '∞' }));
  if (c.specialDay) parts.push(c.specialDay.day === 'shop_anniversary' ? t('ws_rule_anniversary') : c.specialDay.day);
  if (c.dateWindow) parts.push(`${c.dateWindow.from} ~ ${c.dateWindow.to}`);
  return parts.length ? parts.join(' · ') : t('ws_rule_everyone');
}

/** Which buyers get which coupon, highest priority first. */
export function CouponRulesPanel({
  rules,
  coupons,
  profile,
  canEdit,
}: {
  rules: readonly Stored<CouponRule>[];
  coupons: readonly Coupon[];
  profile: ProfileSettings;
  canEdit: boolean;
}) {
  const t = useT();
  const [editing, setEditing] = useState<CouponRule | null>(null);
  const live = rules.filter((r) => r.deletedAt === undefined);
  const couponName = (id: string) => coupons.find((c) => c.id === id)?.name ?? id;
  const create = () =>
    setEditing({
      id: `r.${Date.now().toString(36)}`,
      name: '',
      couponId: coupons[0]?.id ?? '',
      enabled: true,
      priority: 50,
      conditions: {},
      updatedAt: Date.now(),
    });
  return (
    <section className="ws-card" data-testid="coupon-rules-panel">
      <div className="ws-card-head">
        <h2>{t('ws_rule_title')}</h2>
        <span className="ws-badge">{live.length}</span>
        <span className="spacer" />
        <button type="button" className="primary small" disabled={!canEdit || coupons.length === 0} onClick={create}>
          ＋ {t('ws_rule_new')}
        </button>
      </div>
      <p className="ws-card-sub">{t('ws_rule_help')}</p>
      <table className="ws-table">
        <thead>
          <tr>
            <th>{t('ws_rule_name')}</th>
            <th>{t('ws_rule_coupon')}</th>
            <th>{t('ws_rule_who')}</th>
            <th className="num">{t('ws_rule_priority')}</th>
            <th>{t('ws_rule_cap')}</th>
            <th>{t('ws_coupon_status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {live.map((r) => (
            <tr
              key={r.id}
              className={`clickable${editing?.id === r.id ? ' sel' : ''}${r.enabled ? '' : ' off'}`}
              {...rowActivation(() => setEditing(r))}
            >
              <td>
                <strong>{r.name || r.id}</strong>
              </td>
              <td>{couponName(r.couponId)}</td>
              <td>{summarizeConditions(r.conditions, t)}</td>
              <td className="num">{r.priority}</td>
              <td>{r.cap ? t('ws_rule_capText', { count: r.cap.count, days: r.cap.days }) : '—'}</td>
              <td>
                {r.enabled ? (
                  <span className="ws-badge ok">{t('ws_enabled')}</span>
                ) : (
                  <span className="ws-badge">{t('ws_disabled')}</span>
                )}
              </td>
              <td>{r.locked && <LockBadge />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <RuleForm
          key={editing.id}
          saved={editing}
          exists={live.some((r) => r.id === editing.id)}
          locked={rules.find((r) => r.id === editing.id)?.locked === true}
          canEdit={canEdit}
          coupons={coupons}
          profile={profile}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function Range({
  value,
  onChange,
  disabled,
  money,
  currency,
}: {
  value: { min?: number; max?: number } | undefined;
  onChange: (v: { min?: number; max?: number } | undefined) => void;
  disabled: boolean;
  money?: boolean;
  currency?: string;
}) {
  const put = (k: 'min' | 'max', n: number | undefined) => {
    const next = { ...value, [k]: n };
    if (n === undefined) delete next[k];
    onChange(next.min === undefined && next.max === undefined ? undefined : next);
  };
  const t = useT();
  const label = (k: 'min' | 'max') => t(k === 'min' ? 'a11y_min' : 'a11y_max');
  const input = (k: 'min' | 'max') =>
    money ? (
      <MoneyInput
        cents={value?.[k]}
        optional
        currency={currency}
        disabled={disabled}
        onChange={(c) => put(k, c)}
        label={label(k)}
      />
    ) : (
      <NumberInput
        value={value?.[k]}
        optional
        min={0}
        disabled={disabled}
        onChange={(n) => put(k, n)}
        width={70}
        label={label(k)}
      />
    );
  return (
    <span className="ws-row tight">
      {input('min')}
      <span>–</span>
      {input('max')}
    </span>
  );
}

function RuleForm({
  saved,
  exists,
  locked,
  canEdit,
  coupons,
  profile,
  onClose,
}: {
  saved: CouponRule;
  exists: boolean;
  locked: boolean;
  canEdit: boolean;
  coupons: readonly Coupon[];
  profile: ProfileSettings;
  onClose: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const { draft, setDraft, dirty } = useDraft(saved);
  const [error, setError] = useState('');
  const editable = canEdit && !locked;
  const c = draft.conditions;
  const setCond = <K extends keyof CouponConditions>(k: K, v: CouponConditions[K] | undefined) => {
    const next = { ...c };
    if (v === undefined || (Array.isArray(v) && v.length === 0)) delete next[k];
    else next[k] = v;
    setDraft({ ...draft, conditions: next });
  };
  const save = async () => {
    const parsed = CouponRuleSchema.safeParse({
      ...draft,
      name: draft.name.trim() || coupons.find((x) => x.id === draft.couponId)?.name || draft.id,
    });
    if (!parsed.success) return setError(issuesText(parsed.error.issues, locale));
    try {
      await saveCouponRuleEdit(db(), parsed.data, Date.now());
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const special = c.specialDay;
  return (
    <div className="ws-subform">
      <div className="ws-grid">
        <Field label={t('ws_rule_name')}>
          <input
            value={draft.name}
            maxLength={100}
            disabled={!editable}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        </Field>
        <Field label={t('ws_rule_coupon')}>
          <select
            value={draft.couponId}
            disabled={!editable}
            onChange={(e) => setDraft({ ...draft, couponId: e.target.value })}
          >
            {coupons.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('ws_rule_priority')} hint={t('ws_rule_priorityHint')}>
          <NumberInput
            value={draft.priority}
            disabled={!editable}
            onChange={(p) => setDraft({ ...draft, priority: p ?? 0 })}
          />
        </Field>
        <Field label={t('ws_rule_cap')} hint={t('ws_rule_capHint')}>
          <span className="ws-row tight">
            <NumberInput
              label={t('a11y_count')}
              value={draft.cap?.count}
              optional
              min={1}
              width={60}
              disabled={!editable}
              onChange={(n) => setDraft({ ...draft, cap: n ? { count: n, days: draft.cap?.days ?? 30 } : undefined })}
            />
            <span>/</span>
            <NumberInput
              label={t('a11y_days')}
              value={draft.cap?.days}
              optional
              min={1}
              width={70}
              disabled={!editable || !draft.cap}
              onChange={(d) => draft.cap && setDraft({ ...draft, cap: { ...draft.cap, days: d ?? 1 } })}
            />
            <span>{t('ws_days')}</span>
          </span>
        </Field>
        <Field label={t('ws_cond_levels')} wide>
          <Chips
            value={c.levelIds}
            disabled={!editable}
            onChange={(v) => setCond('levelIds', v)}
            options={profile.ladder.levels.map(
              (l) => [l.id, `${l.id} ${locale === 'en' ? l.nameEn : l.name}`] as const,
            )}
          />
        </Field>
        <Field label={t('ws_cond_stages')} wide>
          <Chips
            value={c.stages}
            disabled={!editable}
            onChange={(v) => setCond('stages', v)}
            options={StageIdSchema.options.map((s) => [s, t(`profile_stage_${s}` as MessageKey)] as const)}
          />
        </Field>
        <Field label={t('ws_rule_layers')} wide>
          <Chips
            value={c.layers}
            disabled={!editable}
            onChange={(v) => setCond('layers', v)}
            options={profile.layers.layers.map((l) => [l.id, locale === 'en' ? l.nameEn : l.name] as const)}
          />
        </Field>
        <Field label={t('ws_rule_rfm8')} wide>
          <Chips
            value={c.rfm8}
            disabled={!editable}
            onChange={(v) => setCond('rfm8', v)}
            options={Rfm8IdSchema.options.map((id) => [id, t(`profile_rfm8_${id}` as MessageKey)] as const)}
          />
        </Field>
        <Field label={t('ws_rule_daysSince')}>
          <Range value={c.daysSinceLastOrder} disabled={!editable} onChange={(v) => setCond('daysSinceLastOrder', v)} />
        </Field>
        <Field label={t('ws_rule_aov')}>
          <span className="ws-row tight">
            <Range
              money
              currency={c.aovCurrency}
              value={c.aovCents}
              disabled={!editable}
              onChange={(v) => setCond('aovCents', v)}
            />
            <CurrencySelect
              value={c.aovCurrency}
              disabled={!editable}
              onChange={(v) => setCond('aovCurrency', v)}
              testId="rule-aov-currency"
            />
          </span>
        </Field>
        <Field label={t('ws_rule_orders')} hint={t('ws_rule_ordersHint')}>
          <span className="ws-row tight">
            <NumberInput
              label={t('a11y_days')}
              value={c.ordersInDays?.days}
              optional
              min={1}
              width={60}
              disabled={!editable}
              onChange={(d) => setCond('ordersInDays', d ? { ...c.ordersInDays, days: d } : undefined)}
            />
            <span>{t('ws_days')}</span>
            <NumberInput
              label={t('a11y_min')}
              value={c.ordersInDays?.min}
              optional
              min={0}
              width={50}
              disabled={!editable || !c.ordersInDays}
              onChange={(n) => c.ordersInDays && setCond('ordersInDays', { ...c.ordersInDays, min: n })}
            />
            <span>–</span>
            <NumberInput
              label={t('a11y_max')}
              value={c.ordersInDays?.max}
              optional
              min={0}
              width={50}
              disabled={!editable || !c.ordersInDays}
              onChange={(n) => c.ordersInDays && setCond('ordersInDays', { ...c.ordersInDays, max: n })}
            />
          </span>
        </Field>
        <Field label={t('ws_rule_special')} hint={t('ws_rule_specialHint')}>
          <span className="ws-row tight">
            <select
              value={special ? (special.day === 'shop_anniversary' ? 'anniv' : 'date') : ''}
              disabled={!editable}
              onChange={(e) =>
                setCond(
                  'specialDay',
                  e.target.value === ''
                    ? undefined
                    : {
                        day: e.target.value === 'anniv' ? 'shop_anniversary' : '11-11',
                        daysBefore: special?.daysBefore ?? 0,
                        daysAfter: special?.daysAfter ?? 0,
                      },
                )
              }
            >
              <option value="">{t('ws_none')}</option>
              <option value="anniv">{t('ws_rule_anniversary')}</option>
              <option value="date">{t('ws_rule_monthDay')}</option>
            </select>
            {special && special.day !== 'shop_anniversary' && (
              <input
                value={special.day}
                aria-label={t('ws_rule_monthDay')}
                maxLength={5}
                style={{ width: 64 }}
                disabled={!editable}
                onChange={(e) => setCond('specialDay', { ...special, day: e.target.value })}
                placeholder="MM-DD"
              />
            )}
          </span>
        </Field>
        <div className="tpl-flags">
          <Toggle
            checked={draft.enabled}
            disabled={!editable}
            label={t('ws_enabled')}
            onChange={(enabled) => setDraft({ ...draft, enabled })}
          />
        </div>
      </div>
      <p className="ws-hint">{t('ws_rule_summary', { text: summarizeConditions(c, t) })}</p>
      {error && (
        <p className="ws-error" role="alert">
          {error}
        </p>
      )}
      <div className="ws-actions">
        <button type="button" className="primary" disabled={!editable || !dirty} onClick={() => void save()}>
          {t('ws_save')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('ws_cancel')}
        </button>
        <span className="spacer" />
        {locked && <LockBadge />}
        {editable && exists && (
          <button
            type="button"
            className="danger"
            onClick={() => void deleteCouponRule(db(), saved.id, Date.now()).then(onClose)}
          >
            {t('ws_delete')}
          </button>
        )}
      </div>
    </div>
  );
}
