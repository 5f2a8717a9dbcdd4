import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { RemindersList, useReminderTeam, type ReminderActionFn } from '@/components/sidebar/RemindersList';
import { useTeam } from '@/components/common/useTeam';
import { clockNow, clockOffset } from '@/entrypoints/background/clock';
import { db } from '@/lib/db/database';
import { followupsForToday } from '@/lib/db/followups';
import { directActions } from '@/lib/service/actions';
import type { AppSettings } from '@/lib/settings/app';

/** Re-read the list this often, so reminders coming due while the popup is open appear. */
const TICK_MS = 30_000;

/**
 * The agent's follow-ups for today, across buyers, with the same actions as the sidebar: what can
 * be acted on now (unpaid orders, parcels, check-ins, buyers in a conversation), most valuable
 * first, at most the day's cap (lib/reminders/followups.ts). Mass care (greetings, stage-end
 * nudges for buyers not chatting) goes to the supervisor's campaign lists; the popup says how many.
 * The popup is a top-level extension page, so it reads the database itself; the background hears
 * the changes and updates the badge.
 */
export function RemindersToday({ settings }: { settings: AppSettings }) {
  const { timeZone } = settings;
  const t = useT();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  // Read outside the live query: a live query may await only the database, or it stops tracking.
  const [offset, setOffset] = useState<number | null>(null);
  useEffect(() => {
    void clockOffset().then(setOffset);
  }, [tick]);
  // In a team, reminders another member owns are theirs: not in this agent's list nor against its cap.
  const me = useTeam().connection?.member.id;
  const data = useLiveQuery(async () => {
    if (offset === null) return null;
    const now = Date.now() + offset;
    return followupsForToday(db(), now, settings, me);
  }, [tick, settings, offset, me]);
  const [failed, setFailed] = useState<string | null>(null);

  // The sidebar's reminder actions, called directly (the popup may open the database) on the background's clock.
  const actions = directActions(db(), clockNow);
  /** A change the database refused is said, not lost in the console; the background recounts the badge. */
  const change = async (run: () => Promise<unknown>) => {
    try {
      setFailed(null);
      await run();
      // A message reaches the background even when Dexie's broadcast does not.
      void browser.runtime.sendMessage({ type: 'dataChanged' }).catch(() => {});
    } catch (e) {
      setFailed(t('sg_actionFailed', { message: e instanceof Error ? e.message : String(e) }));
    }
  };
  const act: ReminderActionFn = (r, action, minutes) =>
    change(() =>
      actions({
        method: 'reminderAction',
        id: r.id,
        action,
        ...(action === 'snooze' ? { minutes: minutes ?? 60 } : {}),
      }),
    );
  const teamView = useReminderTeam((r, owner) => change(() => actions({ method: 'reminderOwner', id: r.id, owner })));

  if (data.status !== 'ready' || !data.value) return null;
  const { actionable, overCap, massCare, othersOwn, now } = data.value;
  // Most valuable first: the list keeps that order; what is due later today is shown as upcoming.
  const ordered = actionable.map((f) => f.reminder);
  const dueTime = (r: (typeof ordered)[number]) => (r.status === 'snoozed' ? (r.snoozedUntil ?? r.dueAt) : r.dueAt);
  const due = ordered.filter((r) => dueTime(r) <= now);
  const upcoming = ordered.filter((r) => dueTime(r) > now);
  return (
    <section className="popup-reminders" data-testid="popup-reminders">
      <header className="popup-section-head">
        <h2>{t('sg_popupDue')}</h2>
        {due.length > 0 && (
          <span className="popup-due-count" data-testid="popup-due-count">
            {t('sg_popupDueCount', { count: due.length })}
          </span>
        )}
      </header>
      {due.length === 0 && upcoming.length === 0 ? (
        <p className="popup-empty">{t('sg_popupNone')}</p>
      ) : (
        <RemindersList
          due={due}
          upcoming={upcoming}
          now={now}
          timeZone={timeZone}
          onAct={act}
          showBuyer
          values={new Map(actionable.map((f) => [f.reminder.id, Math.round(f.score)]))}
          team={teamView}
        />
      )}
      {failed && (
        <p className="reminder-run-failed" role="alert" data-testid="popup-reminder-failed">
          {failed}
        </p>
      )}
      {othersOwn > 0 && (
        <p className="popup-note" data-testid="popup-others-own">
          {t('fu_othersOwn', { count: othersOwn })}
        </p>
      )}
      {overCap > 0 && (
        <p className="popup-note" data-testid="popup-over-cap">
          {t('fu_overCap', { count: overCap, cap: settings.followupsPerDay })}
        </p>
      )}
      {massCare.length > 0 && (
        <p className="popup-note" data-testid="popup-mass-care">
          {t('fu_massCare', { count: massCare.length })}{' '}
          <button
            type="button"
            className="link"
            onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/options.html#/campaigns') })}
          >
            {t('fu_openCampaigns')}
          </button>
        </p>
      )}
    </section>
  );
}
