// Detection quality on a hand-written corpus of buyer messages (tests/fixtures/concerns/corpus.jsonl).
// Every 5th line (index % 5 === 4) is the held-out test part; the rest is the dev part used while
// writing rules. Tables are printed so a change to the taxonomy shows its effect.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileTaxonomy } from './compile';
import { DEFAULT_CONCERN_IDS, defaultTaxonomy } from './defaults/index';
import { evaluate, formatEvaluation, LabelledMessageSchema, type LabelledMessage } from './evaluate';

function load(name: string): LabelledMessage[] {
  const text = readFileSync(new URL(`../../tests/fixtures/concerns/${name}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => LabelledMessageSchema.parse(JSON.parse(line)));
}

const corpus = load('corpus.jsonl');
const dev = corpus.filter((_, i) => i % 5 !== 4);
const test = corpus.filter((_, i) => i % 5 === 4);
const matcher = compileTaxonomy(defaultTaxonomy());

describe('concern corpus', () => {
  it('is large and varied enough to measure anything', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(350);
    expect(corpus.filter((m) => m.concerns.length === 0).length).toBeGreaterThanOrEqual(60);
    expect(corpus.filter((m) => m.lang === 'zh-TW').length).toBeGreaterThanOrEqual(40);
    expect(corpus.filter((m) => m.lang === 'en').length).toBeGreaterThanOrEqual(40);
    expect(corpus.filter((m) => m.concerns.length >= 2).length).toBeGreaterThanOrEqual(30);
    for (const id of DEFAULT_CONCERN_IDS) {
      expect(corpus.filter((m) => m.concerns.includes(id)).length, id).toBeGreaterThanOrEqual(12);
    }
    const known = new Set<string>(DEFAULT_CONCERN_IDS);
    for (const m of corpus) for (const id of m.concerns) expect(known.has(id), `${id} in "${m.text}"`).toBe(true);
    expect(new Set(corpus.map((m) => m.text)).size).toBe(corpus.length);
  });

  it('meets precision and recall floors on the whole corpus, per concern and micro-averaged', () => {
    const full = evaluate(corpus, matcher);
    console.log(formatEvaluation('full corpus', full));
    console.log(formatEvaluation('dev part', evaluate(dev, matcher)));
    if (full.errors.length) console.log(full.errors.map((e) => `${e.text}  -[${e.missed}] +[${e.extra}]`).join('\n'));
    expect(full.micro.precision).toBeGreaterThanOrEqual(0.9);
    expect(full.micro.recall).toBeGreaterThanOrEqual(0.85);
    for (const id of DEFAULT_CONCERN_IDS) {
      expect(full.perConcern[id]!.precision, `${id} precision`).toBeGreaterThanOrEqual(0.7);
      expect(full.perConcern[id]!.recall, `${id} recall`).toBeGreaterThanOrEqual(0.7);
    }
  });

  it('holds up on the held-out part', () => {
    const held = evaluate(test, matcher);
    console.log(formatEvaluation('held-out test part', held));
    expect(held.micro.precision).toBeGreaterThanOrEqual(0.85);
    expect(held.micro.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('reports messages written after the rules, and keeps them from regressing', () => {
    // unseen-2 was never used to tune rules: its numbers estimate quality on new phrasing (see the fixtures README).
    const first = evaluate(load('unseen-1.jsonl'), matcher);
    const second = evaluate(load('unseen-2.jsonl'), matcher);
    console.log(formatEvaluation('unseen-1 (used for tuning since)', first));
    console.log(formatEvaluation('unseen-2 (never tuned on)', second));
    expect(first.micro.precision).toBeGreaterThanOrEqual(0.9);
    expect(first.micro.recall).toBeGreaterThanOrEqual(0.85);
    expect(second.micro.precision).toBeGreaterThanOrEqual(0.8);
    expect(second.micro.recall).toBeGreaterThanOrEqual(0.55);
  });

  it('finds nothing in the messages labelled as having no concern, most of the time', () => {
    const quiet = corpus.filter((m) => m.concerns.length === 0);
    const falseAlarms = evaluate(quiet, matcher).errors;
    expect(falseAlarms.length / quiet.length).toBeLessThanOrEqual(0.1);
  });

  // The time per message is printed by `npm run bench:domain`.
});
