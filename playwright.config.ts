import { defineConfig } from '@playwright/test';

export const DEMO_PORT = Number(process.env.HTK_DEMO_PORT ?? 47813);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Two cores: each test runs its own Chromium with the extension.
  workers: 2,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  webServer: {
    command: `npx tsx scripts/demo-serve.ts --port ${DEMO_PORT}`,
    url: `http://127.0.0.1:${DEMO_PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
