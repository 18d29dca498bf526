import { describe, expect, it } from 'vitest';
import type { Comment, CommentAnchor } from '../../shared/comments';
import {
  amendmentIdOf,
  groupThreads,
  threadCountsByClause,
  threadMatches,
  voiceOf,
  type ThreadFilter,
} from './commentThreads';

function comment(id: string, overrides: Partial<Comment> = {}): Comment {
  return {
    id,
    draftId: 'd',
    parentId: null,
    author: {
      id: `u-${id}`,
      name: 'Someone',
      affiliation: { id: 'a', kind: 'delegation', name: 'Valdoria', code: 'XVA' },
    },
    authorRole: 'delegate',
    body: id,
    anchor: { clauseId: 'c1' },
    anchorState: 'attached',
    clauseNumber: 'OP1',
    currentText: null,
    mentions: [],
    createdAt: `2026-01-01T00:00:0${id.length}Z`,
    editedAt: null,
    status: 'open',
    resolvedAt: null,
    resolvedBy: null,
    hidden: null,
    ...overrides,
  };
}

const all: ThreadFilter = { status: 'all', voice: 'all', pillar: null };

describe('groupThreads', () => {
  it('puts replies under their thread, oldest first, and keeps orphaned replies visible', () => {
    const threads = groupThreads([
      comment('r2', { parentId: 't1', createdAt: '2026-01-01T00:00:05Z' }),
      comment('t1', { createdAt: '2026-01-01T00:00:01Z' }),
      comment('r1', { parentId: 't1', createdAt: '2026-01-01T00:00:03Z' }),
      comment('t2', { createdAt: '2026-01-01T00:00:02Z' }),
      comment('lost', { parentId: 'gone', createdAt: '2026-01-01T00:00:09Z' }),
    ]);
    expect(threads.map((thread) => [thread.id, thread.replies.map((reply) => reply.id)])).toEqual([
      ['t1', ['r1', 'r2']],
      ['t2', []],
      ['lost', []],
    ]);
  });
});

describe('threadMatches', () => {
  const pillarsOf = (clauseId: string) => (clauseId === 'c1' ? ['attribution'] : []);

  it('filters by status, by the voice that started the thread, and by the pillar of its clause', () => {
    const [open, resolved, observer, chair, elsewhere] = groupThreads([
      comment('a'),
      comment('bb', { status: 'resolved' }),
      comment('ccc', {
        authorRole: 'observer',
        author: {
          id: 'o',
          name: 'Priya',
          affiliation: { id: 'x', kind: 'organisation', name: 'Digital Rights Watch', code: null },
        },
      }),
      comment('dddd', {
        authorRole: 'chair',
        author: {
          id: 'ch',
          name: 'Amina',
          affiliation: { id: 's', kind: 'organisation', name: 'Secretariat', code: null },
        },
      }),
      comment('eeeee', { anchor: { clauseId: 'c2' } }),
    ]);
    const shown = (filter: Partial<ThreadFilter>) =>
      [open!, resolved!, observer!, chair!, elsewhere!]
        .filter((thread) => threadMatches(thread, { ...all, ...filter }, pillarsOf))
        .map((thread) => thread.id);
    expect(shown({ status: 'open' })).toEqual(['a', 'ccc', 'dddd', 'eeeee']);
    expect(shown({ status: 'resolved' })).toEqual(['bb']);
    expect(shown({ voice: 'civil-society' })).toEqual(['ccc']);
    // The chair's secretariat is an organisation, but the chair is not civil society.
    expect(shown({ voice: 'delegations' })).toEqual(['a', 'bb', 'eeeee']);
    expect(shown({ voice: 'chair' })).toEqual(['dddd']);
    expect(shown({ pillar: 'attribution' })).toEqual(['a', 'bb', 'ccc', 'dddd']);
    expect(voiceOf({ authorRole: 'observer' })).toBe('civil-society');
  });
});

describe('threadCountsByClause', () => {
  it('counts threads per clause, leaving out those whose clause was deleted', () => {
    const counts = threadCountsByClause(
      groupThreads([
        comment('a'),
        comment('bb'),
        comment('r', { parentId: 'a' }),
        comment('ccc', { anchor: { clauseId: 'c2' } }),
        comment('dddd', { anchor: { clauseId: 'c3' }, anchorState: 'clause-removed' }),
      ]),
    );
    expect([...counts]).toEqual([
      ['c1', 2],
      ['c2', 1],
    ]);
  });
});

describe('comments on amendments', () => {
  it('tells an amendment’s comments from the text’s', () => {
    expect(amendmentIdOf({ clauseId: 'c_1', amendmentId: 'am_1' } as CommentAnchor)).toBe('am_1');
    expect(amendmentIdOf({ clauseId: 'c_1' })).toBeNull();
    expect(amendmentIdOf({ clauseId: 'c_1', from: 'AA==', to: 'AA==', quote: 'words' })).toBeNull();
  });
});
