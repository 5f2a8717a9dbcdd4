// Headless Chromium with the extension in a fresh profile, and memory sampling of its processes.
import { chromium, type Browser, type BrowserContext, type CDPSession, type Worker } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../../browser';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  background: Worker;
  profile: string;
  /** A browser-level DevTools session on the same Chromium (a second connection, on a local port). */
  cdp: CDPSession;
  close(): Promise<void>;
}

export async function launchWithExtension(extensionDir: string): Promise<ExtensionBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'htk-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    // Playwright drives the browser over a pipe; the port gives us a second session that can reach
    // dedicated workers (Playwright's own sessions attach to pages only).
    args: [...chromiumArgs(extensionDir, false), '--remote-debugging-port=0'],
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  });
  try {
    let [background] = context.serviceWorkers();
    background ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
    const port = readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0];
    const second: Browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    const cdp = await second.newBrowserCDPSession();
    return {
      context,
      background,
      profile,
      cdp,
      extensionId: new URL(background.url()).host,
      async close() {
        await second.close().catch(() => {});
        await context.close().catch(() => {});
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/**
 * Peak JS heap (CDP Runtime.getHeapUsage, used size) of the extension's targets whose URL ends
 * with one of `suffixes`, sampled every `everyMs`: pages, the service worker and dedicated workers,
 * which Chromium lists as targets of their own. Messages reach workers through
 * Target.sendMessageToTarget, as a browser-level session cannot talk to them directly.
 */
export class HeapSampler {
  readonly peaks = new Map<string, number>();
  private sessions = new Map<string, string>();
  private replies = new Map<number, (value: unknown) => void>();
  private nextId = 1;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly cdp: CDPSession,
    private readonly suffixes: string[],
  ) {
    cdp.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
      const message = JSON.parse(event.message) as { id?: number; result?: unknown };
      if (message.id !== undefined) this.replies.get(message.id)?.(message.result);
    });
  }

  start(everyMs = 250): void {
    this.running = (async () => {
      while (!this.stopped) {
        await this.sample().catch(() => {});
        await new Promise((r) => setTimeout(r, everyMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async sample(): Promise<void> {
    const { targetInfos } = (await this.cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    for (const t of targetInfos) {
      const suffix = this.suffixes.find((s) => t.url.split('#')[0]!.endsWith(s));
      if (!suffix) continue;
      let session = this.sessions.get(t.targetId);
      if (!session) {
        session = (
          (await this.cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false })) as {
            sessionId: string;
          }
        ).sessionId;
        this.sessions.set(t.targetId, session);
      }
      const usage = (await this.call(session, 'Runtime.getHeapUsage')) as { usedSize?: number } | undefined;
      if (usage?.usedSize !== undefined) this.peaks.set(suffix, Math.max(this.peaks.get(suffix) ?? 0, usage.usedSize));
    }
  }

  private call(sessionId: string, method: string): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), 2000);
      this.replies.set(id, (value) => (clearTimeout(timer), this.replies.delete(id), resolve(value)));
      this.cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
        .catch(() => resolve(undefined));
    });
  }
}

interface ProcessInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

function readProcesses(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.push({
        pid: Number(entry),
        ppid,
        cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' '),
      });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export type ProcessKind = 'browser' | 'extension' | 'renderer' | 'other';

/** The Chromium processes of the profile (the browser started with its --user-data-dir and its descendants). */
export function profileProcesses(profile: string): { pid: number; kind: ProcessKind }[] {
  const all = readProcesses();
  const root = all.find((p) => p.cmdline.includes(`--user-data-dir=${profile}`) && !p.cmdline.includes('--type='));
  if (!root) return [];
  const ours = new Set([root.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (ours.has(p.pid) || !ours.has(p.ppid)) continue;
      ours.add(p.pid);
      grew = true;
    }
  }
  return all
    .filter((p) => ours.has(p.pid))
    .map((p) => ({
      pid: p.pid,
      kind:
        p.pid === root.pid
          ? 'browser'
          : p.cmdline.includes('--extension-process')
            ? 'extension'
            : p.cmdline.includes('--type=renderer')
              ? 'renderer'
              : 'other',
    }));
}

/** Readings taken from /proc every `everyMs` between start() and stop(), and once at each end. */
export abstract class ProcSampler {
  private timer: NodeJS.Timeout | null = null;

  protected abstract sample(): void;

  start(everyMs = 250): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
  }
}

/**
 * Peak resident memory of each Chromium process of one profile, sampled from /proc (Linux). The
 * extension's pages, its dedicated workers and its service worker live in the `extension` process;
 * IndexedDB's backend runs in the `browser` process (or a storage utility, counted as `other`).
 */
export class RssSampler extends ProcSampler {
  readonly peaks: Record<ProcessKind, number> = { browser: 0, extension: 0, renderer: 0, other: 0 };

  constructor(private readonly profile: string) {
    super();
  }

  protected sample(): void {
    if (!existsSync('/proc/self/status')) return;
    const now: Record<ProcessKind, number> = { browser: 0, extension: 0, renderer: 0, other: 0 };
    for (const { pid, kind } of profileProcesses(this.profile)) now[kind] += rssBytes(pid);
    for (const kind of Object.keys(now) as ProcessKind[]) this.peaks[kind] = Math.max(this.peaks[kind], now[kind]);
  }
}
