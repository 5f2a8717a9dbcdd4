// Time to read one very long CSV row (1, 4 and 16 MB by default): the tokenizer alone, the whole
// import pipeline (decode + tokenize + map) with the long text in different columns, and the cell
// parsers alone on long adversarial cells. Reading must cost time in proportion to the row's length:
// the "×" column (16 MB time / 1 MB time) reads about 16 when it does, 256 when it is quadratic.
// Prints figures only; nothing asserts on them.
// Run: npm run bench:csv [-- 1,4,16]
import { CsvTokenizer } from '../../lib/import/csv';
import { parseDateTime } from '../../lib/import/dates';
import { TAOBAO_ORDER_HEADERS_54 } from '../../lib/import/formats/taobao-headers';
import { readOrders } from '../../lib/import/read-orders';
import { sourceFromBytes } from '../../lib/import/source';
import { mapStatus } from '../../lib/import/status';
import { findAmountInText, parseCents, parseId, parseQuantity, parseRefund } from '../../lib/import/values';
import { round, table } from './lib/stats';

const SIZES_MB = (process.argv[2] ?? '1,4,16')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const MB = 1_000_000;
const CHUNK = 64 * 1024;
const REPEATS = 3;

/** Collects garbage when node runs with --expose-gc (npm run bench:csv does), so one run's garbage is not timed in the next. */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** Best wall time of a few runs (other work on the machine only ever adds time), in ms. */
async function best(run: () => unknown): Promise<number> {
  let fastest = Infinity;
  for (let i = 0; i < REPEATS; i++) {
    collect();
    const start = performance.now();
    await run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

/** `unit` repeated to about `size` characters. */
const fill = (unit: string, size: number) => unit.repeat(Math.max(1, Math.round(size / unit.length)));

function chunksOf(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK) out.push(text.slice(i, i + CHUNK));
  return out;
}

interface Case {
  name: string;
  /** Builds the input for a row (or cell) of about `size` characters and returns what to time. */
  prepare(size: number): () => unknown;
}

async function section(title: string, cases: readonly Case[]): Promise<void> {
  const head = ['', ...SIZES_MB.map((s) => `${s} MB ms`), 'ms per MB', `× ${SIZES_MB[0]}→${SIZES_MB.at(-1)} MB`];
  const rows: (string | number)[][] = [head];
  for (const c of cases) {
    const times: number[] = [];
    for (const size of SIZES_MB) {
      const run = c.prepare(size * MB);
      times.push(await best(run));
    }
    const last = times.at(-1)!;
    rows.push([
      c.name,
      ...times.map((t) => round(t, 0)),
      round(last / SIZES_MB.at(-1)!, 1),
      round(last / Math.max(times[0]!, 0.5), 1),
    ]);
  }
  console.log(`\n${title}\n${table(rows)}`);
}

function tokenizerCase(name: string, row: (size: number) => string): Case {
  return {
    name,
    prepare(size) {
      const chunks = chunksOf(`h1,h2,h3\r\n${row(size)}\r\n`);
      return () => {
        const tokenizer = new CsvTokenizer();
        let rows = 0;
        for (const chunk of chunks) rows += tokenizer.push(chunk).length;
        rows += tokenizer.end().length;
        if (rows !== 2) throw new Error(`${name}: ${rows} rows`);
      };
    },
  };
}

/** A Taobao 订单报表 with one ordinary row and one whose `column` holds the long text. */
function pipelineCase(
  name: string,
  column: string,
  cell: (size: number) => string,
  expect: { fragments: number; errors: number },
): Case {
  const headers = TAOBAO_ORDER_HEADERS_54;
  const at = (name: string) => headers.findIndex((h) => h.trim() === name);
  const row = (id: number, overrides: Record<number, string>) => {
    const values = headers.map(() => '');
    values[at('订单编号')] = `="${2900000000000000 + id}"`;
    values[at('买家会员名')] = 'buyer_1';
    values[at('买家实际支付金额')] = '59.00';
    values[at('订单状态')] = '交易成功';
    values[at('订单创建时间')] = '2025-03-01 10:00:00';
    values[at('订单付款时间')] = '2025-03-01 10:00:30';
    values[at('宝贝标题')] = '陶瓷马克杯';
    values[at('宝贝总数量')] = '1';
    values[at('退款金额')] = '无退款申请';
    for (const [i, v] of Object.entries(overrides)) values[Number(i)] = v;
    return values.join(',');
  };
  return {
    name,
    prepare(size) {
      const text = [headers.join(','), row(1, {}), row(2, { [at(column)]: cell(size) })].join('\r\n') + '\r\n';
      const bytes = new TextEncoder().encode(text);
      return async () => {
        let fragments = 0;
        let errors = 0;
        for await (const batch of readOrders(sourceFromBytes('long-row.csv', bytes, [CHUNK]))) {
          fragments += batch.fragments.length;
          errors += batch.issues.filter((i) => i.severity === 'error').length;
        }
        if (fragments !== expect.fragments + 1 || errors !== expect.errors)
          throw new Error(`${name}: ${fragments} fragments, ${errors} errors`);
      };
    },
  };
}

function cellCase(name: string, cell: (size: number) => string, parse: (text: string) => unknown): Case {
  return {
    name,
    prepare: (size) => {
      const text = cell(size);
      return () => parse(text);
    },
  };
}

console.log(`One long row, read in ${CHUNK / 1024} KiB pieces; best of ${REPEATS} runs.`);

await section('Tokenizer (CsvTokenizer) on one long row', [
  tokenizerCase(
    'one quoted note, line breaks and "" inside',
    (size) => `1,"${fill('请尽快发货""谢谢""\r\n', size)}",x`,
  ),
  tokenizerCase('one unquoted value', (size) => `1,${fill('北欧风陶瓷马克杯', size)},x`),
  tokenizerCase('many short quoted values', (size) => `1,${fill('"ab",', size)}x`),
  tokenizerCase('many short unquoted values', (size) => `1,${fill('ab,', size)}x`),
  tokenizerCase('one ="…" text guard', (size) => `1,="${fill('2900', size)}",x`),
]);

await section('Import pipeline (readOrders, UTF-8) on a Taobao 订单报表 with one long row', [
  pipelineCase('买家留言: long quoted note', '买家留言', (size) => `"${fill('请尽快发货，\n谢谢""', size)}"`, {
    fragments: 1,
    errors: 0,
  }),
  pipelineCase('宝贝标题: long title', '宝贝标题', (size) => fill('北欧风陶瓷马克杯 ', size), {
    fragments: 1,
    errors: 0,
  }),
  pipelineCase('订单状态: status and spaces', '订单状态', (size) => `交易关闭${' '.repeat(size)}/x`, {
    fragments: 1,
    errors: 0,
  }),
  pipelineCase('买家实际支付金额: money and spaces', '买家实际支付金额', (size) => `59${' '.repeat(size)}x`, {
    fragments: 0,
    errors: 1,
  }),
  pipelineCase('退款金额: digits, then 元', '退款金额', (size) => `${'1'.repeat(size)}x元`, {
    fragments: 0,
    errors: 1,
  }),
  pipelineCase('宝贝总数量: count and spaces', '宝贝总数量', (size) => `1${' '.repeat(size)}x件`, {
    fragments: 0,
    errors: 1,
  }),
  pipelineCase('订单创建时间: date and spaces', '订单创建时间', (size) => `2025-03-01${' '.repeat(size)}x`, {
    fragments: 0,
    errors: 1,
  }),
]);

await section('Cell parsers on one long cell', [
  cellCase('parseCents: 59, spaces, x', (size) => `59${' '.repeat(size)}x`, parseCents),
  cellCase(
    'parseCents: ¥, spaces, 59, spaces, 元',
    (size) => `¥${' '.repeat(size / 2)}59${' '.repeat(size / 2)}元`,
    parseCents,
  ),
  cellCase('parseRefund: digits, then x元', (size) => `${'1'.repeat(size)}x元`, parseRefund),
  cellCase('findAmountInText: digits, then x元', (size) => `${'1'.repeat(size)}x元`, findAmountInText),
  cellCase('findAmountInText: "1,", then x元', (size) => `${fill('1,', size)}x元`, findAmountInText),
  cellCase('findAmountInText: ¥ and spaces', (size) => fill('¥ ', size), findAmountInText),
  cellCase('parseQuantity: 1, spaces, x件', (size) => `1${' '.repeat(size)}x件`, parseQuantity),
  cellCase('mapStatus: status, spaces, x', (size) => `已发货${' '.repeat(size)}x`, mapStatus),
  cellCase('mapStatus: spaced slashes', (size) => fill(' / a', size), mapStatus),
  cellCase(
    'parseDateTime: date, spaces, x',
    (size) => `2025-03-01${' '.repeat(size)}x`,
    (text) => parseDateTime(text),
  ),
  cellCase('parseId: digits, then E+', (size) => `${'1'.repeat(size)}E+`, parseId),
]);
