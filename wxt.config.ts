import { defineConfig } from 'wxt';
import { CONSOLE_MATCHES, DEMO_MATCHES } from './lib/consoles/matches';
import { browserMessageFiles } from './lib/i18n/browser-messages';
import { MANAGED_SCHEMA, MANAGED_SCHEMA_FILE } from './lib/playbook/managed-schema';
import { EXTENSION_PUBLIC_KEY } from './scripts/extension-key';

// `npm run zip:store` (HTK_STORE=1): the Chrome Web Store refuses a manifest with a `key` (the store
// gives the item its own), so that package leaves it out and goes to its own folder.
const STORE_UPLOAD = process.env.HTK_STORE === '1';

// WXT sets NODE_ENV to the mode when it is unset, and anything but "production" gets React's
// development build and JSX runtime: slower, with checks meant for writing code. The demo build is
// what `npm start`, the end-to-end tests and the benchmarks run: it is built for production too.
if (process.env.NODE_ENV === 'demo') process.env.NODE_ENV = 'production';

// The store build (`npm run build`, mode "production") only matches the real consoles.
// The demo/test build (`npm run build:demo`, mode "demo") also matches the local demo console.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // HTK_OUT_DIR lets parallel work build into separate folders; the default is `.output`.
  outDir: process.env.HTK_OUT_DIR ?? (STORE_UPLOAD ? '.output/store' : '.output'),
  outDirTemplate: '{{mode}}/{{browser}}-mv{{manifestVersion}}',
  // MV3 everywhere: Chrome/Edge (primary) and Firefox ≥ 140 (the first to read
  // data_collection_permissions; the current ESR) share one manifest shape.
  manifestVersion: 3,
  // `npm run zip`: .output/huitouke-<version>-chrome.zip (Chrome and Edge), -firefox.zip and the
  // -sources.zip Firefox's review asks for.
  zip: {
    name: 'huitouke',
    excludeSources: [
      'demo/dist/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      'store/screenshots/**',
    ],
  },
  manifest: ({ mode, browser }) => {
    const matches = mode === 'demo' ? [...CONSOLE_MATCHES, ...DEMO_MATCHES] : [...CONSOLE_MATCHES];
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'zh_CN',
      // activeTab: the popup may read the open tab's address and start the picker there, only when
      // the supervisor opens it (a site no console matches asks for its own access at that moment).
      permissions: ['storage', 'alarms', 'notifications', 'scripting', 'unlimitedStorage', 'activeTab'],
      host_permissions: matches,
      optional_host_permissions: ['https://*/*', 'http://*/*'],
      // The sidebar page is framed by the content script on every console, the custom ones included,
      // whose sites we cannot list. It is reachable only through the per-session dynamic URL that
      // `runtime.getURL` gives extension contexts: a page cannot probe for the extension with a fixed
      // address or frame a copy of its own. (Even a copy it managed to frame gets nothing: the hub
      // serves only the frame whose nonce the tab's content script registered, see hub.ts.)
      web_accessible_resources: [
        { resources: ['sidebar.html'], matches: ['https://*/*', 'http://*/*'], use_dynamic_url: true },
      ],
      content_security_policy: {
        // No remote code: scripts and data are the extension's own. Connections: the extension's own,
        // and the shop server a supervisor or agent connects to (issue 21). Its address is typed at
        // run time, so the policy cannot name it; `https:`/`http:` here only lift CSP's own block —
        // a request still needs the host permission asked for that one origin when connecting
        // (optional_host_permissions), and the options page accepts plain http only for loopback and
        // private addresses (lib/sync/url.ts). CSP cannot list private address ranges.
        extension_pages:
          "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; connect-src 'self' https: http:; img-src 'self' data: blob:",
      },
      commands: {
        'toggle-sidebar': {
          suggested_key: { default: 'Alt+Shift+H' },
          description: '__MSG_cmdToggleSidebar__',
        },
        'focus-suggestions': {
          suggested_key: { default: 'Alt+J' },
          description: '__MSG_cmdFocusSuggestions__',
        },
      },
      // Enterprise policy: an administrator's locked playbook (see entrypoints/background/managed.ts).
      storage: { managed_schema: MANAGED_SCHEMA_FILE },
      // Chrome and Edge: a fixed id from the committed public key (scripts/extension-key.ts), the same
      // on every machine, for enterprise policy and team set-up. Firefox takes its id from gecko.id.
      ...(browser !== 'firefox' && !STORE_UPLOAD ? { key: EXTENSION_PUBLIC_KEY } : {}),
      browser_specific_settings: {
        gecko: {
          id: 'huitouke@huitouke.local',
          strict_min_version: '140.0',
          // Nothing leaves the browser: orders, buyers and chats stay in the extension's IndexedDB.
          data_collection_permissions: { required: ['none'] },
        },
      },
    };
  },
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push({ relativeDest: MANAGED_SCHEMA_FILE, contents: `${JSON.stringify(MANAGED_SCHEMA, null, 2)}\n` });
      // The message files come from the catalogue on every build, replacing any copies left in public/.
      const messages = browserMessageFiles();
      const dests = new Set(messages.map((m) => m.relativeDest));
      for (let i = files.length - 1; i >= 0; i--)
        if (dests.has(files[i]!.relativeDest.replace(/\\/g, '/'))) files.splice(i, 1);
      files.push(...messages);
    },
    'build:manifestGenerated': (wxt, manifest) => {
      // Content scripts get their matches from the same list as host permissions.
      const matches = wxt.config.mode === 'demo' ? [...CONSOLE_MATCHES, ...DEMO_MATCHES] : [...CONSOLE_MATCHES];
      for (const cs of manifest.content_scripts ?? []) cs.matches = matches;
    },
  },
});
