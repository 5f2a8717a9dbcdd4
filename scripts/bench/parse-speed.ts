// Rough throughput of the order importer in Node: ~100k Taobao order-report rows generated in
// memory, run through the tokenizer alone and through the whole pipeline (decode + tokenize + map).
// Prints figures only; nothing asserts on them. Run: npx tsx scripts/bench/parse-speed.ts [rows]
import iconv from 'iconv-lite';
import { CsvTokenizer } from '../../lib/import/csv';
import { TAOBAO_ORDER_HEADERS_54 } from '../../lib/import/formats/taobao-headers';
import { readOrders } from '../../lib/import/read-orders';
import { sourceFromBytes } from '../../lib/import/source';

const ROWS = Number(process.argv[2] ?? 100_000);
const CHUNK = 64 * 1024;

function makeCsv(rows: number): string {
  const lines = [TAOBAO_ORDER_HEADERS_54.join(',')];
  const statuses = ['交易成功', '交易关闭', '买家已付款，等待卖家发货', '卖家已发货，等待买家确认', '等待买家付款'];
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const paid = `${10 + (i % 500)}.${String(i % 100).padStart(2, '0')}`;
    const values: string[] = TAOBAO_ORDER_HEADERS_54.map(() => '');
    const set = (name: string, value: string) => {
      values[TAOBAO_ORDER_HEADERS_54.findIndex((h) => h.trim() === name)] = value;
    };
    set('订单编号', `="${2900000000000000 + i}"`);
    set('买家会员名', `buyer_${i % 40_000}`);
    set('买家实际支付金额', paid);
    set('订单状态', statuses[i % statuses.length]!);
    set('买家留言', i % 50 === 0 ? '"请尽快发货,\n谢谢"' : '');
    set('收货地址', '浙江省 杭州市 西湖区 文三路 100号(310000)');
    set('联系手机', `'138${String(i).padStart(8, '0')}`);
    set('订单创建时间', `2025-03-${day} 10:${String(i % 60).padStart(2, '0')}:00`);
    set('订单付款时间', `2025-03-${day} 10:${String(i % 60).padStart(2, '0')}:30`);
    set('宝贝标题', '北欧风陶瓷马克杯 家用 办公室 咖啡杯 大容量');
    set('宝贝总数量', String(1 + (i % 3)));
    set('订单关闭原因', '订单未关闭');
    set('退款金额', i % 10 === 0 ? '5.00' : '无退款申请');
    set('打款商家金额', `${paid}元`);
    lines.push(values.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function chunksOf(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK) out.push(text.slice(i, i + CHUNK));
  return out;
}

const REPEATS = 5;

/** Best and median of several runs: other processes on the machine only ever add time. */
async function measure(label: string, rows: number, bytes: number, run: () => Promise<void> | void): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const best = times[0]!;
  const median = times[Math.floor(times.length / 2)]!;
  const rate = (ms: number) => (rows / (ms / 1000)).toFixed(0).padStart(9);
  const mbs = bytes > 0 ? `  ${(bytes / 1e6 / (best / 1000)).toFixed(1).padStart(6)} MB/s` : '';
  console.log(
    `${label.padEnd(26)} best ${rate(best)} rows/s  median ${rate(median)} rows/s${mbs}  (best ${best.toFixed(0)} ms)`,
  );
}

async function pipeline(name: string, bytes: Uint8Array): Promise<void> {
  let fragments = 0;
  for await (const batch of readOrders(sourceFromBytes(name, bytes, [CHUNK]))) fragments += batch.fragments.length;
  if (fragments !== ROWS) throw new Error(`expected ${ROWS} fragments, got ${fragments}`);
}

const text = makeCsv(ROWS);
const chunks = chunksOf(text);
const utf8 = new Uint8Array(Buffer.from(text, 'utf8'));
const gb = new Uint8Array(iconv.encode(text, 'gb18030'));
console.log(`${ROWS} rows, ${(text.length / 1e6).toFixed(1)} M chars, ${(gb.length / 1e6).toFixed(1)} MB as GB18030`);

await measure('tokenizer only', ROWS, 0, () => {
  const tokenizer = new CsvTokenizer();
  for (const chunk of chunks) tokenizer.push(chunk);
  tokenizer.end();
});
await measure('utf-8 decode+parse+map', ROWS, utf8.length, () => pipeline('bench.csv', utf8));
await measure('gb18030 decode+parse+map', ROWS, gb.length, () => pipeline('bench.csv', gb));
