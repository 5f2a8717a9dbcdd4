import { concernsOf, notesOf, tagsOf } from '@/lib/db/annotations';
import { getBirthday } from '@/lib/db/birthdays';
import { hasBuyers } from '@/lib/db/buyer-store';
import { profileOf } from '@/lib/db/buyers';
import { consoleBuyerRef } from '@/lib/db/console-buyer';
import { buyerWithConsole, latestImportAt } from '@/lib/db/order-links';
import { localDateAt } from '@/lib/reminders/time';
import { asLogEntries, contactLogOf, sameTextBuyers } from '@/lib/db/contact-log';
import {
  loadContactPolicy,
  loadCouponRules,
  loadGuardRules,
  loadCoupons,
  loadTaxonomy,
  loadTemplates,
} from '@/lib/db/playbook';
import { remindersOfBuyer } from '@/lib/db/reminders';
import { importedDataAsOf } from '@/lib/db/import-store';
import type { HuitoukeDb } from '@/lib/db/database';
import { loadAppSettings } from '@/lib/db/settings';
import { isAction, type SidebarRequest, type SidebarResult } from '@/lib/schemas/sidebar-rpc';
import { performAction } from '@/lib/service/actions';
import type { ConversationView, SidebarView } from '@/lib/schemas/sidebar-view';
import { buyerId as recordIdOf } from '@/lib/schemas/buyer';
import type { ConsoleBuyer } from '@/lib/schemas/ids';
import type { TeamSync } from './team';
import { todayIn } from '@/lib/settings/app';
import { replyOrders } from '@/lib/templates/order-facts';
import { serverBuyerWithTaught } from '@/lib/orders/server-buyer';

/**
 * Reads the parts of a sidebar's view from the extension's database, and carries out what the agent
 * did in a sidebar (lib/service/actions.ts, the same service the popup calls directly).
 */
export async function answerSidebar(
  db: HuitoukeDb,
  req: SidebarRequest,
  now = Date.now(),
  team?: Pick<TeamSync, 'lookupBuyer'>,
): Promise<unknown> {
  if (isAction(req)) return performAction(db, req, now);
  switch (req.method) {
    case 'settings':
      return loadAppSettings(db);
    case 'buyer': {
      const settings = await loadAppSettings(db);
      // Filed as the console's order panel files what it teaches (consoleBuyerRef): linked orphans and live orders join the imported buyer.
      const ref = await consoleBuyerRef(db, req.platform, { id: req.id, nick: req.nick });
      const imported = ref?.imported;
      const taught = ref
        ? await buyerWithConsole(
            db,
            {
              platform: req.platform,
              buyerKey: ref.buyerKey,
              nick: req.nick,
              ...(imported ? { record: imported.record } : {}),
            },
            settings.profile.rules,
          )
        : undefined;
      const importedAt = await latestImportAt(db);
      const dataAsOf =
        importedAt === null ? null : await importedDataAsOf(db, localDateAt(importedAt, settings.timeZone));
      if (!imported) {
        // No buyer imported here: one the supervisor imported on the shop server may be (only what
        // this sidebar shows), with the orders this browser's consoles taught folded in, each once.
        const taughtOrders = taught?.record.orders ?? [];
        const remote = await team?.lookupBuyer({
          platform: req.platform,
          id: req.id ?? undefined,
          nick: req.nick,
          asOf: req.asOf,
          orders: taughtOrders.map((o) => o.orderId),
        });
        if (remote?.buyer)
          return serverBuyerWithTaught(remote, taughtOrders, taught?.consoleOnly ?? [], settings.profile, req.asOf);
        if (!taught)
          return {
            buyer: null,
            profile: null,
            orders: [],
            match: null,
            anyData: (await hasBuyers(db)) || remote?.anyData === true,
            dataAsOf,
          };
      }
      const record = taught!.record;
      return {
        buyer: { id: record.id, nick: record.nick, platform: record.platform, metrics: record.metrics },
        profile: await profileOf(db, record, settings, req.asOf),
        orders: replyOrders(record.orders),
        match: imported?.match ?? { by: 'id' as const, sameNick: 1 },
        anyData: true,
        ...(taught && (taught.consoleOnly.length || taught.linkedCount)
          ? { live: { orderIds: taught.consoleOnly.slice(0, 50), linked: taught.linkedCount } }
          : {}),
        dataAsOf,
      };
    }
    case 'notes':
      return notesOf(db, req.buyerId);
    case 'tags':
      return tagsOf(db, req.buyerId);
    case 'concerns':
      return concernsOf(db, req.buyerId);
    case 'taxonomy':
      return loadTaxonomy(db);
    case 'suggestionContext': {
      const guardRules = await loadGuardRules(db);
      return {
        templates: (await loadTemplates(db)).filter((t) => t.enabled),
        coupons: await loadCoupons(db),
        couponRules: await loadCouponRules(db),
        // A year covers every default cap (marketing 7 days, coupon caps up to 300 days).
        contactLog: asLogEntries(await contactLogOf(db, req.buyerId, now - CONTACT_WINDOW_MS)),
        policy: await loadContactPolicy(db),
        guardRules,
        sameText:
          guardRules.repeat.maxBuyers === null
            ? []
            : await sameTextBuyers(db, req.buyerId, now - guardRules.repeat.windowHours * 3_600_000),
        now,
      };
    }
    case 'reminders':
      return { ...(await remindersOfBuyer(db, req.buyerId, now)), now };
    case 'birthday':
      return getBirthday(db, req.buyerId);
  }
}

const CONTACT_WINDOW_MS = 366 * 86_400_000;

/**
 * The view of a console tab's open conversation (lib/schemas/sidebar-view.ts), read at `now` on the
 * background's clock: the same answers the sidebar used to ask for one by one, read once here.
 */
export async function sidebarView(
  db: HuitoukeDb,
  buyer: ConsoleBuyer | null,
  now: number,
  team?: Pick<TeamSync, 'lookupBuyer'>,
): Promise<SidebarView> {
  const ask = <R extends SidebarRequest>(req: R) =>
    answerSidebar(db, req, now, team) as Promise<SidebarResult<R['method']>>;
  const settings = await loadAppSettings(db);
  const today = todayIn(settings.timeZone, now);
  const [taxonomy, conversation] = await Promise.all([
    ask({ method: 'taxonomy' }),
    buyer ? conversationView(buyer) : Promise.resolve(null),
  ]);
  return { now, today, settings, taxonomy, conversation };

  async function conversationView(open: ConsoleBuyer): Promise<ConversationView> {
    const lookup = await ask({ method: 'buyer', platform: open.platform, id: open.id, nick: open.nick, asOf: today });
    // The imported buyer's record id, else the one the console's id (or nick) files things under.
    const buyerId = lookup.buyer?.id ?? recordIdOf(open.platform, open.id ?? open.nick);
    const [suggestionContext, reminders, concerns, notes, tags, birthday] = await Promise.all([
      ask({ method: 'suggestionContext', buyerId }),
      ask({ method: 'reminders', buyerId }),
      ask({ method: 'concerns', buyerId }),
      ask({ method: 'notes', buyerId }),
      ask({ method: 'tags', buyerId }),
      ask({ method: 'birthday', buyerId }),
    ]);
    return { for: open, buyerId, lookup, suggestionContext, reminders, concerns, notes, tags, birthday };
  }
}
