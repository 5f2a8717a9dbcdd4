import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR } from '../../scripts/fixtures/make-export-fixtures';
import { EXPORT_FIXTURES } from '../../tests/fixtures/export-fixtures';
import { CsvTokenizer, sniffDelimiter } from './csv';
import { createDecoder, detectEncoding, HEAD_BYTES } from './encoding';
import { trimHeaders } from './formats/detect';
import { previewSource } from './preview';
import { sourceFromBytes } from './source';

/** What the mapping editor should show: the header and the first rows of the file's first 64 KiB, split whole. */
function expected(bytes: Uint8Array, sampleRows = 5) {
  const head = bytes.subarray(0, HEAD_BYTES);
  const { encoding } = detectEncoding(head);
  const text = createDecoder(encoding).decode(head);
  const tokenizer = new CsvTokenizer({ delimiter: sniffDelimiter(text) });
  const rows = tokenizer.push(text);
  if (bytes.length < HEAD_BYTES) rows.push(...tokenizer.end());
  return {
    encoding,
    headers: trimHeaders(rows[0]?.fields ?? []),
    sample: rows.slice(1, 1 + sampleRows).map((r) => r.fields),
  };
}

describe('the preview of a file before it is imported', () => {
  for (const [path] of EXPORT_FIXTURES) {
    it(`shows the header and first rows of ${path}, however the file comes in chunks`, async () => {
      const bytes = new Uint8Array(readFileSync(join(FIXTURE_DIR, path)));
      for (const sizes of [[64 * 1024], [7], [1000, 3]]) {
        const preview = await previewSource(sourceFromBytes(path, bytes, sizes));
        expect({ encoding: preview.encoding, headers: preview.headers, sample: preview.sample }).toEqual(
          expected(bytes),
        );
      }
    });
  }

  it('reads a header wider than a step and rows with long quoted notes, line breaks and all', async () => {
    const headers = ['买家会员名', '订单编号', ...Array.from({ length: 400 }, (_, i) => `自定义字段${i}`)];
    const row = (i: number) =>
      [
        `买家${i}`,
        `="${1000 + i}"`,
        ...headers.slice(2).map((_, k) => (k === 7 ? `"备注${'很长'.repeat(3000)}\n第二行"` : `值${k}`)),
      ].join(',');
    const text = [headers.join(','), ...Array.from({ length: 8 }, (_, i) => row(i))].join('\r\n') + '\r\n';
    const bytes = new TextEncoder().encode(text);
    const preview = await previewSource(sourceFromBytes('wide.csv', bytes));
    expect(preview.headers).toEqual(headers);
    expect(preview.sample).toEqual(expected(bytes).sample);
    expect(preview.sample[0]?.[9]).toBe(`备注${'很长'.repeat(3000)}\n第二行`);
  });

  it('shows every row of a short file, the last one without a line break after it', async () => {
    const bytes = new TextEncoder().encode('客户,金额\n王芳,10.00\n李雷,20.00');
    const preview = await previewSource(sourceFromBytes('short.csv', bytes));
    expect(preview.headers).toEqual(['客户', '金额']);
    expect(preview.sample).toEqual([
      ['王芳', '10.00'],
      ['李雷', '20.00'],
    ]);
  });

  it("shows a workbook's header, detected format and first rows, as the CSV of the same data", async () => {
    for (const [xlsx, csv] of [
      ['Order.all.20251001_20251031.xlsx', 'Order.all.20251001_20251031.csv'],
      ['douyin-orders-20251010.xlsx', 'douyin-orders-20251010.csv'],
    ] as const) {
      const fromCsv = await previewSource(sourceFromBytes(csv, new Uint8Array(readFileSync(join(FIXTURE_DIR, csv)))));
      const bytes = new Uint8Array(readFileSync(join(FIXTURE_DIR, xlsx)));
      for (const source of [
        sourceFromBytes(xlsx, bytes),
        { name: xlsx, size: bytes.length, chunks: sourceFromBytes(xlsx, bytes, [100]).chunks },
      ]) {
        const preview = await previewSource(source);
        expect(preview.headers).toEqual(fromCsv.headers);
        expect(preview.detected?.id).toBe(fromCsv.detected?.id);
        expect(preview.sample.length).toBe(fromCsv.sample.length);
      }
    }
  });

  it('shows nothing for a workbook it cannot open or an .xls (the import says why)', async () => {
    const cut = new Uint8Array(readFileSync(join(FIXTURE_DIR, 'bad/orders.xlsx')));
    expect(await previewSource(sourceFromBytes('bad.xlsx', cut))).toMatchObject({ headers: [], detected: null });
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(await previewSource(sourceFromBytes('a.xls', xls))).toMatchObject({ headers: [], detected: null });
  });
});
