import { describe, expect, it } from 'vitest';
import type { ClauseChangeEntry } from '../api/historyApi';
import { groupChanges } from './groupChanges';

const lena = { id: 'u-lena', name: 'Lena Varga', affiliation: 'Republic of Valdoria' };
const erik = { id: 'u-erik', name: 'Erik Holm', affiliation: 'Kingdom of Norland' };

function entry(
  id: string,
  at: string,
  author: ClauseChangeEntry['author'],
  clauses: [string, string | null][],
  summary: string | null = null,
): ClauseChangeEntry {
  return {
    id,
    at: `2026-03-01T${at}Z`,
    author,
    clauses: clauses.map(([clauseId, number]) => ({ id: clauseId, number })),
    summary,
  };
}

describe('grouping the history of a draft', () => {
  it('keeps a decision on a suggestion a row of its own, with what was decided, between the chair’s edits', () => {
    const accepted = 'Accepted Republic of Valdoria’s suggestion to insert “and clinics” in OP3';
    const groups = groupChanges([
      entry('3', '10:02:00', erik, [['c-op1', 'OP1']]),
      entry('suggestion:x', '10:01:30', erik, [['c-op3', 'OP3']], accepted),
      entry('2', '10:01:00', erik, [['c-op3', 'OP3']]),
      entry('1', '10:00:00', erik, [['c-op2', 'OP2']]),
    ]);
    expect(groups.map((group) => [group.summary, group.clauses.map((clause) => clause.number)])).toEqual([
      [null, ['OP1']],
      [accepted, ['OP3']],
      [null, ['OP2', 'OP3']],
    ]);
  });

  it('folds one person’s run of keystrokes into one row with every clause they touched, in text order', () => {
    const groups = groupChanges([
      entry('5', '10:04:00', lena, [['c-op1', 'OP1']]),
      entry('4', '10:03:00', lena, [
        ['c-op10', 'OP10'],
        ['c-pp2', 'PP2'],
      ]),
      entry('3', '10:02:00', lena, [
        ['c-gone', null],
        ['c-op1', 'OP1'],
      ]),
      entry('2', '10:01:00', erik, [['c-op2', 'OP2']]),
      entry('1', '10:00:00', lena, [['c-op3', 'OP3']]),
    ]);
    expect(
      groups.map((group) => [group.author?.name, group.clauses.map((clause) => clause.number), group.changes]),
    ).toEqual([
      ['Lena Varga', ['PP2', 'OP1', 'OP10', null], 3],
      ['Erik Holm', ['OP2'], 1],
      ['Lena Varga', ['OP3'], 1],
    ]);
    expect(groups[0]).toMatchObject({
      key: '5',
      earliestId: '3',
      latest: '2026-03-01T10:04:00Z',
      earliest: '2026-03-01T10:02:00Z',
    });
  });

  it('starts a new row after a pause, and leaves out changes that touched no clause', () => {
    const groups = groupChanges([
      entry('3', '11:00:00', lena, [['c-op1', 'OP1']]),
      entry('2', '10:30:00', lena, []),
      entry('1', '10:30:00', lena, [['c-op1', 'OP1']]),
    ]);
    expect(groups.map((group) => group.key)).toEqual(['3', '1']);
  });

  it('keeps changes made by the server apart from people’s', () => {
    const groups = groupChanges([
      entry('2', '10:00:10', null, [['c-op1', 'OP1']]),
      entry('1', '10:00:00', lena, [['c-op1', 'OP1']]),
    ]);
    expect(groups.map((group) => group.author?.name ?? 'server')).toEqual(['server', 'Lena Varga']);
  });
});
