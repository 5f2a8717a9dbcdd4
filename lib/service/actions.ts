import { addNote, deleteNote, saveConcern, setConcernResolved, setTag } from '../db/annotations';
import { checkBirthday, clearBirthday, saveBirthday } from '../db/birthdays';
import { contactKindOf, markSent, recordContactOnce } from '../db/contact-log';
import type { HuitoukeDb } from '../db/database';
import { loadReminderRules, loadTemplates, recordTemplateUse } from '../db/playbook';
import { setReminderOwner } from '../db/reminder-owner';
import { actOnReminder, addManualReminder } from '../db/reminders';
import { loadAppSettings } from '../db/settings';
import { parseQuickReminder } from '../reminders';
import {
  SidebarActionSchema,
  SidebarResultSchemas,
  type SidebarAction,
  type SidebarResult,
} from '../schemas/sidebar-rpc';
import { todayIn } from '../settings/app';

/**
 * What an agent does to a buyer's records (a note, a tag, a concern, an insert, a reminder, a
 * birthday), one typed service for every page, with two transports: the sidebar's port (it cannot
 * open the database; the background calls {@link performAction}) and a direct call for the
 * extension's own pages ({@link directActions}, e.g. the popup's reminder actions). Writes are
 * stamped with the agent name from settings and the caller's clock, never with a name the page sends.
 */
export type Actions = <A extends SidebarAction>(action: A) => Promise<SidebarResult<A['method']>>;

/** Carries out one action at `now`. */
export async function performAction(db: HuitoukeDb, req: SidebarAction, now: number): Promise<unknown> {
  switch (req.method) {
    case 'addNote':
      return addNote(db, req.buyerId, req.text, (await loadAppSettings(db)).agentName, now);
    case 'deleteNote':
      await deleteNote(db, req.id, now);
      return null;
    case 'setTag':
      await setTag(db, req.buyerId, req.tag, req.on, (await loadAppSettings(db)).agentName, now);
      return null;
    case 'saveConcern': {
      const settings = await loadAppSettings(db);
      return saveConcern(
        db,
        { ...req.concern, agent: settings.agentName, at: now, date: todayIn(settings.timeZone, now) },
        now,
      );
    }
    case 'resolveConcern':
      await setConcernResolved(db, req.id, req.resolved, (await loadAppSettings(db)).agentName, now);
      return null;
    case 'recordInsert': {
      const template = req.templateId ? (await loadTemplates(db)).find((t) => t.id === req.templateId) : undefined;
      if (req.templateId && !template) throw new Error('unknown template');
      // One transaction: a retried request (the worker stopped before answering) neither logs the
      // contact twice nor counts the template's use twice.
      return db.transaction('rw', [db.contactLog, db.templates], async () => {
        const { entry, created } = await recordContactOnce(
          db,
          {
            requestId: req.requestId,
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
        if (created && template) await recordTemplateUse(db, template.id, now);
        return entry;
      });
    }
    case 'contactSeen':
      return (await markSent(db, req.buyerId, req.messages, now)).length;
    case 'addReminder': {
      const settings = await loadAppSettings(db);
      const parsed = parseQuickReminder(req.text, now, settings.timeZone);
      if (!parsed.ok) return parsed;
      const reminder = await addManualReminder(
        db,
        { buyerId: req.buyerId, nick: req.nick, platform: req.platform, dueAt: parsed.dueAt, note: parsed.note },
        now,
      );
      return { ok: true, reminder };
    }
    case 'setBirthday': {
      const settings = await loadAppSettings(db);
      const checked = checkBirthday(req.birthday, todayIn(settings.timeZone, now));
      if (!checked.ok) return { ok: false, error: { code: checked.problem, params: {} } };
      const write = {
        buyerId: req.buyerId,
        nick: req.nick,
        platform: req.platform,
        monthDay: checked.monthDay,
        year: checked.year,
      };
      return {
        ok: true,
        birthday: await saveBirthday(
          db,
          write,
          settings.agentName,
          await loadReminderRules(db),
          settings.timeZone,
          now,
        ),
      };
    }
    case 'clearBirthday':
      await clearBirthday(db, req.buyerId, now);
      return null;
    case 'reminderAction': {
      if (req.action === 'snooze') {
        if (req.minutes === undefined) throw new Error('snooze needs minutes');
        return actOnReminder(db, req.id, { action: 'snooze', until: now + req.minutes * 60_000 }, now);
      }
      return actOnReminder(db, req.id, { action: req.action }, now);
    }
    case 'reminderOwner':
      return setReminderOwner(db, req.id, req.owner, now);
  }
}

/**
 * The direct transport: the action checked as the port checks it, done here at the clock's time,
 * its answer checked like the port's.
 */
export function directActions(db: HuitoukeDb, clock: () => Promise<number>): Actions {
  return async (action) => {
    const checked = SidebarActionSchema.parse(action);
    const value = await performAction(db, checked, await clock());
    return SidebarResultSchemas[action.method].parse(value) as SidebarResult<(typeof action)['method']>;
  };
}
