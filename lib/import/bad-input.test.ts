import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError, type ImportIssue, formatIssue, summarizeIssues } from './issues';
import { type ImportOptions, readAllOrders, readOrders } from './read-orders';
import { type ImportSource, sourceFromBlob, sourceFromBytes } from './source';

const load = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../tests/fixtures/exports/${name}`, import.meta.url)));
const read = (name: string, options: ImportOptions = {}) => readAllOrders(sourceFromBytes(name, load(name)), options);
const where = (i: ImportIssue) => [i.line, i.column, i.columnName, i.severity, i.code];

async function failure(name: string, bytes = load(name), options: ImportOptions = {}): Promise<ImportError> {
  try {
    await readAllOrders(sourceFromBytes(name, bytes), options);
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error(`${name} was read without an ImportError`);
}

describe('unusable values', () => {
  it('skips each bad row with its line, column and reason, and keeps the good rows', async () => {
    const { fragments, issues, rowsRead } = await read('bad/ExportOrderList-bad-values.csv');
    expect(rowsRead).toBe(10);
    expect(fragments.map((f) => f.buyerKey)).toEqual([
      'buyer_1',
      'buyer_2',
      'buyer_3',
      'buyer_5',
      'buyer_7',
      'buyer_9',
    ]);
    expect(issues.map(where)).toEqual([
      [6, 9, '买家实际支付金额', 'error', 'import_badAmount'],
      [8, 25, '宝贝总数量', 'error', 'import_badQuantity'],
      [10, 1, '订单编号', 'error', 'import_idMangled'],
      [12, 19, '订单付款时间', 'error', 'import_badDate'],
    ]);
    expect(issues.every((i) => i.file === 'bad/ExportOrderList-bad-values.csv')).toBe(true);
    const last = { ...issues[3]!, file: 'ExportOrderList.csv' };
    expect(formatIssue(last, 'zh-CN')).toBe(
      'ExportOrderList.csv 第 12 行第 19 列（订单付款时间）：无法识别的日期 “2024/13/01”，已跳过该行',
    );
    expect(formatIssue(last, 'en')).toBe(
      'ExportOrderList.csv line 12, column 19 (订单付款时间): unrecognised date "2024/13/01"; row skipped',
    );
  });

  it('keeps an unknown status with a warning instead of dropping the order', async () => {
    const text = '订单号,下单帐号,订单状态,下单时间,应付金额\n3001,jd_a,暂停,2025-10-01 10:00:00,12.00\n';
    const { fragments, issues } = await readAllOrders(sourceFromBytes('jd.csv', new TextEncoder().encode(text)), {
      format: 'jd',
    });
    expect(fragments[0]).toMatchObject({ status: 'unknown', rawStatus: '暂停' });
    expect(issues.map(where)).toEqual([[2, 3, '订单状态', 'warning', 'import_unknownStatus']]);
  });

  it('drops a Shopify order whose first row is unusable, but not its neighbours', async () => {
    const text = new TextDecoder()
      .decode(load('orders_export_1.csv'))
      .replace('2025-10-07 09:50:26 +0200', 'yesterday');
    const { fragments, issues } = await readAllOrders(sourceFromBytes('s.csv', new TextEncoder().encode(text)));
    expect(fragments.map((f) => f.orderId)).toEqual(['#1002', '#1003']);
    expect(issues.map(where)).toEqual([[2, 16, 'Created at', 'error', 'import_badDate']]);
  });
});

describe('broken CSV', () => {
  it('keeps stray quotes with a warning and reports an unclosed quote where it opened', async () => {
    const { fragments, issues } = await read('bad/broken-quoting.csv');
    expect(fragments.map((f) => f.lines[0]!.title)).toEqual(['加大号"特厚"浴巾', '浴巾']);
    expect(issues.map(where)).toEqual([
      [2, 3, '选购商品', 'warning', 'import_strayQuote'],
      [3, 15, '买家留言', 'warning', 'import_strayQuote'],
      [4, 15, '买家留言', 'error', 'import_unterminatedQuote'],
    ]);
    expect(formatIssue(issues[2]!, 'zh-CN')).toBe(
      'bad/broken-quoting.csv 第 4 行第 15 列（买家留言）：从这里开始的引号一直没有闭合，此后的内容无法读取',
    );
  });

  it('skips rows with the wrong number of fields, tolerating trailing empty ones', async () => {
    const { fragments, issues } = await read('bad/wrong-field-count.csv');
    expect(fragments.map((f) => f.orderId)).toEqual(['251007-607198974342268', '251010-000000000000001']);
    expect(issues.map((i) => [...where(i), i.params])).toEqual([
      [3, null, null, 'error', 'import_fieldCount', { actual: 12, expected: 21 }],
      [4, null, null, 'error', 'import_fieldCount', { actual: 23, expected: 21 }],
    ]);
    expect(formatIssue(issues[0]!, 'zh-CN')).toBe(
      'bad/wrong-field-count.csv 第 3 行：该行有 12 列，表头有 21 列，已跳过该行',
    );
  });

  it('warns about a character cut off at the end of the file and keeps the rows', async () => {
    const { fragments, issues } = await read('bad/ExportOrderDetailList-truncated.csv');
    expect(fragments).toHaveLength(3);
    expect(issues.map(where)).toEqual([[4, 21, '物流公司', 'warning', 'import_undecodable']]);
  });
});

describe('files that cannot be read at all', () => {
  it('rejects an unknown header, listing what was expected', async () => {
    const error = await failure('bad/unknown-header.csv');
    expect(error.issue).toMatchObject({
      file: 'bad/unknown-header.csv',
      line: 1,
      severity: 'error',
      code: 'import_unknownFormat',
    });
    const zh = formatIssue(error.issue, 'zh-CN');
    expect(zh).toContain('无法识别表头（日期, 客户名称, 备注）');
    expect(zh).toContain('拼多多订单（订单号、订单状态、订单成交时间、用户实付金额(元)）');
  });

  it('rejects an empty file, a BOM-only file and a blank one', async () => {
    expect((await failure('bad/empty.csv')).issue.code).toBe('import_emptyFile');
    expect((await failure('bom.csv', new Uint8Array([0xef, 0xbb, 0xbf]))).issue.code).toBe('import_emptyFile');
    expect((await failure('blank.csv', new TextEncoder().encode(' \r\n\r\n'))).issue.code).toBe('import_emptyFile');
  });

  it('says a workbook cut short cannot be read, and what to do', async () => {
    const error = await failure('bad/orders.xlsx');
    expect(error.issue).toMatchObject({ code: 'import_badWorkbook' });
    expect(formatIssue(error.issue, 'zh-CN')).toBe(
      'bad/orders.xlsx：无法读取这个 Excel 工作簿（文件不完整、已损坏或加了密码）。请在 Excel 或 WPS 中打开，另存为 .xlsx 或 CSV 后再导入',
    );
    expect(formatIssue(error.issue, 'en')).toContain('save it as .xlsx or CSV');
  });

  it('rejects an Excel 97-2003 workbook, saying to save it as .xlsx or CSV', async () => {
    const error = await failure(
      'orders.xls',
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
    );
    expect(error.issue).toMatchObject({ code: 'import_notCsv', params: { kind: 'xls' } });
    expect(formatIssue(error.issue, 'zh-CN')).toBe(
      'orders.xls：无法读取这种文件（看起来是 Excel 97-2003 工作簿 .xls）。请在表格软件中另存为 .xlsx 或 CSV 后再导入',
    );
  });

  it('rejects an unknown time zone before reading', async () => {
    const error = await failure('orders_export_1.csv', load('orders_export_1.csv'), { timeZone: 'Mars/Olympus' });
    expect(error.issue).toMatchObject({ code: 'import_badTimeZone', params: { value: 'Mars/Olympus' } });
  });

  it('accepts a file with a header and no rows', async () => {
    const header = new TextDecoder().decode(load('orders_export_1.csv')).split('\n')[0]!;
    const result = await readAllOrders(sourceFromBytes('h.csv', new TextEncoder().encode(header)));
    expect(result).toMatchObject({ fragments: [], issues: [], rowsRead: 0, batches: 1 });
    expect(result.format.id).toBe('shopify');
  });
});

describe('batches and summaries', () => {
  it('sends fragments in batches of the requested size, with issues and progress', async () => {
    const bytes = load('bad/ExportOrderList-bad-values.csv');
    const batches = [];
    for await (const batch of readOrders(sourceFromBytes('b.csv', bytes, [200]), { batchSize: 4 })) batches.push(batch);
    expect(batches.map((b) => b.fragments.length)).toEqual([4, 2]);
    expect(batches.flatMap((b) => b.issues)).toHaveLength(4);
    expect(batches.at(-1)).toMatchObject({ bytesRead: bytes.length, rowsRead: 10 });
  });

  it('groups issues by kind and column, errors first', () => {
    const base = { file: 'f.csv', column: 3, columnName: '金额', params: {} };
    const issues: ImportIssue[] = [
      { ...base, line: 2, severity: 'warning', code: 'import_strayQuote' },
      { ...base, line: 3, severity: 'error', code: 'import_badAmount' },
      { ...base, line: 4, severity: 'error', code: 'import_badAmount' },
      { ...base, line: 5, severity: 'error', code: 'import_badDate', columnName: '时间' },
    ];
    const summary = summarizeIssues(issues, 1);
    expect(summary.map((s) => [s.code, s.count, s.examples.map((e) => e.line)])).toEqual([
      ['import_badAmount', 2, [3]],
      ['import_badDate', 1, [5]],
      ['import_strayQuote', 1, [2]],
    ]);
  });

  it('lets the file go when the reader stops early', async () => {
    let released = false;
    const bytes = load('ExportOrderList202510071230.csv');
    const source: ImportSource = {
      name: 'x.csv',
      chunks: () => ({
        [Symbol.asyncIterator]() {
          const inner = sourceFromBytes('x.csv', bytes, [100]).chunks()[Symbol.asyncIterator]();
          return {
            next: () => inner.next(),
            return: async () => {
              released = true;
              return { done: true as const, value: undefined };
            },
          };
        },
      }),
    };
    for await (const batch of readOrders(source, { batchSize: 1 })) {
      expect(batch.fragments).toHaveLength(1);
      break;
    }
    expect(released).toBe(true);
  });

  it('reads a browser File through its stream', async () => {
    const file = new File([load('pinduoduo-orders-20251010.csv')], 'pdd.csv');
    const { fragments, format } = await readAllOrders(sourceFromBlob(file));
    expect(format.id).toBe('pinduoduo');
    expect(fragments).toHaveLength(3);
  });
});
