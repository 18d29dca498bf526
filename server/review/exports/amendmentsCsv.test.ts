import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../exports/testing/parseCsv';
import { AMENDMENTS_CSV_COLUMNS, renderAmendmentsCsv } from './amendmentsCsv';
import { AMENDMENTS, CYCLE } from './fixtures';

/** The CSV read back as a spreadsheet would, one record per amendment keyed by column. */
function records(csv: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(csv);
  expect(header).toEqual([...AMENDMENTS_CSV_COLUMNS]);
  for (const row of rows) expect(row).toHaveLength(AMENDMENTS_CSV_COLUMNS.length);
  return rows.map((row) => Object.fromEntries(header!.map((column, i) => [column, row[i]!])));
}

describe('renderAmendmentsCsv', () => {
  it('writes one row per amendment with its label, status, clause, sponsors, statements, wording and decision', () => {
    const rows = records(renderAmendmentsCsv(CYCLE, AMENDMENTS));
    expect(rows.map((r) => r.label)).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
    expect(rows.map((r) => r.status)).toEqual([
      'Adopted',
      'Adopted as orally revised',
      'Rejected',
      'Submitted',
      'Under consideration',
    ]);
    expect(rows[0]).toMatchObject({
      kind: 'modify',
      word_action: 'replace',
      clause_number: 'OP1',
      clause_id: 'c-op1',
      sponsor: 'Republic of Valdoria (XVA)',
      // Ostrava only asked to co-sponsor; the sponsor never accepted.
      co_sponsors: 'Kingdom of Norland (XNL)',
      pillars: 'civilian-protection; resilience-shared-defence',
      supporting_delegations: 'Kingdom of Norland (XNL)',
      objecting_delegations: 'Ostravan Federation (XOS)',
      proposed_text: 'States should safeguard essential services & "critical" systems (where risk < 5%).',
      revised_text: '',
      justification: '"Protect" is weaker than <safeguard> & the Convention already uses the latter.',
      decision: 'vote: 12 in favour, 3 against, 2 abstaining',
      decided_at: '2026-04-10T15:30:00.000Z',
      cycle: 'Review 2026',
      base_version: 'Rev.2',
      id: 'am-1',
    });
    expect(rows[1]).toMatchObject({
      kind: 'add',
      word_action: '',
      clause_number: 'OP2',
      proposed_text: 'States should share indicators of compromise with one another.',
      revised_text: 'States should share indicators of compromise promptly with one another.',
      decision: 'consensus',
    });
    // A deletion proposes no wording; its justification keeps its line break.
    expect(rows[2]).toMatchObject({
      kind: 'delete',
      proposed_text: '',
      decision: 'vote: 4 in favour, 10 against, 3 abstaining',
      objecting_delegations: 'Republic of Valdoria (XVA)',
    });
    expect(rows[2]!.justification).toBe(
      'The factors are already listed in the Charter.\nKeeping them invites selective reading.',
    );
    // Not decided yet: no decision, no date.
    expect(rows[3]).toMatchObject({
      word_action: 'insert',
      decision: '',
      decided_at: '',
      submitted_at: '2026-02-20T10:00:00.000Z',
    });
    // Point labels stay in the plain wording, at every level; the points changed are named by reference.
    expect(rows[4]!.proposed_text).toBe(
      'Responses should take into account:\n(a) the gravity of the harm;\n(b) the second and amended factor.\n(i) its duration.',
    );
    expect(rows[4]!.point_changes).toBe('OP3(b): inserted words; OP3(b)(i): point added');
    expect(rows[0]!.point_changes).toBe('OP1: replaced words');
  });

  it('defuses a cell that a spreadsheet would run as a formula', () => {
    const rows = records(renderAmendmentsCsv(CYCLE, AMENDMENTS));
    expect(rows[1]!.justification).toBe(
      `'=HYPERLINK("https://example.org/evil","Sharing indicators speeds up response")`,
    );
    for (const row of rows) for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+@]/);
  });

  it('writes just the header for a cycle without amendments', () => {
    expect(records(renderAmendmentsCsv(CYCLE, []))).toEqual([]);
  });
});
