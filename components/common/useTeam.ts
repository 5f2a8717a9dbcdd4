import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import {
  readTeamConnection,
  readTeamMembers,
  readTeamStatus,
  TEAM_CONNECTION_KEY,
  TEAM_MEMBERS_KEY,
  TEAM_STATUS_KEY,
  type TeamConnection,
  type TeamStatus,
} from '@/lib/sync/connection';
import type { Member } from '@/lib/sync/protocol';

export interface TeamView {
  /** Still reading storage. */
  loading: boolean;
  connection: TeamConnection | null;
  status: TeamStatus | null;
  /** The shop's members as last fetched (empty when not connected or not fetched yet). */
  members: Member[];
}

/** This browser's shop-server connection and sync status, kept current from `storage.local`. */
export function useTeam(): TeamView {
  const [view, setView] = useState<TeamView>({ loading: true, connection: null, status: null, members: [] });
  useEffect(() => {
    let live = true;
    const read = async () => {
      const stored = await browser.storage.local.get([TEAM_CONNECTION_KEY, TEAM_STATUS_KEY, TEAM_MEMBERS_KEY]);
      const connection = readTeamConnection(stored);
      if (live)
        setView({
          loading: false,
          connection,
          status: readTeamStatus(stored, connection),
          members: readTeamMembers(stored, connection),
        });
    };
    void read();
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (
        area === 'local' &&
        (TEAM_CONNECTION_KEY in changes || TEAM_STATUS_KEY in changes || TEAM_MEMBERS_KEY in changes)
      )
        void read();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChange);
    };
  }, []);
  return view;
}
