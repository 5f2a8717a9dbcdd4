import { describe, expect, it } from 'vitest';
import { BackupJsonError, BackupJsonReader } from './backup-json';

/** Everything the reader hands over for a text cut into pieces of `size` characters. */
function read(text: string, size = text.length) {
  const members: Record<string, unknown> = {};
  const rows: [string, unknown, number][] = [];
  const reader = new BackupJsonReader({
    member: (k, v) => void (members[k] = v),
    row: (t, v, i) => void rows.push([t, v, i]),
  });
  for (let at = 0; at < text.length; at += size) reader.push(text.slice(at, at + size));
  reader.end();
  return { members, rows };
}

function error(text: string, size?: number): BackupJsonError {
  try {
    read(text, size);
  } catch (e) {
    if (e instanceof BackupJsonError) return e;
    throw e;
  }
  throw new Error('read without error');
}

describe('reading a backup as it arrives', () => {
  const text =
    '\uFEFF{ "manifest" : {"a":[1,2]},\r\n "tables" : { "notes" : [ {"t":"a ] } [ \\" \\\\"} , {"t":"二"} ] ,"empty":[] },\n"n": -1.5e3, "ok": true, "none": null }\n';

  it('hands over the members and each row, whatever the pieces, key order and spacing', () => {
    const whole = read(text);
    expect(whole.members).toEqual({ manifest: { a: [1, 2] }, n: -1500, ok: true, none: null });
    expect(whole.rows).toEqual([
      ['notes', { t: 'a ] } [ " \\' }, 0],
      ['notes', { t: '二' }, 1],
    ]);
    for (const size of [1, 2, 3, 7]) expect(read(text, size)).toEqual(whole);
  });

  it('says where the text stops being a backup', () => {
    expect(error('{"a":1}\n{"b":2}')).toMatchObject({ kind: 'syntax', line: 2, column: 1 });
    expect(error('{"a":1,\n  "tables":{"x":[{"t":1}\n  {"t":2}]}}', 4)).toMatchObject({
      kind: 'syntax',
      line: 3,
      column: 3,
    });
    expect(error('{"a":1,\n"b":[1,2', 3)).toMatchObject({ kind: 'truncated', line: 2, column: 9 });
    expect(error('{"a":tru}')).toMatchObject({ kind: 'syntax', line: 1, column: 6 });
    expect(error('{"tables":[]}')).toMatchObject({ kind: 'shape' });
    expect(error('{"tables":{"x":{}}}')).toMatchObject({ kind: 'shape' });
    expect(error('[]')).toMatchObject({ kind: 'shape' });
  });

  it('refuses nesting past its limit as soon as it meets it', () => {
    expect(error(`{"a":${'['.repeat(64)}`)).toMatchObject({ kind: 'tooDeep', line: 1, column: 5 + 64 });
    expect(read(`{"a":${'['.repeat(63)}${']'.repeat(63)}}`).members.a).toBeDefined();
  });
});
