import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { excelSerial, writeXlsx, zip, type XlsxCell } from '../../../scripts/fixtures/xlsx-writer';
import { TAOBAO_ORDER_HEADERS_54 } from '../formats/taobao-headers';
import { formatIssue, ImportError } from '../issues';
import { readAllOrders } from '../read-orders';
import { sourceFromBytes, type ImportSource } from '../source';
import { columnLetters, columnNumber, dateKind, numberText, serialDate } from './cells';
import { openWorkbook, parseSharedStrings } from './workbook';
import { XmlScanner } from './xml';

const FIXTURES = join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'exports');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const MADE_BY = 'lib/import/xlsx/xlsx.test.ts';

/** Only `chunks()`: a source that cannot be read by range (the workbook is gathered in memory). */
const streamOnly = (source: ImportSource): ImportSource => ({
  name: source.name,
  size: source.size,
  chunks: () => source.chunks(),
});

/** The columns the tests fill, in this order, at the front of Taobao's real 54-column header. */
const FILLED = [
  '订单编号',
  '买家会员名',
  '买家实际支付金额',
  '订单状态',
  '订单创建时间',
  '订单付款时间',
  '宝贝标题',
  '宝贝总数量',
];
const TAOBAO_HEADER = [...FILLED, ...TAOBAO_ORDER_HEADERS_54.filter((h) => !FILLED.includes(h))];

function taobaoBook(
  rows: XlsxCell[][],
  options: { date1904?: boolean; sheetName?: string; stored?: boolean } = {},
): Uint8Array {
  return writeXlsx([TAOBAO_HEADER, ...rows], { madeBy: MADE_BY, ...options });
}

describe('cell values', () => {
  it('keeps whole numbers Excel still holds exactly as plain digits, and shows rounded ones as Excel does', () => {
    expect(numberText('290012345678901')).toBe('290012345678901');
    expect(numberText('2.9001234567890099E+18')).toBe('2.90012345678901E+18');
    expect(numberText('6929012345678901234')).toBe('6.9290123456789E+18');
    expect(numberText('1E+15')).toBe('1000000000000000');
    expect(numberText('59.899999999999999')).toBe('59.9');
    expect(numberText('0.30000000000000004')).toBe('0.3');
    expect(numberText('-12.5')).toBe('-12.5');
  });

  it('turns 1900 and 1904 serials into wall-clock times, rounding to the second', () => {
    expect(serialDate(1, false)).toBe('1900-01-01 00:00:00');
    expect(serialDate(61, false, true)).toBe('1900-03-01');
    expect(serialDate(excelSerial('2025-10-07 14:32'), false)).toBe('2025-10-07 14:32:00');
    expect(serialDate(excelSerial('2025-10-07 14:32', true), true)).toBe('2025-10-07 14:32:00');
    expect(serialDate(excelSerial('2025-10-07 23:59:59') + 0.4 / 86400, false)).toBe('2025-10-07 23:59:59');
    expect(serialDate(-1, false)).toBeNull();
  });

  it('knows date formats from number formats that only look like them', () => {
    expect(dateKind(14, undefined)).toBe('date');
    expect(dateKind(22, undefined)).toBe('datetime');
    expect(dateKind(0, undefined)).toBeNull();
    expect(dateKind(164, 'yyyy\\-mm\\-dd\\ hh:mm:ss')).toBe('datetime');
    expect(dateKind(165, '[$-409]mmm d, yyyy')).toBe('date');
    expect(dateKind(166, '0.00E+00')).toBeNull();
    expect(dateKind(167, '"RM"#,##0.00')).toBeNull();
    expect(dateKind(168, 'General')).toBeNull();
  });

  it('names columns as Excel letters them', () => {
    expect([1, 3, 26, 27, 28, 702, 703].map(columnLetters)).toEqual(['A', 'C', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(columnNumber('AB12')).toBe(28);
  });

  it('leaves phonetic guides out of shared strings and decodes Excel escapes', () => {
    const xml =
      '<sst><si><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si><si><t>a_x000A_b &amp; c</t></si></sst>';
    expect(parseSharedStrings(xml)).toEqual(['東京', 'a\nb & c']);
  });
});

describe('the XML scanner', () => {
  it('gives the same events however the text is cut', () => {
    const xml =
      '<?xml version="1.0"?><!-- note --><x:row r="1" a=\'>\'><x:c r="A1" t="inlineStr"><is><t>a&amp;b&#x4E2D;</t></is></x:c><![CDATA[<raw>]]></x:row>';
    const events = (pieces: string[]) => {
      const out: string[] = [];
      let text = '';
      const flush = () => {
        if (text) out.push(`text:${text}`);
        text = '';
      };
      const scanner = new XmlScanner({
        open: (name, attrs, self) => {
          flush();
          out.push(`open:${name}:${attrs.trim()}:${self}`);
        },
        close: (name) => {
          flush();
          out.push(`close:${name}`);
        },
        text: (v) => {
          text += v;
        },
      });
      for (const p of pieces) scanner.push(p);
      flush();
      return out;
    };
    const whole = events([xml]);
    expect(whole).toContain('text:a&b中');
    expect(whole).toContain('text:<raw>');
    for (let size = 1; size <= 9; size++) {
      const pieces: string[] = [];
      for (let i = 0; i < xml.length; i += size) pieces.push(xml.slice(i, i + size));
      expect(events(pieces), `pieces of ${size}`).toEqual(whole);
    }
  });
});

describe('importing a workbook', () => {
  it('gives the same orders from the Shopee .xlsx as from the same data in CSV', async () => {
    const csv = await readAllOrders(sourceFromBytes('Order.all.csv', fixture('Order.all.20251001_20251031.csv')));
    const xlsx = await readAllOrders(sourceFromBytes('Order.all.xlsx', fixture('Order.all.20251001_20251031.xlsx')));
    expect(xlsx.format.id).toBe(csv.format.id);
    expect(xlsx.issues).toEqual([]);
    expect(xlsx.fragments).toEqual(csv.fragments);
    expect(xlsx.fragments.length).toBeGreaterThan(0);
  });

  it('gives the same orders from the Douyin .xlsx (ids as text, a product id stored as a number)', async () => {
    const csv = await readAllOrders(sourceFromBytes('douyin.csv', fixture('douyin-orders-20251010.csv')));
    const xlsx = await readAllOrders(sourceFromBytes('douyin.xlsx', fixture('douyin-orders-20251010.xlsx')));
    expect(xlsx.fragments).toEqual(csv.fragments);
    expect(xlsx.issues.map((i) => i.code)).toEqual(csv.issues.map((i) => i.code));
  });

  it('reads the same from any chunking, by range or gathered from a stream', async () => {
    const bytes = fixture('Order.all.20251001_20251031.xlsx');
    const expected = (await readAllOrders(sourceFromBytes('a.xlsx', bytes))).fragments;
    for (const sizes of [[1], [7, 300], [4096]]) {
      expect((await readAllOrders(sourceFromBytes('a.xlsx', bytes, sizes))).fragments).toEqual(expected);
      expect((await readAllOrders(streamOnly(sourceFromBytes('a.xlsx', bytes, sizes)))).fragments).toEqual(expected);
    }
  });

  it('keeps ids that Excel stored as numbers as their digits, and refuses one Excel already rounded', async () => {
    const book = taobaoBook([
      [
        290012345678901,
        'tb_a',
        59.9,
        '交易成功',
        { serial: excelSerial('2025-10-07 14:32:10') },
        { serial: excelSerial('2025-10-07 14:33:00') },
        '杯子',
        1,
      ],
      [
        Number('6929012345678901234'),
        'tb_b',
        10,
        '交易成功',
        { serial: excelSerial('2025-10-08 09:00') },
        { serial: excelSerial('2025-10-08 09:01') },
        '杯子',
        1,
      ],
      [
        '1.23E+17',
        'tb_c',
        10,
        '交易成功',
        { serial: excelSerial('2025-10-08 09:00') },
        { serial: excelSerial('2025-10-08 09:01') },
        '杯子',
        1,
      ],
    ]);
    const { fragments, issues } = await readAllOrders(sourceFromBytes('ExportOrderList.xlsx', book));
    expect(fragments.map((f) => f.orderId)).toEqual(['290012345678901']);
    expect(fragments[0]).toMatchObject({
      buyerKey: 'tb_a',
      paidCents: 5990,
      createdAt: '2025-10-07 14:32:10',
      paidAt: '2025-10-07 14:33:00',
    });
    expect(issues.map((i) => [i.code, i.line, i.column, i.sheet])).toEqual([
      ['import_idMangled', 3, 1, 'Sheet1'],
      ['import_idMangled', 4, 1, 'Sheet1'],
    ]);
    expect(formatIssue(issues[0]!, 'zh-CN')).toBe(
      'ExportOrderList.xlsx 工作表 Sheet1 第 3 行第 A 列（订单编号）：编号 “6.9290123456789E+18” 已被表格软件改写成科学计数法，无法还原，已跳过该行',
    );
  });

  it('places a bad cell by sheet, row and column letter, in either language', async () => {
    const rows: XlsxCell[][] = [];
    for (let i = 0; i < 10; i++)
      rows.push([
        `30${i}`,
        `tb_${i}`,
        10,
        '交易成功',
        { serial: excelSerial('2025-10-07 14:32') },
        { serial: excelSerial('2025-10-07 14:33') },
        '杯子',
        1,
      ]);
    rows.push([
      '310',
      'tb_x',
      'abc',
      '交易成功',
      { serial: excelSerial('2025-10-07 14:32') },
      { serial: excelSerial('2025-10-07 14:33') },
      '杯子',
      1,
    ]);
    const { issues, fragments } = await readAllOrders(
      sourceFromBytes('orders.xlsx', taobaoBook(rows, { sheetName: '订单' })),
    );
    expect(fragments).toHaveLength(10);
    expect(formatIssue(issues[0]!, 'zh-CN')).toBe(
      'orders.xlsx 工作表 订单 第 12 行第 C 列（买家实际支付金额）：无法识别的金额 “abc”，已跳过该行',
    );
    expect(formatIssue(issues[0]!, 'en')).toBe(
      'orders.xlsx sheet 订单 line 12, column C (买家实际支付金额): unrecognised amount "abc"; row skipped',
    );
  });

  it('reads dates of a 1904 workbook', async () => {
    const book = taobaoBook(
      [
        [
          301,
          'tb_a',
          10,
          '交易成功',
          { serial: excelSerial('2025-10-07 14:32', true) },
          { serial: excelSerial('2025-10-07 14:33', true) },
          '杯子',
          1,
        ],
      ],
      { date1904: true },
    );
    const { fragments } = await readAllOrders(sourceFromBytes('mac.xlsx', book));
    expect(fragments[0]).toMatchObject({ createdAt: '2025-10-07 14:32:00', paidAt: '2025-10-07 14:33:00' });
  });

  it('fills cells Excel leaves out (empty ones, whole empty rows) and reads inline strings', async () => {
    const book = taobaoBook([
      [301, { inline: 'tb_a' }, 10, '交易成功', { serial: excelSerial('2025-10-07 14:32') }, null, '杯子', 1],
      [],
      [
        302,
        'tb_b',
        10,
        '交易成功',
        { serial: excelSerial('2025-10-07 14:32') },
        { serial: excelSerial('2025-10-07 14:33') },
      ],
    ]);
    const { fragments, issues, rowsRead } = await readAllOrders(sourceFromBytes('gaps.xlsx', book));
    expect(rowsRead).toBe(2);
    expect(fragments.map((f) => [f.orderId, f.buyerKey, f.paidAt])).toEqual([
      ['301', 'tb_a', null],
      ['302', 'tb_b', '2025-10-07 14:33:00'],
    ]);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('reads stored (uncompressed) parts too', async () => {
    const book = taobaoBook(
      [[301, 'tb_a', 10, '交易成功', { serial: excelSerial('2025-10-07 14:32') }, null, '杯子', 1]],
      { stored: true },
    );
    expect((await readAllOrders(sourceFromBytes('stored.xlsx', book))).fragments).toHaveLength(1);
  });

  it('says a damaged workbook cannot be read and what to do, and an unknown header where it is', async () => {
    const damaged = fixture('Order.all.20251001_20251031.xlsx').slice(0, 2000);
    const error = await readAllOrders(sourceFromBytes('cut.xlsx', damaged)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(formatIssue((error as ImportError).issue, 'zh-CN')).toBe(
      'cut.xlsx：无法读取这个 Excel 工作簿（文件不完整、已损坏或加了密码）。请在 Excel 或 WPS 中打开，另存为 .xlsx 或 CSV 后再导入',
    );
    const unknown = writeXlsx(
      [
        ['日期', '客户名称'],
        ['2025-10-01', '张三'],
      ],
      { madeBy: MADE_BY },
    );
    const failure = await readAllOrders(sourceFromBytes('other.xlsx', unknown)).catch((e: unknown) => e);
    expect((failure as ImportError).issue).toMatchObject({ code: 'import_unknownFormat', sheet: 'Sheet1' });
  });

  it('reads the first visible sheet and says which', async () => {
    const book = zip([
      {
        name: '_rels/.rels',
        data: new TextEncoder().encode(
          '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>',
        ),
      },
      {
        name: 'xl/workbook.xml',
        data: new TextEncoder().encode(
          '<workbook xmlns:r="r"><sheets><sheet name="说明" state="hidden" r:id="rId1"/><sheet name="订单" r:id="rId2"/></sheets></workbook>',
        ),
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: new TextEncoder().encode(
          '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/worksheet" Target="worksheets/sheet2.xml"/></Relationships>',
        ),
      },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: new TextEncoder().encode(
          '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>hidden</t></is></c></row></sheetData></worksheet>',
        ),
      },
      {
        name: 'xl/worksheets/sheet2.xml',
        data: new TextEncoder().encode(
          '<worksheet><sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>shown</t></is></c></row></sheetData></worksheet>',
        ),
      },
    ]);
    const source = sourceFromBytes('two.xlsx', book);
    const workbook = await openWorkbook({ size: book.length, range: source.range! });
    expect(workbook.sheet).toBe('订单');
    const rows = [];
    for await (const batch of workbook.rows()) rows.push(...batch);
    expect(rows).toEqual([{ line: 2, fields: ['', 'shown'] }]);
  });
});
