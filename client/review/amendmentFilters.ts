import type { PillarKey, Taxonomy } from '../../shared/pillars';
import { AMENDMENT_STATUSES, type AmendmentStatus } from '../../shared/review/amendmentStatus';
import type { AffiliationRef, Amendment } from '../../shared/review/types';

/** Which amendments the list shows. Each part narrows it; null (or `all`) means any. */
export interface AmendmentFilter {
  status: AmendmentStatus | 'all';
  pillar: PillarKey | null;
  /** A delegation's affiliation id: amendments it sponsors or co-sponsors (accepted). */
  sponsor: string | null;
  /** A clause id of the base version. */
  clauseId: string | null;
}

/** Every amendment: what the list shows first. */
export const DEFAULT_AMENDMENT_FILTER: AmendmentFilter = { status: 'all', pillar: null, sponsor: null, clauseId: null };

/** Whether `affiliationId` sponsors the amendment or co-sponsors it (request accepted). */
export function isSponsoredBy(amendment: Pick<Amendment, 'sponsor' | 'coSponsors'>, affiliationId: string): boolean {
  return (
    amendment.sponsor.id === affiliationId ||
    amendment.coSponsors.some((co) => co.status === 'accepted' && co.affiliation.id === affiliationId)
  );
}

/** Whether an amendment passes the filter. */
export function matchesFilter(amendment: Amendment, filter: AmendmentFilter): boolean {
  if (filter.status !== 'all' && amendment.status !== filter.status) return false;
  if (filter.pillar !== null && !amendment.pillars.includes(filter.pillar)) return false;
  if (filter.sponsor !== null && !isSponsoredBy(amendment, filter.sponsor)) return false;
  if (filter.clauseId !== null && amendment.clauseId !== filter.clauseId) return false;
  return true;
}

/**
 * How many amendments have each status among those that pass the rest of the filter (pillar,
 * sponsor, clause), so the status tabs say what choosing them would show. `all` is their total.
 */
export function statusCounts(
  amendments: readonly Amendment[],
  filter: AmendmentFilter,
): Record<AmendmentStatus | 'all', number> {
  const counts = Object.fromEntries([...AMENDMENT_STATUSES, 'all'].map((status) => [status, 0])) as Record<
    AmendmentStatus | 'all',
    number
  >;
  const others: AmendmentFilter = { ...filter, status: 'all' };
  for (const amendment of amendments) {
    if (!matchesFilter(amendment, others)) continue;
    counts[amendment.status]++;
    counts.all++;
  }
  return counts;
}

/**
 * The list's order: by number (A-1, A-2 …, as the secretariat numbers them on submission), the
 * reader's unsubmitted drafts first, newest draft first, since that is what they are working on.
 */
export function sortAmendments(amendments: readonly Amendment[]): Amendment[] {
  return [...amendments].sort((a, b) => {
    if (a.number === null && b.number === null)
      return b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
    if (a.number === null) return -1;
    if (b.number === null) return 1;
    return a.number - b.number;
  });
}

/** The delegations sponsoring or co-sponsoring any of the amendments, by name, for the sponsor filter. */
export function sponsorsOf(amendments: readonly Amendment[]): AffiliationRef[] {
  const found = new Map<string, AffiliationRef>();
  for (const amendment of amendments) {
    found.set(amendment.sponsor.id, amendment.sponsor);
    for (const co of amendment.coSponsors) if (co.status === 'accepted') found.set(co.affiliation.id, co.affiliation);
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A filter as the page's address says it (`?status=&pillar=&sponsor=&clause=`); anything unknown is ignored. */
export function filterFromSearch(search: URLSearchParams, taxonomy: Taxonomy): AmendmentFilter {
  const status = search.get('status');
  const pillar = search.get('pillar');
  return {
    status:
      status !== null && (AMENDMENT_STATUSES as readonly string[]).includes(status)
        ? (status as AmendmentStatus)
        : 'all',
    pillar: taxonomy.has(pillar) ? pillar : null,
    sponsor: search.get('sponsor') || null,
    clauseId: search.get('clause') || null,
  };
}

/** Writes a filter into the page's address, keeping the other parameters (the tab, the open amendment). */
export function filterToSearch(filter: AmendmentFilter, current: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(current);
  const set = (key: string, value: string | null) => {
    if (value === null) next.delete(key);
    else next.set(key, value);
  };
  set('status', filter.status === 'all' ? null : filter.status);
  set('pillar', filter.pillar);
  set('sponsor', filter.sponsor);
  set('clause', filter.clauseId);
  return next;
}

/**
 * Whether an amendment is tabled: submitted (and so numbered) or later, and not withdrawn. What
 * the draft page shows against a clause, in the side panel and in the gutter alike.
 */
export function isTabled(amendment: Pick<Amendment, 'status'>): boolean {
  return amendment.status !== 'draft' && amendment.status !== 'withdrawn';
}

/** Amendments tabled against each clause (submitted or later, withdrawn ones left out), for the draft page. */
export function tabledCountsByClause(
  amendments: readonly Pick<Amendment, 'clauseId' | 'status'>[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const amendment of amendments) {
    if (!isTabled(amendment)) continue;
    counts.set(amendment.clauseId, (counts.get(amendment.clauseId) ?? 0) + 1);
  }
  return counts;
}
