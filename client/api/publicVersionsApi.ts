import { z } from 'zod';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { Outline } from '../../shared/outline';
import { requestJson } from './requestJson';
import { documentNodeSchema, outlineSchema, pillarSchema } from './textSchemas';
import type { Pillar } from '../../shared/pillars';
import { draftVersionSchema, type DraftVersion } from './versionsApi';

/** A published version as anyone may read it, signed in or not. */
export interface PublicVersion {
  /** The draft's title in that version. */
  title: string;
  version: DraftVersion;
  document: DocumentNodeJSON;
  outline: Outline;
  /** The draft's pillars, which name the text's tags. */
  pillars: Pillar[];
}

const publicVersionSchema: z.ZodType<PublicVersion> = z.object({
  title: z.string(),
  version: draftVersionSchema,
  document: documentNodeSchema,
  outline: outlineSchema,
  pillars: z.array(pillarSchema),
});

/**
 * Reads a published version without signing in. Rejects with `version_not_found` (404) when
 * there is no such version or it is not published: strangers cannot tell the two apart.
 */
export async function getPublicVersion(versionId: string, signal?: AbortSignal): Promise<PublicVersion> {
  return requestJson(`/api/public/versions/${encodeURIComponent(versionId)}`, publicVersionSchema, { signal });
}
