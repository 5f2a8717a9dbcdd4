import { z } from 'zod';
import { LocaleSchema } from '../schemas/common';
import type { ConcernMatcher } from './compile';
import { detect } from './detect';

/** A buyer message with the concerns a person says it raises: the corpus format, one JSON object a line. */
export const LabelledMessageSchema = z.object({
  text: z.string(),
  concerns: z.array(z.string()),
  lang: LocaleSchema,
});
export type LabelledMessage = z.infer<typeof LabelledMessageSchema>;

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  /** 1 when nothing was predicted (no false alarm was raised). */
  precision: number;
  /** 1 when there was nothing to find. */
  recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  f1: number;
}

export interface Evaluation {
  messages: number;
  perConcern: Record<string, Counts>;
  micro: Counts;
  /** Unweighted mean of the per-concern figures, over concerns the labels or the detector mention. */
  macro: { precision: number; recall: number; f1: number };
  /** Messages where detection and label disagree. */
  errors: { text: string; missed: string[]; extra: string[] }[];
}

function finish(c: { tp: number; fp: number; fn: number }): Counts {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  return {
    ...c,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
}

/** Concern ids a detector finds in one message; `detect` with the matcher unless given. */
export type Detector = (text: string) => Iterable<string>;

/** Precision and recall per concern and micro-averaged, so supervisors can check a taxonomy edit against examples. */
export function evaluate(messages: LabelledMessage[], matcher: ConcernMatcher, detector?: Detector): Evaluation {
  const run: Detector = detector ?? ((text) => detect(text, matcher).map((d) => d.concern));
  const raw = new Map<string, { tp: number; fp: number; fn: number }>(
    matcher.concerns.map((c) => [c.id, { tp: 0, fp: 0, fn: 0 }]),
  );
  const micro = { tp: 0, fp: 0, fn: 0 };
  const errors: Evaluation['errors'] = [];
  for (const message of messages) {
    const found = new Set(run(message.text));
    const wanted = new Set(message.concerns);
    const missed: string[] = [];
    const extra: string[] = [];
    for (const id of new Set([...found, ...wanted])) {
      let counts = raw.get(id);
      if (!counts) raw.set(id, (counts = { tp: 0, fp: 0, fn: 0 }));
      const key = found.has(id) ? (wanted.has(id) ? 'tp' : 'fp') : 'fn';
      counts[key]++;
      micro[key]++;
      if (key === 'fp') extra.push(id);
      if (key === 'fn') missed.push(id);
    }
    if (missed.length || extra.length) errors.push({ text: message.text, missed, extra });
  }
  const perConcern: Record<string, Counts> = {};
  for (const [id, c] of raw) perConcern[id] = finish(c);
  const seen = Object.values(perConcern).filter((c) => c.tp + c.fp + c.fn > 0);
  const mean = (pick: (c: Counts) => number) =>
    seen.length === 0 ? 1 : seen.reduce((s, c) => s + pick(c), 0) / seen.length;
  return {
    messages: messages.length,
    perConcern,
    micro: finish(micro),
    macro: { precision: mean((c) => c.precision), recall: mean((c) => c.recall), f1: mean((c) => c.f1) },
    errors,
  };
}

/** A fixed-width text table of an evaluation. */
export function formatEvaluation(title: string, ev: Evaluation): string {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(6);
  const num = (x: number | string) => String(x).padStart(4);
  const row = (name: string, c: Counts) =>
    `${name.padEnd(14)} ${pct(c.precision)} ${pct(c.recall)} ${pct(c.f1)} ${num(c.tp)} ${num(c.fp)} ${num(c.fn)}`;
  return [
    `${title} (${ev.messages} messages)`,
    `${'concern'.padEnd(14)} ${'P%'.padStart(6)} ${'R%'.padStart(6)} ${'F1%'.padStart(6)} ${num('tp')} ${num('fp')} ${num('fn')}`,
    ...Object.entries(ev.perConcern).map(([id, c]) => row(id, c)),
    row('micro', ev.micro),
    `${'macro'.padEnd(14)} ${pct(ev.macro.precision)} ${pct(ev.macro.recall)} ${pct(ev.macro.f1)}`,
  ].join('\n');
}
