import { useState } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import { couponLabel, CouponSchema, resolveCoupon, type Coupon, type CouponKind } from '@/lib/coupons';
import { db } from '@/lib/db/database';
import { deleteCoupon, saveCouponEdit, type Stored } from '@/lib/db/playbook-edit';
import { CurrencySelect } from '../MoneySettings';
import { Field, LockBadge, MoneyInput, NumberInput, rowActivation, Tabs, Toggle } from '@/components/common/kit';
import { issuesText, useDraft } from './draft';

const KINDS: readonly CouponKind[] = ['threshold', 'discount', 'free_shipping', 'gift'];

export function describeCoupon(c: Coupon, today: string): string {
  return couponLabel(resolveCoupon(c, null, today), 'zh-CN');
}

function withKind(c: Coupon, kind: CouponKind): Coupon {
  const base = {
    id: c.id,
    name: c.name,
    enabled: c.enabled,
    validity: c.validity,
    updatedAt: c.updatedAt,
    ...(c.code ? { code: c.code } : {}),
    ...(c.link ? { link: c.link } : {}),
  };
  switch (kind) {
    case 'threshold':
      return { ...base, kind, thresholdCents: 15_000, amountCents: 2_000 };
    case 'discount':
      return { ...base, kind, rate: 0.9 };
    case 'free_shipping':
      return { ...base, kind, durationDays: 180 };
    case 'gift':
      return { ...base, kind, gift: '' };
  }
}

export function newCoupon(now: number): Coupon {
  return {
    id: `c.${now.toString(36)}`,
    name: '',
    enabled: true,
    kind: 'threshold',
    thresholdCents: 15_000,
    amountCents: 2_000,
    validity: { type: 'days_from_issue', days: 30 },
    updatedAt: now,
  };
}

/** The coupon catalogue: what agents may give. */
export function CouponsPanel({
  coupons,
  canEdit,
  today,
}: {
  coupons: readonly Stored<Coupon>[];
  canEdit: boolean;
  today: string;
}) {
  const t = useT();
  const [editing, setEditing] = useState<Coupon | null>(null);
  const live = coupons.filter((c) => c.deletedAt === undefined);
  return (
    <section className="ws-card" data-testid="coupons-panel">
      <div className="ws-card-head">
        <h2>{t('ws_coupon_title')}</h2>
        <span className="ws-badge">{live.length}</span>
        <span className="spacer" />
        <button
          type="button"
          className="primary small"
          disabled={!canEdit}
          onClick={() => setEditing(newCoupon(Date.now()))}
          data-testid="coupon-new"
        >
          ＋ {t('ws_coupon_new')}
        </button>
      </div>
      <table className="ws-table">
        <thead>
          <tr>
            <th>{t('ws_coupon_name')}</th>
            <th>{t('ws_coupon_kind')}</th>
            <th>{t('ws_coupon_gives')}</th>
            <th>{t('ws_coupon_validity')}</th>
            <th>{t('ws_coupon_status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {live.map((c) => (
            <tr
              key={c.id}
              className={`clickable${editing?.id === c.id ? ' sel' : ''}${c.enabled ? '' : ' off'}`}
              {...rowActivation(() => setEditing(c))}
              data-testid="coupon-row"
            >
              <td>
                <strong>{c.name || c.id}</strong>
              </td>
              <td>{t(`ws_coupon_kind_${c.kind}`)}</td>
              <td>{describeCoupon(c, today)}</td>
              <td>
                {c.validity.type === 'fixed'
                  ? `${c.validity.from} ~ ${c.validity.to}`
                  : t('ws_coupon_days', { days: c.validity.days })}
              </td>
              <td>
                {c.enabled ? (
                  <span className="ws-badge ok">{t('ws_enabled')}</span>
                ) : (
                  <span className="ws-badge">{t('ws_disabled')}</span>
                )}
              </td>
              <td>{c.locked && <LockBadge />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <CouponForm
          key={editing.id}
          saved={editing}
          exists={live.some((c) => c.id === editing.id)}
          locked={coupons.find((c) => c.id === editing.id)?.locked === true}
          canEdit={canEdit}
          today={today}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function CouponForm({
  saved,
  exists,
  locked,
  canEdit,
  today,
  onClose,
}: {
  saved: Coupon;
  exists: boolean;
  locked: boolean;
  canEdit: boolean;
  today: string;
  onClose: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const { draft, setDraft, dirty } = useDraft(saved);
  const [error, setError] = useState('');
  const editable = canEdit && !locked;
  const set = (patch: Partial<Coupon>) => setDraft({ ...draft, ...patch } as Coupon);
  const save = async () => {
    const parsed = CouponSchema.safeParse({ ...draft, name: draft.name.trim() });
    if (!parsed.success || !draft.name.trim())
      return setError(parsed.success ? t('ws_coupon_needName') : issuesText(parsed.error.issues, locale));
    try {
      await saveCouponEdit(db(), parsed.data, Date.now());
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const remove = async () => {
    if (!confirm(t('ws_coupon_confirmDelete', { name: saved.name }))) return;
    await deleteCoupon(db(), saved.id, Date.now());
    onClose();
  };
  const v = draft.validity;
  return (
    <div className="ws-subform" data-testid="coupon-form">
      <div className="ws-grid">
        <Field label={t('ws_coupon_name')}>
          <input
            value={draft.name}
            maxLength={100}
            disabled={!editable}
            onChange={(e) => set({ name: e.target.value })}
            data-testid="coupon-name"
          />
        </Field>
        <Field label={t('ws_coupon_kind')}>
          <select
            value={draft.kind}
            disabled={!editable}
            onChange={(e) => setDraft(withKind(draft, e.target.value as CouponKind))}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`ws_coupon_kind_${k}`)}
              </option>
            ))}
          </select>
        </Field>
        {draft.kind === 'threshold' && (
          <>
            <Field label={t('money_levelCurrency')}>
              <CurrencySelect
                value={draft.currency}
                disabled={!editable}
                onChange={(c) => set({ currency: c })}
                testId="coupon-currency"
              />
            </Field>
            <Field label={t('ws_coupon_threshold')}>
              <MoneyInput
                cents={draft.thresholdCents}
                currency={draft.currency}
                disabled={!editable}
                onChange={(c) => set({ thresholdCents: c ?? 0 })}
              />
            </Field>
            <Field label={t('ws_coupon_amount')}>
              <MoneyInput
                cents={draft.amountCents}
                currency={draft.currency}
                disabled={!editable}
                onChange={(c) => set({ amountCents: c ?? 0 })}
              />
            </Field>
            <Field label={t('ws_coupon_fromAov')} hint={t('ws_coupon_fromAovHint')}>
              <NumberInput
                value={draft.thresholdFromAov?.multiplier}
                optional
                step={0.1}
                min={0}
                disabled={!editable}
                onChange={(m) =>
                  set({
                    thresholdFromAov: m
                      ? {
                          multiplier: m,
                          roundTo: draft.thresholdFromAov?.roundTo ?? 1000,
                          rounding: draft.thresholdFromAov?.rounding ?? 'nearest',
                        }
                      : undefined,
                  })
                }
              />
            </Field>
          </>
        )}
        {draft.kind === 'discount' && (
          <Field label={t('ws_coupon_rate')} hint={t('ws_coupon_rateHint')}>
            <NumberInput
              value={Math.round(draft.rate * 100) / 10}
              step={0.5}
              min={0.5}
              max={9.9}
              disabled={!editable}
              onChange={(z) => set({ rate: (z ?? 9) / 10 })}
            />
          </Field>
        )}
        {draft.kind === 'free_shipping' && (
          <Field label={t('ws_coupon_duration')}>
            <NumberInput
              value={draft.durationDays}
              min={1}
              disabled={!editable}
              onChange={(d) => set({ durationDays: d ?? 1 })}
            />
          </Field>
        )}
        {draft.kind === 'gift' && (
          <Field label={t('ws_coupon_gift')} wide>
            <input
              value={draft.gift}
              maxLength={200}
              disabled={!editable}
              onChange={(e) => set({ gift: e.target.value })}
            />
          </Field>
        )}
        <Field label={t('ws_coupon_validity')}>
          <Tabs
            label={t('a11y_validity')}
            value={v.type}
            onChange={(type) =>
              set({ validity: type === 'fixed' ? { type, from: today, to: today } : { type, days: 30 } })
            }
            tabs={
              [
                ['days_from_issue', t('ws_coupon_fromIssue')],
                ['fixed', t('ws_coupon_fixed')],
              ] as const
            }
          />
        </Field>
        {v.type === 'days_from_issue' ? (
          <Field label={t('ws_coupon_validDays')}>
            <NumberInput
              value={v.days}
              min={1}
              disabled={!editable}
              onChange={(d) => set({ validity: { type: 'days_from_issue', days: d ?? 1 } })}
            />
          </Field>
        ) : (
          <Field label={t('ws_coupon_window')}>
            <span className="ws-row tight">
              <input
                type="date"
                value={v.from}
                aria-label={t('ws_policy_from')}
                disabled={!editable}
                onChange={(e) => set({ validity: { ...v, from: e.target.value } })}
              />
              <input
                type="date"
                value={v.to}
                aria-label={t('ws_policy_to')}
                disabled={!editable}
                onChange={(e) => set({ validity: { ...v, to: e.target.value } })}
              />
            </span>
          </Field>
        )}
        <Field label={t('ws_coupon_code')}>
          <input
            value={draft.code ?? ''}
            maxLength={100}
            disabled={!editable}
            onChange={(e) => set({ code: e.target.value || undefined })}
          />
        </Field>
        <Field label={t('ws_coupon_link')}>
          <input
            value={draft.link ?? ''}
            maxLength={2000}
            disabled={!editable}
            placeholder="https://"
            onChange={(e) => set({ link: e.target.value || undefined })}
          />
        </Field>
        <div className="tpl-flags">
          <Toggle
            checked={draft.enabled}
            disabled={!editable}
            label={t('ws_enabled')}
            onChange={(enabled) => set({ enabled })}
          />
        </div>
      </div>
      <p className="ws-hint">{t('ws_coupon_preview', { label: describeCoupon(draft, today) })}</p>
      {error && (
        <p className="ws-error" role="alert">
          {error}
        </p>
      )}
      <div className="ws-actions">
        <button
          type="button"
          className="primary"
          disabled={!editable || !dirty}
          onClick={() => void save()}
          data-testid="coupon-save"
        >
          {t('ws_save')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('ws_cancel')}
        </button>
        <span className="spacer" />
        {locked && <LockBadge />}
        {editable && exists && (
          <button type="button" className="danger" onClick={() => void remove()}>
            {t('ws_delete')}
          </button>
        )}
      </div>
    </div>
  );
}
