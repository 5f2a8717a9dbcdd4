import { describe, expect, it } from 'vitest';
import { TAOBAO_ORDER_HEADERS_54 } from '../import/formats/taobao-headers';
import { daysBetween, demoAsOf } from './time';
import { generateTaobaoExport, taobaoExportFileName, taobaoExportText } from './taobao-export';

/** Minimal RFC 4180 splitter for one line (the report never puts line breaks inside a field). */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

type Row = Record<string, string>;
function parse(text: string): Row[] {
  const [header, ...lines] = text.split('\n').filter((line) => line !== '');
  const names = splitCsvLine(header!);
  return lines.map((line) => {
    const cells = splitCsvLine(line);
    expect(cells, line).toHaveLength(54);
    return Object.fromEntries(names.map((name, i) => [name.trim(), cells[i]!]));
  });
}

const cents = (yuan: string) => Math.round(Number(yuan.replace(/元$/, '')) * 100);
/** The shop as `npm run build:demo` dates it today. */
const AS_OF = demoAsOf(Date.now());
const text = taobaoExportText({ asOf: AS_OF });
const rows = parse(text);

describe('demo Taobao order report', () => {
  it('is byte-identical for the same seed and differs for another seed', () => {
    expect(taobaoExportText({ asOf: AS_OF })).toBe(text);
    expect(taobaoExportText({ asOf: AS_OF, seed: 7 })).not.toBe(text);
  });

  it('has the 54 real headers, one row per order and unique order ids', () => {
    expect(text.split('\n')[0]!.split(',')).toEqual([...TAOBAO_ORDER_HEADERS_54]);
    expect(rows).toHaveLength(10_000);
    const ids = rows.map((row) => row['订单编号']!);
    for (const id of ids) expect(id).toMatch(/^="\d{19}"$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(rows.map((row) => row['买家会员名'])).size).toBe(2000);
  });

  it('writes cells the way the seller backend does', () => {
    const statuses = new Set(rows.map((row) => row['订单状态']));
    expect([...statuses].sort()).toEqual(
      ['买家已付款，等待卖家发货', '交易关闭', '交易成功', '卖家已发货，等待买家确认', '等待买家付款'].sort(),
    );
    for (const row of rows) {
      expect(row['联系手机']).toMatch(/^'1\d{10}$/);
      expect(row['打款商家金额']).toMatch(/^\d+\.\d{2}元$/);
      expect(row['退款金额']).toMatch(/^(无退款申请|\d+\.\d{2})$/);
      expect(cents(row['总金额']!)).toBe(cents(row['买家应付货款']!) + cents(row['买家应付邮费']!));
      expect(
        row['订单创建时间']! < `${AS_OF} 00:00:00` && daysBetween(row['订单创建时间']!.slice(0, 10), AS_OF) <= 730,
      ).toBe(true);
      if (row['订单状态'] === '等待买家付款') expect(row['订单付款时间']).toBe('');
      if (row['订单付款时间']) expect(row['订单付款时间']! > row['订单创建时间']!).toBe(true);
      if (row['订单状态'] === '交易成功') expect(row['确认收货时间']! > row['订单付款时间']!).toBe(true);
    }
    // Closed without payment as well as refunded-and-closed both occur.
    expect(rows.some((row) => row['订单状态'] === '交易关闭' && row['订单付款时间'] === '')).toBe(true);
    expect(rows.some((row) => row['订单状态'] === '交易关闭' && row['退款金额'] !== '无退款申请')).toBe(true);
    expect(rows.some((row) => row['订单状态'] === '交易成功' && row['退款金额'] !== '无退款申请')).toBe(true);
    expect(rows.some((row) => row['买家留言']!.includes(','))).toBe(true);
  });

  it('lists orders newest first and honours another as-of date', () => {
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!['订单创建时间']! >= rows[i]!['订单创建时间']!).toBe(true);
    const early = parse(taobaoExportText({ buyers: 100, orders: 400, asOf: '2024-03-01' }));
    expect(early).toHaveLength(400);
    expect(early.every((row) => row['订单创建时间']! < '2024-03-01' && row['订单创建时间']! >= '2022-03-01')).toBe(
      true,
    );
    // The generator takes its date as a parameter and never reads the clock: any date will do.
    expect(taobaoExportFileName('2024-03-01')).toBe('ExportOrderList202403010000.csv');
  });

  it('streams big exports row by row', () => {
    const rowsSeen = { count: 0, bytes: 0 };
    for (const row of generateTaobaoExport({ buyers: 10_000, orders: 60_000, seed: 3, asOf: AS_OF })) {
      rowsSeen.count++;
      rowsSeen.bytes += row.length;
    }
    expect(rowsSeen.count).toBe(60_001);
    const first = generateTaobaoExport({ buyers: 10_000, orders: 60_000, seed: 3, asOf: AS_OF });
    first.next();
    const again = generateTaobaoExport({ buyers: 10_000, orders: 60_000, seed: 3, asOf: AS_OF });
    again.next();
    expect(first.next().value).toBe(again.next().value);
  });
});
