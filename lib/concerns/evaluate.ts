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
}

export interface Evaluation {
  messages: number;
  perConcern: Record<string, Counts>;
  micro: Counts;
  /** Messages where detection and label disagree. */
  errors: { text: string; missed: string[]; extra: string[] }[];
}

function finish(c: { tp: number; fp: number; fn: number }): Counts {
  return { ...c, precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp), recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn) };
}

/** Precision and recall per concern and micro-averaged, so supervisors can check a taxonomy edit against examples. */
export function evaluate(messages: LabelledMessage[], matcher: ConcernMatcher): Evaluation {
  const raw = new Map<string, { tp: number; fp: number; fn: number }>(matcher.concerns.map((c) => [c.id, { tp: 0, fp: 0, fn: 0 }]));
  const micro = { tp: 0, fp: 0, fn: 0 };
  const errors: Evaluation['errors'] = [];
  for (const message of messages) {
    const found = new Set(detect(message.text, matcher).map((d) => d.concern));
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
  return { messages: messages.length, perConcern, micro: finish(micro), errors };
}

/** A fixed-width text table of an evaluation. */
export function formatEvaluation(title: string, ev: Evaluation): string {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(6);
  const row = (name: string, c: Counts) =>
    `${name.padEnd(14)} ${pct(c.precision)} ${pct(c.recall)} ${String(c.tp).padStart(4)} ${String(c.fp).padStart(4)} ${String(c.fn).padStart(4)}`;
  return [
    `${title} (${ev.messages} messages)`,
    `${'concern'.padEnd(14)} ${'P%'.padStart(6)} ${'R%'.padStart(6)} ${'tp'.padStart(4)} ${'fp'.padStart(4)} ${'fn'.padStart(4)}`,
    ...Object.entries(ev.perConcern).map(([id, c]) => row(id, c)),
    row('micro', ev.micro),
  ].join('\n');
}
