const ICONS = {
  lock: 'M5 11V8a7 7 0 0 1 14 0v3M4 11h16v10H4z',
  unlock: 'M5 11V8a7 7 0 0 1 13.5-2.5M4 11h16v10H4z',
  folder: 'M3 6h7l2 2h9v11H3z',
  pencil: 'M4 20l4-1L19 8l-3-3L5 16zM14 7l3 3',
  check: 'M5 12l5 5L20 7',
  alert: 'M12 3l10 18H2zM12 10v5M12 18v.5',
} as const;

/** Line icons drawn in SVG: emoji depend on fonts the agent's computer may not have. */
export function Icon({ name, size = 14 }: { name: keyof typeof ICONS; size?: number }) {
  return (
    <svg
      className="ws-icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
    >
      <path d={ICONS[name]} />
    </svg>
  );
}
