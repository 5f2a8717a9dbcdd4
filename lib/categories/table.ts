import { z } from 'zod';
import { AhoCorasick } from '../concerns/aho';
import { CsvTokenizer, sniffDelimiter } from '../import/csv';
import { createDecoder, detectEncoding, sniffBinary } from '../import/encoding';
import { SyncFieldsSchema } from '../schemas/common';
import type { Order, OrderLine } from '../schemas/order';

/**
 * Product categories. No export names a category the shop itself uses, so the supervisor keeps a
 * table (imported from a CSV or edited in the options page): each row names a product, by its id
 * or SKU (商品ID, 商家编码), by its title, or by a word of titles (连衣裙), and gives its category.
 * A line is categorised by the first of: its SKU or product id, its whole title, the longest table
 * word in its title; failing all three, by the category its export gave it, if any.
 */

export const PRODUCT_MAX = 300;
export const CATEGORY_MAX = 60;

export const ProductCategorySchema = SyncFieldsSchema.extend({
  /** {@link productKey} of `product`: one row per product, whatever its spelling. */
  id: z.string().min(1).max(PRODUCT_MAX),
  /** As the supervisor wrote it: an id, a SKU, a title or a word of titles. */
  product: z.string().min(1).max(PRODUCT_MAX),
  category: z.string().min(1).max(CATEGORY_MAX),
  author: z.string(),
});
export type ProductCategory = z.infer<typeof ProductCategorySchema>;

/** How products are compared: width (full-width letters), case and runs of spaces do not matter. */
export function productKey(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A key that may match inside titles: two characters or more, and not a bare number (an id). */
const isWord = (key: string) => key.length >= 2 && !/^[\d\s.-]+$/.test(key);

export interface CategoryLine {
  title: string;
  sku?: string | undefined;
  lineId?: string | undefined;
  category?: string | undefined;
}

/** Looks categories up in a table; build once per table, use for any number of lines. */
export class Categorizer {
  private readonly exact = new Map<string, string>();
  private readonly words = new AhoCorasick<{ key: string; category: string }>();
  private readonly names: string[];

  constructor(rows: readonly Pick<ProductCategory, 'product' | 'category' | 'deletedAt'>[]) {
    const names = new Set<string>();
    for (const row of rows) {
      if (row.deletedAt !== undefined) continue;
      const key = productKey(row.product);
      const category = row.category.trim();
      if (!key || !category || this.exact.has(key)) continue;
      this.exact.set(key, category);
      names.add(category);
      if (isWord(key)) this.words.add(key, { key, category });
    }
    this.words.build();
    this.names = [...names].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  }

  /** Whether the table has any row. */
  get empty(): boolean {
    return this.exact.size === 0;
  }

  /** The table's categories, sorted. */
  categories(): readonly string[] {
    return this.names;
  }

  /** The category of one order line, or null. */
  categoryOf(line: CategoryLine): string | null {
    for (const id of [line.sku, line.lineId, line.title]) {
      if (!id) continue;
      const hit = this.exact.get(productKey(id));
      if (hit !== undefined) return hit;
    }
    const title = productKey(line.title);
    let best: { key: string; category: string } | null = null;
    this.words.search(title, (word) => {
      if (!best || word.key.length > best.key.length || (word.key.length === best.key.length && word.key < best.key))
        best = word;
    });
    const found = best as { key: string; category: string } | null;
    return found?.category ?? (line.category || null);
  }
}

/** An order's newest time, for "the last item the buyer bought". */
const orderTime = (o: Pick<Order, 'createdAt' | 'paidAt'>) => o.paidAt ?? o.createdAt ?? '';

/**
 * What a buyer last bought and its category: the newest order's first line, and the category of
 * the newest line that has one (a buyer whose last item is unknown to the table still has a category
 * from an earlier order). Nulls for a buyer without lines.
 */
export function lastItemAndCategory(
  orders: readonly Pick<Order, 'createdAt' | 'paidAt' | 'orderId' | 'lines'>[],
  categorizer: Categorizer,
): { item: string | null; category: string | null } {
  const newest = [...orders].sort((a, b) => {
    const ta = orderTime(a);
    const tb = orderTime(b);
    return ta < tb ? 1 : ta > tb ? -1 : a.orderId < b.orderId ? 1 : a.orderId > b.orderId ? -1 : 0;
  });
  let item: string | null = null;
  for (const order of newest) {
    for (const line of order.lines as readonly OrderLine[]) {
      item ??= line.title;
      const category = categorizer.categoryOf(line);
      if (category !== null) return { item, category };
    }
  }
  return { item, category: null };
}

// ---- The table as a CSV file ------------------------------------------------------------------------

export type CategoryIssueCode =
  | 'categories_notText'
  | 'categories_empty'
  | 'categories_tooFewColumns'
  | 'categories_missingProduct'
  | 'categories_missingCategory'
  | 'categories_tooLong'
  | 'categories_duplicate'
  | 'categories_badQuote';

export interface CategoryIssue {
  severity: 'error' | 'warning';
  code: CategoryIssueCode;
  /** Physical line (1-based) and column (1-based), as a text editor and a spreadsheet show them; 0 when the file as a whole. */
  line: number;
  column: number;
  params: Record<string, string | number>;
}

export interface CategoryTableFile {
  rows: { product: string; category: string; line: number }[];
  issues: CategoryIssue[];
}

const PRODUCT_HEADERS = [
  '商品',
  '商品id',
  '商品编号',
  '商品编码',
  '商家编码',
  '货号',
  'sku',
  '商品标题',
  '宝贝标题',
  '商品名称',
  '标题',
  '关键词',
  'product',
  'productid',
  'product id',
  'item',
  'title',
  'keyword',
];
const CATEGORY_HEADERS = ['类目', '分类', '品类', '商品分类', '商品类目', '类别', 'category'];
const header = (cell: string) => productKey(cell).replace(/\s+/g, '');

/**
 * Read a product → category table: two columns (product, category), a header row optional (when
 * its cells name them, e.g. 商品 / 类目, `product` / `category`, in either order). UTF-8, GB18030
 * or UTF-16, as Excel saves it; comma, tab or semicolon. Every problem names its line and column;
 * a row with one is skipped and the rest are read. A product listed twice keeps its last row.
 */
export function readCategoryTable(bytes: Uint8Array): CategoryTableFile {
  const issues: CategoryIssue[] = [];
  const fileIssue = (code: CategoryIssueCode): CategoryTableFile => ({
    rows: [],
    issues: [{ severity: 'error', code, line: 0, column: 0, params: {} }],
  });
  if (sniffBinary(bytes)) return fileIssue('categories_notText');
  const decoder = createDecoder(detectEncoding(bytes.subarray(0, 65_536)).encoding);
  const text = decoder.decode(bytes) + decoder.end();
  const tokenizer = new CsvTokenizer({ delimiter: sniffDelimiter(text.replace(/^\ufeff/, '')) });
  const all = [...tokenizer.push(text), ...tokenizer.end()].filter((r) => r.fields.some((f) => f.trim() !== ''));
  for (const i of tokenizer.takeIssues())
    issues.push({ severity: i.severity, code: 'categories_badQuote', line: i.line, column: i.column, params: {} });
  if (all.length === 0) return fileIssue('categories_empty');

  let productAt = 0;
  let categoryAt = 1;
  let start = 0;
  const first = all[0]!.fields.map(header);
  const p = first.findIndex((c) => PRODUCT_HEADERS.includes(c));
  const c = first.findIndex((c) => CATEGORY_HEADERS.includes(c));
  if (p >= 0 && c >= 0 && p !== c) {
    productAt = p;
    categoryAt = c;
    start = 1;
  }
  const seen = new Map<string, number>();
  const rows: CategoryTableFile['rows'] = [];
  for (const row of all.slice(start)) {
    const at = (column: number, code: CategoryIssueCode, params: CategoryIssue['params'] = {}) =>
      issues.push({ severity: 'error', code, line: row.line, column: column + 1, params });
    if (row.fields.length <= Math.max(productAt, categoryAt)) {
      at(row.fields.length, 'categories_tooFewColumns', {
        count: row.fields.length,
        needed: Math.max(productAt, categoryAt) + 1,
      });
      continue;
    }
    const product = cleanCell(row.fields[productAt]!);
    const category = cleanCell(row.fields[categoryAt]!);
    if (product === '') {
      at(productAt, 'categories_missingProduct');
      continue;
    }
    if (category === '') {
      at(categoryAt, 'categories_missingCategory');
      continue;
    }
    if (product.length > PRODUCT_MAX) {
      at(productAt, 'categories_tooLong', { max: PRODUCT_MAX });
      continue;
    }
    if (category.length > CATEGORY_MAX) {
      at(categoryAt, 'categories_tooLong', { max: CATEGORY_MAX });
      continue;
    }
    const key = productKey(product);
    const before = seen.get(key);
    if (before !== undefined) {
      issues.push({
        severity: 'warning',
        code: 'categories_duplicate',
        line: row.line,
        column: productAt + 1,
        params: { first: rows[before]!.line },
      });
      rows[before] = { product, category, line: row.line };
      continue;
    }
    seen.set(key, rows.length);
    rows.push({ product, category, line: row.line });
  }
  issues.sort((a, b) => a.line - b.line || a.column - b.column);
  return { rows, issues };
}

/** A cell's text without Excel's `="…"` guard or leading apostrophe. */
function cleanCell(raw: string): string {
  let s = raw.trim();
  if (s.startsWith('="') && s.endsWith('"') && s.length >= 3) s = s.slice(2, -1).trim();
  else if (s.startsWith("'")) s = s.slice(1).trim();
  return s;
}
