import { describe, expect, it } from 'vitest';
import type { ConcernRecord } from '../db/records';
import { parseCsv } from '../import/csv';
import { DEFAULT_PROFILE_SETTINGS } from '../metrics/profile';
import { epochOfLocalDateTime } from '../reminders/time';
import {
  CONCERN_CSV_HEADER,
  CONCERN_JSON_HEAD,
  CONCERN_JSON_TAIL,
  concernCsvBody,
  concernCsvChunks,
  concernCsvHead,
  concernJsonBody,
  concernJsonChunks,
  concernRow,
  recordMatches,
  rowMatches,
  type ConcernBuyer,
  type ConcernFilter,
  type ConcernRow,
} from './concerns';
import { UTF8_BOM } from './csv';

const TZ = 'Asia/Shanghai';
const NAMES: Record<string, string> = { size: '尺码', authenticity: '正品' };
const ctx = { profile: DEFAULT_PROFILE_SETTINGS, timeZone: TZ, concernName: (id: string) => NAMES[id] ?? id };

function concern(
  buyerId: string,
  nick: string,
  concernId: string,
  dateTime: string,
  over: Partial<ConcernRecord> = {},
): ConcernRecord {
  return {
    id: `${buyerId}|${concernId}|${dateTime}`,
    buyerId,
    nick,
    platform: 'taobao',
    console: 'qianniu',
    conversationId: 'c',
    messageId: dateTime,
    concern: concernId,
    quote: `${nick}问：这个尺码准吗`,
    at: epochOfLocalDateTime(dateTime, TZ),
    date: dateTime.slice(0, 10),
    agent: '小柚',
    source: 'agent',
    resolved: false,
    updatedAt: 1,
    ...over,
  };
}

function buyer(
  nick: string,
  paidDates: string[],
  netCents: number,
  item?: { title: string; category?: string },
): ConcernBuyer {
  return {
    nick,
    metrics: {
      paidOrders: paidDates.length,
      netCents,
      paidDates,
      lastItems: item ? [{ ...item, date: paidDates.at(-1) ?? null }] : [],
      categories: item?.category ? [item.category] : [],
    },
  };
}

const BUYERS: Record<string, ConcernBuyer> = {
  'taobao:月亮宝妈': buyer('月亮宝妈', ['2026-03-01', '2026-10-30'], 150_000, {
    title: '法式碎花连衣裙',
    category: 'clothing',
  }),
  'taobao:evil': buyer('=HYPERLINK("http://evil.example","点我领券")', ['2026-01-05'], 5_000, {
    title: '保湿面霜',
    category: 'cosmetics',
  }),
  'jd:newbie': buyer('新客', [], 0),
};

const RECORDS = [
  concern('taobao:月亮宝妈', '月亮宝妈', 'size', '2026-09-15 21:30:05'),
  concern('taobao:月亮宝妈', '月亮宝妈', 'authenticity', '2026-11-02 09:00:00', { resolved: true }),
  concern('taobao:evil', '=HYPERLINK("http://evil.example","点我领券")', 'authenticity', '2026-11-10 23:59:59'),
  concern('jd:newbie', '新客', 'size', '2026-11-11 00:00:01', { platform: 'jd' }),
  concern('taobao:evil', 'x', 'size', '2026-11-12 10:00:00', { deletedAt: 9 }),
];

function exportRows(f: ConcernFilter): ConcernRow[] {
  return RECORDS.filter((r) => recordMatches(r, f))
    .map((r) => concernRow(r, BUYERS[r.buyerId], ctx))
    .filter((row) => rowMatches(row, f));
}

async function parse(text: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const row of parseCsv([text])) rows.push(row.fields);
  return rows;
}

describe('concern export rows', () => {
  it('gives each concern its buyer, level, stage on that day, item and local time', () => {
    const [first, second] = exportRows({ concerns: [] }).slice(0, 2);
    // 15 Sept: last paid 1 March, 198 days earlier → lost then; 2 Nov: paid 30 Oct → active.
    expect(first).toMatchObject({
      buyer: '月亮宝妈',
      level: 'VIP3',
      stage: 'lost',
      concernName: '尺码',
      time: '2026-09-15 21:30:05',
      item: '法式碎花连衣裙',
      category: 'clothing',
    });
    expect(second).toMatchObject({ stage: 'active', resolved: true });
    expect(exportRows({}).find((r) => r.buyer === 'newbie')).toMatchObject({
      level: null,
      stage: 'prospect',
      item: null,
      category: null,
    });
  });

  it('keeps only rows that pass every filter, deleted concerns never', () => {
    const key = (rows: ConcernRow[]) => rows.map((r) => `${r.buyer}/${r.concern}/${r.date}`);
    expect(exportRows({})).toHaveLength(4);
    expect(key(exportRows({ from: '2026-11-01', to: '2026-11-10' }))).toEqual([
      '月亮宝妈/authenticity/2026-11-02',
      'evil/authenticity/2026-11-10',
    ]);
    expect(key(exportRows({ concerns: ['size'], platforms: ['jd'] }))).toEqual(['newbie/size/2026-11-11']);
    expect(key(exportRows({ levels: ['-'] }))).toEqual(['newbie/size/2026-11-11']);
    expect(key(exportRows({ stages: ['lost'] }))).toEqual(['月亮宝妈/size/2026-09-15', 'evil/authenticity/2026-11-10']);
    expect(key(exportRows({ categories: ['cosmetics'] }))).toEqual(['evil/authenticity/2026-11-10']);
  });
});

describe('the product asked about', () => {
  it('is exported with the concern, in its own columns; a concern stored before products were read has none', async () => {
    const withProduct = concern('taobao:月亮宝妈', '月亮宝妈', 'size', '2026-11-03 10:00:00', {
      product: {
        id: '6234567890',
        title: '羊毛混纺大衣 米白 M',
        url: 'https://item.taobao.com/item.htm?id=6234567890',
      },
    });
    const row = concernRow(withProduct, BUYERS['taobao:月亮宝妈'], ctx);
    // The product asked about is its own column; the buyer's last bought item stays beside it.
    expect(row).toMatchObject({ product: '羊毛混纺大衣 米白 M', productId: '6234567890', item: '法式碎花连衣裙' });
    expect(concernRow(RECORDS[0]!, BUYERS['taobao:月亮宝妈'], ctx)).toMatchObject({ product: null, productId: null });
    const table = await parse([...concernCsvChunks([row])].join(''));
    expect(table[1]![CONCERN_CSV_HEADER.indexOf('product')]).toBe('羊毛混纺大衣 米白 M');
    expect(table[1]![CONCERN_CSV_HEADER.indexOf('productId')]).toBe('6234567890');
  });
});

describe('concern export files', () => {
  it('writes CSV that opens as UTF-8 with a BOM, with a buyer nick formula neutralised', async () => {
    const rows = exportRows({ concerns: ['authenticity'] });
    const text = [...concernCsvChunks(rows, 1)].join('');
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    const bytes = new TextEncoder().encode(text);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = await parse(new TextDecoder().decode(bytes));
    expect(table[0]).toEqual([...CONCERN_CSV_HEADER]);
    expect(table).toHaveLength(1 + rows.length);
    const nickCol = CONCERN_CSV_HEADER.indexOf('nick');
    const evil = table.find((r) => r[0] === 'evil')!;
    expect(evil[nickCol]).toBe(`'=HYPERLINK("http://evil.example","点我领券")`);
    expect(table.every((r) => !/^[=+\-@]/.test(r[nickCol]!))).toBe(true);
    expect(table[1]![CONCERN_CSV_HEADER.indexOf('quote')]).toBe('月亮宝妈问：这个尺码准吗');
  });

  it('writes JSON that parses back to the same rows, in chunks', () => {
    const rows = exportRows({});
    const chunks = [...concernJsonChunks(rows, 2)];
    expect(chunks.length).toBeGreaterThan(1);
    expect(JSON.parse(chunks.join(''))).toEqual(rows);
    expect(JSON.parse([...concernJsonChunks([])].join(''))).toEqual([]);
  });
});

describe('concern export written batch by batch', () => {
  it('gives the same files as writing all rows at once', () => {
    const rows = exportRows({});
    const csv = concernCsvHead() + concernCsvBody(rows.slice(0, 1)) + concernCsvBody(rows.slice(1));
    expect(csv).toBe([...concernCsvChunks(rows)].join(''));
    const json =
      CONCERN_JSON_HEAD +
      concernJsonBody(rows.slice(0, 2), true) +
      concernJsonBody(rows.slice(2), false) +
      CONCERN_JSON_TAIL;
    expect(JSON.parse(json)).toEqual(rows);
  });
});
