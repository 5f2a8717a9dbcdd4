import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvIssue, type CsvRow, CsvTokenizer, sniffDelimiter } from './csv';

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
    const expected = [['a', 'b'], ['1', '2'], ['3', '']];
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
    expect(rows.map((r) => [r.line, r.fields[0]])).toEqual([[1, 'h1'], [2, '1'], [5, '2'], [7, '3'], [9, '4']]);
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
    expect(rows.map((r) => r.fields)).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(issues).toEqual([{ code: 'import_unterminatedQuote', severity: 'error', line: 3, column: 2 }]);
  });

  it('skips blank lines but counts them', () => {
    const { rows } = tokenize(['a\n\n\r\nb\n']);
    expect(rows.map((r) => [r.line, r.fields])).toEqual([[1, ['a']], [4, ['b']]]);
  });

  it('uses the delimiter it is given', () => {
    expect(tokenize(['a\tb,c\n"x\ty"\t2\n'], '\t').rows.map((r) => r.fields)).toEqual([['a', 'b,c'], ['x\ty', '2']]);
  });

  it('gives the same rows, lines and issues however the text is cut into chunks', () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'a', '订单', '59.00', '="2900"', 'x"y', '"q""uote"', '"line\r\nbreak"', '"cr\rx"', '"a,b"', '"bad"quote"'),
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
