import type { HuitoukeDb } from '@/lib/db/database';
import type { ConsoleBuyerRef } from '@/lib/db/console-buyer';
import { recordConsoleOrders } from '@/lib/db/order-links';
import { loadAppSettings } from '@/lib/db/settings';
import type { ConsoleState } from '@/lib/schemas/messages';

/**
 * Writes what consoles' order panels show (issue 19): each state with orders becomes order → buyer
 * links and live orders (`lib/db/order-links.ts`), filed under the state's `consoleBuyerRef`. Writes run one after another, so two tabs showing
 * the same buyer are written in turn, each seeing the other's records (the second writes nothing).
 * `changed` is called when a write changed something, so sidebars read the buyer again.
 */
export function consoleOrderWriter(opts: { db: () => HuitoukeDb; now: () => Promise<number>; changed: () => void; log: (m: string) => void }) {
  let queue: Promise<unknown> = Promise.resolve();
  return (state: ConsoleState, buyerRef: Promise<ConsoleBuyerRef | undefined>): Promise<void> => {
    if (state.status !== 'ok' || !state.orders?.length) return Promise.resolve();
    const { buyer, orders } = state;
    const run = queue.then(async () => {
      const ref = await buyerRef;
      if (!ref) return;
      const db = opts.db();
      const settings = await loadAppSettings(db);
      const changed = await recordConsoleOrders(db, { platform: buyer.platform, buyerKey: ref.buyerKey, orders }, settings.timeZone, await opts.now());
      if (changed > 0) opts.changed();
    });
    queue = run.catch((e: unknown) => opts.log(`console orders: ${String(e)}`));
    return queue.then(() => undefined);
  };
}
