// The `detect` command (scripts/cli/detect.ts), run in-process with captured output.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../scripts/cli/detect';

async function cli(argv: string[], stdin: Uint8Array[] = []) {
  let out = '';
  let err = '';
  const code = await run(argv, {
    stdin: (async function* () {
      yield* stdin;
    })(),
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  const lines = out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { text: string; concerns: string[] });
  return { code, lines, err };
}

const dir = mkdtempSync(join(tmpdir(), 'huitouke-detect-'));

describe('detect CLI', () => {
  it('prints one object per line of TEXT', async () => {
    const { code, lines } = await cli(['165穿什么码\n什么时候发货？\n谢谢']);
    expect(code).toBe(0);
    expect(lines).toEqual([
      { text: '165穿什么码', concerns: ['size'] },
      { text: '什么时候发货？', concerns: ['shipping'] },
      { text: '谢谢', concerns: [] },
    ]);
  });

  it('reads a UTF-8 file line by line, with BOM and CRLF', async () => {
    const file = join(dir, 'messages.txt');
    writeFileSync(file, '\uFEFF是正品吗\r\nDo you ship to Penang?\r\n');
    const { code, lines } = await cli(['--file', file]);
    expect(code).toBe(0);
    expect(lines.map((l) => l.concerns)).toEqual([['authenticity'], ['shipping']]);
    expect(lines[0]!.text).toBe('是正品吗');
  });

  it('reads standard input when given neither TEXT nor --file, even split mid-character', async () => {
    const bytes = new TextEncoder().encode('能开发票吗\n有货吗\n');
    const { lines } = await cli([], [bytes.slice(0, 4), bytes.slice(4)]); // byte 4 is inside 开
    expect(lines.map((l) => l.concerns)).toEqual([['invoice'], ['stock']]);
  });

  it('uses a supervisor taxonomy file', async () => {
    const file = join(dir, 'taxonomy.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        concerns: [
          {
            id: 'gift_wrap',
            names: { 'zh-CN': '礼品包装', 'zh-TW': '禮品包裝', en: 'Gift wrap' },
            rules: { en: { phrases: ['gift wrap'] } },
          },
        ],
      }),
    );
    const { lines } = await cli(['--taxonomy', file, 'can you gift wrap it']);
    expect(lines).toEqual([{ text: 'can you gift wrap it', concerns: ['gift_wrap'] }]);
  });

  it('fails clearly on bad usage, a missing file and an invalid taxonomy', async () => {
    expect((await cli(['--frobnicate'])).code).toBe(2);
    expect((await cli(['--file'])).code).toBe(2);
    const missing = await cli(['--file', join(dir, 'nope.txt'), '--locale', 'en']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.txt');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, concerns: [{ id: 'X Y' }] }));
    const invalid = await cli(['--taxonomy', bad, '--locale', 'en', 'hi']);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('Invalid concern taxonomy');
  });
});
