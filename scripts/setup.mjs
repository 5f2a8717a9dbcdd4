#!/usr/bin/env node
// First step of `npm start` and `npm test`: installs what the project needs on a fresh machine.
// Plain Node with no dependencies, because it runs before node_modules exists.
//  - npm packages: `npm ci` when node_modules is missing or older than package-lock.json
//  - with --browser: Chromium (Debian package `chromium`, plus CJK fonts) when missing;
//    installed with apt-get when running as root, otherwise a clear message and exit 1.
//  - with --postgres: PostgreSQL (Debian package `postgresql`) for the team server's integration
//    tests, which start throwaway clusters of their own; installed the same way.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wantBrowser = process.argv.includes('--browser');
const wantPostgres = process.argv.includes('--postgres');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n[setup] "${cmd} ${args.join(' ')}" failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
}

const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs + 1000)) {
  console.log('[setup] installing npm packages (npm install, versions from package-lock.json)…');
  // npm install rather than npm ci: npm 11 omits other platforms' optional packages from the
  // lock file and then refuses it in `npm ci`; install keeps the locked versions all the same.
  run('npm', ['install', '--no-audit', '--no-fund']);
}

export function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'])
    if (existsSync(p)) return p;
  return null;
}

function hasCjkFont() {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

if (wantBrowser) {
  const missing = [];
  if (!findChromium()) missing.push('chromium');
  if (!hasCjkFont()) missing.push('fonts-noto-cjk');
  if (missing.length) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!isRoot) {
      console.error(
        `[setup] Missing: ${missing.join(', ')}. The browser tests and the demo need Debian's Chromium.\n` +
          `        Install it with:  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n` +
          '        or point CHROMIUM_PATH at a Chromium/Chrome binary.',
      );
      process.exit(1);
    }
    console.log(`[setup] installing ${missing.join(', ')} with apt-get…`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  }
}

/** The folder of PostgreSQL's server programs (initdb, pg_ctl), or null. */
export function findPostgresBin() {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(base, v, 'bin', 'initdb'))) return join(base, v, 'bin');
  }
  return null;
}

if (wantPostgres && !findPostgresBin()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      "[setup] Missing: postgresql. The team server's integration tests start throwaway PostgreSQL clusters.\n" +
        '        Install it with:  sudo apt-get update && sudo apt-get install -y postgresql\n' +
        "        or point PG_BIN at a folder holding PostgreSQL's initdb and pg_ctl (version 15 or newer).",
    );
    process.exit(1);
  }
  console.log('[setup] installing postgresql with apt-get…');
  process.env.DEBIAN_FRONTEND ??= 'noninteractive';
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql']);
}
