import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { CUSTOM_CONSOLES_KEY } from '@/lib/consoles/stored';
import {
  browserApis,
  CONTENT_SCRIPT_FILE,
  setupCustomConsoles,
  syncCustomConsoleScripts,
  type CustomConsoleApis,
} from './custom-consoles';

function consoleFor(id: string, host: string) {
  return {
    id,
    name: { zh: id, en: id },
    platform: 'other',
    matches: [`https://${host}/chat/*`],
    exampleUrls: [`https://${host}/chat/1`],
    selectors: {
      ready: '.im',
      buyerNick: { selector: '.buyer' },
      messageRow: '.msg',
      messageText: '.text',
      authorBuyer: '.left',
      authorAgent: '.right',
      input: 'textarea',
      inputKind: 'textarea',
    },
  };
}

interface Registered {
  id: string;
  matches?: string[];
  js?: string[];
  runAt?: 'document_idle' | 'document_start' | 'document_end';
}

/** Storage from WXT's fake browser; scripting and permissions (which it lacks) kept in memory. */
function fakeApis(granted: Set<string>, registered: Map<string, Registered>) {
  const base = browserApis();
  const apis: CustomConsoleApis = {
    readStored: base.readStored,
    hasOrigins: async (origins) => origins.every((o) => granted.has(o)),
    getRegistered: async () => [...registered.values()].map((s) => structuredClone(s)),
    register: async (scripts) => {
      for (const s of scripts) {
        if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        registered.set(s.id, structuredClone(s));
      }
    },
    unregister: async (ids) => {
      for (const id of ids) registered.delete(id);
    },
  };
  return { apis: { ...apis, register: vi.fn(apis.register), unregister: vi.fn(apis.unregister) } };
}

const save = (list: unknown[]) => fakeBrowser.storage.local.set({ [CUSTOM_CONSOLES_KEY]: list });

describe("registering custom consoles' content scripts", () => {
  let granted: Set<string>;
  let registered: Map<string, Registered>;
  beforeEach(() => {
    fakeBrowser.reset();
    granted = new Set();
    registered = new Map();
  });

  it('registers the console script for a saved console whose sites were allowed', async () => {
    const { apis } = fakeApis(granted, registered);
    await save([consoleFor('lazada', 'sellercenter.lazada.sg')]);
    granted.add('https://sellercenter.lazada.sg/chat/*');
    const result = await syncCustomConsoleScripts(apis);
    expect(result).toEqual({ active: ['lazada'], waitingForPermission: [] });
    expect([...registered.values()]).toEqual([
      {
        id: 'htk-custom-lazada',
        matches: ['https://sellercenter.lazada.sg/chat/*'],
        js: [CONTENT_SCRIPT_FILE],
        runAt: 'document_idle',
      },
    ]);
  });

  it('registers nothing for a console whose permission was declined, and says so', async () => {
    const { apis } = fakeApis(granted, registered);
    await save([consoleFor('lazada', 'sellercenter.lazada.sg')]);
    expect(await syncCustomConsoleScripts(apis)).toEqual({ active: [], waitingForPermission: ['lazada'] });
    expect(registered.size).toBe(0);
  });

  it('unregisters when the permission is revoked or the console removed, and leaves other scripts alone', async () => {
    const { apis } = fakeApis(granted, registered);
    registered.set('someone-else', { id: 'someone-else', matches: ['https://a.example/*'], js: ['x.js'] });
    await save([consoleFor('lazada', 'sellercenter.lazada.sg'), consoleFor('shopline', 'admin.shopline.tw')]);
    granted.add('https://sellercenter.lazada.sg/chat/*').add('https://admin.shopline.tw/chat/*');
    await syncCustomConsoleScripts(apis);
    expect([...registered.keys()].sort()).toEqual(['htk-custom-lazada', 'htk-custom-shopline', 'someone-else']);

    granted.delete('https://admin.shopline.tw/chat/*');
    await syncCustomConsoleScripts(apis);
    expect([...registered.keys()].sort()).toEqual(['htk-custom-lazada', 'someone-else']);

    await save([]);
    await syncCustomConsoleScripts(apis);
    expect([...registered.keys()]).toEqual(['someone-else']);
  });

  it('re-registers a console whose patterns changed, and leaves unchanged ones untouched', async () => {
    const { apis } = fakeApis(granted, registered);
    granted
      .add('https://sellercenter.lazada.sg/chat/*')
      .add('https://sellercenter.lazada.sg/im/*')
      .add('https://admin.shopline.tw/chat/*');
    await save([consoleFor('lazada', 'sellercenter.lazada.sg'), consoleFor('shopline', 'admin.shopline.tw')]);
    await syncCustomConsoleScripts(apis);
    apis.register.mockClear();
    apis.unregister.mockClear();

    const moved = {
      ...consoleFor('lazada', 'sellercenter.lazada.sg'),
      matches: ['https://sellercenter.lazada.sg/im/*'],
      exampleUrls: ['https://sellercenter.lazada.sg/im/1'],
    };
    await save([moved, consoleFor('shopline', 'admin.shopline.tw')]);
    await syncCustomConsoleScripts(apis);
    expect(apis.unregister).toHaveBeenCalledWith(['htk-custom-lazada']);
    expect(apis.register).toHaveBeenCalledTimes(1);
    expect(registered.get('htk-custom-lazada')?.matches).toEqual(['https://sellercenter.lazada.sg/im/*']);
  });

  it('ignores stored definitions the schema rejects, such as one for every site', async () => {
    const { apis } = fakeApis(granted, registered);
    granted.add('https://*/*');
    await save([{ ...consoleFor('everywhere', 'x.example'), matches: ['https://*/*'] }, 'junk']);
    expect(await syncCustomConsoleScripts(apis)).toEqual({ active: [], waitingForPermission: [] });
    expect(registered.size).toBe(0);
  });

  it('re-syncs by itself when the stored consoles change and when a permission is revoked', async () => {
    const { apis } = fakeApis(granted, registered);
    granted.add('https://sellercenter.lazada.sg/chat/*');
    const removed: Array<() => void> = [];
    Object.assign(fakeBrowser.permissions, {
      onAdded: { addListener: vi.fn() },
      onRemoved: { addListener: (cb: () => void) => removed.push(cb) },
    });
    const sync = setupCustomConsoles(apis, () => {});
    await sync();
    expect(registered.size).toBe(0);
    await save([consoleFor('lazada', 'sellercenter.lazada.sg')]);
    await vi.waitFor(() => expect([...registered.keys()]).toEqual(['htk-custom-lazada']));

    granted.clear();
    for (const cb of removed) cb();
    await vi.waitFor(() => expect(registered.size).toBe(0));
  });
});
