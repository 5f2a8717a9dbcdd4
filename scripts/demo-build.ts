// Builds the demo seller console into demo/dist/ (Vite, demo/vite.config.ts), then writes the demo
// data into demo/dist/data/, dated from today (the shop-local date in Asia/Shanghai).
// Run: npx tsx scripts/demo-build.ts
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { writeDemoData } from './demo-data';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_DIST = join(root, 'demo', 'dist');

export async function buildDemo(): Promise<void> {
  await build({ configFile: join(root, 'demo', 'vite.config.ts'), logLevel: 'warn' });
  // After Vite, which empties dist/ first.
  const data = writeDemoData(join(DEMO_DIST, 'data'));
  console.log(
    `demo console built in ${DEMO_DIST}: the shop as of ${data.asOf} (${data.rows} orders, ${data.conversationsPath ? 'conversations' : 'no conversations'})`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildDemo().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
