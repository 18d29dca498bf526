import { describe, expect, it } from 'vitest';
import { liveAnnouncements, type LiveSnapshot } from './liveAnnouncements';

const author = (id: string, name: string) => ({
  id,
  name,
  affiliation: { id: `${id}-aff`, kind: 'delegation' as const, name: 'Republic of Valdoria', code: 'XVA' },
});

const before: LiveSnapshot = {
  people: ['Lena Varga'],
  comments: [{ id: 'c1', parentId: null, author: author('u1', 'Lena Varga'), clauseNumber: 'OP1' }],
  clauses: [
    { id: 'a', number: 'OP1', status: 'open' },
    { id: 'b', number: 'OP2', status: 'open' },
  ],
};

describe('liveAnnouncements', () => {
  it('says who joined and left, who commented or replied where, and which clause was agreed', () => {
    const after: LiveSnapshot = {
      people: ['Ana Ruiz'],
      comments: [
        ...before.comments,
        { id: 'c2', parentId: null, author: author('u2', 'Ana Ruiz'), clauseNumber: 'OP2', pointReference: 'OP2(a)' },
        { id: 'c3', parentId: 'c1', author: author('u2', 'Ana Ruiz'), clauseNumber: 'OP1' },
      ],
      clauses: [
        { id: 'a', number: 'OP1', status: 'agreed-ad-ref' },
        { id: 'b', number: 'OP2', status: 'open' },
      ],
    };
    expect(liveAnnouncements(before, after, 'me')).toEqual([
      'Ana Ruiz joined the draft.',
      'Lena Varga left the draft.',
      'Ana Ruiz commented on OP2(a).',
      'Ana Ruiz replied on OP1.',
      'OP1: agreed ad ref.',
    ]);
  });

  it('stays silent about typing, renumbering, reopening and the reader’s own comments', () => {
    const after: LiveSnapshot = {
      people: before.people,
      comments: [...before.comments, { id: 'c2', parentId: null, author: author('me', 'Me'), clauseNumber: 'OP1' }],
      clauses: [
        { id: 'new', number: 'OP1', status: 'open' },
        { id: 'a', number: 'OP2', status: 'open' },
        { id: 'b', number: 'OP3', status: 'open' },
      ],
    };
    expect(liveAnnouncements(before, after, 'me')).toEqual([]);
  });
});
