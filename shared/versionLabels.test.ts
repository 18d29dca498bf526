import { describe, expect, it } from 'vitest';
import { nextRevisionLabel } from './versionLabels';

describe('the label offered for the next version', () => {
  it('is the zero draft first, then the revision after the highest taken, never one in use', () => {
    expect(nextRevisionLabel([])).toBe('Zero draft');
    expect(nextRevisionLabel(['Zero draft'])).toBe('Rev.1');
    // Rev.1 saved without a zero draft: Rev.2, not Rev.1 again.
    expect(nextRevisionLabel(['Rev.1'])).toBe('Rev.2');
    expect(nextRevisionLabel(['Rev.3', 'Circulated text', 'Rev.1 after the 2027 periodic review'])).toBe('Rev.4');
    expect(nextRevisionLabel(['Circulated text'])).toBe('Rev.1');
  });
});
