import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';

/**
 * One change of an editing trace: at code point `position`, delete `deleteCount` code points, then
 * insert `insert`. Positions count Unicode code points, as in the traces' own format.
 */
const patchSchema = z.tuple([z.number().int().min(0), z.number().int().min(0), z.string()]);

/**
 * A sequential editing trace in the format of the public `josephg/editing-traces` collection
 * (CC BY 4.0, Joseph Gentle and contributors): the text before, the text after, and every
 * transaction in between, each a list of patches applied in order.
 */
const editingTraceSchema = z.object({
  startContent: z.string(),
  endContent: z.string(),
  txns: z.array(z.object({ patches: z.array(patchSchema) })),
});

export type EditingTrace = z.infer<typeof editingTraceSchema>;

/** Keys only a concurrent trace has; such a trace needs several replicas, not one client. */
const CONCURRENT_MARKERS = ['kind', 'numAgents'] as const;

/**
 * Checks a parsed trace file and returns it as a sequential trace, or throws a sentence saying what
 * is wrong. A concurrent trace (several agents, transactions with parents) is refused: replaying
 * its transactions in file order through one client would not be what its authors recorded.
 */
export function parseEditingTrace(json: unknown): EditingTrace {
  if (typeof json === 'object' && json !== null) {
    const record = json as Record<string, unknown>;
    const concurrent = CONCURRENT_MARKERS.some((key) => key in record) && record.kind !== 'sequential';
    if (concurrent) throw new Error('This is a concurrent editing trace; only sequential traces can be replayed.');
  }
  const parsed = editingTraceSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Not an editing trace: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unreadable'}.`);
  }
  return parsed.data;
}

/** Reads a trace file, gzip-compressed (as the collection ships them) or plain JSON. */
export async function readEditingTrace(file: string): Promise<EditingTrace> {
  const bytes = await readFile(file);
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = (gzipped ? gunzipSync(bytes) : bytes).toString('utf8');
  return parseEditingTrace(JSON.parse(text));
}
