import { createContext, useContext, useState, type ReactNode } from 'react';
import { browser } from 'wxt/browser';

interface DataVersion {
  version: number;
  /** Say that the data changed behind this page's back (an import in the worker finished). */
  bump(): void;
}

const Ctx = createContext<DataVersion>({ version: 0, bump: () => {} });

/**
 * Imports write from a worker; Dexie's change broadcast from a worker that is about to end is not
 * reliable, so the page that ran the import says so itself — to its own queries and, through the
 * background, to every open sidebar.
 */
export function DataVersionProvider({ children }: { children: ReactNode }) {
  const [version, setVersion] = useState(0);
  const bump = () => {
    setVersion((v) => v + 1);
    void browser.runtime.sendMessage({ type: 'dataChanged' }).catch(() => {});
  };
  return <Ctx.Provider value={{ version, bump }}>{children}</Ctx.Provider>;
}

export function useDataVersion(): DataVersion {
  return useContext(Ctx);
}
