import { ImportEventSchema, type ImportEvent, type ImportSummary } from '../../lib/sync/protocol';

/** Read `POST /v1/import`'s answer: progress lines, then the summary (or the error line). */
export async function importAnswer(
  res: Response,
): Promise<{ status: number; events: ImportEvent[]; summary: ImportSummary | null; body: unknown }> {
  const text = await res.text();
  if (!(res.headers.get('content-type') ?? '').includes('ndjson')) {
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, events: [], summary: null, body };
  }
  const events = text
    .trim()
    .split('\n')
    .map((l) => ImportEventSchema.parse(JSON.parse(l)));
  const last = events[events.length - 1];
  return { status: res.status, events, summary: last?.type === 'done' ? last.summary : null, body: last };
}
