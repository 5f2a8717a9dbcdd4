import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvIssue, type CsvRow, CsvTokenizer, sniffDelimiter } from './csv';
import { RowEndScanner } from './row-ends';

function tokenize(pieces: readonly string[], delimiter?: string): { rows: CsvRow[]; issues: CsvIssue[] } {
  const t = new CsvTokenizer({ delimiter });
  const rows: CsvRow[] = [];
  for (const piece of pieces) rows.push(...t.push(piece));
  rows.push(...t.end());
  return { rows, issues: t.takeIssues() };
}

const fieldsOf = (text: string) => tokenize([text]).rows.map((r) => r.fields);

describe('CsvTokenizer', () => {
  it('reads plain rows with LF, CRLF and lone CR line ends alike', () => {
    const expected = [
      ['a', 'b'],
      ['1', '2'],
      ['3', ''],
    ];
    expect(fieldsOf('a,b\n1,2\n3,\n')).toEqual(expected);
    expect(fieldsOf('a,b\r\n1,2\r\n3,\r\n')).toEqual(expected);
    expect(fieldsOf('a,b\r1,2\r3,\r')).toEqual(expected);
    expect(fieldsOf('a,b\n1,2\n3,')).toEqual(expected);
  });

  it('drops a leading BOM so the first header matches', () => {
    expect(fieldsOf('\ufeff订单号,金额\n1,2')[0]).toEqual(['订单号', '金额']);
  });

  it('unescapes doubled quotes and keeps delimiters and line breaks inside quotes', () => {
    expect(fieldsOf('"say ""hi""","a,b","x\r\ny"\n')).toEqual([['say "hi"', 'a,b', 'x\r\ny']]);
  });

  it('numbers rows by the physical line they start on, counting quoted breaks', () => {
    const { rows } = tokenize(['h1,h2\r\n1,"请发顺丰\r\n谢谢\r\n"\r\n2,x\r\n\r\n3,"a\rb"\n4,y']);
    expect(rows.map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'h1'],
      [2, '1'],
      [5, '2'],
      [7, '3'],
      [9, '4'],
    ]);
  });

  it('unwraps Excel text guards ="…" so long ids keep every digit', () => {
    expect(fieldsOf('="2900012345678901",="",x\n')).toEqual([['2900012345678901', '', 'x']]);
    // An `=` that does not open a quote is ordinary text.
    expect(fieldsOf('=SUM(A1),a=b\n')).toEqual([['=SUM(A1)', 'a=b']]);
  });

  it('keeps stray quotes literally and warns once per value', () => {
    const { rows, issues } = tokenize(['a,b\n5寸"大"号,"他说"好的"就行"\n']);
    expect(rows[1]!.fields).toEqual(['5寸"大"号', '他说"好的"就行']);
    expect(issues).toEqual([
      { code: 'import_strayQuote', severity: 'warning', line: 2, column: 1 },
      { code: 'import_strayQuote', severity: 'warning', line: 2, column: 2 },
    ]);
  });

  it('reports an unterminated quote at the line and column where it opened, keeping earlier rows', () => {
    const { rows, issues } = tokenize(['a,b,c\n1,2,3\n4,"never\nclosed,5\n6,7,8\n']);
    expect(rows.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(issues).toEqual([{ code: 'import_unterminatedQuote', severity: 'error', line: 3, column: 2 }]);
  });

  it('skips blank lines but counts them', () => {
    const { rows } = tokenize(['a\n\n\r\nb\n']);
    expect(rows.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a']],
      [4, ['b']],
    ]);
  });

  it('uses the delimiter it is given', () => {
    expect(tokenize(['a\tb,c\n"x\ty"\t2\n'], '\t').rows.map((r) => r.fields)).toEqual([
      ['a', 'b,c'],
      ['x\ty', '2'],
    ]);
  });

  it('gives the same rows, lines and issues however the text is cut into chunks', () => {
    const cell = fc.oneof(
      fc.constantFrom(
        '',
        'a',
        '订单',
        '59.00',
        '="2900"',
        'x"y',
        '"q""uote"',
        '"line\r\nbreak"',
        '"cr\rx"',
        '"a,b"',
        '"bad"quote"',
      ),
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(','));
    const text = fc
      .tuple(fc.array(row, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
      .map(([rows, eol, trailing]) => rows.join(eol) + (trailing ? eol : ''));
    fc.assert(
      fc.property(text, fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }), (input, sizes) => {
        const pieces: string[] = [];
        for (let at = 0, i = 0; at < input.length; i++) {
          const size = sizes[i % sizes.length]!;
          pieces.push(input.slice(at, at + size));
          at += size;
        }
        expect(tokenize(pieces)).toEqual(tokenize([input]));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same rows, lines and issues for any text however it is cut, a byte-order mark alone in the first piece included', () => {
    const unit = fc.constantFrom('a', '中', '"', '""', '=', ',', '\n', '\r', '\r\n', ' ', '\ufeff');
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }),
        (input, sizes) => {
          const pieces: string[] = [];
          for (let at = 0, i = 0; at < input.length; i++) {
            const size = sizes[i % sizes.length]!;
            pieces.push(input.slice(at, at + size));
            at += size;
          }
          expect(tokenize(pieces)).toEqual(tokenize([input]));
        },
      ),
      { numRuns: 2000 },
    );
    expect(tokenize(['\ufeff', '\ufeffa,b\n']).rows[0]!.fields).toEqual(['\ufeffa', 'b']);
  });

  it('reads one long row of many values, quoted, doubled quotes and line breaks inside, cut anywhere', () => {
    const values = Array.from({ length: 3000 }, (_, i) =>
      i % 3 === 0 ? `第${i}条"备注"\r\n第二行` : i % 3 === 1 ? `="29000${i}"` : `v${i}`,
    );
    const cell = (v: string, i: number) => (i % 3 === 0 ? `"${v.replaceAll('"', '""')}"` : v);
    const text = `h\r\n${values.map(cell).join(',')}\r\nlast\r\n`;
    const pieces = text.match(/[\s\S]{1,997}/g)!;
    const { rows, issues } = tokenize(pieces);
    expect(issues).toEqual([]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 2 + 1000 + 1]);
    expect(rows[1]!.fields).toEqual(values.map((v, i) => (i % 3 === 1 ? `29000${i}` : v)));
  });

  it('keeps a row whose quoted value spans many chunks intact', () => {
    const long = '很长的留言'.repeat(2000);
    const text = `a,b\n1,"${long}\n${long}"\n2,x\n`;
    const pieces = text.match(/[\s\S]{1,1000}/g)!;
    const { rows } = tokenize(pieces);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(rows[1]!.fields[1]).toBe(`${long}\n${long}`);
  });
});

describe('sniffDelimiter', () => {
  it('picks the character that splits the header line most', () => {
    expect(sniffDelimiter('订单编号,买家会员名,订单状态\n1,2,3')).toBe(',');
    expect(sniffDelimiter('訂單編號 (單)\t買家帳號 (單)\t金額\r\n')).toBe('\t');
    expect(sniffDelimiter('Name;Email;Total\n')).toBe(';');
    expect(sniffDelimiter('单列表头')).toBe(',');
  });
});

describe('RowEndScanner', () => {
  const encoder = new TextEncoder();
  const arbText = fc.string({ unit: fc.constantFrom('a', '中', '"', '=', ',', '\t', '\n', '\r', ' '), maxLength: 80 });

  /** Scan `bytes` in pieces of the given sizes for the first row end at or after `from`. */
  function scan(bytes: Uint8Array, from: number, sizes: number[], delimiter = ',') {
    const scanner = new RowEndScanner(delimiter);
    for (let at = 0, k = 0; at < bytes.length; k++) {
      const size = Math.max(1, sizes[k % sizes.length] ?? 1);
      const found = scanner.next(bytes.subarray(at, at + size), from);
      if (found >= 0) return { at: found, line: scanner.breaks + 1 };
      at += size;
    }
    return null;
  }

  it('splits a file where reading the two parts apart gives the same rows, lines and issues as reading it whole', () => {
    fc.assert(
      fc.property(
        arbText,
        fc.nat(),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(',', '\t'),
        (text, fromSeed, sizes, delimiter) => {
          const bytes = encoder.encode(text);
          const from = bytes.length === 0 ? 0 : fromSeed % (bytes.length + 1);
          const whole = tokenize([text], delimiter);
          const split = scan(bytes, from, sizes, delimiter);
          if (split === null) return;
          expect(split.at).toBeGreaterThanOrEqual(from);
          const decoder = new TextDecoder();
          const head = new CsvTokenizer({ delimiter });
          const rows = [...head.push(decoder.decode(bytes.subarray(0, split.at))), ...head.end()];
          const tail = new CsvTokenizer({ delimiter, firstLine: split.line });
          rows.push(...tail.push(decoder.decode(bytes.subarray(split.at))), ...tail.end());
          expect(rows).toEqual(whole.rows);
          expect([...head.takeIssues(), ...tail.takeIssues()]).toEqual(whole.issues);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('finds the row end after a quoted value that spans the split point, and counts its line breaks', () => {
    const bytes = encoder.encode('id,note\n1,"a\r\nb,\n"\n2,x\r3,y\n');
    expect(scan(bytes, 10, [4])).toEqual({ at: 19, line: 5 });
    expect(scan(bytes, 21, [100])).toEqual({ at: 23, line: 6 });
    expect(scan(bytes, 30, [100])).toBeNull();
  });

  it('reads a GB18030 file the same way: no byte of a Chinese character looks like a quote or a break', () => {
    const text = '订单编号,买家会员名,备注\n="1",张三,"说""好的"",\n谢谢"\n="2",李四,无\n';
    const bytes = new Uint8Array([...text].flatMap((ch) => [...gb18030(ch)]));
    const at = scan(bytes, 30, [3]);
    expect(at).not.toBeNull();
    const decoder = new TextDecoder('gb18030');
    expect(decoder.decode(bytes.subarray(at!.at))).toBe('="2",李四,无\n');
    expect(at!.line).toBe(4);
  });
});

/** GB18030 bytes of one character, from the decoder's side (Node has no GB18030 encoder). */
function gb18030(ch: string): Uint8Array {
  if (ch.charCodeAt(0) < 0x80) return new Uint8Array([ch.charCodeAt(0)]);
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const pair = new Uint8Array([lead, trail]);
      if (decoder.decode(pair) === ch) return pair;
    }
  }
  throw new Error(`no two-byte GB18030 code for ${ch}`);
}

describe('CsvTokenizer reading only some columns', () => {
  const text = 'id,"note ""x""\nstill note",amount,"a ""stray" quote"\r\n1,"multi\nline",2.50,plain\n="007",,3,"x"\n';
  const pieces = (s: string, size: number) =>
    Array.from({ length: Math.ceil(s.length / size) }, (_, i) => s.slice(i * size, (i + 1) * size));

  it('gives the kept cells as they are, the others empty, with the same lines and issues however the text is cut', () => {
    const all = tokenize([text]);
    for (const size of [1, 2, 3, 7, text.length]) {
      const t = new CsvTokenizer();
      t.keepOnly([0, 2], 4);
      const rows: CsvRow[] = [];
      for (const piece of pieces(text, size)) rows.push(...t.push(piece));
      rows.push(...t.end());
      expect(rows.map((r) => r.line)).toEqual(all.rows.map((r) => r.line));
      expect(rows.map((r) => r.fields)).toEqual(
        all.rows.map((r) => r.fields.map((f, i) => (i === 0 || i === 2 ? f : ''))),
      );
      // The stray quote in a skipped column is still reported, where it is.
      expect(t.takeIssues()).toEqual(all.issues);
    }
  });

  it('keeps the cells past the width, so a row longer than its header can still be told from one with empty extras', () => {
    const t = new CsvTokenizer();
    t.keepOnly([0], 2);
    expect([...t.push('a,b,extra,\n'), ...t.end()].map((r) => r.fields)).toEqual([['a', '', 'extra', '']]);
  });

  it('reads every column again from the next value once told to', () => {
    const t = new CsvTokenizer();
    t.keepOnly([1], 3);
    const first = t.push('a,b,c\n');
    t.keepOnly(null);
    expect([...first, ...t.push('d,e,f\n')].map((r) => r.fields)).toEqual([
      ['', 'b', ''],
      ['d', 'e', 'f'],
    ]);
  });
});
