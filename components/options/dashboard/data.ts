import { BuyerIndexSchema, emptyBuyerIndex } from '@/lib/db/buyer-index';
import { lastItemAndCategory } from '@/lib/categories/table';
import { getBuyers } from '@/lib/db/buyer-store';
import { segmentModelFor } from '@/lib/db/buyers';
import { ContactRecordSchema, type ContactRecord } from '@/lib/db/contact-log';
import type { HuitoukeDb } from '@/lib/db/database';
import { loadCategorizer } from '@/lib/db/product-categories';
import { loadCoupons, loadTaxonomy, loadTemplates } from '@/lib/db/playbook';
import type { Taxonomy } from '@/lib/concerns';
import type { ConcernRecord } from '@/lib/db/records';
import { SETTINGS_KEY } from '@/lib/db/settings';
import { deriveBuyerRows } from '@/lib/export/buyer-rows';
import type { Coupon } from '@/lib/coupons';
import type { AppSettings } from '@/lib/settings/app';
import type { Template } from '@/lib/templates';
import { countRows, type Counts } from '../playbook/level-counts';
import { evenSample } from './outcomes';

/** Buyers sampled as the "got nothing" comparison group: enough for a stable rate, quick to read. */
export const BASELINE_SAMPLE = 3000;

export interface DashboardData {
  asOf: string;
  /** The latest paid date in the imported orders: outcomes are judged only up to it. */
  dataThrough: string | null;
  counts: Counts;
  repeatBuyers: number;
  concerns: ConcernRecord[];
  /** Buyer → the last item they bought and its category, from the product category table (for "concerns per item"). */
  items: Map<string, { item: string | null; category: string | null }>;
  templates: Template[];
  coupons: Coupon[];
  taxonomy: Taxonomy;
  contacts: ContactRecord[];
  paidDates: Map<string, string[]>;
  uncontacted: string[][];
}

export async function loadDashboard(db: HuitoukeDb, settings: AppSettings, asOf: string): Promise<DashboardData> {
  const parsed = BuyerIndexSchema.safeParse((await db.settings.get(SETTINGS_KEY.buyerIndex))?.value);
  const index = parsed.success ? parsed.data : emptyBuyerIndex();
  const rows = deriveBuyerRows(index, settings.profile, await segmentModelFor(db, asOf), asOf);
  const dataThrough = index.lastPaidDate.reduce<string | null>((max, d) => (d && (!max || d > max) ? d : max), null);

  const concerns = (await db.concerns.toArray()).filter((c) => c.deletedAt === undefined);
  const contacts: ContactRecord[] = [];
  for (const row of await db.contactLog.toArray()) {
    const c = ContactRecordSchema.safeParse(row);
    // Inserted but never seen sent: it did not reach the buyer.
    if (c.success && c.data.deletedAt === undefined && c.data.sent !== false) contacts.push(c.data);
  }

  const wanted = [...new Set([...concerns.map((c) => c.buyerId), ...contacts.map((c) => c.buyerId)])];
  const contacted = new Set(contacts.map((c) => c.buyerId));
  const sample = evenSample(index.ids.filter((id, i) => !contacted.has(id) && (index.paidOrders[i] ?? 0) > 0), BASELINE_SAMPLE);
  const records = await getBuyers(db, [...wanted, ...sample]);
  const categorizer = await loadCategorizer(db);
  const items = new Map<string, { item: string | null; category: string | null }>();
  const paidDates = new Map<string, string[]>();
  const uncontacted: string[][] = [];
  records.forEach((rec, i) => {
    if (!rec || rec.deletedAt) return;
    if (i < wanted.length) {
      items.set(rec.id, lastItemAndCategory(rec.orders, categorizer));
      paidDates.set(rec.id, rec.metrics.paidDates);
    } else uncontacted.push(rec.metrics.paidDates);
  });

  return {
    asOf,
    dataThrough,
    counts: countRows(rows),
    repeatBuyers: rows.filter((r) => r.paidOrders >= 2).length,
    concerns,
    items,
    templates: await loadTemplates(db),
    coupons: await loadCoupons(db),
    taxonomy: await loadTaxonomy(db),
    contacts,
    paidDates,
    uncontacted,
  };
}
