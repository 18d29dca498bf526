import { z } from 'zod';
import { requestJson } from './requestJson';

/** What restoring an unreadable draft would give back (see the server's `DraftRecovery`). */
const planSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('salvage'), kept: z.number().int(), dropped: z.number().int() }),
  z.object({ kind: z.literal('version'), versionId: z.string(), label: z.string(), at: z.string() }),
]);

export type RecoveryPlan = z.infer<typeof planSchema>;

const statusSchema = z.object({ unreadable: z.string().nullable(), plan: planSchema.nullable() });

/** Whether a draft's stored text can be read and, when it cannot, what the chair can restore. */
export async function getRecovery(draftId: string): Promise<z.infer<typeof statusSchema>> {
  return requestJson(`/api/drafts/${encodeURIComponent(draftId)}/recovery`, statusSchema);
}

/** Restores the last good state (the chair); every open editor is then sent back to load it. */
export async function recoverDraft(draftId: string): Promise<RecoveryPlan> {
  const { restored } = await requestJson(
    `/api/drafts/${encodeURIComponent(draftId)}/recovery`,
    z.object({ restored: planSchema }),
    { method: 'POST' },
  );
  return restored;
}

/** What a plan restores, in a sentence for the chair. */
export function describeRecovery(plan: RecoveryPlan): string {
  if (plan.kind === 'version') {
    const at = new Date(plan.at).toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });
    return `Restore the named version ${plan.label} (saved ${at}). Changes made after it are lost.`;
  }
  const kept = `${plan.kept} stored ${plan.kept === 1 ? 'change' : 'changes'}`;
  const dropped = `${plan.dropped} that ${plan.dropped === 1 ? 'breaks' : 'break'} the text`;
  return `Restore the text with ${kept} and without the ${dropped}.`;
}
