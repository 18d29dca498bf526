import type { Taxonomy } from '../../../shared/pillars';
import { CYBER_TAXONOMY } from '../../../shared/pillars';
import { newClauseId } from '../../../shared/clauseId';
import type { DocumentNodeJSON } from '../../../shared/documentJSON';
import type { DraftSpec } from '../../../shared/draftText';
import { draftFromSpec } from '../../../shared/draftText';
import { readOutline } from '../../../shared/outline';
import type { TextSnapshot } from '../../versions/VersionService';

/**
 * A snapshot of a text written as a plain spec, as the version service would hand it to an
 * export: for renderer tests and benchmarks that need no server. `newId` can be given to keep
 * clause ids stable between two snapshots (so a compare sees the same clauses).
 */
export function snapshotFromSpec(
  spec: DraftSpec,
  options: { label?: string; at?: string; newId?: () => string; taxonomy?: Taxonomy } = {},
): TextSnapshot {
  const document = draftFromSpec(spec, options.newId ?? newClauseId) as unknown as DocumentNodeJSON;
  return {
    document,
    outline: readOutline(document),
    label: options.label ?? 'Rev.1',
    version: null,
    at: options.at ?? '2025-03-14T09:30:00.000Z',
    taxonomy: options.taxonomy ?? CYBER_TAXONOMY,
  };
}

/** A counter-based id source: the n-th clause gets the same id in every snapshot built with a fresh one. */
export function sequentialIds(prefix = 'c_test'): () => string {
  let next = 0;
  return () => `${prefix}${String(next++).padStart(6, '0')}`;
}
