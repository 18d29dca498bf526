import { asciiFileName } from '../../shared/exportFileName';

/** A value percent-encoded for an RFC 8187 extended parameter (`filename*`): what is not an attr-char. */
function extendedValue(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The `Content-Disposition` of a download saved as `name` (see `shared/exportFileName.ts`): the
 * name in ASCII for every reader, and, when it holds more than ASCII, the full name as RFC 6266's
 * `filename*` in UTF-8, which browsers prefer. `inline` for a page a browser shows when it is
 * opened (the HTML redline) and saves under that name.
 */
export function attachment(name: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = asciiFileName(name);
  const plain = `${type}; filename="${ascii}"`;
  return ascii === name ? plain : `${plain}; filename*=UTF-8''${extendedValue(name)}`;
}
