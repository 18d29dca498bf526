import { describe, expect, it } from 'vitest';
import type { OpenItem } from './openItems';
import { groupOpenItems, openStatusLabel } from './openItems';

const item = (key: string, clauseId: string | null, number: string | null): OpenItem => ({
  key,
  clauseId,
  number,
  kind: key.startsWith('bracket') ? 'bracket' : 'insert',
  text: 'words',
  by: 'Republic of Valdoria',
});

describe('groupOpenItems', () => {
  it('groups by clause in the newer order, a settled item where it stood, each clause under its newer number', () => {
    const groups = groupOpenItems({
      from: [item('bracket:a', 'c1', 'OP1'), item('insert:x', 'c2', 'OP2'), item('bracket:b', 'c3', 'OP3')],
      to: [item('bracket:a', 'c1', 'OP2'), item('insert:y', 'c3', 'OP4'), item('bracket:b', 'c3', 'OP4')],
    });
    expect(
      groups.map((group) => [group.number, group.entries.map((entry) => `${entry.status} ${entry.item.key}`)]),
    ).toEqual([
      ['OP2', ['still-open bracket:a']],
      ['OP2', ['settled insert:x']],
      ['OP4', ['new insert:y', 'still-open bracket:b']],
    ]);
  });

  it('heads a clause whose first item was settled by its number in the newer text', () => {
    const [group] = groupOpenItems({ from: [item('insert:x', 'c1', 'OP1')], to: [item('insert:z', 'c1', 'OP2')] });
    expect(group!.number).toBe('OP2');
    expect(group!.entries.map((entry) => entry.status)).toEqual(['settled', 'new']);
  });

  it('has nothing to show when neither text has anything open', () => {
    expect(groupOpenItems({ from: [], to: [] })).toEqual([]);
  });
});

describe('openStatusLabel', () => {
  it('names the older text for what changed since it', () => {
    expect(openStatusLabel('still-open', 'Rev.1')).toBe('still open');
    expect(openStatusLabel('settled', 'Rev.1')).toBe('settled since Rev.1');
    expect(openStatusLabel('new', 'Rev.1')).toBe('new since Rev.1');
  });
});
