import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../../lib/dates/local-date';
import { todayIn } from '../../lib/settings/app';
import { expectBuyer, importMapped, orderFile } from './consoles-helpers';
import { expect, importFiles, openConsole, sidebarFrame, test } from './fixtures';

/**
 * Douyin names buyers by their display nickname (its order export's 买家昵称, and its console shows
 * no buyer id), and a nickname is not unique. The sidebar says when a buyer was matched by
 * nickname only, and warns when several stored buyers carry it.
 */

test('demo console as Douyin: the buyer is shown as matched by nickname only; a Taobao buyer is not', async ({
  context,
  extensionId,
}) => {
  await importFiles(context, extensionId, [orderFile('douyin.csv'), orderFile('ExportOrderList-demo.csv')]);

  // The demo console gives its own conversation id; the data knows the buyer by nickname.
  const page = await openConsole(
    context,
    `?script=off&platform=douyin&buyer=dy_5561&nick=${encodeURIComponent('小鹿爱吃糖')}`,
  );
  const frame = await sidebarFrame(page, extensionId);
  // 2 orders, ¥158 (below the file's mean), the last 60 days ago (see consoles.spec.ts).
  await expectBuyer(frame, '小鹿爱吃糖', { level: 'VIP1', segment: 'general_value', stage: 'silent' });
  await expect(frame.getByTestId('buyer-match')).toHaveText('仅按昵称匹配');
  await expect(frame.getByTestId('buyer-same-nick')).toHaveCount(0);

  // Taobao's 会员名 is the buyer's account: no such note.
  await page.goto(page.url().replace(/\?.*$/, `?script=off&buyer=${encodeURIComponent('小鱼爱逛街')}`));
  const taobao = await sidebarFrame(page, extensionId);
  await expectBuyer(taobao, '小鱼爱逛街', { level: 'VIP1', segment: 'general_retain', stage: 'sleeping' });
  await expect(taobao.getByTestId('buyer-match')).toHaveCount(0);
});

test('demo console as Douyin: three stored buyers share the nickname → the sidebar asks to check the order', async ({
  context,
  extensionId,
}) => {
  // A shop's own table of Douyin orders, by account, with the nickname beside it.
  const today = todayIn('Asia/Shanghai', Date.now());
  const rows = [
    ['订单号', '买家账号', '买家昵称', '下单时间', '实付金额'],
    ['dy-1001', 'dy_acc_101', '晴天小雨', `${addDays(today, -20)} 10:00:00`, '128.00'],
    ['dy-1002', 'dy_acc_102', '晴天小雨', `${addDays(today, -50)} 11:00:00`, '59.00'],
    ['dy-1003', 'dy_acc_103', '晴天小雨', `${addDays(today, -90)} 12:00:00`, '299.00'],
    ['dy-1004', 'dy_acc_104', '月亮船', `${addDays(today, -5)} 13:00:00`, '88.00'],
  ];
  const file = join(mkdtempSync(join(tmpdir(), 'htk-nick-')), 'douyin-accounts.csv');
  writeFileSync(file, rows.map((r) => r.join(',')).join('\n') + '\n');
  await importMapped(
    context,
    extensionId,
    file,
    { order: '订单号', buyer: '买家账号', buyerNick: '买家昵称', time: '下单时间', amount: '实付金额' },
    'douyin',
  );

  const page = await openConsole(context, `?script=off&platform=douyin&buyer=${encodeURIComponent('晴天小雨')}`);
  const frame = await sidebarFrame(page, extensionId);
  await expect(frame.getByTestId('buyer-nick')).toHaveText('晴天小雨');
  await expect(frame.getByTestId('buyer-match')).toHaveText('仅按昵称匹配');
  await expect(frame.getByTestId('buyer-same-nick')).toHaveText('3 位买家同名，请核对订单');

  // A nickname only one buyer carries: matched by nickname, no warning.
  await page.evaluate(
    (b) => (window as unknown as { __demoConsole: { open(b: string): void } }).__demoConsole.open(b),
    '月亮船',
  );
  await expect(frame.getByTestId('buyer-nick')).toHaveText('月亮船');
  await expect(frame.getByTestId('buyer-match')).toBeVisible();
  await expect(frame.getByTestId('buyer-same-nick')).toHaveCount(0);
});
