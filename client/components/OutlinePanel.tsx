import type { OutlineAnnex, OutlineClause, OutlineDivision } from '../../shared/outline';
import { OutlineRow } from './OutlineRow';
import { useRovingFocus } from './useRovingFocus';

/** Props of {@link OutlinePanel}. */
export interface OutlinePanelProps {
  clauses: readonly OutlineClause[];
  /** The division headings of the operative part and the annexes, in document order. */
  divisions?: readonly OutlineDivision[];
  annexes?: readonly OutlineAnnex[];
  currentClauseId: string | null;
  /** The pillar whose clauses stand out, or null. */
  filter: string | null;
  /** Puts the caret in the clause, point, division or annex with this id. */
  onSelect: (id: string) => void;
}

/** One entry of a group: a division heading or a clause, in the order of the text. */
type Entry = { division: OutlineDivision } | { clause: OutlineClause };

/**
 * The clauses of one container with its headings in between, in the order of the text: each
 * clause names the innermost heading it falls under, so the headings up to it come first; the
 * headings after the last clause close the list.
 */
export function withDivisions(clauses: readonly OutlineClause[], divisions: readonly OutlineDivision[]): Entry[] {
  const entries: Entry[] = [];
  let next = 0;
  for (const clause of clauses) {
    const at = clause.divisionId === undefined ? -1 : divisions.findIndex((d) => d.id === clause.divisionId);
    while (next <= at) entries.push({ division: divisions[next++]! });
    entries.push({ clause });
  }
  while (next < divisions.length) entries.push({ division: divisions[next++]! });
  return entries;
}

/** A group of the outline: the preamble, the operative part, or one annex. */
interface Group {
  key: string;
  label: string;
  /** The annex's id, to go to its title. */
  annexId?: string;
  clauses: readonly OutlineClause[];
  divisions: readonly OutlineDivision[];
}

/**
 * Every clause of the draft in order, grouped into preamble, operative part and annexes, with the
 * division headings (Part I, Section A) among them and each clause's points ((a), (i), (A)) under
 * it, as references (OP1(b)(ii)). Clicking a row puts the caret there and scrolls the text to it.
 * The whole outline is one tab stop; the arrow keys move within it.
 */
export function OutlinePanel({
  clauses,
  divisions = [],
  annexes = [],
  currentClauseId,
  filter,
  onSelect,
}: OutlinePanelProps) {
  const groups: Group[] = [
    { key: 'preambular', label: 'Preamble', clauses: clauses.filter((c) => c.kind === 'preambular'), divisions: [] },
    {
      key: 'operative',
      label: 'Operative part',
      clauses: clauses.filter((c) => c.kind === 'operative'),
      divisions: divisions.filter((d) => d.annexId === undefined),
    },
    ...annexes.map((annex) => ({
      key: `annex-${annex.id}`,
      label: annex.title === '' ? annex.label : `${annex.label}: ${annex.title}`,
      annexId: annex.id,
      clauses: clauses.filter((c) => c.kind === 'annex' && c.annexId === annex.id),
      divisions: divisions.filter((d) => d.annexId === annex.id),
    })),
  ];
  const roving = useRovingFocus<HTMLElement>();
  return (
    <nav
      className="outline"
      aria-label="Outline of the draft"
      aria-describedby="outline-keys"
      data-testid="outline"
      {...roving}
    >
      <p className="visually-hidden" id="outline-keys">
        One stop on the Tab key: the up and down arrows move between clauses, Enter goes to one.
      </p>
      {groups.map((group) => (
        <section key={group.key} className="outline__group" aria-label={group.label}>
          <h3 className="outline__group-label">
            {group.annexId !== undefined && group.annexId !== '' ? (
              <button
                type="button"
                className="outline__group-link"
                data-testid="outline-annex"
                data-annex-id={group.annexId}
                onClick={() => onSelect(group.annexId!)}
              >
                {group.label}
              </button>
            ) : (
              group.label
            )}
            <span className="outline__count">{group.clauses.length}</span>
          </h3>
          <ol className="outline__list">
            {withDivisions(group.clauses, group.divisions).map((entry, index) =>
              'division' in entry ? (
                <li
                  key={entry.division.id || `division-${index}`}
                  className={`outline-division outline-division--${entry.division.level}`}
                >
                  <button
                    type="button"
                    className="outline-division__button"
                    data-testid="outline-division"
                    data-division-id={entry.division.id}
                    data-number={entry.division.number}
                    disabled={entry.division.id === ''}
                    onClick={() => onSelect(entry.division.id)}
                  >
                    <span className="outline-division__number">{entry.division.number}</span>
                    <span className="outline-division__title">
                      {entry.division.title || <em className="outline-row__empty">Untitled</em>}
                    </span>
                  </button>
                </li>
              ) : (
                <OutlineRow
                  key={
                    entry.clause.id === '' || entry.clause.problems?.includes('duplicate-clause-id')
                      ? `${group.key}-${index}`
                      : entry.clause.id
                  }
                  clause={entry.clause}
                  current={entry.clause.id !== '' && entry.clause.id === currentClauseId}
                  dimmed={filter !== null && !(entry.clause.pillars as readonly string[]).includes(filter)}
                  onSelect={onSelect}
                />
              ),
            )}
          </ol>
        </section>
      ))}
    </nav>
  );
}
