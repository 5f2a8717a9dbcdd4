// Detection on the development fixtures (tests/fixtures/concerns/: every *.jsonl but heldout-*), which the
// rules were written against and the learned model was trained on. These floors catch a taxonomy, rule or
// model change that breaks what already worked; they say little about new phrasing. How well the detector
// does on messages it has never seen is what `npm run bench:concerns` prints for the held-out set, which
// no unit test reads.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { developmentFiles, trainingHash } from '../../scripts/train-concerns';
import { compileTaxonomy } from './compile';
import { defaultModel } from './default-model';
import { DEFAULT_CONCERN_IDS, defaultTaxonomy } from './defaults/index';
import { evaluate, formatEvaluation, LabelledMessageSchema, type LabelledMessage } from './evaluate';

const DIR = new URL('../../tests/fixtures/concerns/', import.meta.url);

function load(name: string): LabelledMessage[] {
  return readFileSync(new URL(name, DIR), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => LabelledMessageSchema.parse(JSON.parse(line)));
}

const files = developmentFiles();
const dev = files.flatMap(load);
const full = compileTaxonomy(defaultTaxonomy());
const rulesOnly = compileTaxonomy(defaultTaxonomy(), { model: null });

describe('concern development set', () => {
  it('reads every fixture file except the held-out set', () => {
    const all = readdirSync(DIR).filter((f) => f.endsWith('.jsonl'));
    expect(files.some((f) => f.startsWith('heldout-'))).toBe(false);
    expect(files.length).toBe(all.filter((f) => !f.startsWith('heldout-')).length);
  });

  it('is large and varied enough to measure anything, with known concern ids only', () => {
    expect(dev.length).toBeGreaterThanOrEqual(1500);
    expect(dev.filter((m) => m.concerns.length === 0).length).toBeGreaterThanOrEqual(200);
    expect(dev.filter((m) => m.lang === 'zh-TW').length).toBeGreaterThanOrEqual(150);
    expect(dev.filter((m) => m.lang === 'en').length).toBeGreaterThanOrEqual(150);
    expect(dev.filter((m) => m.concerns.length >= 2).length).toBeGreaterThanOrEqual(80);
    for (const id of DEFAULT_CONCERN_IDS)
      expect(dev.filter((m) => m.concerns.includes(id)).length, id).toBeGreaterThanOrEqual(40);
    const known = new Set<string>(DEFAULT_CONCERN_IDS);
    for (const m of dev) for (const id of m.concerns) expect(known.has(id), `${id} in "${m.text}"`).toBe(true);
  });

  it('keeps the rules and the rules with the learned model above their floors, per concern and micro-averaged', () => {
    const withModel = evaluate(dev, full);
    const rules = evaluate(dev, rulesOnly);
    console.log(formatEvaluation('development set, rules and learned model', withModel));
    console.log(formatEvaluation('development set, rules alone', rules));
    expect(rules.micro.precision).toBeGreaterThanOrEqual(0.9);
    expect(rules.micro.recall).toBeGreaterThanOrEqual(0.88);
    expect(withModel.micro.precision).toBeGreaterThanOrEqual(0.9);
    expect(withModel.micro.recall).toBeGreaterThanOrEqual(0.92);
    for (const id of DEFAULT_CONCERN_IDS) {
      expect(withModel.perConcern[id]!.precision, `${id} precision`).toBeGreaterThanOrEqual(0.8);
      expect(withModel.perConcern[id]!.recall, `${id} recall`).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('finds nothing in most messages labelled as having no concern (praise, closings, chit-chat)', () => {
    const quiet = dev.filter((m) => m.concerns.length === 0);
    expect(evaluate(quiet, full).errors.length / quiet.length).toBeLessThanOrEqual(0.1);
  });

  it('ships a model trained on the current fixtures and default taxonomy (else run npx tsx scripts/train-concerns.ts)', () => {
    expect(defaultModel().trainedOn).toBe(trainingHash());
    expect([...defaultModel().concerns]).toEqual([...DEFAULT_CONCERN_IDS]);
  });

  // The time per message is printed by `npm run bench:domain` and `npm run bench:concerns`.
});
