import type { ConsoleOrder } from '../schemas/messages';

/**
 * Which readings of a console's order panel may tie orders to the buyer on screen (issue 19). A
 * link is for good, and consoles render the conversation header and the order panel separately
 * (the panel often after a fetch): while the conversation switches, one reading can show the new
 * buyer's name beside the previous buyer's orders, the next buyer's orders under the name still on
 * screen, or a late answer for the buyer just left. One guard per tab sees every reading, in order:
 * - after a switch, a panel that still lists an order accepted for a previous buyer is withheld;
 * - the first panel of a buyer, and a panel that has nothing in common with what was accepted for
 *   the same buyer (replaced wholesale: maybe the next buyer's, the header not changed yet), is
 *   accepted only once the same buyer and the same orders have been read for {@link PANEL_SETTLE_MS}
 *   (the caller reads again after `waitMs`);
 * - a panel that keeps an order already accepted for this buyer (a status changed, an order added)
 *   is accepted at once.
 */
export const PANEL_SETTLE_MS = 1500;

export type PanelDecision =
  /** Link these (the reading's orders). */
  | { orders: ConsoleOrder[] }
  /** Read again after this long: accepted then if nothing changed. */
  | { waitMs: number }
  /** The previous buyer's orders are still on screen: nothing to link. */
  | { withheld: true }
  /** No orders in this reading. */
  | null;

export class PanelGuard {
  private buyer: string | null = null;
  /** Order ids accepted for the buyer on screen. */
  private accepted = new Set<string>();
  /** Order ids accepted for buyers before, withheld until a panel without them is read. */
  private held = new Set<string>();
  /** Nothing accepted since the buyer on screen was first read. */
  private fresh = true;
  private pending: { sig: string; since: number } | null = null;

  constructor(private readonly settleMs = PANEL_SETTLE_MS) {}

  read(
    buyer: { platform: string; id: string | null; nick: string },
    orders: readonly ConsoleOrder[] | undefined,
    now: number,
  ): PanelDecision {
    const key = `${buyer.platform}\u0000${buyer.id ?? ''}\u0000${buyer.nick}`;
    if (key !== this.buyer) {
      for (const id of this.accepted) this.held.add(id);
      this.accepted = new Set();
      this.pending = null;
      this.fresh = true;
      this.buyer = key;
    }
    if (!orders) return null;
    const ids = orders.map((o) => o.id);
    if (ids.some((id) => this.held.has(id))) {
      this.pending = null;
      return { withheld: true };
    }
    this.held.clear();
    if (ids.length === 0) {
      this.pending = null;
      return null;
    }
    if (!this.fresh && ids.some((id) => this.accepted.has(id))) return this.accept(ids, orders);
    const sig = ids.join('\n');
    if (!this.pending || this.pending.sig !== sig) this.pending = { sig, since: now };
    const waited = now - this.pending.since;
    if (waited < this.settleMs) return { waitMs: this.settleMs - waited };
    return this.accept(ids, orders);
  }

  private accept(ids: readonly string[], orders: readonly ConsoleOrder[]): PanelDecision {
    for (const id of ids) this.accepted.add(id);
    this.pending = null;
    this.fresh = false;
    return { orders: [...orders] };
  }
}
