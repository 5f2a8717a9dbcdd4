import { Categorizer, ProductCategorySchema, productKey, type ProductCategory } from '../categories/table';
import type { HuitoukeDb } from './database';

/**
 * The supervisor's product → category table (lib/categories/table.ts) as stored: one record per
 * product key, edited one row at a time or merged from an imported CSV. Removing is a soft delete,
 * like every record that may later sync between agents.
 */

/** Live rows, sorted by category then product. */
export async function productCategories(db: HuitoukeDb): Promise<ProductCategory[]> {
  const out: ProductCategory[] = [];
  for (const row of await db.productCategories.toArray()) {
    const parsed = ProductCategorySchema.safeParse(row);
    if (parsed.success && parsed.data.deletedAt === undefined) out.push(parsed.data);
  }
  return out.sort(
    (a, b) => a.category.localeCompare(b.category, 'zh-CN') || a.product.localeCompare(b.product, 'zh-CN'),
  );
}

export async function loadCategorizer(db: HuitoukeDb): Promise<Categorizer> {
  return new Categorizer(await productCategories(db));
}

export interface MergeSummary {
  added: number;
  changed: number;
  unchanged: number;
}

/**
 * Add or update rows (one transaction: a table is merged whole or not at all). A product already
 * listed takes the new category; rows not in `rows` stay.
 */
export async function mergeProductCategories(
  db: HuitoukeDb,
  rows: readonly { product: string; category: string }[],
  author: string,
  now: number,
): Promise<MergeSummary> {
  const records = rows.map((r) =>
    ProductCategorySchema.parse({
      id: productKey(r.product),
      product: r.product.trim(),
      category: r.category.trim(),
      author,
      updatedAt: now,
    }),
  );
  return db.transaction('rw', db.productCategories, async () => {
    const before = await db.productCategories.bulkGet(records.map((r) => r.id));
    const summary: MergeSummary = { added: 0, changed: 0, unchanged: 0 };
    const writes: ProductCategory[] = [];
    records.forEach((r, i) => {
      const old = before[i];
      if (!old || old.deletedAt !== undefined) summary.added++;
      else if (old.category === r.category && old.product === r.product) return void summary.unchanged++;
      else summary.changed++;
      writes.push(r);
    });
    if (writes.length) await db.productCategories.bulkPut(writes);
    return summary;
  });
}

/** One row, added or changed from the options page. */
export async function setProductCategory(
  db: HuitoukeDb,
  product: string,
  category: string,
  author: string,
  now: number,
): Promise<ProductCategory> {
  const record = ProductCategorySchema.parse({
    id: productKey(product),
    product: product.trim(),
    category: category.trim(),
    author,
    updatedAt: now,
  });
  await db.productCategories.put(record);
  return record;
}

export async function removeProductCategory(db: HuitoukeDb, id: string, now: number): Promise<void> {
  await db.transaction('rw', db.productCategories, async () => {
    const row = await db.productCategories.get(id);
    if (row && row.deletedAt === undefined) await db.productCategories.put({ ...row, deletedAt: now, updatedAt: now });
  });
}

/** Remove every row (before importing a table that replaces it). */
export async function clearProductCategories(db: HuitoukeDb, now: number): Promise<number> {
  return db.transaction('rw', db.productCategories, async () => {
    const live = (await db.productCategories.toArray()).filter((r) => r.deletedAt === undefined);
    if (live.length) await db.productCategories.bulkPut(live.map((r) => ({ ...r, deletedAt: now, updatedAt: now })));
    return live.length;
  });
}
