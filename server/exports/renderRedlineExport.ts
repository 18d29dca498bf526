import type { Redline } from '../versions/redline';
import type { RenderedExport } from './renderExport';

/** The redline formats sent as a download (HTML and JSON are served inline by the compare route). */
export const REDLINE_DOWNLOAD_FORMATS = ['docx', 'pdf'] as const;
export type RedlineDownloadFormat = (typeof REDLINE_DOWNLOAD_FORMATS)[number];

/** Renders a redline as a Word document or a PDF, with its media type and file extension (renderers loaded on first use, as in renderExport). */
export async function renderRedlineExport(
  redline: Redline,
  format: RedlineDownloadFormat,
  labels: { from: string; to: string; at?: string },
): Promise<RenderedExport & { body: Uint8Array }> {
  switch (format) {
    case 'docx':
      return {
        body: await (await import('./renderRedlineDocx')).renderRedlineDocx(redline, labels),
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        extension: 'docx',
      };
    case 'pdf':
      return {
        body: await (await import('./renderRedlinePdf')).renderRedlinePdf(redline, labels),
        contentType: 'application/pdf',
        extension: 'pdf',
      };
  }
}
