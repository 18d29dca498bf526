import { createHash } from 'node:crypto';
import { escapeHtml } from './safeText';

/**
 * The Content-Security-Policy an HTML export carries in its own `<head>`: it may use its one
 * style sheet (named by its hash, so no other style, injected or not, applies) and nothing else;
 * no script, image, font or frame, from anywhere. It goes with the file, so it still holds when
 * the download is opened from disk, where no response header reaches it.
 */
export function htmlExportPolicy(style: string): string {
  const hash = createHash('sha256').update(style).digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

/**
 * A standalone HTML page as every HTML export writes it: UTF-8, its policy first in the head,
 * the escaped title, one fixed style sheet (never with user text in it) and the body, which the
 * caller has built from escaped text.
 */
export function htmlDocument(page: { title: string; style: string; body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(htmlExportPolicy(page.style))}">
<title>${escapeHtml(page.title)}</title>
<style>${page.style}</style>
</head>
<body>
${page.body}
</body>
</html>
`;
}
