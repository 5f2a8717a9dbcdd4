// `npm run bench:domain`: speed of the domain code the sidebar leans on, in Node. These figures
// were once asserted by unit tests (elapsed-time bounds); timing belongs here, where it is printed
// and read, not where a loaded machine makes a test fail. Nothing asserts on them.
//   - segmenting 200,000 buyers (the segment model and every buyer's segment);
//   - the template search over 2,000 templates (index once, then one query);
//   - concern detection per typical buyer message (the labelled corpus);
//   - concern detection on adversarial text, 10 KB against 100 KB (linear: about ×10);
//   - reading a console thread of 20 and 200 messages (jsdom, far slower than Chromium: the content
//     script's time per message in Chromium is in `npm run bench:sidebar`).
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConsole } from '../../entrypoints/huitouke.content/reader';
import { compileTaxonomy } from '../../lib/concerns/compile';
import { defaultTaxonomy } from '../../lib/concerns/defaults/index';
import { detect } from '../../lib/concerns/detect';
import { LabelledMessageSchema } from '../../lib/concerns/evaluate';
import { BUILT_IN_ADAPTERS } from '../../lib/consoles';
import { addDays } from '../../lib/dates/local-date';
import { buildSegmentModel, scoreBuyer } from '../../lib/segments/model';
import { defaultTemplates } from '../../lib/templates/library';
import type { Template } from '../../lib/templates/schema';
import { createTemplateSearchIndex, searchTemplates } from '../../lib/templates/search';
import { ROOT } from '../browser';
import { round, table } from './lib/stats';

const REPEATS = 5;

/** Best and median wall time of a few runs, in ms (other work on the machine only adds time). */
function measure(run: () => unknown, repeats = REPEATS): { best: number; median: number } {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { best: times[0]!, median: times[Math.floor(times.length / 2)]! };
}

const rows: (string | number)[][] = [['', 'best', 'median', 'unit']];
const add = (name: string, t: { best: number; median: number }, unit: string, digits = 1) =>
  rows.push([name, round(t.best, digits), round(t.median, digits), unit]);

// Segments: a seeded population, as the unit test had it.
{
  const asOf = '2024-06-30';
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const population = Array.from({ length: 200_000 }, () => ({
    lastPaidDate: addDays(asOf, -Math.floor(random() * 900)),
    paidOrders: 1 + Math.floor(random() * 12),
    netCents: 100 + Math.floor(random() * 500_000),
  }));
  let gold = 0;
  add(
    'segment 200,000 buyers (model + every buyer)',
    measure(() => {
      const model = buildSegmentModel(population, asOf);
      gold = 0;
      for (const b of population) if (scoreBuyer(b, model, asOf).layer === 'gold') gold++;
    }),
    'ms',
    0,
  );
  if (gold === 0) throw new Error('segments: no gold buyer');
}

// Template search over 2,000 templates.
{
  const library = defaultTemplates();
  const many: Template[] = [];
  for (let i = 0; many.length < 2000; i++) {
    for (const t of library)
      many.push({ ...t, id: `${t.id}.${i}`, title: `${t.title}${i}`, shortcut: `${t.shortcut}${i}` });
  }
  const templates = many.slice(0, 2000);
  add(
    'template search: index 2,000 templates',
    measure(() => createTemplateSearchIndex(templates)),
    'ms',
    0,
  );
  const index = createTemplateSearchIndex(templates);
  const queries = ['cm', 'chima', 'chmia', '尺码', 'fapiao', 'warrenty', '退换', 'thx', 'zl sm', '生日快乐'];
  const perQuery = measure(() => {
    for (const q of queries) searchTemplates(index, q);
  });
  add(
    'template search: one query (of 10 kinds)',
    { best: perQuery.best / queries.length, median: perQuery.median / queries.length },
    'ms',
  );
}

// Concern detection.
{
  const matcher = compileTaxonomy(defaultTaxonomy());
  const corpus = readFileSync(join(ROOT, 'tests', 'fixtures', 'concerns', 'corpus.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => LabelledMessageSchema.parse(JSON.parse(line)).text);
  const perMessage = measure(() => {
    for (let k = 0; k < 5; k++) for (const text of corpus) detect(text, matcher);
  });
  const each = (ms: number) => (ms * 1000) / (5 * corpus.length);
  add(
    `concern detection: one corpus message (${corpus.length})`,
    { best: each(perMessage.best), median: each(perMessage.median) },
    'µs',
  );
  for (const big of [
    '穿'.repeat(50_000),
    '尺码'.repeat(25_000),
    'size fits '.repeat(10_000),
    'abcdefgh '.repeat(11_000),
    '😀'.repeat(50_000),
  ]) {
    const small = big.slice(0, big.length / 10);
    const tSmall = measure(() => detect(small, matcher), 3);
    const tBig = measure(() => detect(big, matcher), 3);
    const label = JSON.stringify(big.slice(0, 6));
    add(`concern detection: ${label}… 10 KB`, tSmall, 'ms', 0);
    add(`concern detection: ${label}… 100 KB (×${round(tBig.best / Math.max(tSmall.best, 0.1), 1)})`, tBig, 'ms', 0);
  }
}

// Reading a console thread (the unit test checks it queries the page a fixed number of times).
{
  const html = readFileSync(join(ROOT, 'tests', 'fixtures', 'consoles', 'jd.html'), 'utf8');
  const adapter = BUILT_IN_ADAPTERS.find((a) => a.id === 'jd');
  if (!adapter) throw new Error('no jd adapter');
  const thread = (n: number) => {
    const doc = new JSDOM(html).window.document;
    const scroll = doc.getElementById('t-chat-scroll');
    if (!scroll) throw new Error('fixture');
    scroll.replaceChildren();
    for (let i = 0; i < n; i++) {
      const row = doc.createElement('div');
      row.className = `message ${i % 3 === 2 ? 'message_right' : 'message_left'}`;
      const content = row.appendChild(doc.createElement('div'));
      content.className = 'message_content';
      const text = content.appendChild(doc.createElement('div'));
      text.className = 'message_text';
      text.textContent = i % 10 === 0 ? '在吗' : `第 ${i} 条消息：这件衣服有没有大一码的`;
      const time = row.appendChild(doc.createElement('span'));
      time.className = 'message_time';
      time.textContent = '10:21:07';
      scroll.appendChild(row);
    }
    return doc;
  };
  for (const n of [20, 200]) {
    const doc = thread(n);
    add(
      `read a console thread of ${n} messages (jsdom)`,
      measure(() => {
        const reading = readConsole(doc, adapter);
        if (reading.status !== 'ok' || reading.messages.length !== n) throw new Error('reader: thread not read');
      }),
      'ms',
    );
  }
}

console.log(table(rows));
