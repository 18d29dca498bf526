import type { ClauseKind } from '../../shared/clauses';
import type { Redline } from '../api/compareApi';
import { RedlineClause, type RedlineLayout } from './RedlineClause';
import { RedlineHeading } from './RedlineHeading';
import { RedlineWordsText } from './RedlineWordsText';
import { redlineSections } from './redlineEntries';
import { isChanged } from './redlineSides';

/** Props of {@link RedlineView}. */
export interface RedlineViewProps {
  redline: Redline;
  layout: RedlineLayout;
  /** Leave out clauses (and headings) that neither changed nor moved. */
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

/**
 * A redline on a sheet like the draft's own: the title (and its change), the opening formula,
 * then the clauses in the order of the newer text with removed ones where they stood, under their
 * section, part, division and annex headings, inline or side by side.
 */
export function RedlineView({ redline, layout, changesOnly, fromLabel, toLabel }: RedlineViewProps) {
  const shown = changesOnly ? redline.clauses.filter(isChanged) : redline.clauses;
  const formula = redline.formula;
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
      {formula !== null && (!changesOnly || formula.change !== 'unchanged') && (
        <div className="redline__formula" data-testid="redline-formula" data-change={formula.change}>
          <RedlineWordsText words={formula.words} />
        </div>
      )}
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
      {redlineSections(redline, changesOnly).map((section, index) => (
        <section key={`${section.kind}-${index}`} className="redline__section">
          <h3 className="redline__section-label">{SECTION_LABELS[section.kind]}</h3>
          {section.entries.map((entry) =>
            entry.type === 'heading' ? (
              <RedlineHeading key={`h-${entry.heading.id}-${entry.heading.fromNumber ?? ''}`} heading={entry.heading} />
            ) : (
              <RedlineClause
                key={`${entry.clause.id}-${entry.clause.fromNumber ?? ''}-${entry.clause.toNumber ?? ''}`}
                clause={entry.clause}
                layout={layout}
              />
            ),
          )}
        </section>
      ))}
    </article>
  );
}
