// Renders the extension icon (public/icon/<size>.png) with Chromium, so no image tool is needed.
// Run once when the design changes: npx tsx scripts/make-icons.ts
import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { chromiumPath, ROOT } from './browser';

const SIZES = [16, 32, 48, 128];
const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const size of SIZES) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">
    <div style="width:${size}px;height:${size}px;border-radius:${Math.round(size * 0.22)}px;background:#ff5000;
      display:flex;align-items:center;justify-content:center;color:#fff;font:700 ${Math.round(size * 0.7)}px/1 'Noto Sans CJK SC','Noto Sans SC',sans-serif">回</div></body></html>`);
  await page.screenshot({ path: join(ROOT, 'public', 'icon', `${size}.png`), omitBackground: true });
}
await browser.close();
