import { EXPORT_EXTENSIONS } from '../../shared/exportFileName';
import type { TextSnapshot } from '../versions/VersionService';
import type { AknOrganization } from './renderAkn';
import { renderHtml } from './renderHtml';
import { renderMarkdown } from './renderMarkdown';
import type { ExportMode } from './textModel';
import { exportText } from './textModel';

/** A rendered export: its bytes, media type and file extension. */
export interface RenderedExport {
  body: string | Uint8Array;
  contentType: string;
  extension: string;
}

/** Every export format of a text. */
export const EXPORT_FORMATS = ['json', 'md', 'html', 'akn', 'docx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What some formats need beyond the text. */
export interface ExportOptions {
  /** Show each clause's pillars (DOCX, HTML, Markdown). */
  pillars: boolean;
  draftId: string;
  /** Delegations and organisations taking part (Akoma Ntoso references). */
  organizations: AknOrganization[];
  /** The clean text (the default) or the negotiation text, with suggestions attributed (see `ExportMode`). */
  mode?: ExportMode;
}

/** What a JSON export says of its version: never the stored Yjs state. */
function versionSummary(snapshot: TextSnapshot) {
  const version = snapshot.version;
  return version
    ? {
        id: version.id,
        label: version.label,
        note: version.note,
        createdBy: version.createdBy,
        createdAt: version.createdAt,
        publishedAt: version.publishedAt,
      }
    : null;
}

/**
 * Renders a snapshot of a draft's text in one of the export formats. The Akoma Ntoso, Word and
 * PDF renderers are loaded on their first use: their libraries (xmlbuilder2, docx, PDFKit) are
 * most of the server's heap otherwise, and every full garbage collection of the live server,
 * which pauses the relay of everyone's typing, would walk them.
 */
export async function renderExport(
  snapshot: TextSnapshot,
  format: ExportFormat,
  options: ExportOptions,
): Promise<RenderedExport> {
  const mode = options.mode ?? { kind: 'clean' };
  const text = exportText(snapshot, mode);
  switch (format) {
    case 'json':
      return {
        body: JSON.stringify(
          {
            title: text.title,
            version: versionSummary(snapshot),
            label: text.label,
            at: text.at,
            formula: text.formula,
            preamble: text.preamble,
            operative: text.operative,
            annexes: text.annexes,
            footnotes: text.footnotes,
            document: snapshot.document,
          },
          null,
          2,
        ),
        contentType: 'application/json; charset=utf-8',
        extension: 'json',
      };
    case 'md':
      return { body: renderMarkdown(text, options), contentType: 'text/markdown; charset=utf-8', extension: 'md' };
    case 'html':
      return { body: renderHtml(text, options), contentType: 'text/html; charset=utf-8', extension: 'html' };
    case 'akn':
      return {
        body: (await import('./renderAkn')).renderAkn(snapshot, {
          draftId: options.draftId,
          versionId: snapshot.version?.id ?? null,
          organizations: options.organizations,
          nameOf: mode.kind === 'negotiation' ? mode.nameOf : null,
        }),
        contentType: 'application/akn+xml; charset=utf-8',
        extension: EXPORT_EXTENSIONS.akn,
      };
    case 'docx':
      return {
        body: await (await import('./renderDocx')).renderDocx(text, options),
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        extension: 'docx',
      };
    case 'pdf':
      return {
        body: await (await import('./renderPdf')).renderPdf(text, options),
        contentType: 'application/pdf',
        extension: 'pdf',
      };
  }
}
