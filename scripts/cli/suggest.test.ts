import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatResult, parseArgs, suggestFor } from './suggest';

const EXPORT = fileURLToPath(new URL('../../tests/fixtures/exports/ExportOrderList202510071230.csv', import.meta.url));

describe('suggest arguments', () => {
  it('reads the buyer, messages, exports, platform, date and language; several values may follow a flag', () => {
    expect(
      parseArgs(
        [
          '--buyer',
          'tb_xiaolin',
          '--message',
          '在吗',
          '我165穿什么码',
          '--export',
          'a.csv',
          'b.csv',
          '--as-of=2025-10-08',
        ],
        '2024-01-01',
      ),
    ).toEqual({
      buyer: 'tb_xiaolin',
      messages: ['在吗', '我165穿什么码'],
      exports: ['a.csv', 'b.csv'],
      platform: 'taobao',
      asOf: '2025-10-08',
      lang: 'zh-CN',
      all: false,
      json: false,
    });
    expect(
      parseArgs(['--buyer', 'x', '--message', 'hi', '--platform', 'shopee', '--lang', 'en', '--all'], '2024-01-01'),
    ).toMatchObject({ platform: 'shopee', lang: 'en', all: true, asOf: '2024-01-01' });
  });

  it('refuses bad usage with a reason', () => {
    expect(parseArgs(['--message', 'hi'])).toEqual({ error: '--buyer is required' });
    expect(parseArgs(['--buyer', 'x'])).toEqual({ error: 'at least one --message is required' });
    expect(parseArgs(['--buyer', 'x', '--message', 'hi', '--platform', 'ebay'])).toHaveProperty('error');
    expect(parseArgs(['--buyer', 'x', '--message', 'hi', '--as-of', '2025-13-01'])).toHaveProperty('error');
    expect(parseArgs(['--buyer', 'x', '--message', 'hi', '--lang', 'fr'])).toHaveProperty('error');
    expect(parseArgs(['stray', '--buyer', 'x', '--message', 'hi'])).toEqual({ error: 'unexpected argument stray' });
  });
});

describe('suggest for a buyer of an export', () => {
  it('ranks the answers to what the buyer asked first, with why, for the buyer as imported', async () => {
    const options = parseArgs([
      '--buyer',
      'tb_xiaolin',
      '--message',
      '这个有色差吗，我165穿什么码',
      '--export',
      EXPORT,
      '--as-of',
      '2025-10-08',
    ]);
    if ('error' in options) throw new Error(options.error);
    const result = await suggestFor(options);
    expect(result.buyer).toMatchObject({ key: 'taobao:tb_xiaolin', found: true, stage: 'active' });
    expect(result.concerns.sort()).toEqual(['photo_match', 'size']);
    const top = result.suggestions.slice(0, 2).map((s) => s.shortcut);
    expect(top.sort()).toEqual(['/cm', '/sc']);
    const size = result.suggestions.find((s) => s.shortcut === '/cm')!;
    expect(size.reason).toContain('买家问了尺码');
    expect(size.blanks.length).toBeGreaterThan(0);
    expect(result.suggestions.length).toBeLessThanOrEqual(5);
    expect(result.failedFiles).toEqual([]);
    const printed = formatResult(result, options);
    expect(printed).toContain('taobao:tb_xiaolin');
    expect(printed).toMatch(/^[12]\. 尺码推荐 \[\/cm\]$/m);
    expect(printed).toContain('原因: 买家问了尺码');
  });

  it('suggests for a buyer the exports do not have, as a new contact, in English', async () => {
    const options = parseArgs(['--buyer', 'nobody_here', '--message', 'is this authentic?', '--lang', 'en']);
    if ('error' in options) throw new Error(options.error);
    const result = await suggestFor(options);
    expect(result.buyer).toMatchObject({ found: false, stage: 'prospect' });
    expect(result.concerns).toContain('authenticity');
    expect(result.suggestions[0]!.reason).toMatch(/Authentic/i);
    expect(formatResult(result, options)).toContain('new contact');
  });

  it('says which export could not be read, and still suggests', async () => {
    const options = parseArgs(['--buyer', 'tb_xiaolin', '--message', '在吗', '--export', `${EXPORT}.missing`]);
    if ('error' in options) throw new Error(options.error);
    const result = await suggestFor(options);
    expect(result.failedFiles).toEqual([`${EXPORT}.missing`]);
    expect(result.buyer.found).toBe(false);
    expect(result.suggestions.length).toBeGreaterThan(0);
  });
});
