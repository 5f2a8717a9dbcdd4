// Serves the demo seller console (demo/dist) on loopback, building it first when it is missing.
//   npx tsx scripts/demo-serve.ts [--port N] [--host 127.0.0.1]
// Unknown extension-less paths get index.html (the console is an SPA); /fixtures/ serves
// tests/fixtures/consoles/ (saved console pages) when that folder exists. Node built-ins only.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(root, 'demo', 'dist');
const FIXTURES = join(root, 'tests', 'fixtures', 'consoles');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  // The order report is GB18030, like the real one.
  '.csv': 'text/csv; charset=gb18030',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

function parseArgs(argv: string[]): { port: number; host: string } {
  let port = 4173;
  let host = '127.0.0.1';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--port') port = Number(argv[++i]);
    else if (argv[i] === '--host') host = String(argv[++i]);
    else throw new Error(`unknown option ${argv[i]} (use --port N, --host ADDR)`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0–65535');
  return { port, host };
}

/** A file under `base` for the URL path, or null; never a path outside `base`. */
function fileUnder(base: string, urlPath: string): string | null {
  const full = normalize(join(base, urlPath));
  if (full !== base && !full.startsWith(base + sep)) return null;
  if (existsSync(full) && statSync(full).isFile()) return full;
  const index = join(full, 'index.html');
  return existsSync(index) && statSync(index).isFile() ? index : null;
}

function send(req: IncomingMessage, res: ServerResponse, status: number, file: string | null, text = ''): void {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
  if (!file) {
    res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : text);
    return;
  }
  headers['Content-Type'] = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  headers['Content-Length'] = String(statSync(file).size);
  res.writeHead(status, headers);
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(req, res, 405, null, 'method not allowed');
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    return send(req, res, 400, null, 'bad request');
  }
  if (path === '/fixtures' || path.startsWith('/fixtures/')) {
    const file = existsSync(FIXTURES) ? fileUnder(FIXTURES, path.slice('/fixtures'.length) || '/') : null;
    return file ? send(req, res, 200, file) : send(req, res, 404, null, 'no such fixture');
  }
  const file = fileUnder(DIST, path);
  if (file) return send(req, res, 200, file);
  // Missing assets are real 404s; any other path is a route of the single-page console.
  if (extname(path) !== '') return send(req, res, 404, null, 'not found');
  send(req, res, 200, join(DIST, 'index.html'));
}

/** Serve the demo console (building it first when missing); resolves once it listens. */
export async function startDemoServer(port = 0, host = '127.0.0.1'): Promise<{ url: string; close(): Promise<void> }> {
  if (!existsSync(join(DIST, 'index.html')) || !existsSync(join(DIST, 'data', 'conversations.json'))) {
    console.log('demo/dist is missing: building it first…');
    const { buildDemo } = await import('./demo-build');
    await buildDemo();
  }
  const server = createServer(handle);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { url: `http://${host}:${actual}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}

async function main(): Promise<void> {
  const { port, host } = parseArgs(process.argv.slice(2));
  const server = await startDemoServer(port, host);
  console.log(`Demo console: ${server.url}`);
  if (existsSync(FIXTURES)) console.log(`Console fixtures: ${server.url}fixtures/`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(normalize(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
