// Concern-detection quality and speed in Node. Prints, for each held-out set (tests/fixtures/concerns/
// heldout-*.jsonl, A by the rules' writer, B heldout-b-* and C heldout-c-* by separate ones: never used to tune) and the development
// set (everything else in that folder), precision/recall/F1 per concern, micro and macro; then the time
// one message takes (p50/p95). Prints figures only; nothing asserts on them.
// Run: npm run bench:concerns [-- --errors] [-- --rules-only] [-- --dev-only]
//   --errors      lists the development set's misses and false alarms (the held-out set's are never printed,
//                 so nobody tunes on them)
//   --rules-only  the rules without the learned model
//   --dev-only    skips the held-out set (for working on the rules without glancing at it)
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { compileTaxonomy } from '../../lib/concerns/compile';
import { defaultTaxonomy } from '../../lib/concerns/defaults/index';
import { detect } from '../../lib/concerns/detect';
import { evaluate, formatEvaluation, LabelledMessageSchema, type LabelledMessage } from '../../lib/concerns/evaluate';

const DIR = new URL('../../tests/fixtures/concerns/', import.meta.url);
const args = new Set(process.argv.slice(2));

function load(name: string): LabelledMessage[] {
  return readFileSync(new URL(name, DIR), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = LabelledMessageSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${name}:${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.jsonl'))
  .sort();
const heldFiles = files.filter((f) => f.startsWith('heldout-'));
const devFiles = files.filter((f) => !f.startsWith('heldout-'));
const held = heldFiles.flatMap((f) => load(f).map((m) => ({ ...m, file: f })));
const dev = devFiles.flatMap(load);

let t0 = performance.now();
const matcher = compileTaxonomy(defaultTaxonomy(), args.has('--rules-only') ? { model: null } : {});
const compileMs = performance.now() - t0;
const rulesOnly = compileTaxonomy(defaultTaxonomy(), { model: null });
const what = args.has('--rules-only') ? 'rules alone' : 'rules and learned model';
const microLine = (label: string, e: ReturnType<typeof evaluate>) =>
  `  ${label.padEnd(24)} n=${String(e.messages).padStart(4)}  P ${(e.micro.precision * 100).toFixed(1)}  R ${(e.micro.recall * 100).toFixed(1)}  F1 ${(e.micro.f1 * 100).toFixed(1)}`;

function heldOut(): void {
  // A held-out message that also sits in the development set would be tuned on: say so loudly.
  const devTexts = new Set(dev.map((m) => m.text.trim()));
  const shared = held.filter((m) => devTexts.has(m.text.trim()));
  if (shared.length > 0) console.log(`WARNING: ${shared.length} held-out messages are also development messages`);

  // Each held-out set on its own (A: heldout-*.jsonl by the rules' writer; B heldout-b-*.jsonl and C
  // heldout-c-*.jsonl, each by a separate writer), then all together.
  const setOf = (file: string) => /^heldout-([bc])-/.exec(file)?.[1]?.toUpperCase() ?? 'A';
  const sets = ['A', 'B', 'C']
    .map((name) => ({ name: `held-out ${name}`, list: held.filter((m) => setOf(m.file) === name) }))
    .filter((set) => set.list.length > 0);
  for (const set of sets) {
    const files = [...new Set(set.list.map((m) => m.file))];
    console.log(formatEvaluation(`${set.name}, ${what}: ${files.join(', ')}`, evaluate(set.list, matcher)));
    if (!args.has('--rules-only')) console.log(microLine('rules alone', evaluate(set.list, rulesOnly)));
    console.log('');
  }
  if (sets.length > 1) {
    console.log(microLine('all held-out sets', evaluate(held, matcher)));
    if (!args.has('--rules-only')) console.log(microLine('all, rules alone', evaluate(held, rulesOnly)));
  }
  console.log('\nheld-out micro by file and language');
  const groups = new Map<string, LabelledMessage[]>();
  for (const m of held) {
    for (const key of [m.file, `lang ${m.lang}`]) {
      const list = groups.get(key) ?? [];
      list.push(m);
      groups.set(key, list);
    }
  }
  for (const [key, list] of [...groups].sort()) console.log(microLine(key, evaluate(list, matcher)));
  const quiet = held.filter((m) => m.concerns.length === 0);
  const alarms = quiet.filter((m) => detect(m.text, matcher).length > 0).length;
  console.log(`  messages labelled with no concern: ${quiet.length}, of which flagged: ${alarms}`);
}

if (!args.has('--dev-only')) heldOut();

const devEval = evaluate(dev, matcher);
console.log(
  `\n${formatEvaluation(`development, ${what} (the model was trained on these): ${devFiles.join(', ')}`, devEval)}`,
);
if (args.has('--errors')) {
  console.log('\ndevelopment errors (-missed +extra)');
  for (const e of devEval.errors) console.log(`  ${e.text}  -[${e.missed}] +[${e.extra}]`);
}

// Speed: every message of both sets, each timed on its own, after a warm-up.
const texts = [...held, ...dev].map((m) => m.text);
for (let k = 0; k < 3; k++) for (const text of texts) detect(text, matcher);
const REPEAT = 20;
const perMessage: number[] = [];
for (const text of texts) {
  t0 = performance.now();
  for (let k = 0; k < REPEAT; k++) detect(text, matcher);
  perMessage.push((performance.now() - t0) / REPEAT);
}
perMessage.sort((a, b) => a - b);
const q = (p: number) => perMessage[Math.min(perMessage.length - 1, Math.floor(p * perMessage.length))]!;
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
console.log(`\nspeed (Node ${process.version}, ${texts.length} messages × ${REPEAT})`);
console.log(`  compile taxonomy: ${compileMs.toFixed(1)} ms`);
console.log(
  `  detect per message: p50 ${us(q(0.5))}  p95 ${us(q(0.95))}  max ${us(perMessage[perMessage.length - 1]!)}`,
);
