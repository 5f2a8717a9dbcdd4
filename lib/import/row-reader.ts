import type { OrderFragment, OrderStatus } from '../schemas/order';
import {
  DEFAULT_CURRENCY,
  currencyInAmount,
  parseCurrency,
  platformCurrency,
  SHOPEE_SITES,
  shopeeSiteOf,
} from '../money/currency';
import type { Platform } from '../schemas/common';
import type { CsvRow } from './csv';
import { parseDateTime } from './dates';
import { type ImportIssue, type ImportIssueCode, quoteValue } from './issues';
import type { ColumnIndex, MappingField } from './mapping';
import { mapStatus } from './status';
import {
  INVALID,
  cleanPhone,
  cleanText,
  findAmountInText,
  parseCents,
  parseId,
  parseQuantity,
  parseRefund,
} from './values';

/**
 * Reads one row's cells by field, turning unusable cells into located issues. A mapper reads
 * everything it needs, then checks `failed`: one bad cell skips the row, never the file.
 */
export class RowReader {
  fields: string[] = [];
  line = 0;
  failed = false;

  constructor(
    readonly columns: ColumnIndex,
    private readonly headers: readonly string[],
    private readonly file: string,
    private readonly issues: ImportIssue[],
    readonly timeZone: string,
  ) {}

  start(row: CsvRow): void {
    this.fields = row.fields;
    this.line = row.line;
    this.failed = false;
  }

  has(field: MappingField): boolean {
    return this.columns[field] >= 0;
  }

  /** Cell text, trimmed; '' when the field is unmapped. */
  text(field: MappingField): string {
    const at = this.columns[field];
    return at < 0 ? '' : (this.fields[at] ?? '').trim();
  }

  /** An id; a missing or spreadsheet-mangled one fails the row. */
  id(field: MappingField): string {
    const raw = this.text(field);
    const id = parseId(raw);
    if (id === INVALID) this.fail(field, 'import_idMangled', { value: quoteValue(raw) });
    else if (id === '') this.fail(field, 'import_missingValue');
    return id === INVALID ? '' : id;
  }

  date(field: MappingField): string | null {
    const raw = this.text(field);
    const value = parseDateTime(raw, this.timeZone);
    if (value !== INVALID) return value;
    this.fail(field, 'import_badDate', { value: quoteValue(raw) });
    return null;
  }

  /**
   * A time the order does not depend on (发货时间): undefined when unmapped, null when empty, and a
   * malformed one is a warning, not a lost order.
   */
  optionalDate(field: MappingField): string | null | undefined {
    if (!this.has(field)) return undefined;
    const raw = this.text(field);
    const value = parseDateTime(raw, this.timeZone);
    if (value !== INVALID) return value;
    this.report(field, 'warning', 'import_badDate', { value: quoteValue(raw) });
    return null;
  }

  cents(field: MappingField): number | null {
    const raw = this.text(field);
    const value = parseCents(raw);
    if (value !== INVALID) return value;
    this.fail(field, 'import_badAmount', { value: quoteValue(raw) });
    return null;
  }

  /** Refund in cents: `无退款申请`, `-` and empty are zero; null only when the field is unmapped. */
  refund(field: MappingField): number | null {
    if (!this.has(field)) return null;
    const raw = this.text(field);
    const value = parseRefund(raw);
    if (value !== INVALID) return value;
    this.fail(field, 'import_badAmount', { value: quoteValue(raw) });
    return null;
  }

  quantity(field: MappingField): number | null {
    const raw = this.text(field);
    const value = parseQuantity(raw);
    if (value !== INVALID) return value;
    this.fail(field, 'import_badQuantity', { value: quoteValue(raw) });
    return null;
  }

  /** Normalised status and the platform's own words; an unknown status is kept with a warning. */
  status(field: MappingField = 'status'): { status: OrderStatus | null; rawStatus: string | null } {
    const raw = this.text(field);
    if (raw === '') return { status: null, rawStatus: null };
    const status = mapStatus(raw);
    if (status === 'unknown') this.report(field, 'warning', 'import_unknownStatus', { value: quoteValue(raw) });
    return { status, rawStatus: raw };
  }

  /**
   * Refund implied by an after-sale column (Pinduoduo/Douyin 售后状态, Shopee Return/Refund Status):
   * zero when it says there is none, the amount when its text names one, otherwise unknown.
   */
  afterSaleRefund(field: MappingField = 'afterSale'): number | null {
    if (!this.has(field)) return null;
    const text = cleanText(this.text(field));
    if (NO_AFTER_SALE.has(text)) return 0;
    return findAmountInText(text);
  }

  fail(field: MappingField | null, code: ImportIssueCode, params: ImportIssue['params'] = {}): void {
    this.failed = true;
    this.report(field, 'error', code, params);
  }

  report(
    field: MappingField | null,
    severity: ImportIssue['severity'],
    code: ImportIssueCode,
    params: ImportIssue['params'] = {},
  ): void {
    const at = field === null ? -1 : this.columns[field];
    this.issues.push({
      file: this.file,
      line: this.line,
      column: at < 0 ? null : at + 1,
      columnName: at < 0 ? null : (this.headers[at] ?? null),
      severity,
      code,
      params,
    });
  }
}

const NO_AFTER_SALE = new Set(['', '-', '--', '无', '无售后', '无售后或售后取消', '售后取消', '售后关闭', '退款关闭']);

/** Context for the status: Taobao's close reason or an after-sale state, e.g. `交易关闭（买家不想买了）`. */
export function withContext(rawStatus: string | null, context: string): string | null {
  const c = context.trim();
  if (c === '' || NO_CONTEXT.has(c) || rawStatus?.includes(c)) return rawStatus;
  return rawStatus === null ? c : `${rawStatus}（${c}）`;
}

const NO_CONTEXT = new Set(['-', '--', '无', '订单未关闭', '无售后或售后取消', '无售后']);

export function emptyFragment(platform: Platform, orderId: string): OrderFragment {
  return {
    platform,
    orderId,
    buyerKey: null,
    buyerNick: null,
    status: null,
    rawStatus: null,
    createdAt: null,
    paidAt: null,
    paidCents: null,
    refundCents: null,
    lines: [],
  };
}

/** The shipping time, when the export has the column (the field stays absent otherwise). */
export function addShipped(fragment: OrderFragment, r: RowReader): void {
  const shipped = r.optionalDate('shipTime');
  if (shipped !== undefined) fragment.shippedAt = shipped;
}

/** Phone and address go on a fragment only when the supervisor allowed storing contact details. */
export function addContact(fragment: OrderFragment, r: RowReader, storeContact: boolean): void {
  if (!storeContact) return;
  const phone = cleanPhone(r.text('phone'));
  if (phone !== null) fragment.phone = phone;
  const address = r.text('address');
  if (address !== '') fragment.address = address;
}

export interface MapperContext {
  platform: Platform;
  storeContact: boolean;
  /** Currency of amounts the row does not name one for, when the platform has none of its own (ImportOptions.currency). */
  currency?: string;
}

/** Amount fields whose marks (`RM 49.70`, `NT$1,280`) name the row's currency. */
const AMOUNT_FIELDS = ['amount', 'lineAmount', 'refund', 'lineRefund'] as const;

/**
 * The currency of the row's amounts, put on the fragment when it is not CNY (absent means CNY): a
 * currency column (Shopify's `Currency`, a mapped one) that names one, else a mark on an amount,
 * else the Shopee site a `Country` column names, else the platform's (CNY for Taobao, Pinduoduo,
 * Douyin, JD), else the shop's setting. An export of a mainland platform without a currency column
 * costs nothing here.
 */
export function addCurrency(fragment: OrderFragment, r: RowReader, ctx: MapperContext): void {
  const fixed = platformCurrency(ctx.platform);
  let currency: string | null = null;
  if (r.has('currency')) {
    const raw = r.text('currency');
    currency = parseCurrency(raw) ?? (/^[A-Z]{3}$/.test(raw) ? raw : null);
    if (currency === null && raw !== '') r.fail('currency', 'import_unknownCurrency', { value: quoteValue(raw) });
  }
  if (currency === null && fixed === null) {
    for (const field of AMOUNT_FIELDS) {
      if (!r.has(field)) continue;
      currency = currencyInAmount(r.text(field));
      if (currency !== null) break;
    }
    if (currency === null && r.has('country')) {
      const site = shopeeSiteOf(r.text('country'));
      if (site !== null) currency = SHOPEE_SITES[site];
    }
  }
  currency ??= fixed ?? ctx.currency ?? DEFAULT_CURRENCY;
  if (currency !== DEFAULT_CURRENCY) fragment.currency = currency;
}

/** Turns rows into fragments. Most emit one per row; Shopify holds an order until its rows end. */
export interface RowMapper {
  map(r: RowReader): OrderFragment | null;
  /** The fragment still held at the end of the file, if any. */
  flush(): OrderFragment | null;
}
