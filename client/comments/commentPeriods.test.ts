import { describe, expect, it } from 'vitest';
import type { CommentPeriod } from '../../shared/comments';
import { mayComment, periodStatus } from './commentPeriods';

const HOUR = 3_600_000;
const now = Date.parse('2026-05-01T12:00:00Z');

function period(id: string, startsIn: number, endsIn: number, closed = false): CommentPeriod {
  return {
    id,
    draftId: 'd',
    startsAt: new Date(now + startsIn * HOUR).toISOString(),
    endsAt: new Date(now + endsIn * HOUR).toISOString(),
    closedAt: closed ? new Date(now - HOUR).toISOString() : null,
    openedBy: 'chair',
  };
}

describe('periodStatus', () => {
  it('finds the open period, the next scheduled one, and when that changes', () => {
    const status = periodStatus(
      [period('past', -48, -24), period('open', -1, 5), period('next', 24, 48), period('closed', -2, 10, true)],
      now,
    );
    expect(status.open?.id).toBe('open');
    expect(status.upcoming?.id).toBe('next');
    expect(status.changesAt).toBe(now + 5 * HOUR);
  });

  it('has nothing open before a period starts or once the chair closed it', () => {
    expect(periodStatus([period('later', 1, 2)], now)).toMatchObject({
      open: null,
      upcoming: { id: 'later' },
      changesAt: now + HOUR,
    });
    expect(periodStatus([period('closed', -1, 1, true)], now)).toEqual({ open: null, upcoming: null, changesAt: null });
  });
});

describe('mayComment', () => {
  it('lets delegates and the chair comment always, observers only while a period is open', () => {
    const open = periodStatus([period('open', -1, 1)], now);
    const none = periodStatus([], now);
    expect([
      mayComment('chair', none),
      mayComment('delegate', none),
      mayComment('observer', none),
      mayComment(null, open),
    ]).toEqual([true, true, false, false]);
    expect(mayComment('observer', open)).toBe(true);
  });
});
