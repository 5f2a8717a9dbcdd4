import { useState } from 'react';
import { useT } from '@/components/common/i18n';
import type { ReminderRules } from '@/lib/reminders';
import { SaveBar, useSettingForm } from './SettingForm';
import { Field, LockBadge, NumberInput, Toggle } from '@/components/common/kit';

/** Minutes as the list people write: "10, 1440". */
function minutesText(list: readonly number[]): string {
  return list.join(', ');
}

/** Follow-up reminders: when they come due, quiet hours, and how many per buyer. */
export function RemindersPanel({
  saved,
  canEdit,
  locked,
}: {
  saved: ReminderRules;
  canEdit: boolean;
  locked: boolean;
}) {
  const t = useT();
  const { draft, change, dirty, reset, save, status } = useSettingForm('reminderRules', saved);
  const [offsets, setOffsets] = useState(minutesText(saved.unpaid.offsetsMinutes));
  const editable = canEdit && !locked;
  const set = (patch: Partial<ReminderRules>) => change({ ...draft, ...patch });
  const q = draft.quietHours;
  return (
    <section className="ws-card" data-testid="reminders-panel">
      <div className="ws-card-head">
        <h2>{t('ws_rem_title')}</h2>
        {locked && <LockBadge />}
      </div>
      <p className="ws-card-sub">{t('ws_rem_help')}</p>
      <div className="ws-grid">
        <Field label={t('ws_rem_quiet')} hint={t('ws_rem_quietHint')}>
          <span className="ws-row tight">
            <Toggle
              checked={q !== null}
              disabled={!editable}
              label={<span className="sr-only">{t('ws_rem_quiet')}</span>}
              onChange={(on) => set({ quietHours: on ? { start: '22:00', end: '08:00' } : null })}
              testId="quiet-on"
            />
            <input
              type="time"
              value={q?.start ?? ''}
              aria-label={t('ws_policy_from')}
              disabled={!editable || !q}
              onChange={(e) => q && set({ quietHours: { ...q, start: e.target.value } })}
              data-testid="quiet-start"
            />
            <span>–</span>
            <input
              type="time"
              value={q?.end ?? ''}
              aria-label={t('ws_policy_to')}
              disabled={!editable || !q}
              onChange={(e) => q && set({ quietHours: { ...q, end: e.target.value } })}
              data-testid="quiet-end"
            />
          </span>
        </Field>
        <Field label={t('ws_rem_sendTime')} hint={t('ws_rem_sendTimeHint')}>
          <input
            type="time"
            value={draft.sendTime}
            disabled={!editable}
            onChange={(e) => set({ sendTime: e.target.value })}
          />
        </Field>
        <Field label={t('ws_rem_horizon')}>
          <NumberInput
            value={draft.horizonDays}
            min={0}
            disabled={!editable}
            onChange={(n) => set({ horizonDays: n ?? 0 })}
          />
        </Field>
      </div>
      <h3 className="ws-sub">{t('reminder_kindUnpaid')}</h3>
      <div className="ws-grid">
        <Toggle
          checked={draft.unpaid.enabled}
          disabled={!editable}
          label={t('ws_enabled')}
          onChange={(enabled) => set({ unpaid: { ...draft.unpaid, enabled } })}
        />
        <Field label={t('ws_rem_offsets')} hint={t('ws_rem_offsetsHint')}>
          <input
            value={offsets}
            disabled={!editable}
            onChange={(e) => {
              setOffsets(e.target.value);
              const list = e.target.value
                .split(/[,，\s]+/)
                .filter(Boolean)
                .map(Number);
              if (list.length && list.every((n) => Number.isInteger(n) && n >= 0))
                set({ unpaid: { ...draft.unpaid, offsetsMinutes: list } });
            }}
          />
        </Field>
        <Field label={t('ws_rem_cap24')} hint={t('ws_rem_cap24Hint')}>
          <NumberInput
            value={draft.unpaid.maxPer24h}
            min={1}
            disabled={!editable}
            onChange={(n) => set({ unpaid: { ...draft.unpaid, maxPer24h: n ?? 1 } })}
            testId="unpaid-cap"
          />
        </Field>
        <Field label={t('ws_rem_stale')}>
          <NumberInput
            value={draft.unpaid.staleAfterMinutes}
            min={0}
            disabled={!editable}
            onChange={(n) => set({ unpaid: { ...draft.unpaid, staleAfterMinutes: n ?? 0 } })}
          />
        </Field>
      </div>
      <h3 className="ws-sub">{t('ws_rem_orderMessages')}</h3>
      <div className="ws-grid">
        <Toggle
          checked={draft.shipping.enabled}
          disabled={!editable}
          label={t('reminder_kindShipping')}
          onChange={(enabled) => set({ shipping: { ...draft.shipping, enabled } })}
        />
        <Field label={t('ws_rem_shippingDelay')}>
          <NumberInput
            value={draft.shipping.delayMinutes}
            min={0}
            disabled={!editable}
            onChange={(n) => set({ shipping: { ...draft.shipping, delayMinutes: n ?? 0 } })}
          />
        </Field>
        <Toggle
          checked={draft.checkin.enabled}
          disabled={!editable}
          label={t('reminder_kindCheckin')}
          onChange={(enabled) => set({ checkin: { ...draft.checkin, enabled } })}
        />
        <Field label={t('ws_rem_checkinDays')}>
          <NumberInput
            value={draft.checkin.daysAfterShipping}
            min={0}
            disabled={!editable}
            onChange={(n) => set({ checkin: { ...draft.checkin, daysAfterShipping: n ?? 0 } })}
          />
        </Field>
      </div>
      <h3 className="ws-sub">{t('ws_rem_care')}</h3>
      <div className="ws-grid">
        <Toggle
          checked={draft.stageEnd.enabled}
          disabled={!editable}
          label={t('ws_rem_stageEnd')}
          onChange={(enabled) => set({ stageEnd: { ...draft.stageEnd, enabled } })}
        />
        {draft.stageEnd.milestones.map((m, i) => (
          <Field key={i} label={t('ws_rem_milestone', { day: m.day })}>
            <span className="ws-row tight">
              <span>{t('ws_rem_lead')}</span>
              <NumberInput
                value={m.leadDays}
                min={0}
                width={60}
                disabled={!editable}
                onChange={(n) =>
                  set({
                    stageEnd: {
                      ...draft.stageEnd,
                      milestones: draft.stageEnd.milestones.map((x, k) => (k === i ? { ...x, leadDays: n ?? 0 } : x)),
                    },
                  })
                }
              />
              <span>{t('ws_days')}</span>
            </span>
          </Field>
        ))}
        <Toggle
          checked={draft.day100.enabled}
          disabled={!editable}
          label={t('ws_rem_day100', { day: draft.day100.day })}
          onChange={(enabled) => set({ day100: { ...draft.day100, enabled } })}
        />
        <Toggle
          checked={draft.anniversary.enabled}
          disabled={!editable}
          label={t('ws_rem_anniversary')}
          onChange={(enabled) => set({ anniversary: { enabled } })}
        />
        <Toggle
          checked={draft.birthday.enabled}
          disabled={!editable}
          label={t('reminder_kindBirthday')}
          onChange={(enabled) => set({ birthday: { enabled } })}
        />
      </div>
      <SaveBar
        editable={editable}
        dirty={dirty}
        onSave={save}
        onRevert={() => {
          reset();
          setOffsets(minutesText(saved.unpaid.offsetsMinutes));
        }}
        status={status}
        saveTestId="reminders-save"
      />
    </section>
  );
}
