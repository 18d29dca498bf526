import { z } from 'zod';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { Outline } from '../../shared/outline';
import type { Pillar } from '../../shared/pillars';
import { okAnswer, requestJson } from './requestJson';
import { documentNodeSchema, outlineSchema, pillarSchema } from './textSchemas';

/** A named version of a draft as listed: never its text. Versions are immutable once saved. */
export interface DraftVersion {
  id: string;
  label: string;
  note: string;
  /** The id of the person who saved it. */
  createdBy: string;
  createdAt: string;
  /** Whether anyone with its public link may read it. */
  published: boolean;
  publishedAt: string | null;
}

/** One version with its text: the document to show and the outline derived from it. */
export interface DraftVersionText {
  version: DraftVersion;
  document: DocumentNodeJSON;
  outline: Outline;
  /** The pillars that name its tags: the draft's as they were when the version was taken. */
  pillars: Pillar[];
}

/** A version as the API describes it. */
export const draftVersionSchema: z.ZodType<DraftVersion> = z.object({
  id: z.string(),
  label: z.string(),
  note: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
});

const versionTextSchema: z.ZodType<DraftVersionText> = z.object({
  version: draftVersionSchema,
  document: documentNodeSchema,
  outline: outlineSchema,
  pillars: z.array(pillarSchema),
});
const versionEnvelope = z.object({ version: draftVersionSchema });

function versionsPath(draftId: string, versionId?: string): string {
  const base = `/api/drafts/${encodeURIComponent(draftId)}/versions`;
  return versionId === undefined ? base : `${base}/${encodeURIComponent(versionId)}`;
}

/** Every version of a draft, oldest first (any member may read them). */
export async function listVersions(draftId: string, signal?: AbortSignal): Promise<DraftVersion[]> {
  const { versions } = await requestJson(versionsPath(draftId), z.object({ versions: z.array(draftVersionSchema) }), {
    signal,
  });
  return versions;
}

/** One version's text; rejects with `version_not_found` (404) for an id this draft does not have. */
export async function getVersion(draftId: string, versionId: string, signal?: AbortSignal): Promise<DraftVersionText> {
  return requestJson(versionsPath(draftId, versionId), versionTextSchema, { signal });
}

/** Saves the live text, as everyone has it now, as a named version (chair only). */
export async function createVersion(draftId: string, input: { label: string; note: string }): Promise<DraftVersion> {
  const { version } = await requestJson(versionsPath(draftId), versionEnvelope, { method: 'POST', json: input });
  return version;
}

/**
 * Makes the live text equal to a version again (chair only): a new change on top of the live
 * text, attributed to the chair; every open editor receives it live.
 */
export async function restoreVersion(draftId: string, versionId: string): Promise<void> {
  await requestJson(`${versionsPath(draftId, versionId)}/restore`, okAnswer, { method: 'POST' });
}

/**
 * Publishes a version at a read-only address anyone may open, or withdraws it (chair only).
 * `publicPath` is that address on this server while published, null once withdrawn.
 */
export async function setVersionPublished(
  draftId: string,
  versionId: string,
  published: boolean,
): Promise<{ version: DraftVersion; publicPath: string | null }> {
  return requestJson(
    `${versionsPath(draftId, versionId)}/publish`,
    z.object({ version: draftVersionSchema, publicPath: z.string().nullable() }),
    {
      method: 'POST',
      json: { published },
    },
  );
}

/** Where a published version can be read by anyone, on this server. */
export function publicVersionPath(versionId: string): string {
  return `/public/versions/${encodeURIComponent(versionId)}`;
}
