/**
 * Limits on importing a draft from a file, shared by the server's checks and the client's, so
 * the import form can refuse a file before uploading it and both sides name the same numbers.
 */

/** Largest file accepted for import (bytes): 5 MiB holds a long treaty with room to spare. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Largest total a .docx may unpack to (bytes); a larger one is refused before it is read, so a zip bomb costs nothing. */
export const MAX_IMPORT_UNPACKED_BYTES = 50 * 1024 * 1024;

/** Most clauses an imported draft may have (preambular and operative together). */
export const MAX_IMPORT_CLAUSES = 2000;

/** Most lettered sub-paragraphs and further paragraphs in one imported clause. */
export const MAX_IMPORT_BLOCKS_PER_CLAUSE = 200;

/** Longest single paragraph of an imported draft, in characters. */
export const MAX_IMPORT_PARAGRAPH_LENGTH = 20_000;

/**
 * Longest imported text in all, in characters: the new draft must reach every editor in one
 * websocket message, well inside MAX_MESSAGE_BYTES.
 */
export const MAX_IMPORT_TEXT_LENGTH = 1_000_000;

/** What "5 MiB" is called in messages. */
export function formatImportLimit(bytes: number = MAX_IMPORT_BYTES): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
}
