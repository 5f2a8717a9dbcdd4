const COLORS = ['#f59e0b', '#10b981', '#3b82f6', '#8b5cf6', '#ec4899', '#14b8a6', '#f97316', '#6366f1'];

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return h;
}

/** A coloured circle with the first character of the nick (the demo ships no images). */
export function Avatar({ name, size = 36 }: { name: string; size?: number }) {
  const first = Array.from(name)[0] ?? '?';
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ width: size, height: size, background: COLORS[hash(name) % COLORS.length], fontSize: size * 0.42 }}
    >
      {first.toUpperCase()}
    </span>
  );
}
