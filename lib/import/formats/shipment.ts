import type { OrderFragment } from '../../schemas/order';
import { quoteValue } from '../issues';
import type { RowReader } from '../row-reader';
import { cleanText, INVALID, parseId } from '../values';

/** Cells that say "no parcel yet". */
const NONE = new Set(['-', '--', '—', '无', '無', '暂无', 'N/A', 'n/a', 'null']);

/**
 * A tracking number as the export writes it, cleaned: Excel's `="…"` guard and a leading `'` go
 * (see cleanText), and so does the `No:` Taobao puts before it; several numbers of a split parcel
 * stay as written. '' when the cell is empty or says there is none; INVALID when a spreadsheet
 * turned it into a number in scientific notation (its digits are lost).
 */
export function cleanTrackingNo(raw: string): string | typeof INVALID {
  const id = parseId(raw);
  if (id === INVALID) return INVALID;
  const s = id.replace(/^No[:：.]\s*/i, '').trim();
  return NONE.has(s) ? '' : s;
}

/**
 * The parcel's tracking number and carrier, when the export has the columns and the cells say
 * something. A mangled tracking number is a warning and left out, never a lost order.
 */
export function addShipment(fragment: OrderFragment, r: RowReader): void {
  if (r.has('trackingNo')) {
    const raw = r.text('trackingNo');
    const tracking = cleanTrackingNo(raw);
    if (tracking === INVALID) r.report('trackingNo', 'warning', 'import_idMangled', { value: quoteValue(raw) });
    else if (tracking !== '') fragment.trackingNo = tracking;
  }
  if (r.has('carrier')) {
    const carrier = cleanText(r.text('carrier'));
    if (carrier !== '' && !NONE.has(carrier)) fragment.carrier = carrier;
  }
}
