/** Line icons for the composer toolbar (inline SVG: the demo loads nothing from outside). */
const PATHS: Record<string, string> = {
  表情: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm-3.5-7.5s1.2 2 3.5 2 3.5-2 3.5-2M9 9.5h.01M15 9.5h.01',
  图片: 'M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15.5 9.5h.01',
  商品: 'M5 8h14l-1 12H6L5 8Zm4 0V6a3 3 0 0 1 6 0v2',
  优惠券: 'M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4V7Zm11 0v10',
  快捷短语: 'M13 3 5 14h6l-1 7 8-11h-6l1-7Z',
};

export function ToolIcons() {
  return (
    <div className="composer-tools" aria-hidden="true">
      {Object.entries(PATHS).map(([label, d]) => (
        <span key={label} className="tool" title={label}>
          <svg
            viewBox="0 0 24 24"
            width="18"
            height="18"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          >
            <path d={d} />
          </svg>
        </span>
      ))}
    </div>
  );
}
