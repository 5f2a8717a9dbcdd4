import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api, joinWith } from './helpers';
import { freePort } from './pg-cluster';

/** The Test contract: `npm run server -- --port N --data DIR` prints its address and a supervisor join code. */
const running = new Set<ChildProcess>();
const dirs: string[] = [];

afterAll(() => {
  for (const p of running) p.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Start the server as a person would and wait for its first line; returns the output so far. */
function start(args: string[]): Promise<{ proc: ChildProcess; out: () => string; line: string }> {
  const proc = spawn('npm', ['run', '--silent', 'server', '--', ...args], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(proc);
  let text = '';
  proc.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start line within 150 s:\n${text}`)), 150_000);
    const check = () => {
      const line = text.split('\n').find((l) => l.startsWith('huitouke server '));
      if (line && text.includes('\n', text.indexOf(line) + line.length)) {
        clearTimeout(timer);
        // Give the lines after it a moment to arrive.
        setTimeout(() => resolve({ proc, out: () => text, line }), 200);
      }
    };
    proc.stdout!.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${text}`));
    });
  });
}

async function stop(proc: ChildProcess): Promise<void> {
  const exited = new Promise((r) => proc.once('exit', r));
  // npm runs the server in a child: end the whole group.
  process.kill(-proc.pid!, 'SIGTERM');
  await exited;
  running.delete(proc);
}

describe('npm run server', () => {
  it('prints its address and a supervisor join code; after a supervisor joined, a restart prints none unless asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'htk-server-'));
    dirs.push(dir);
    const port = await freePort('');
    const first = await start(['--port', String(port), '--data', dir]);
    const m = /^huitouke server http:\/\/127\.0\.0\.1:(\d+) join-code=([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})$/.exec(
      first.line,
    );
    expect(m, first.out()).not.toBeNull();
    expect(Number(m![1])).toBe(port);
    const base = `http://127.0.0.1:${port}`;
    const boss = await joinWith(base, m![2]!, '主管');
    expect(boss.member.role).toBe('supervisor');
    await stop(first.proc);

    const again = await start(['--port', String(port), '--data', dir]);
    expect(again.line).toBe(`huitouke server http://127.0.0.1:${port}`);
    expect(again.out()).toContain('--new-supervisor-code');
    // The data survived the restart: the supervisor's token still works.
    expect((await api(base, boss.token, 'GET', '/v1/me')).status).toBe(200);
    await stop(again.proc);

    const asked = await start(['--port', String(port), '--data', dir, '--new-supervisor-code']);
    const code = /join-code=(\S+)$/.exec(asked.line)?.[1];
    expect(code).toBeTruthy();
    expect((await joinWith(base, code!, '副主管')).member.role).toBe('supervisor');
    await stop(asked.proc);
  }, 300_000);
});
