import { describe, expect, it } from 'vitest';
import { countNewSince, isNewSince } from './newSince';

describe('new since the last visit', () => {
  it('marks what changed after the last visit, comparing instants rather than strings', () => {
    expect(isNewSince({ updatedAt: '2027-01-10T09:05:00.001Z' }, '2027-01-10T09:05:00.000Z')).toBe(true);
    expect(isNewSince({ updatedAt: '2027-01-10T09:05:00Z' }, '2027-01-10T09:05:00.000Z')).toBe(false);
    expect(isNewSince({ updatedAt: '2027-01-10T09:00:00Z' }, '2027-01-10T10:05:00+01:00')).toBe(false);
    expect(isNewSince({ updatedAt: '2027-01-10T09:06:00Z' }, '2027-01-10T10:05:00+01:00')).toBe(true);
  });

  it('treats everything as new to someone who has never marked the cycle as seen', () => {
    expect(isNewSince({ updatedAt: '2020-01-01T00:00:00Z' }, null)).toBe(true);
  });

  it('never marks on an unreadable time', () => {
    expect(isNewSince({ updatedAt: 'soon' }, '2027-01-10T09:00:00Z')).toBe(false);
  });

  it('counts the new ones', () => {
    const amendments = [
      { updatedAt: '2027-01-01T00:00:00Z' },
      { updatedAt: '2027-01-03T00:00:00Z' },
      { updatedAt: '2027-01-04T00:00:00Z' },
    ];
    expect(countNewSince(amendments, '2027-01-02T00:00:00Z')).toBe(2);
    expect(countNewSince(amendments, null)).toBe(3);
  });
});
