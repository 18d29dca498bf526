import { describe, expect, it } from 'vitest';
import { firstWords } from './firstWords';

describe('firstWords', () => {
  it('keeps a short first line whole and leaves sub-paragraph lines out', () => {
    expect(firstWords('Responses should be graduated, so that:\n(a) diplomatic measures …')).toBe(
      'Responses should be graduated, so that:',
    );
  });

  it('cuts a long line at a word boundary and marks the cut', () => {
    const text =
      'States should refrain from conducting or knowingly supporting cyber operations that impair the availability of essential services.';
    const words = firstWords(text, 60);
    expect(words.endsWith('…')).toBe(true);
    expect(words.length).toBeLessThanOrEqual(61);
    expect(text.startsWith(words.slice(0, -1))).toBe(true);
    expect(words).not.toMatch(/\s…$/);
  });
});
