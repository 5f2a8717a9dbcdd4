/**
 * Canonical JSON: object keys sorted, `undefined` dropped. Two records with the same content give
 * the same text whatever order their keys were written in (IndexedDB, JSON files and zod may each
 * reorder), so content can be compared and checksummed.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortDeep(value));
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortDeep(v)));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortDeep(v);
  }
  return out;
}

/** A copy of a record without the given top-level fields (bookkeeping that is not content). */
export function omitFields<T extends object>(record: T, fields: readonly string[]): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!fields.includes(k)) out[k] = v;
  return out as Partial<T>;
}

/**
 * Top-level fields whose content differs, in a stable order; nested objects named one level down
 * (`variants.en`, `conditions.stages`) so people see what changed, not just "variants".
 */
export function changedFields(a: object, b: object, ignore: readonly string[] = []): string[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].filter((k) => !ignore.includes(k)).sort();
  const out: string[] = [];
  for (const key of keys) {
    const va = ra[key];
    const vb = rb[key];
    if (canonicalJson(va) === canonicalJson(vb)) continue;
    const nested = isPlainObject(va) && isPlainObject(vb);
    if (!nested) {
      out.push(key);
      continue;
    }
    for (const sub of changedFields(va, vb)) out.push(`${key}.${sub.split('.')[0]}`);
  }
  return [...new Set(out)];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * A 64-bit checksum as 16 hex digits: two FNV-1a passes with different offsets over UTF-16 units.
 * Detects lost or altered records in a backup; not a security hash.
 */
export class Checksum {
  private a = 0x811c9dc5;
  private b = 0x01000193 ^ 0x9e3779b9;
  update(text: string): this {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
    }
    // A separator so ["ab","c"] and ["a","bc"] differ.
    this.a = Math.imul(a ^ 0x1f, 0x01000193);
    this.b = Math.imul(b ^ 0x1e, 0x01000193);
    return this;
  }
  digest(): string {
    return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
  }
}
