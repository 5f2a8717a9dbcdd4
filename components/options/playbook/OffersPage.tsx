import { useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { db } from '@/lib/db/database';
import { readPlaybook } from '@/lib/db/playbook-edit';
import { todayIn, type AppSettings } from '@/lib/settings/app';
import { EditGate } from '../team/EditGate';
import { useEditAccess } from '../team/lock';
import { ContactPolicyPanel } from './ContactPolicyPanel';
import { CouponRulesPanel } from './CouponRulesPanel';
import { CouponsPanel } from './CouponsPanel';
import { RemindersPanel } from './RemindersPanel';

/** Coupons and who gets them, follow-up reminders, and how often buyers may be contacted. */
export function OffersPage({ settings }: { settings: AppSettings }) {
  const t = useT();
  const access = useEditAccess();
  const data = useLiveQuery(() => readPlaybook(db()), []);
  if (data.status !== 'ready') return null;
  const p = data.value;
  const today = todayIn(settings.timeZone, Date.now());
  return (
    <div className="ws-page">
      <p className="ws-lead">{t('ws_offers_lead')}</p>
      <EditGate />
      <CouponsPanel coupons={p.coupons} canEdit={access.canEdit} today={today} />
      <CouponRulesPanel
        rules={p.couponRules}
        coupons={p.coupons.filter((c) => c.deletedAt === undefined)}
        profile={settings.profile}
        canEdit={access.canEdit}
      />
      <div className="offers-grid">
        <RemindersPanel
          saved={p.reminderRules}
          canEdit={access.canEdit}
          locked={p.lockedSettings.has('reminderRules')}
        />
        <ContactPolicyPanel
          saved={p.contactPolicy}
          canEdit={access.canEdit}
          locked={p.lockedSettings.has('contactPolicy')}
        />
      </div>
    </div>
  );
}
