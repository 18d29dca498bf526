import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPathFor } from './signInPath';

describe('where sign-in leads back to', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeNextPath('/drafts/abc')).toBe('/drafts/abc');
    expect(safeNextPath('/invite/tok?x=1')).toBe('/invite/tok?x=1');
    expect(signInPathFor('/drafts/abc')).toBe('/sign-in?next=%2Fdrafts%2Fabc');
  });

  it('never leads to another site or back to the sign-in page', () => {
    for (const next of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example',
      'drafts',
      '',
      null,
      undefined,
      '/sign-in',
      '/sign-in?next=/x',
    ]) {
      expect(safeNextPath(next)).toBe('/');
    }
    expect(signInPathFor('/')).toBe('/sign-in');
  });
});
