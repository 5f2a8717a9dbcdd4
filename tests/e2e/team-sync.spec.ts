import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath, DEMO_EXTENSION_DIR, ROOT } from '../../scripts/browser';
import { freePort, startCluster, type Cluster } from '../../server/test/pg-cluster';
import { expect, openConsole, sidebarFrame, test } from './fixtures';
import { writeTaobaoCsv } from './hardening-helpers';

/**
 * Issue 21's team, end to end: one shop server, a supervisor and two agents on three browser
 * profiles with the extension. The server runs as `npm run server` does, on a throwaway cluster of
 * Debian's PostgreSQL when its binaries are there (else on the embedded PGlite in a folder, and the
 * test says so in its output).
 */

declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };

/** This browser's token, as the background keeps it. */
async function tokenOf(context: BrowserContext): Promise<string> {
  const [worker] = context.serviceWorkers();
  return worker!.evaluate(
    async () => ((await chrome.storage.local.get('teamConnection')).teamConnection as { token: string }).token,
  );
}

interface Server {
  origin: string;
  code: string;
  /** Stop the server process (the database stays), as a server that went down. */
  pause: () => Promise<void>;
  /** Start it again on the same port and database. */
  resume: () => Promise<void>;
  stop: () => Promise<void>;
}

async function startServer(): Promise<Server> {
  let cluster: Cluster | null = null;
  const dataDir = mkdtempSync(join(tmpdir(), 'htk-team-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  try {
    cluster = await startCluster();
    env.DATABASE_URL = cluster.createDatabase('team_e2e');
    console.log('[team e2e] real PostgreSQL');
  } catch (err) {
    console.log(
      `[team e2e] PostgreSQL unavailable (${err instanceof Error ? err.message : String(err)}): embedded PGlite`,
    );
  }
  const port = await freePort('');
  let child: ChildProcess | null = null;
  const launch = async (): Promise<RegExpExecArray> => {
    // Its own process group: tsx runs the server in a child process, and a kill must reach both.
    const proc = spawn(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['server/main.ts', '--port', String(port), '--data', dataDir],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    child = proc;
    let out = '';
    proc.stderr?.on('data', (b: Buffer) => process.stderr.write(b));
    return new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
      proc.stdout?.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /huitouke server (http:\/\/\S+)(?: join-code=(\S+))?/.exec(out);
        if (m && (m[2] || out.includes('\n'))) {
          clearTimeout(timer);
          resolve(m);
        }
      });
      proc.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
    });
  };
  const halt = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    const group = (signal: NodeJS.Signals) => {
      try {
        process.kill(-proc.pid!, signal);
      } catch {
        // already gone
      }
    };
    group('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (proc.exitCode === null) {
      group('SIGKILL');
      await exited;
    }
  };
  const line = await launch();
  return {
    origin: line[1]!,
    code: line[2]!,
    pause: halt,
    resume: async () => {
      await launch();
    },
    stop: async () => {
      await halt();
      cluster?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Another browser profile with the extension (another agent's computer). */
async function profile(): Promise<{ context: BrowserContext; extensionId: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'htk-profile-team-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(DEMO_EXTENSION_DIR, false),
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  return {
    context,
    extensionId: new URL(worker.url()).host,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Connect a browser in its options page, as a person would. */
async function connect(
  context: BrowserContext,
  extensionId: string,
  origin: string,
  code: string,
  name: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#/team`);
  await page.getByTestId('team-server-url').fill(origin);
  await page.getByTestId('team-join-code').fill(code);
  await page.getByTestId('team-name').fill(name);
  await page.getByTestId('team-connect').click();
  await expect(page.getByTestId('team-status')).toHaveAttribute('data-value', 'online', { timeout: 20_000 });
  await expect(page.getByTestId('team-member')).toContainText(name);
  return page;
}

async function invite(supervisor: Page): Promise<string> {
  const shown = supervisor.getByTestId('team-invite-code');
  const before = (await shown.count()) ? await shown.textContent() : null;
  await supervisor.getByTestId('team-invite-agent').click();
  await expect(shown).toBeVisible();
  await expect(shown).not.toHaveText(before ?? '');
  return (await shown.textContent())!.trim();
}

/** The buyer writes about sizes; the agent confirms the concern chip. */
async function confirmSize(page: Page, frame: Awaited<ReturnType<typeof sidebarFrame>>, buyer: string, text: string) {
  await page.evaluate(([b, t]) => window.__demoConsole!.receive(b!, t!), [buyer, text]);
  const chip = frame.locator('[data-testid="concern-chip"][data-concern="size"]');
  await chip.first().click();
  await expect(frame.locator('[data-testid="concern-item"][data-concern="size"]')).toHaveCount(1);
}

test.describe('the team: a shop server with two agents and a supervisor', () => {
  test("a concern reaches the other agent within 2 s, the supervisor exports both with names, a buyer imported on the server shows in an agent's sidebar, agents cannot change templates, a revoked agent is told", async ({
    context,
    extensionId,
  }, testInfo) => {
    test.setTimeout(240_000);
    const server = await startServer();
    const a = await profile();
    const b = await profile();
    try {
      // The supervisor (the fixture's profile) joins with the code the server printed and invites two agents.
      const sup = await connect(context, extensionId, server.origin, server.code, '老周');
      await expect(sup.getByTestId('team-member')).toHaveAttribute('data-role', 'supervisor');
      // The members list is read once by the page, not on every render (the background reads it for reminder owners).
      const memberReads: string[] = [];
      context.on('request', (r) => {
        if (r.url().includes('/v1/members') && !r.serviceWorker()) memberReads.push(r.url());
      });
      await sup.waitForTimeout(2000);
      expect(memberReads.length).toBeLessThanOrEqual(1);
      const codeA = await invite(sup);
      const codeB = await invite(sup);
      const optsA = await connect(a.context, a.extensionId, server.origin, codeA, '小王');
      const optsB = await connect(b.context, b.extensionId, server.origin, codeB, '小李');
      await expect(optsA.getByTestId('team-member')).toHaveAttribute('data-role', 'agent');

      // B has the buyer open; A confirms a size concern; B sees it within 2 s of A's save.
      const pageB = await openConsole(b.context, '?buyer=tb_team_buyer&nick=tb_team_buyer&script=off');
      const frameB = await sidebarFrame(pageB, b.extensionId);
      await expect(frameB.getByTestId('buyer-nick')).toHaveText('tb_team_buyer');
      await expect(frameB.locator('[data-testid="concern-item"]')).toHaveCount(0);
      const pageA = await openConsole(a.context, '?buyer=tb_team_buyer&nick=tb_team_buyer&script=off');
      const frameA = await sidebarFrame(pageA, a.extensionId);
      await confirmSize(pageA, frameA, 'tb_team_buyer', '这件衣服偏大吗？我平时穿M码');
      await expect(frameB.locator('[data-testid="concern-item"][data-concern="size"]')).toHaveCount(1, {
        timeout: 2_000,
      });

      // B confirms one of its own for another buyer; the supervisor's export holds both, with names.
      const pageB2 = await openConsole(b.context, '?buyer=tb_team_other&nick=tb_team_other&script=off');
      const frameB2 = await sidebarFrame(pageB2, b.extensionId);
      await confirmSize(pageB2, frameB2, 'tb_team_other', '裤长多少？我一米六穿会不会太长');
      const exportPage = await context.newPage();
      await exportPage.goto(`chrome-extension://${extensionId}/options.html#/concerns`);
      await expect(exportPage.getByTestId('concern-export-count')).toContainText('2', { timeout: 15_000 });
      await expect(exportPage.getByTestId('team-freshness')).toBeVisible();
      const downloading = exportPage.waitForEvent('download');
      await exportPage.getByTestId('export-concerns-csv').click();
      const csv = readFileSync((await (await downloading).path())!, 'utf8');
      expect(csv).toContain('小王');
      expect(csv).toContain('小李');
      expect(csv).toContain('tb_team_buyer');
      expect(csv).toContain('tb_team_other');

      // The supervisor uploads an export to the server; agent A, who imported nothing, sees that buyer.
      const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10) + ' 10:00:00';
      const csvPath = writeTaobaoCsv(testInfo.outputPath('team-orders.csv'), [
        { order: '7100000000001', buyer: 'tb_team_imported', title: '暖柚 加绒打底裤', created: day(40) },
        { order: '7100000000002', buyer: 'tb_team_imported', title: '暖柚 羊毛围巾', created: day(12) },
      ]);
      await sup.getByTestId('team-import-file').setInputFiles(csvPath);
      await expect(sup.getByTestId('team-import-done')).toContainText('2', { timeout: 30_000 });
      const pageA2 = await openConsole(a.context, '?buyer=tb_team_imported&nick=tb_team_imported&script=off');
      const frameA2 = await sidebarFrame(pageA2, a.extensionId);
      await expect(frameA2.getByTestId('buyer-nick')).toHaveText('tb_team_imported');
      await expect(frameA2.getByTestId('buyer-stage')).not.toHaveAttribute('data-value', 'prospect');
      await expect(frameA2.getByTestId('buyer-level')).not.toHaveAttribute('data-value', '');

      // An agent cannot change a template: the page says so and the server refuses a change anyway.
      const tplA = await a.context.newPage();
      await tplA.goto(`chrome-extension://${a.extensionId}/options.html#/templates`);
      await expect(tplA.getByTestId('edit-gate')).toHaveAttribute('data-state', 'team');
      await expect(tplA.getByTestId('template-new')).toBeDisabled();
      await tplA.locator('[data-testid="template-item"] .tpl-item-main').first().click();
      await expect(tplA.getByTestId('template-title')).toBeDisabled();
      const token = await tokenOf(a.context);
      const pushed = await fetch(`${server.origin}/v1/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          changes: [
            {
              changeId: 'e2e-agent-template',
              kind: 'template',
              id: 'builtin.concern.size',
              at: Date.now(),
              base: 0,
              op: 'put',
              patch: { title: '客服改的' },
            },
          ],
        }),
      });
      const answer = (await pushed.json()) as { results: { status: string; reason?: string }[] };
      expect(answer.results[0]).toMatchObject({ status: 'rejected', reason: 'forbidden' });

      // A follow-up has an owner: A adds one and takes it, B sees A as its owner and takes it over
      // by keyboard, and done by B is done for A.
      await frameA.getByTestId('reminder-quick').fill('明天10点回访尺码');
      await frameA.getByTestId('reminder-quick').press('Enter');
      const remA = frameA.getByTestId('reminder-item').first();
      await expect(remA.getByTestId('reminder-owner')).toHaveAttribute('data-value', '');
      await remA.getByTestId('reminder-take').click();
      await expect(remA.getByTestId('reminder-owner')).toHaveText('负责人：我');
      const remB = frameB.getByTestId('reminder-item').first();
      await expect(remB.getByTestId('reminder-owner')).toHaveText('负责人：小王', { timeout: 5_000 });
      await remB.getByTestId('reminder-take').focus();
      await pageB.keyboard.press('Enter');
      await expect(remA.getByTestId('reminder-owner')).toHaveText(/负责人：(小李|其他成员)/, { timeout: 5_000 });
      await remB.getByTestId('reminder-done').click();
      await expect(frameA.getByTestId('reminder-item')).toHaveCount(0, { timeout: 5_000 });

      // The supervisor revokes B: B's sidebar and options page say so; B's next request is refused.
      await sup.reload();
      const itemB = sup.locator('[data-testid="team-member-item"][data-name="小李"]');
      await itemB.getByTestId('team-revoke').click();
      await expect(itemB).toHaveAttribute('data-revoked', 'true');
      await expect(frameB.getByTestId('team-sidebar-status')).toHaveAttribute('data-value', 'refused', {
        timeout: 10_000,
      });
      await expect(frameB.getByTestId('team-sidebar-status')).toContainText('停用');
      await expect(optsB.getByTestId('team-status')).toHaveAttribute('data-value', 'refused');
      await expect(optsB.getByTestId('team-refused')).toBeVisible();
      const tokenB = await tokenOf(b.context);
      expect((await fetch(`${server.origin}/v1/me`, { headers: { authorization: `Bearer ${tokenB}` } })).status).toBe(
        401,
      );
    } finally {
      await a.close();
      await b.close();
      await server.stop();
    }
  });

  test('an agent whose server is down keeps working; on its return the note and tag are pushed once', async ({
    context,
    extensionId,
  }) => {
    test.setTimeout(240_000);
    const server = await startServer();
    const a = await profile();
    try {
      const sup = await connect(context, extensionId, server.origin, server.code, '老周');
      const optsA = await connect(a.context, a.extensionId, server.origin, await invite(sup), '小王');
      const pageA = await openConsole(a.context, '?buyer=tb_team_offline&nick=tb_team_offline&script=off');
      const frameA = await sidebarFrame(pageA, a.extensionId);
      await expect(frameA.getByTestId('buyer-nick')).toHaveText('tb_team_offline');

      await server.pause();
      await expect(optsA.getByTestId('team-status')).toHaveAttribute('data-value', 'offline', { timeout: 20_000 });
      await expect(frameA.getByTestId('team-sidebar-status')).toHaveAttribute('data-value', 'offline');
      await frameA.getByTestId('note-input').fill('断网时记的：要加长款');
      await frameA.getByTestId('note-input').press('Enter');
      await frameA.getByTestId('tag-input').fill('老客');
      await frameA.getByTestId('tag-input').press('Enter');
      await expect(frameA.getByTestId('note-item')).toHaveCount(1);
      await expect(frameA.getByTestId('buyer-tag')).toHaveCount(1);

      await server.resume();
      await expect(optsA.getByTestId('team-status')).toHaveAttribute('data-value', 'online', { timeout: 60_000 });
      await expect(optsA.getByTestId('team-last-sync')).not.toContainText('待上传');
      await expect(frameA.getByTestId('team-sidebar-status')).toHaveCount(0);
      // The supervisor sees exactly one note and one tag.
      const pageS = await openConsole(context, '?buyer=tb_team_offline&nick=tb_team_offline&script=off');
      const frameS = await sidebarFrame(pageS, extensionId);
      await expect(frameS.getByTestId('note-item')).toHaveCount(1, { timeout: 15_000 });
      await expect(frameS.getByTestId('note-item')).toContainText('要加长款');
      await expect(frameS.getByTestId('buyer-tag')).toHaveCount(1);
      await pageS.reload();
      const again = await sidebarFrame(pageS, extensionId);
      await expect(again.getByTestId('buyer-nick')).toHaveText('tb_team_offline');
      await expect(again.getByTestId('note-item')).toHaveCount(1);
      await expect(again.getByTestId('buyer-tag')).toHaveCount(1);
    } finally {
      await a.close();
      await server.stop();
    }
  });
});
