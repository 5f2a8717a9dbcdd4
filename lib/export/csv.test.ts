import { describe, expect, it } from 'vitest';
import { csvCell, csvChunks, UTF8_BOM } from './csv';

describe('csv export', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const evil of ['=HYPERLINK("http://x","点我")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd', '＝1+1']) {
      const cell = csvCell(evil);
      expect(cell.replace(/^"/, '').startsWith("'"), evil).toBe(true);
    }
  });

  it('keeps numbers, including negatives, as numbers', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('quotes commas, quotes and line breaks so a cell stays one cell', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('他说"好"')).toBe('"他说""好"""');
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
  });

  it('starts with a BOM and ends every row with CRLF', () => {
    const text = [
      ...csvChunks(
        ['买家', '金额'],
        [
          ['小鱼', 12],
          ['晴天', -3],
        ],
        1,
      ),
    ].join('');
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text.slice(1)).toBe('买家,金额\r\n小鱼,12\r\n晴天,-3\r\n');
  });
});
