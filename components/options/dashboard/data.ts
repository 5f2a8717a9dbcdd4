import { BuyerIndexSchema, emptyBuyerIndex } from '@/lib/db/buyer-index';
import { lastItemAndCategory } from '@/lib/categories/table';
import { getBuyers } from '@/lib/db/buyer-store';
import { segmentModelFor } from '@/lib/db/buyers';
import type { ContactRecord } from '@/lib/db/contact-log';
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
import { loadOutcomeReport, sentContacts } from '@/lib/insights/outcome-data';
import type { OutcomeReport } from '@/lib/insights/outcomes';
import { countRows, type Counts } from '../playbook/level-counts';

export interface DashboardData {
  asOf: string;
  counts: Counts;
  repeatBuyers: number;
  concerns: ConcernRecord[];
  /** Buyer → the last item they bought and its category, from the product category table (for "concerns per item"). */
  items: Map<string, { item: string | null; category: string | null }>;
  /** A product a buyer asked about → its category in the product category table (null when it has none). */
  productCategory: (product: { id: string | null; title: string }) => string | null;
  templates: Template[];
  coupons: Coupon[];
  taxonomy: Taxonomy;
  /** Messages that reached buyers (sent contact-log entries). */
  contacts: ContactRecord[];
  /** Stimulus response against natural repurchase (lib/insights). */
  outcomes: OutcomeReport;
}

export async function loadDashboard(db: HuitoukeDb, settings: AppSettings, asOf: string): Promise<DashboardData> {
  const parsed = BuyerIndexSchema.safeParse((await db.settings.get(SETTINGS_KEY.buyerIndex))?.value);
  const index = parsed.success ? parsed.data : emptyBuyerIndex();
  const rows = deriveBuyerRows(index, settings.profile, await segmentModelFor(db, asOf), asOf);

  const concerns = (await db.concerns.toArray()).filter((c) => c.deletedAt === undefined);
  const contacts = sentContacts(await db.contactLog.toArray());

  const wanted = [...new Set(concerns.map((c) => c.buyerId))];
  const categorizer = await loadCategorizer(db);
  const items = new Map<string, { item: string | null; category: string | null }>();
  (await getBuyers(db, wanted)).forEach((rec) => {
    if (!rec || rec.deletedAt) return;
    items.set(rec.id, lastItemAndCategory(rec.orders, categorizer));
  });

  return {
    asOf,
    counts: countRows(rows),
    repeatBuyers: rows.filter((r) => r.paidOrders >= 2).length,
    concerns,
    items,
    productCategory: (p) => categorizer.categoryOf({ title: p.title, ...(p.id ? { sku: p.id } : {}) }),
    templates: await loadTemplates(db),
    coupons: await loadCoupons(db),
    taxonomy: await loadTaxonomy(db),
    contacts,
    outcomes: await loadOutcomeReport(db, index, contacts, settings.profile, settings.timeZone),
  };
}
