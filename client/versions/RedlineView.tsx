import type { ClauseKind } from '../../shared/clauses';
import type { ClauseRedline, Redline } from '../api/compareApi';
import { RedlineClause, type RedlineLayout } from './RedlineClause';
import { isChanged } from './redlineSides';

/** Props of {@link RedlineView}. */
export interface RedlineViewProps {
  redline: Redline;
  layout: RedlineLayout;
  /** Leave out clauses that neither changed nor moved. */
  changesOnly: boolean;
  /** What the two texts are called, for the side-by-side column heads. */
  fromLabel: string;
  toLabel: string;
}

const SECTION_LABELS: Record<ClauseKind, string> = {
  preambular: 'Preamble',
  operative: 'Operative part',
  annex: 'Annexes',
};

/** Consecutive clauses of one kind, for a section heading each. */
function sections(clauses: readonly ClauseRedline[]): { kind: ClauseKind; clauses: ClauseRedline[] }[] {
  const runs: { kind: ClauseKind; clauses: ClauseRedline[] }[] = [];
  for (const clause of clauses) {
    const last = runs[runs.length - 1];
    if (last?.kind === clause.kind) last.clauses.push(clause);
    else runs.push({ kind: clause.kind, clauses: [clause] });
  }
  return runs;
}

/**
 * A redline on a sheet like the draft's own: the title (and its change), then the clauses in
 * the order of the newer text with removed ones where they stood, under their section headings,
 * inline or side by side.
 */
export function RedlineView({ redline, layout, changesOnly, fromLabel, toLabel }: RedlineViewProps) {
  const shown = changesOnly ? redline.clauses.filter(isChanged) : redline.clauses;
  const titleChanged = redline.title.from !== redline.title.to;
  return (
    <article className={`redline redline--${layout}`} aria-label="Redline" data-testid="redline" data-layout={layout}>
      <h2 className="redline__title">
        {titleChanged ? (
          <>
            <del className="redline-del">{redline.title.from}</del>{' '}
            <ins className="redline-ins">{redline.title.to}</ins>
          </>
        ) : (
          redline.title.to
        )}
      </h2>
      {layout === 'side-by-side' && (
        <div className="redline__columns" aria-hidden="true">
          <span>{fromLabel}</span>
          <span>{toLabel}</span>
        </div>
      )}
      {shown.length === 0 && (
        <p className="redline__empty">
          {redline.clauses.length === 0
            ? 'Neither text has any clauses.'
            : 'No clause differs between these two texts.'}
        </p>
      )}
      {sections(shown).map((section, index) => (
        <section key={`${section.kind}-${index}`} className="redline__section">
          <h3 className="redline__section-label">{SECTION_LABELS[section.kind]}</h3>
          {section.clauses.map((clause) => (
            <RedlineClause
              key={`${clause.id}-${clause.fromNumber ?? ''}-${clause.toNumber ?? ''}`}
              clause={clause}
              layout={layout}
            />
          ))}
        </section>
      ))}
    </article>
  );
}
