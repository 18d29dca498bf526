import type { TextSnapshot } from '../versions/VersionService';
import { renderHtml } from './renderHtml';
import { renderMarkdown } from './renderMarkdown';
import { exportText } from './textModel';

/** A rendered export: its bytes, media type and file extension. */
export interface RenderedExport {
  body: string;
  contentType: string;
  extension: string;
}

/** Renders a snapshot of a draft's text in one of the export formats. */
export function renderExport(snapshot: TextSnapshot, format: 'json' | 'md' | 'html', options: { pillars: boolean }): RenderedExport {
  const text = exportText(snapshot);
  switch (format) {
    case 'json':
      return {
        body: JSON.stringify({ title: text.title, version: snapshot.version ?? null, label: text.label, at: text.at, preamble: text.preamble, operative: text.operative, document: snapshot.document }, null, 2),
        contentType: 'application/json; charset=utf-8',
        extension: 'json',
      };
    case 'md':
      return { body: renderMarkdown(text, options), contentType: 'text/markdown; charset=utf-8', extension: 'md' };
    case 'html':
      return { body: renderHtml(text, options), contentType: 'text/html; charset=utf-8', extension: 'html' };
  }
}
