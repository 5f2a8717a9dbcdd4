import { describe, expect, it } from 'vitest';
import { tabKeyTarget } from './tabs';

describe('tabKeyTarget (ARIA tabs keys)', () => {
  it('moves right and left, wrapping at both ends', () => {
    expect(tabKeyTarget('ArrowRight', 0, 3)).toBe(1);
    expect(tabKeyTarget('ArrowRight', 2, 3)).toBe(0);
    expect(tabKeyTarget('ArrowLeft', 1, 3)).toBe(0);
    expect(tabKeyTarget('ArrowLeft', 0, 3)).toBe(2);
  });

  it('goes to the first and last tab with Home and End', () => {
    expect(tabKeyTarget('Home', 2, 4)).toBe(0);
    expect(tabKeyTarget('End', 0, 4)).toBe(3);
  });

  it('leaves other keys to the browser (null), Up/Down included in a horizontal list', () => {
    for (const key of ['Tab', 'Enter', ' ', 'a', 'ArrowUp', 'ArrowDown']) expect(tabKeyTarget(key, 1, 3)).toBeNull();
  });

  it('uses Up/Down, not Left/Right, in a vertical list', () => {
    expect(tabKeyTarget('ArrowDown', 0, 2, 'vertical')).toBe(1);
    expect(tabKeyTarget('ArrowUp', 0, 2, 'vertical')).toBe(1);
    expect(tabKeyTarget('ArrowRight', 0, 2, 'vertical')).toBeNull();
  });

  it('copes with an out-of-range current index and an empty list', () => {
    expect(tabKeyTarget('ArrowRight', 7, 3)).toBe(0);
    expect(tabKeyTarget('ArrowLeft', -1, 3)).toBe(2);
    expect(tabKeyTarget('End', 0, 0)).toBeNull();
  });
});
