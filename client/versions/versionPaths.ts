/** Where the version pages live in the client, so links and routes agree. */

/** The read-only page of one version of a draft. */
export function versionPath(draftId: string, versionId: string): string {
  return `/drafts/${encodeURIComponent(draftId)}/versions/${encodeURIComponent(versionId)}`;
}

/** The redline page between two texts of a draft (version ids, or `live`). */
export function comparePath(draftId: string, from: string, to: string): string {
  return `/drafts/${encodeURIComponent(draftId)}/compare?${new URLSearchParams({ from, to }).toString()}`;
}

/** The live draft. */
export function draftPath(draftId: string): string {
  return `/drafts/${encodeURIComponent(draftId)}`;
}
