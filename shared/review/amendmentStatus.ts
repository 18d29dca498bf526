/**
 * Where a formal amendment stands. The last four are decisions, or its withdrawal, and are final.
 * How one status leads to another is the status machine's (amendmentTransitions.ts).
 */
export const AMENDMENT_STATUSES = [
  'draft',
  'submitted',
  'under-consideration',
  'adopted',
  'adopted-as-revised',
  'rejected',
  'withdrawn',
] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

export const AMENDMENT_STATUS_LABELS: Record<AmendmentStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  'under-consideration': 'Under consideration',
  adopted: 'Adopted',
  'adopted-as-revised': 'Adopted as orally revised',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

/** Whether a status is final (a decision or a withdrawal). */
export function isFinalStatus(status: AmendmentStatus): boolean {
  return status === 'adopted' || status === 'adopted-as-revised' || status === 'rejected' || status === 'withdrawn';
}
