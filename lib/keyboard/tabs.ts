/**
 * The ARIA tabs pattern's keys (automatic activation): Left/Right move to the previous/next tab and
 * wrap around, Home/End go to the first/last one. `Up`/`Down` do the same in a vertical tab list.
 * Returns the index to select and focus, or null when the key is not one of the tab list's (the
 * browser keeps its default, e.g. Tab leaves the list).
 */
export function tabKeyTarget(
  key: string,
  current: number,
  count: number,
  orientation: 'horizontal' | 'vertical' = 'horizontal',
): number | null {
  if (count <= 0) return null;
  const from = Math.min(Math.max(current, 0), count - 1);
  const [prev, next] = orientation === 'horizontal' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
  switch (key) {
    case prev:
      return (from - 1 + count) % count;
    case next:
      return (from + 1) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
