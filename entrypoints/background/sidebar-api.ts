import { addNote, concernsOf, deleteNote, notesOf, saveConcern, setConcernResolved, setTag, tagsOf } from '@/lib/db/annotations';
import { hasBuyers } from '@/lib/db/buyer-store';
import { findBuyerRecord, profileOf } from '@/lib/db/buyers';
import { asLogEntries, contactKindOf, contactLogOf, markSent, recordContact } from '@/lib/db/contact-log';
import { loadContactPolicy, loadCouponRules, loadCoupons, loadTaxonomy, loadTemplates, recordTemplateUse } from '@/lib/db/playbook';
import { actOnReminder, addManualReminder, remindersOfBuyer } from '@/lib/db/reminders';
import { parseQuickReminder } from '@/lib/reminders';
import type { HuitoukeDb } from '@/lib/db/database';
import { loadAppSettings } from '@/lib/db/settings';
import type { SidebarRequest } from '@/lib/schemas/sidebar-rpc';
import type { TeamSync } from './team';
import { todayIn } from '@/lib/settings/app';

/**
 * Answers the sidebar's questions from the extension's database. Writes are stamped with the
 * agent name from settings, never with a name the sidebar sends.
 */
export async function answerSidebar(db: HuitoukeDb, req: SidebarRequest, now = Date.now(), team?: Pick<TeamSync, 'lookupBuyer'>): Promise<unknown> {
  switch (req.method) {
    case 'settings':
      return loadAppSettings(db);
    case 'buyer': {
      const settings = await loadAppSettings(db);
      const record = await findBuyerRecord(db, req.platform, req.id, req.nick);
      const anyData = record ? true : await hasBuyers(db);
      if (!record) {
        // A buyer the supervisor imported on the shop server: ask it (only what this sidebar shows).
        const remote = await team?.lookupBuyer({ platform: req.platform, id: req.id ?? undefined, nick: req.nick, asOf: req.asOf });
        if (remote?.buyer) return remote;
        return { buyer: null, profile: null, anyData: anyData || remote?.anyData === true };
      }
      return {
        buyer: { id: record.id, nick: record.nick, platform: record.platform, metrics: record.metrics },
        profile: await profileOf(db, record, settings, req.asOf),
        anyData,
      };
    }
    case 'notes':
      return notesOf(db, req.buyerId);
    case 'addNote':
      return addNote(db, req.buyerId, req.text, (await loadAppSettings(db)).agentName, now);
    case 'deleteNote':
      await deleteNote(db, req.id, now);
      return null;
    case 'tags':
      return tagsOf(db, req.buyerId);
    case 'setTag':
      await setTag(db, req.buyerId, req.tag, req.on, (await loadAppSettings(db)).agentName, now);
      return null;
    case 'concerns':
      return concernsOf(db, req.buyerId);
    case 'saveConcern': {
      const settings = await loadAppSettings(db);
      return saveConcern(db, { ...req.concern, agent: settings.agentName, at: now, date: todayIn(settings.timeZone, now) }, now);
    }
    case 'resolveConcern':
      await setConcernResolved(db, req.id, req.resolved, (await loadAppSettings(db)).agentName, now);
      return null;
    case 'taxonomy':
      return loadTaxonomy(db);
    case 'suggestionContext':
      return {
        templates: (await loadTemplates(db)).filter((t) => t.enabled),
        coupons: await loadCoupons(db),
        couponRules: await loadCouponRules(db),
        // A year covers every default cap (marketing 7 days, coupon caps up to 300 days).
        contactLog: asLogEntries(await contactLogOf(db, req.buyerId, now - CONTACT_WINDOW_MS)),
        policy: await loadContactPolicy(db),
        now,
      };
    case 'recordInsert': {
      const template = req.templateId ? (await loadTemplates(db)).find((t) => t.id === req.templateId) : undefined;
      if (req.templateId && !template) throw new Error('unknown template');
      const entry = await recordContact(
        db,
        {
          buyerId: req.buyerId,
          templateId: template?.id ?? null,
          kind: template ? contactKindOf(template.kind) : (req.kind ?? 'custom'),
          // Text with a coupon is marketing even when typed by hand.
          marketing: template ? template.marketing || req.couponId !== undefined : req.couponId !== undefined,
          text: req.text,
          ...(req.couponId ? { couponId: req.couponId } : {}),
          ...(template ? { templateVersion: template.version } : {}),
        },
        now,
      );
      if (template) await recordTemplateUse(db, template.id, now);
      return entry;
    }
    case 'contactSeen':
      return (await markSent(db, req.buyerId, req.texts, now)).length;
    case 'reminders':
      return { ...(await remindersOfBuyer(db, req.buyerId, now)), now };
    case 'addReminder': {
      const settings = await loadAppSettings(db);
      const parsed = parseQuickReminder(req.text, now, settings.timeZone);
      if (!parsed.ok) return parsed;
      const reminder = await addManualReminder(db, { buyerId: req.buyerId, nick: req.nick, platform: req.platform, dueAt: parsed.dueAt, note: parsed.note }, now);
      return { ok: true, reminder };
    }
    case 'reminderAction': {
      if (req.action === 'snooze') {
        if (req.minutes === undefined) throw new Error('snooze needs minutes');
        return actOnReminder(db, req.id, { action: 'snooze', until: now + req.minutes * 60_000 }, now);
      }
      return actOnReminder(db, req.id, { action: req.action }, now);
    }
  }
}

const CONTACT_WINDOW_MS = 366 * 86_400_000;

/** Methods that change data: after them, every sidebar re-reads. */
export const WRITES = new Set<SidebarRequest['method']>([
  'addNote',
  'deleteNote',
  'setTag',
  'saveConcern',
  'resolveConcern',
  'recordInsert',
  'contactSeen',
  'addReminder',
  'reminderAction',
]);
