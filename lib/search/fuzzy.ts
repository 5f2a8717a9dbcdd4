/**
 * Text helpers for search that keep offsets: normalizing never changes a string's length, so a
 * match in the normalized text is a match at the same offsets in the original.
 */

/** Lower case, full-width ASCII (Ａ１／) to half-width, ideographic space to space. */
export function normalize(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length && !/[\uff01-\uff5e\u3000]/.test(lower)) return lower;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
    else if (code === 0x3000) code = 0x20;
    const ch = String.fromCharCode(code);
    const lower = ch.toLowerCase();
    out += lower.length === 1 ? lower : ch;
  }
  return out;
}

/**
 * Pieces of `query` of which at least one occurs exactly wherever `query` occurs within one edit,
 * with each piece's offset in the query. An insertion, deletion or substitution leaves one half
 * intact; a swap inside a half leaves the other; a swap across the middle is undone by swapping
 * the query's middle pair.
 */
function anchors(query: string): { piece: string; offset: number }[] {
  const mid = query.length >> 1;
  const out = [
    { piece: query.slice(0, mid), offset: 0 },
    { piece: query.slice(mid), offset: mid },
  ];
  if (mid >= 1 && mid < query.length) {
    const swapped = query.slice(0, mid - 1) + query[mid] + query[mid - 1] + query.slice(mid + 1);
    out.push({ piece: swapped.slice(0, mid), offset: 0 }, { piece: swapped.slice(mid), offset: mid });
  }
  return out.filter((a) => a.piece.length > 0);
}

/**
 * Sellers' algorithm (the first row is all zeros, so a match may start anywhere) with adjacent
 * swaps counted as one edit, over text[from, to). Each cell also carries where its alignment
 * starts in the text, so the match comes back as an exact range.
 */
function sellers(
  query: string,
  text: string,
  from: number,
  to: number,
): { start: number; end: number; distance: number } | null {
  const m = query.length;
  let prev2 = new Int32Array(m + 1);
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  let prev2S = new Int32Array(m + 1);
  let prevS = new Int32Array(m + 1).fill(from);
  let curS = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = i;
  let best: { start: number; end: number; distance: number } | null = null;
  for (let j = from + 1; j <= to; j++) {
    const tj = text.charCodeAt(j - 1);
    cur[0] = 0;
    curS[0] = j;
    for (let i = 1; i <= m; i++) {
      const qi = query.charCodeAt(i - 1);
      let d = prev[i - 1]! + (qi === tj ? 0 : 1);
      let s = prevS[i - 1]!;
      if (prev[i]! + 1 < d) [d, s] = [prev[i]! + 1, prevS[i]!];
      if (cur[i - 1]! + 1 < d) [d, s] = [cur[i - 1]! + 1, curS[i - 1]!];
      if (
        i > 1 &&
        j > from + 1 &&
        qi === text.charCodeAt(j - 2) &&
        query.charCodeAt(i - 2) === tj &&
        prev2[i - 2]! + 1 < d
      ) {
        [d, s] = [prev2[i - 2]! + 1, prev2S[i - 2]!];
      }
      cur[i] = d;
      curS[i] = s;
    }
    const distance = cur[m]!;
    if (distance <= 1 && (!best || distance < best.distance)) {
      best = { start: curS[m]!, end: j, distance };
      if (distance === 0) return best;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
    [prev2S, prevS, curS] = [prevS, curS, prev2S];
  }
  return best;
}

/**
 * Where `query` occurs in `text` with at most one edit (insert, delete, substitute, or swap two
 * neighbours). Only the windows around exact occurrences of an anchor piece are scanned, so a
 * long text without any anchor costs a few `indexOf` calls.
 */
export function findWithinOneEdit(
  query: string,
  text: string,
): { start: number; end: number; distance: number } | null {
  const m = query.length;
  let best: { start: number; end: number; distance: number } | null = null;
  for (const { piece, offset } of anchors(query)) {
    for (let at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + 1)) {
      const from = Math.max(0, at - offset - 2);
      const to = Math.min(text.length, at - offset + m + 2);
      const hit = sellers(query, text, from, to);
      if (hit && (!best || hit.distance < best.distance || (hit.distance === best.distance && hit.start < best.start)))
        best = hit;
      if (best?.distance === 0) return best;
    }
  }
  return best;
}
