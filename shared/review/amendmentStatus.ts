/**
 * Where a formal amendment stands. The last five are decisions, its fall, or its withdrawal, and
 * are final: an amendment falls when another one adopted changes the same words (the server
 * marks it so, with the reason), and only the chair reinstates it, putting it back under
 * consideration. How one status leads to another is the status machine's (amendmentTransitions.ts).
 */
export const AMENDMENT_STATUSES = [
  'draft',
  'submitted',
  'under-consideration',
  'adopted',
  'adopted-as-revised',
  'rejected',
  'fallen',
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
  fallen: 'Fallen',
  withdrawn: 'Withdrawn',
};

/** Whether a status is final (a decision, a fall or a withdrawal). */
export function isFinalStatus(status: AmendmentStatus): boolean {
  return (
    status === 'adopted' ||
    status === 'adopted-as-revised' ||
    status === 'rejected' ||
    status === 'fallen' ||
    status === 'withdrawn'
  );
}

/** Whether an amendment still awaits a decision: tabled, neither decided, fallen nor withdrawn. */
export function isPendingStatus(status: AmendmentStatus): boolean {
  return status === 'submitted' || status === 'under-consideration';
}
