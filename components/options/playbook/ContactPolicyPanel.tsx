import { useT } from '@/components/common/i18n';
import type { ContactPolicy } from '@/lib/contact';
import type { MessageKey } from '@/lib/i18n';
import { SaveBar, useSettingForm } from './SettingForm';
import { Field, LockBadge, NumberInput, Toggle } from '@/components/common/kit';

/** How often a buyer may be contacted: the marketing cap, promotions, and the unpaid-reminder cap. */
export function ContactPolicyPanel({
  saved,
  canEdit,
  locked,
}: {
  saved: ContactPolicy;
  canEdit: boolean;
  locked: boolean;
}) {
  const t = useT();
  const { draft, change, dirty, reset, save, status } = useSettingForm('contactPolicy', saved);
  const editable = canEdit && !locked;
  const set = (patch: Partial<ContactPolicy>) => change({ ...draft, ...patch });
  const windows = draft.promotionWindows;
  return (
    <section className="ws-card" data-testid="contact-policy-panel">
      <div className="ws-card-head">
        <h2>{t('ws_policy_title')}</h2>
        {locked && <LockBadge />}
      </div>
      <p className="ws-card-sub">{t('ws_policy_help')}</p>
      <div className="ws-grid">
        <Field label={t('ws_policy_marketing')} hint={t('ws_policy_marketingHint')}>
          <span className="ws-row tight">
            <NumberInput
              label={t('a11y_count')}
              value={draft.marketingCap.count}
              min={1}
              width={60}
              disabled={!editable}
              onChange={(n) => set({ marketingCap: { ...draft.marketingCap, count: n ?? 1 } })}
              testId="marketing-count"
            />
            <span>{t('ws_policy_per')}</span>
            <NumberInput
              label={t('a11y_days')}
              value={draft.marketingCap.days}
              min={1}
              width={60}
              disabled={!editable}
              onChange={(n) => set({ marketingCap: { ...draft.marketingCap, days: n ?? 1 } })}
            />
            <span>{t('ws_days')}</span>
          </span>
        </Field>
        <Field label={t('ws_policy_unpaid')}>
          <span className="ws-row tight">
            <NumberInput
              label={t('a11y_count')}
              value={draft.unpaidCap.count}
              min={1}
              width={60}
              disabled={!editable}
              onChange={(n) => set({ unpaidCap: { ...draft.unpaidCap, count: n ?? 1 } })}
            />
            <span>{t('ws_policy_per')}</span>
            <NumberInput
              label={t('a11y_hours')}
              value={draft.unpaidCap.hours}
              min={1}
              width={60}
              disabled={!editable}
              onChange={(n) => set({ unpaidCap: { ...draft.unpaidCap, hours: n ?? 1 } })}
            />
            <span>{t('ws_hours')}</span>
          </span>
        </Field>
        <div className="tpl-flags">
          <Toggle
            checked={draft.lostOnlyInPromotions}
            disabled={!editable}
            label={t('ws_policy_lostOnly')}
            onChange={(v) => set({ lostOnlyInPromotions: v })}
          />
          <Toggle
            checked={draft.shopAnniversaryIsPromotion}
            disabled={!editable}
            label={t('ws_policy_anniversary')}
            onChange={(v) => set({ shopAnniversaryIsPromotion: v })}
          />
          <Toggle
            checked={draft.promotionActive}
            disabled={!editable}
            label={t('ws_policy_active')}
            onChange={(v) => set({ promotionActive: v })}
          />
        </div>
      </div>
      <h3 className="ws-sub">{t('ws_policy_windows')}</h3>
      <table className="ws-table windows">
        <thead>
          <tr>
            <th>{t('ws_policy_windowName')}</th>
            <th>{t('ws_policy_from')}</th>
            <th>{t('ws_policy_to')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {windows.map((w, i) => {
            const cell = (column: MessageKey) =>
              t('a11y_cell', { row: w.name || t('a11y_row', { n: i + 1 }), column: t(column) });
            const put = (patch: Partial<typeof w>) =>
              set({ promotionWindows: windows.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
            return (
              <tr key={i}>
                <td>
                  <input
                    className="ws-input"
                    value={w.name}
                    aria-label={cell('ws_policy_windowName')}
                    maxLength={50}
                    disabled={!editable}
                    onChange={(e) => put({ name: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    className="ws-input"
                    value={w.from}
                    aria-label={cell('ws_policy_from')}
                    maxLength={5}
                    style={{ width: 70 }}
                    disabled={!editable}
                    onChange={(e) => put({ from: e.target.value })}
                    placeholder="MM-DD"
                  />
                </td>
                <td>
                  <input
                    className="ws-input"
                    value={w.to}
                    aria-label={cell('ws_policy_to')}
                    maxLength={5}
                    style={{ width: 70 }}
                    disabled={!editable}
                    onChange={(e) => put({ to: e.target.value })}
                    placeholder="MM-DD"
                  />
                </td>
                <td>
                  {editable && (
                    <button
                      type="button"
                      className="link small"
                      onClick={() => set({ promotionWindows: windows.filter((_, k) => k !== i) })}
                    >
                      {t('ws_delete')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {editable && (
        <button
          type="button"
          className="link small"
          onClick={() => set({ promotionWindows: [...windows, { name: '', from: '01-01', to: '01-03' }] })}
        >
          ＋ {t('ws_policy_addWindow')}
        </button>
      )}
      <SaveBar
        editable={editable}
        dirty={dirty}
        onSave={save}
        onRevert={reset}
        status={status}
        saveTestId="policy-save"
      />
    </section>
  );
}
