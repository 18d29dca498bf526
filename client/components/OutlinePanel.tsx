import type { OutlineClause } from '../../shared/outline';
import { OutlineRow } from './OutlineRow';

/** Props of {@link OutlinePanel}. */
export interface OutlinePanelProps {
  clauses: readonly OutlineClause[];
  currentClauseId: string | null;
  /** The pillar whose clauses stand out, or null. */
  filter: string | null;
  onSelect: (clauseId: string) => void;
}

/**
 * Every clause of the draft in order, grouped into preamble and operative part, with its number,
 * opening words and pillars. Clicking one puts the caret in it and scrolls the text there.
 */
export function OutlinePanel({ clauses, currentClauseId, filter, onSelect }: OutlinePanelProps) {
  const groups = [
    { kind: 'preambular', label: 'Preamble' },
    { kind: 'operative', label: 'Operative part' },
  ] as const;
  return (
    <nav className="outline" aria-label="Outline of the draft" data-testid="outline">
      {groups.map((group) => {
        const members = clauses.filter((clause) => clause.kind === group.kind);
        return (
          <section key={group.kind} className="outline__group" aria-label={group.label}>
            <h3 className="outline__group-label">
              {group.label}
              <span className="outline__count">{members.length}</span>
            </h3>
            <ol className="outline__list">
              {members.map((clause, index) => (
                <OutlineRow
                  key={
                    clause.id === '' || clause.problems?.includes('duplicate-clause-id')
                      ? `${group.kind}-${index}`
                      : clause.id
                  }
                  clause={clause}
                  current={clause.id !== '' && clause.id === currentClauseId}
                  dimmed={filter !== null && !(clause.pillars as readonly string[]).includes(filter)}
                  onSelect={onSelect}
                />
              ))}
            </ol>
          </section>
        );
      })}
    </nav>
  );
}
