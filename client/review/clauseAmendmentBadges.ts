import { AMENDMENT_STATUS_LABELS } from '../../shared/review/amendmentStatus';
import type { Amendment } from '../../shared/review/types';
import type { ClauseAmendmentsBadge } from '../editor/renderClauseGutter';
import { isTabled, sortAmendments } from './amendmentFilters';
import { sponsorNames } from './describeAmendment';

/** The most labels a badge spells out; with more it says how many, so the narrow gutter stays tidy. */
export const BADGE_MAX_LABELS = 2;

/** What a clause's badge reads: "A-1", "A-1 A-3", or "3 amendments" beyond {@link BADGE_MAX_LABELS}. */
export function amendmentBadgeText(labels: readonly string[]): string {
  return labels.length > BADGE_MAX_LABELS ? `${labels.length} amendments` : labels.join(' ');
}

/** The badge's tooltip: one line per amendment, "A-1 · Republic of Valdoria (XVA) · Submitted". */
export function amendmentBadgeTitle(
  amendments: readonly Pick<Amendment, 'label' | 'sponsor' | 'coSponsors' | 'status'>[],
): string {
  return amendments
    .map(
      (amendment) => `${amendment.label} · ${sponsorNames(amendment)} · ${AMENDMENT_STATUS_LABELS[amendment.status]}`,
    )
    .join('\n');
}

/**
 * The gutter badge of every clause with amendments tabled against it (see `isTabled`), by clause
 * id, the amendments in number order; `hrefFor` says where a clause's badge leads. Clauses with
 * none get no entry. Drafts and withdrawn amendments are left out, as the side panel leaves them.
 */
export function clauseAmendmentBadges(
  amendments: readonly Amendment[],
  hrefFor: (clauseId: string) => string,
): Map<string, ClauseAmendmentsBadge> {
  const byClause = new Map<string, Amendment[]>();
  for (const amendment of sortAmendments(amendments.filter(isTabled))) {
    const tabled = byClause.get(amendment.clauseId);
    if (tabled) tabled.push(amendment);
    else byClause.set(amendment.clauseId, [amendment]);
  }
  const badges = new Map<string, ClauseAmendmentsBadge>();
  for (const [clauseId, tabled] of byClause) {
    const labels = tabled.map((amendment) => amendment.label);
    badges.set(clauseId, {
      labels,
      text: amendmentBadgeText(labels),
      title: amendmentBadgeTitle(tabled),
      href: hrefFor(clauseId),
    });
  }
  return badges;
}
