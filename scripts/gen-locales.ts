// Writes the browser's message files into public/_locales, for tools that read them from there.
// Builds do not need this: wxt.config.ts emits the same files (lib/i18n/browser-messages.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserMessageFiles } from '../lib/i18n/browser-messages';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const { relativeDest, contents } of browserMessageFiles()) {
  const file = join(root, 'public', relativeDest);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, contents);
}
