import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { DemoContactsFileSchema } from '../../lib/demo/contacts-schema';
import { DemoConversationsFileSchema } from '../../lib/demo/conversation-schema';
import { taobaoExportFileName, taobaoExportText } from '../../lib/demo/taobao-export';
import { demoAsOf } from '../../lib/demo/time';
import { findDemoExport, writeDemoData } from '../../scripts/demo-data';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-data-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('scripts/demo-data', () => {
  it("writes the export in GB18030 under Taobao's file name for the day it runs, plus the console chats", () => {
    const dir = tempDir();
    const before = demoAsOf(Date.now());
    const result = writeDemoData(dir, { buyers: 300, orders: 1500 });
    const after = demoAsOf(Date.now());
    // Dated from the day it is built (a run across midnight may take either day).
    expect([before, after]).toContain(result.asOf);
    expect(result.csvPath).toBe(join(dir, taobaoExportFileName(result.asOf)));
    expect(result.csvPath).toMatch(new RegExp(`ExportOrderList${result.asOf.replace(/-/g, '')}0000\\.csv$`));
    expect(findDemoExport(dir)).toBe(result.csvPath);
    const bytes = readFileSync(result.csvPath);
    // GB18030 bytes: the header's first word is not UTF-8.
    expect(bytes.subarray(0, 8).toString('utf8')).not.toContain('订单编号');
    expect(iconv.decode(bytes, 'gb18030')).toBe(taobaoExportText({ buyers: 300, orders: 1500, asOf: result.asOf }));
    const chats = DemoConversationsFileSchema.parse(JSON.parse(readFileSync(result.conversationsPath!, 'utf8')));
    expect(chats.conversations.length).toBeGreaterThan(30);
    // The contact history of the same shop, dated the same day.
    const contacts = DemoContactsFileSchema.parse(JSON.parse(readFileSync(result.contactsPath!, 'utf8')));
    expect(contacts.asOf).toBe(result.asOf);
    expect(contacts.contacts.length).toBeGreaterThan(20);
  });

  it('is byte-for-byte repeatable', () => {
    const [a, b] = [tempDir(), tempDir()];
    const first = writeDemoData(a, { buyers: 200, orders: 800, seed: 11, asOf: '2031-05-04' });
    const second = writeDemoData(b, { buyers: 200, orders: 800, seed: 11, asOf: '2031-05-04' });
    expect(first.csvPath).toBe(join(a, 'ExportOrderList203105040000.csv'));
    expect(readFileSync(first.csvPath).equals(readFileSync(second.csvPath))).toBe(true);
    expect(readFileSync(first.conversationsPath!, 'utf8')).toBe(readFileSync(second.conversationsPath!, 'utf8'));
    expect(readFileSync(first.contactsPath!, 'utf8')).toBe(readFileSync(second.contactsPath!, 'utf8'));
  });

  it('finds the export a build wrote whatever day it was built, and refuses to guess between two', () => {
    const dir = tempDir();
    const now = Date.now();
    expect(findDemoExport(dir, now)).toBe(join(dir, taobaoExportFileName(demoAsOf(now))));
    const built = writeDemoData(dir, { buyers: 50, orders: 100, asOf: '2029-01-31' }, true);
    expect(findDemoExport(dir, now)).toBe(built.csvPath);
    writeDemoData(dir, { buyers: 50, orders: 100, asOf: '2029-02-01' }, true);
    expect(() => findDemoExport(dir, now)).toThrow(/2 demo exports/);
  });
});
