import { z } from 'zod';
import { requestJson } from './requestJson';

/** Freezes, unfreezes or renumbers the paragraphs of a draft (the chair); renumbering says how many cited numbers it rewrote. */
export async function changeNumbering(
  draftId: string,
  action: 'freeze' | 'unfreeze' | 'renumber',
): Promise<{ references?: number }> {
  return requestJson(
    `/api/drafts/${encodeURIComponent(draftId)}/numbering/${action}`,
    z.object({ references: z.number().optional() }).passthrough(),
    { method: 'POST' },
  );
}
