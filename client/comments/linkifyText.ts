/** A piece of a comment body: plain text, or a web link to show as one. */
export type BodySegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Candidates: http(s) URLs up to the next whitespace or character that cannot end a URL in prose. */
const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/gi;

/** Punctuation that ends a sentence rather than the link when it closes the candidate. */
const TRAILING = /[.,;:!?'"*_~]+$/;

/** Drops a closing bracket that closes nothing inside the URL: "(see https://x.org/a)" keeps "(", not ")". */
function trimUnbalanced(candidate: string): string {
  let url = candidate.replace(TRAILING, '');
  for (const [open, close] of [
    ['(', ')'],
    ['[', ']'],
  ] as const) {
    while (url.endsWith(close) && url.split(close).length > url.split(open).length) {
      url = url.slice(0, -1).replace(TRAILING, '');
    }
  }
  return url;
}

/** The URL as a link target, or null unless it parses as http or https (nothing else is ever linked). */
function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * Splits a comment body into text and http(s) links, so the page can render both as React text
 * and `<a>` elements: nothing in a body is ever interpreted as HTML, and no scheme other than
 * http and https (no `javascript:`, no `data:`) can become a link.
 */
export function linkifyText(body: string): BodySegment[] {
  const segments: BodySegment[] = [];
  let last = 0;
  const pushText = (text: string) => {
    if (text === '') return;
    const previous = segments.at(-1);
    if (previous?.kind === 'text') previous.text += text;
    else segments.push({ kind: 'text', text });
  };
  for (const match of body.matchAll(URL_CANDIDATE)) {
    const start = match.index;
    const url = trimUnbalanced(match[0]);
    const href = safeHref(url);
    if (href === null || url.length <= 'https://'.length) continue;
    pushText(body.slice(last, start));
    segments.push({ kind: 'link', text: url, href });
    last = start + url.length;
  }
  pushText(body.slice(last));
  return segments;
}
