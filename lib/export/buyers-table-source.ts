import { liveQuery } from 'dexie';
import { buyerIndexOrEmpty } from '../db/buyer-index';
import { forgetSegmentModel, segmentModelFor } from '../db/buyers';
import type { HuitoukeDb } from '../db/database';
import { SETTINGS_KEY } from '../db/settings';
import { deriveBuyerRows, type BuyerRow } from './buyer-rows';
import type { RowSource } from './buyers-table';

/**
 * Rows for a load from the extension database, again whenever the stored index changes (an import
 * in this page or in another tab). A load or a change that brings nothing new reuses the last rows.
 */
export function databaseRowSource(database: HuitoukeDb): RowSource {
  let derived: { key: string; rows: BuyerRow[] } | undefined;
  return (load, onRows, onError) => {
    let stopped = false;
    let run = 0;
    const derive = async (value: unknown, updatedAt: number | null, mine: number) => {
      try {
        // The population may have changed since the model was cached in this context.
        forgetSegmentModel();
        const model = await segmentModelFor(database, load.asOf);
        if (stopped || mine !== run) return;
        const key = JSON.stringify([updatedAt, load.asOf, load.profile, model]);
        if (derived?.key !== key)
          derived = { key, rows: deriveBuyerRows(buyerIndexOrEmpty(value), load.profile, model, load.asOf) };
        onRows(derived.rows);
      } catch (error) {
        if (!stopped) onError(error);
      }
    };
    const sub = liveQuery(() => database.settings.get(SETTINGS_KEY.buyerIndex)).subscribe({
      next: (record) => {
        // Derived here, not in the querier: the segment model may have to be rebuilt and stored,
        // and a live query's querier may not write.
        void derive(record?.value, record?.updatedAt ?? null, ++run);
      },
      error: (error: unknown) => {
        if (!stopped) onError(error);
      },
    });
    return () => {
      stopped = true;
      sub.unsubscribe();
    };
  };
}
