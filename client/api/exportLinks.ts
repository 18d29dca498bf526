/**
 * Addresses of the server's downloads: a draft's text (live or a version) in every format
 * negotiators use, a published version's, and a redline's. Plain links, so the browser
 * downloads them itself with the session cookie (or none, for a published version).
 */

/** The formats a text is exported in, in the order the export menu lists them. */
export const TEXT_EXPORT_FORMATS = ['docx', 'pdf', 'html', 'md', 'json', 'akn'] as const;
/** One text export format, as the server names it in `?format=`. */
export type TextExportFormat = (typeof TEXT_EXPORT_FORMATS)[number];

/** What each format is called in the menu, and what it is for. */
export const TEXT_EXPORT_LABELS: Record<TextExportFormat, { label: string; detail: string }> = {
  docx: { label: 'Word', detail: '.docx, with page numbers' },
  pdf: { label: 'PDF', detail: 'A4, ready to print' },
  html: { label: 'HTML', detail: 'a printable web page' },
  md: { label: 'Markdown', detail: '.md, plain text' },
  json: { label: 'JSON', detail: 'clauses, numbers and pillars' },
  akn: { label: 'Akoma Ntoso', detail: 'XML, LegalDocML 3.0' },
};

/** The formats a redline is exported in. */
export const REDLINE_EXPORT_FORMATS = ['html', 'docx', 'pdf'] as const;
/** One redline export format. */
export type RedlineExportFormat = (typeof REDLINE_EXPORT_FORMATS)[number];

/** What each redline format is called on its download link. */
export const REDLINE_EXPORT_LABELS: Record<RedlineExportFormat, string> = { html: 'HTML', docx: 'Word', pdf: 'PDF' };

/** Options of a text export. */
export interface TextExportOptions {
  /** Include each clause's pillar tags. */
  pillars: boolean;
  /** The negotiation text (open suggestions shown, attributed) instead of the clean text. */
  negotiation?: boolean;
}

function query(parameters: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) if (value !== undefined) search.set(key, value);
  return search.toString();
}

/** A draft's live text, or with `versionId` one of its versions, as a download (members only). */
export function draftExportUrl(
  draftId: string,
  format: TextExportFormat,
  options: TextExportOptions & { versionId?: string },
): string {
  return `/api/drafts/${encodeURIComponent(draftId)}/export?${query({
    format,
    version: options.versionId,
    pillars: options.pillars ? 'true' : undefined,
    mode: options.negotiation ? 'negotiation' : undefined,
  })}`;
}

/** A published version as a download, for anyone with its link. */
export function publicExportUrl(versionId: string, format: TextExportFormat, options: TextExportOptions): string {
  return `/api/public/versions/${encodeURIComponent(versionId)}/export?${query({ format, pillars: options.pillars ? 'true' : undefined })}`;
}

/** The redline between two texts (a version id or `live` each) as a download (members only). */
export function redlineExportUrl(draftId: string, from: string, to: string, format: RedlineExportFormat): string {
  return `/api/drafts/${encodeURIComponent(draftId)}/compare?${query({ from, to, format })}`;
}
