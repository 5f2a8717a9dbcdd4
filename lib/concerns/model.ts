import { cueKeys, gramsOf, units, type Gram } from './features';
import type { Normalized } from './normalize';

/**
 * The learned half of concern detection: one logistic regression per concern over the unit n-grams of
 * features.ts, trained at build time by scripts/train-concerns.ts on the development fixtures and the
 * default taxonomy's terms, shipped as text in model-data.ts. Nothing is fetched or trained at run time.
 *
 * The serialised form is line based so that it stays small and parses fast:
 *   line 1: JSON header {version, trainedOn, concerns, bias, threshold, keep}
 *   then one line per n-gram: `key\tc w c w …` (concern index, weight ×100 as an integer).
 */
export interface ConcernModel {
  /** Hash of what it was trained on (development fixtures, default taxonomy, trainer version). */
  readonly trainedOn: string;
  /** Concern ids, in the order of `bias`, `threshold` and the weight pairs. */
  readonly concerns: readonly string[];
  readonly bias: readonly number[];
  /** Probability at or above which the model reports a concern the rules missed (calibrated on held-apart folds). */
  readonly threshold: readonly number[];
  /** Probability below which the model overrules a concern the rules report from default rules (0: never). */
  readonly keep: readonly number[];
  /** n-gram → flat [concern, weight, concern, weight, …]. */
  readonly weights: ReadonlyMap<string, readonly number[]>;
}

export const MODEL_FORMAT_VERSION = 1;

/**
 * Besides n-grams the model reads what the rules found: `§R id` when the rules report a concern, `§W id`
 * when they hit it too weakly to report it. So it learns when a rule is right (a confirmed rule is
 * reported) and when it is not (a size word in a question about stock). No n-gram contains `§`.
 */
export const ruleFeature = (id: string) => `§R ${id}`;
export const weakRuleFeature = (id: string) => `§W ${id}`;

interface Header {
  version: number;
  trainedOn: string;
  concerns: string[];
  bias: number[];
  threshold: number[];
  keep: number[];
}

export function serializeModel(model: ConcernModel): string {
  const header: Header = {
    version: MODEL_FORMAT_VERSION,
    trainedOn: model.trainedOn,
    concerns: [...model.concerns],
    bias: [...model.bias],
    threshold: [...model.threshold],
    keep: [...model.keep],
  };
  const lines = [JSON.stringify(header)];
  for (const [key, flat] of [...model.weights].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const parts: string[] = [];
    for (let k = 0; k < flat.length; k += 2) parts.push(`${flat[k]} ${Math.round(flat[k + 1]! * 100)}`);
    lines.push(`${key}\t${parts.join(' ')}`);
  }
  return lines.join('\n');
}

export function parseModel(text: string): ConcernModel {
  const newline = text.indexOf('\n');
  const header = JSON.parse(newline < 0 ? text : text.slice(0, newline)) as Header;
  if (header.version !== MODEL_FORMAT_VERSION)
    throw new Error(`concern model: format ${header.version}, expected ${MODEL_FORMAT_VERSION}`);
  const weights = new Map<string, number[]>();
  if (newline >= 0) {
    for (const line of text.slice(newline + 1).split('\n')) {
      const tab = line.indexOf('\t');
      if (tab <= 0) continue;
      const nums = line
        .slice(tab + 1)
        .split(' ')
        .map(Number);
      for (let k = 1; k < nums.length; k += 2) nums[k] = nums[k]! / 100;
      weights.set(line.slice(0, tab), nums);
    }
  }
  return {
    trainedOn: header.trainedOn,
    concerns: header.concerns,
    bias: header.bias,
    threshold: header.threshold,
    keep: header.keep,
    weights,
  };
}

/** What the model says about one message. */
export interface ModelReading {
  /** Probability per model concern. */
  probability: Float64Array;
  /** Per model concern, the n-gram that pushed hardest towards it (null when none pushed). */
  evidence: (Gram | null)[];
}

/**
 * Reads the whole message and, when it has several sentences, each sentence alone, and keeps per concern
 * the highest probability: a linear model reads the words of one topic as evidence against another, so
 * "是正品吗？能便宜点吗？" must not let the price question talk the authenticity question down.
 * `extra(start, end)`: the rule features (ruleFeature, weakRuleFeature) of that stretch of normalised text.
 */
export function readMessage(
  model: ConcernModel,
  norm: Normalized,
  extra: (start: number, end: number) => readonly string[] = () => [],
): ModelReading {
  const n = model.concerns.length;
  const probability = new Float64Array(n);
  const evidence: (Gram | null)[] = new Array<Gram | null>(n).fill(null);
  const runs = units(norm);
  const parts = runs.length > 1 ? [runs, ...runs.map((run) => [run])] : [runs];
  for (const part of parts) {
    const first = part[0]?.[0];
    const last = part[part.length - 1];
    const start = first ? first.start : 0;
    const end = last && last.length > 0 ? last[last.length - 1]!.end : norm.text.length;
    const whole = part === runs;
    const cues = cueKeys(whole ? norm.text : norm.text.slice(start, end));
    const read = readPart(model, gramsOf(part), [...(whole ? extra(0, norm.text.length) : extra(start, end)), ...cues]);
    for (let c = 0; c < n; c++) {
      if (read.probability[c]! > probability[c]!) {
        probability[c] = read.probability[c]!;
        evidence[c] = read.evidence[c] ?? evidence[c]!;
      }
    }
  }
  return { probability, evidence };
}

function readPart(model: ConcernModel, grams: Gram[], extra: readonly string[]): ModelReading {
  const n = model.concerns.length;
  const logit = Float64Array.from(model.bias);
  for (const key of extra) {
    const flat = model.weights.get(key);
    if (flat) for (let k = 0; k < flat.length; k += 2) logit[flat[k]!] = logit[flat[k]!]! + flat[k + 1]!;
  }
  const best = new Float64Array(n);
  const evidence: (Gram | null)[] = new Array<Gram | null>(n).fill(null);
  const seen = new Set<string>();
  for (const gram of grams) {
    if (seen.has(gram.key)) continue;
    seen.add(gram.key);
    const flat = model.weights.get(gram.key);
    if (!flat) continue;
    for (let k = 0; k < flat.length; k += 2) {
      const c = flat[k]!;
      const w = flat[k + 1]!;
      logit[c] = logit[c]! + w;
      if (w > best[c]!) {
        best[c] = w;
        evidence[c] = gram;
      }
    }
  }
  const probability = logit.map((z) => 1 / (1 + Math.exp(-z)));
  return { probability, evidence };
}
