import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { DemoConversationsFileSchema } from '../../lib/demo/conversation-schema';
import { taobaoExportText } from '../../lib/demo/taobao-export';
import { writeDemoData } from '../../scripts/demo-data';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-data-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('scripts/demo-data', () => {
  it('writes the export in GB18030 under Taobao\'s file name, plus the console chats', () => {
    const dir = tempDir();
    const result = writeDemoData(dir, { buyers: 300, orders: 1500 });
    expect(result.csvPath).toBe(join(dir, 'ExportOrderList202611200000.csv'));
    const bytes = readFileSync(result.csvPath);
    // GB18030 bytes: the header's first word is not UTF-8.
    expect(bytes.subarray(0, 8).toString('utf8')).not.toContain('订单编号');
    expect(iconv.decode(bytes, 'gb18030')).toBe(taobaoExportText({ buyers: 300, orders: 1500 }));
    const chats = DemoConversationsFileSchema.parse(JSON.parse(readFileSync(result.conversationsPath!, 'utf8')));
    expect(chats.conversations.length).toBeGreaterThan(30);
  });

  it('is byte-for-byte repeatable', () => {
    const [a, b] = [tempDir(), tempDir()];
    const first = writeDemoData(a, { buyers: 200, orders: 800, seed: 11 });
    const second = writeDemoData(b, { buyers: 200, orders: 800, seed: 11 });
    expect(readFileSync(first.csvPath).equals(readFileSync(second.csvPath))).toBe(true);
    expect(readFileSync(first.conversationsPath!, 'utf8')).toBe(readFileSync(second.conversationsPath!, 'utf8'));
  });
});
