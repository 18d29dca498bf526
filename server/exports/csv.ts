import { withoutControlCharacters } from './safeText';

/**
 * One CSV field (RFC 4180): control characters dropped (see `withoutControlCharacters`), quoted
 * when it holds a quote, comma, line break, semicolon or tab (a spreadsheet set to split on `;`
 * or tab would otherwise start a new cell there, which could be a formula), and defused against
 * formula injection as OWASP advises (a leading `=`, `+`, `-`, `@`, tab or carriage return gets
 * a `'` in front, so Excel and LibreOffice show the text instead of running it).
 */
export function csvField(value: string | null): string {
  let text = withoutControlCharacters(value ?? '');
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole CSV file: the header row, then one row per record, CRLF line ends with one after the last row. */
export function csvDocument(columns: readonly string[], rows: readonly (readonly (string | null)[])[]): string {
  return [columns.map(csvField).join(','), ...rows.map((row) => row.map(csvField).join(','))].join('\r\n') + '\r\n';
}
