import { addNote, concernsOf, deleteNote, notesOf, saveConcern, setConcernResolved, setTag, tagsOf } from '@/lib/db/annotations';
import { findBuyerRecord, profileOf } from '@/lib/db/buyers';
import type { HuitoukeDb } from '@/lib/db/database';
import { loadAppSettings } from '@/lib/db/settings';
import type { SidebarRequest } from '@/lib/schemas/sidebar-rpc';
import { todayIn } from '@/lib/settings/app';

/**
 * Answers the sidebar's questions from the extension's database. Writes are stamped with the
 * agent name from settings, never with a name the sidebar sends.
 */
export async function answerSidebar(db: HuitoukeDb, req: SidebarRequest, now = Date.now()): Promise<unknown> {
  switch (req.method) {
    case 'settings':
      return loadAppSettings(db);
    case 'buyer': {
      const settings = await loadAppSettings(db);
      const record = await findBuyerRecord(db, req.platform, req.id, req.nick);
      const anyData = record ? true : (await db.buyers.limit(1).count()) > 0;
      if (!record) return { buyer: null, profile: null, anyData };
      return {
        buyer: { id: record.id, nick: record.nick, platform: record.platform, metrics: record.metrics },
        profile: await profileOf(db, record, settings, req.asOf),
        anyData,
      };
    }
    case 'notes':
      return notesOf(db, req.buyerId);
    case 'addNote':
      return addNote(db, req.buyerId, req.text, (await loadAppSettings(db)).agentName, now);
    case 'deleteNote':
      await deleteNote(db, req.id, now);
      return null;
    case 'tags':
      return tagsOf(db, req.buyerId);
    case 'setTag':
      await setTag(db, req.buyerId, req.tag, req.on, (await loadAppSettings(db)).agentName, now);
      return null;
    case 'concerns':
      return concernsOf(db, req.buyerId);
    case 'saveConcern': {
      const settings = await loadAppSettings(db);
      return saveConcern(db, { ...req.concern, agent: settings.agentName, at: now, date: todayIn(settings.timeZone, now) }, now);
    }
    case 'resolveConcern':
      await setConcernResolved(db, req.id, req.resolved, (await loadAppSettings(db)).agentName, now);
      return null;
  }
}

/** Methods that change data: after them, every sidebar re-reads. */
export const WRITES = new Set<SidebarRequest['method']>(['addNote', 'deleteNote', 'setTag', 'saveConcern', 'resolveConcern']);
