import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createDecoder, decodeChunks, detectEncoding, isUtf8, sniffBinary } from './encoding';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../tests/fixtures/exports/${name}`, import.meta.url)));
const bytes = (...b: number[]) => new Uint8Array(b);

async function* chunked(data: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  for (let at = 0, i = 0; at < data.length; i++) {
    const size = sizes[i % sizes.length]!;
    yield data.subarray(at, at + size);
    at += size;
  }
}

async function decodeAll(data: Uint8Array, sizes: number[]): Promise<string> {
  let out = '';
  for await (const text of decodeChunks(chunked(data, sizes))) out += text;
  return out;
}

describe('detectEncoding', () => {
  it('recognises each real export by its first bytes', () => {
    expect(detectEncoding(fixture('ExportOrderList202510071230.csv'))).toEqual({
      encoding: 'gb18030',
      bom: false,
      basis: 'fallback',
    });
    expect(detectEncoding(fixture('jd-orders-20251010.csv')).encoding).toBe('gb18030');
    expect(detectEncoding(fixture('pinduoduo-orders-20251010.csv'))).toEqual({
      encoding: 'utf-8',
      bom: true,
      basis: 'bom',
    });
    expect(detectEncoding(fixture('douyin-orders-20251010.csv'))).toEqual({
      encoding: 'utf-8',
      bom: false,
      basis: 'valid-utf8',
    });
    expect(detectEncoding(fixture('Order.all.tw.20251001_20251031.txt'))).toEqual({
      encoding: 'utf-16le',
      bom: true,
      basis: 'bom',
    });
  });

  it('recognises UTF-16 without a BOM from where the NUL bytes fall', () => {
    const text = '訂單編號,買家帳號\r\n1,a\r\n';
    expect(detectEncoding(new Uint8Array(iconv.encode(text, 'utf16-le')))).toEqual({
      encoding: 'utf-16le',
      bom: false,
      basis: 'nul-pattern',
    });
    expect(detectEncoding(new Uint8Array(iconv.encode(text, 'utf16-be')))).toEqual({
      encoding: 'utf-16be',
      bom: false,
      basis: 'nul-pattern',
    });
    expect(detectEncoding(bytes(0xfe, 0xff, 0x00, 0x41))).toEqual({ encoding: 'utf-16be', bom: true, basis: 'bom' });
  });

  it('treats plain ASCII as UTF-8 and invalid UTF-8 as GB18030', () => {
    expect(detectEncoding(new TextEncoder().encode('Name,Email\n')).encoding).toBe('utf-8');
    expect(detectEncoding(new Uint8Array(iconv.encode('订单编号,买家会员名', 'gbk'))).encoding).toBe('gb18030');
  });

  it('does not rule out UTF-8 because the sample ends inside a character', () => {
    const utf8 = new TextEncoder().encode('订单编号');
    expect(isUtf8(utf8.subarray(0, utf8.length - 1))).toBe(true);
    expect(isUtf8(bytes(0xe8, 0x41))).toBe(false);
    expect(isUtf8(bytes(0xc0, 0x80))).toBe(false); // overlong
    expect(isUtf8(bytes(0xed, 0xa0, 0x80))).toBe(false); // surrogate
  });
});

describe('sniffBinary', () => {
  it('spots spreadsheets and HTML saved with a .csv name', () => {
    expect(sniffBinary(fixture('bad/orders.xlsx'))).toBe('xlsx');
    expect(sniffBinary(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1))).toBe('xls');
    expect(sniffBinary(new TextEncoder().encode('\n <table><tr><td>订单号'))).toBe('html');
    expect(sniffBinary(bytes(0x01, 0x00, 0x00, 0x02, 0x00, 0x00, 0x03, 0x00, 0x07))).toBe('binary');
    expect(sniffBinary(fixture('Order.all.tw.20251001_20251031.txt'))).toBeNull();
    expect(sniffBinary(fixture('ExportOrderList202510071230.csv'))).toBeNull();
  });
});

describe('streaming decode', () => {
  it('decodes a GB18030 character split across two chunks', () => {
    const data = new Uint8Array(iconv.encode('订单', 'gb18030'));
    const decoder = createDecoder('gb18030');
    expect(decoder.decode(data.subarray(0, 1)) + decoder.decode(data.subarray(1)) + decoder.end()).toBe('订单');
  });

  it('gives the same text for every fixture whatever the chunk sizes', async () => {
    for (const name of [
      'ExportOrderList202510071230.csv',
      'Order.all.tw.20251001_20251031.txt',
      'pinduoduo-orders-20251010.csv',
    ]) {
      const data = fixture(name);
      const whole = await decodeAll(data, [data.length]);
      expect(await decodeAll(data, [1, 3, 2, 7, 5])).toBe(whole);
      expect(whole).toContain(name.startsWith('Order') ? '買家帳號' : '订单');
      expect(whole.charCodeAt(0)).not.toBe(0xfeff);
    }
  });

  it('turns a character cut off at the end of the file into U+FFFD', async () => {
    const text = await decodeAll(fixture('bad/ExportOrderDetailList-truncated.csv'), [64]);
    expect(text.endsWith('顺丰速\ufffd')).toBe(true);
  });
});
