// The shipped model records a hash of what it was trained from (lib/concerns/corpus.test.ts compares it): any
// change that changes training must change that hash, or a stale model ships with a green suite.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { singleQuoted, trainingHash, trainingInputs, type TrainingInput } from './train-concerns';

const inputs = trainingInputs();
const names = inputs.map((i) => i.name);

function withEdit(name: string, edit: (text: string) => string): TrainingInput[] {
  expect(names, `${name} is a training input`).toContain(name);
  return inputs.map((i) => (i.name === name ? { name, text: edit(i.text) } : i));
}

describe('training hash (when lib/concerns/model-data.ts is stale)', () => {
  it('reads the trainer, the concern code that shapes training and every development fixture, never a held-out one', () => {
    for (const name of [
      'scripts/train-concerns.ts',
      'lib/concerns/markers.ts',
      'lib/concerns/defaults/yields.ts',
      'lib/concerns/defaults/index.ts',
      'lib/concerns/defaults/product.ts',
      'lib/concerns/defaults/service.ts',
      'lib/concerns/features.ts',
      'lib/concerns/normalize.ts',
      'lib/concerns/detect.ts',
      'tests/fixtures/concerns/corpus.jsonl',
      'tests/fixtures/concerns/dev-w4-sea.jsonl',
    ])
      expect(names).toContain(name);
    expect(names.filter((n) => n.includes('heldout-'))).toEqual([]);
    expect(names.filter((n) => n.endsWith('.test.ts') || n.endsWith('model-data.ts'))).toEqual([]);
  });

  it('is the same for the same inputs', () => {
    expect(trainingHash(inputs)).toBe(trainingHash(trainingInputs()));
    expect(trainingHash()).toBe(trainingHash(inputs));
  });

  it.each([
    ['a clause marker', 'lib/concerns/markers.ts', (t: string) => t.replace("'是不是',", "'是不是',\n  '是否',")],
    [
      'a yield',
      'lib/concerns/defaults/yields.ts',
      (t: string) => t.replace("'换一个',", "'换一个',\n      '换个新的',"),
    ],
    ['a default taxonomy term', 'lib/concerns/defaults/product.ts', (t: string) => `${t}\n// 尺寸\n`],
    [
      'a typo in the taxonomy defaults',
      'lib/concerns/defaults/index.ts',
      (t: string) => t.replace("'尺吗',", "'尺吗', '尺妈',"),
    ],
    [
      'a development fixture line',
      'tests/fixtures/concerns/dev-w4-sea.jsonl',
      (t: string) => t.replace('"concerns": [', '"concerns": ["price", '),
    ],
    ['the trainer', 'scripts/train-concerns.ts', (t: string) => t.replace('l2: 0.1,', 'l2: 0.2,')],
  ])('changes when %s changes', (_what, name, edit) => {
    const changed = withEdit(name, edit);
    expect(changed.find((i) => i.name === name)!.text).not.toBe(inputs.find((i) => i.name === name)!.text);
    expect(trainingHash(changed)).not.toBe(trainingHash(inputs));
  });

  it('changes when a development fixture is added or removed', () => {
    const extra = {
      name: 'tests/fixtures/concerns/dev-new.jsonl',
      text: '{"text":"有货吗","concerns":["stock"],"lang":"zh-CN"}\n',
    };
    expect(trainingHash([...inputs, extra])).not.toBe(trainingHash(inputs));
    expect(trainingHash(inputs.filter((i) => i.name !== 'tests/fixtures/concerns/corpus.jsonl'))).not.toBe(
      trainingHash(inputs),
    );
  });
});

describe('the written model file', () => {
  it('holds the model text in a single-quoted literal that reads back exactly (as Prettier formats it)', () => {
    const text = '{"a":"b\\c"}\n尺码\t0 1\nit\'s\u2028';
    const literal = singleQuoted(text);
    expect(literal.startsWith("'")).toBe(true);
    expect(literal).not.toContain('\\"');
    expect(runInNewContext(literal)).toBe(text);
  });
});
