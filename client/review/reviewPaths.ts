/** Where the periodic-review pages live in the client, so links and routes agree. */

/** The tabs of a review cycle's page. */
export const CYCLE_TABS = ['amendments', 'compilation', 'consolidation'] as const;
/** One tab of a review cycle's page. */
export type CycleTab = (typeof CYCLE_TABS)[number];

/** A draft's review cycles (and, for the chair, the form to open one). */
export function reviewPath(draftId: string): string {
  return `/drafts/${encodeURIComponent(draftId)}/review`;
}

/**
 * One review cycle's page, on a tab (amendments by default), with the amendments list filtered
 * to one clause or showing one amendment when asked.
 */
export function cyclePath(
  draftId: string,
  cycleId: string,
  options: { tab?: CycleTab; clause?: string; amendment?: string; propose?: boolean } = {},
): string {
  const search = new URLSearchParams();
  if (options.tab !== undefined && options.tab !== 'amendments') search.set('tab', options.tab);
  if (options.clause !== undefined) search.set('clause', options.clause);
  // The form to propose an amendment, open on `clause` (from the clause's menu).
  if (options.propose) search.set('propose', '1');
  if (options.amendment !== undefined) search.set('amendment', options.amendment);
  const query = search.toString();
  return `${reviewPath(draftId)}/${encodeURIComponent(cycleId)}${query ? `?${query}` : ''}`;
}
