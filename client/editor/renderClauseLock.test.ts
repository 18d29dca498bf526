import { describe, expect, it } from 'vitest';
import { clauseLockKey, lockSentence, type ClauseLockInfo } from './renderClauseLock';

const when = (iso: string) => `[${iso}]`;

function info(changes: Partial<ClauseLockInfo>): ClauseLockInfo {
  return { clauseId: 'c1', status: 'agreed', statusBy: null, statusAt: null, ...changes };
}

describe('the note under a locked clause', () => {
  it('says who agreed the clause and when, as the server recorded it', () => {
    const agreed = info({ statusBy: 'Amb. Ana Pérez (Secretariat)', statusAt: '2026-05-12T10:04:00.000Z' });
    expect(lockSentence(agreed, when)).toBe('Agreed by Amb. Ana Pérez (Secretariat) on [2026-05-12T10:04:00.000Z].');
    const adRef = { ...agreed, status: 'agreed-ad-ref' };
    expect(lockSentence(adRef, when)).toBe(
      'Agreed ad ref by Amb. Ana Pérez (Secretariat) on [2026-05-12T10:04:00.000Z], pending confirmation from capitals.',
    );
  });

  it('says only that the clause is agreed when it was agreed before anyone was recorded', () => {
    expect(lockSentence(info({}), when)).toBe('Agreed.');
    expect(lockSentence(info({ status: 'agreed-ad-ref' }), when)).toBe(
      'Agreed ad ref, pending confirmation from capitals.',
    );
    expect(lockSentence(info({ statusBy: 'Chair (Secretariat)' }), when)).toBe('Agreed by Chair (Secretariat).');
    // A date the server did not write as a date is left out rather than shown as "Invalid Date".
    expect(lockSentence(info({ statusAt: 'yesterday' }), when)).toBe('Agreed.');
  });

  it('is redrawn when who agreed it, or when, changes', () => {
    const before = info({});
    expect(clauseLockKey(before)).toBe(clauseLockKey(info({})));
    expect(clauseLockKey(before)).not.toBe(clauseLockKey(info({ statusBy: 'Chair (Secretariat)' })));
    expect(clauseLockKey(before)).not.toBe(clauseLockKey(info({ status: 'agreed-ad-ref' })));
  });
});
