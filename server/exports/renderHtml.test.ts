import { describe, expect, it } from 'vitest';
import { renderHtml } from './renderHtml';
import { snapshotFromSpec } from './testing/snapshotFromSpec';
import {
  STRUCTURED_DRAFT,
  STRUCTURED_DRAFT_FOOTNOTES,
  STRUCTURED_DRAFT_ORDER,
  missingInOrder,
} from './testing/structuredDraft';
import { exportText } from './textModel';

const html = renderHtml(exportText(snapshotFromSpec(STRUCTURED_DRAFT)), { pillars: false });

/** The page's text as a reader meets it: tags out, the five escapes decoded, white space folded. */
function pageText(page: string): string {
  return page
    .replace(/<style>[\s\S]*?<\/style>|<title>[\s\S]*?<\/title>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ');
}

describe('renderHtml with the structure of an instrument', () => {
  it('writes the formula, headings, clauses, points with their labels and the annex in order', () => {
    expect(missingInOrder(pageText(html), STRUCTURED_DRAFT_ORDER)).toEqual([]);
    expect(html).toContain('<p class="formula">The General Assembly,</p>');
    expect(html).toMatch(/<h3 class="part" [^>]*>Part I — General provisions<\/h3>/);
    expect(html).toMatch(/<h4 class="section" [^>]*>Section A — Civilian protection<\/h4>/);
    expect(html).toMatch(
      /<section class="annex" [^>]*>\n<h2 class="annex-name">Annex<\/h2>\n<p class="annex-title">Indicative list/,
    );
    const points = [...html.matchAll(/<div class="point level-(\d)"[^>]*><span class="label">([^<]*)<\/span>/g)].map(
      (m) => [Number(m[1]), m[2]],
    );
    expect(points).toEqual([
      [1, '(a)'],
      [1, '(b)'],
      [2, '(i)'],
      [2, '(ii)'],
      [3, '(A)'],
      [3, '(B)'],
      [2, '(iii)'],
      [1, '(c)'],
      [1, '(a)'],
      [1, '(b)'],
    ]);
  });

  it('marks each footnote with a superscript number linked to a numbered list of the notes, and back', () => {
    expect(html).toContain(
      'Calls upon Member States<sup class="fnref"><a href="#fn-2" id="fnref-2">2</a></sup> to observe the following norms:',
    );
    const notes = [...html.matchAll(/<li id="fn-(\d+)" value="\1">([^<]*) <a href="#fnref-\1"/g)].map((m) => [
      Number(m[1]),
      m[2],
    ]);
    expect(notes).toEqual(STRUCTURED_DRAFT_FOOTNOTES.map((note, i) => [i + 1, note]));
    // The notes are at the end, not in the words of the clauses.
    const notesAt = html.indexOf('<section class="footnotes">');
    for (const note of STRUCTURED_DRAFT_FOOTNOTES) expect(html.indexOf(note)).toBeGreaterThan(notesAt);
  });

  it('writes neither a formula nor a notes list for a draft without them', () => {
    const plain = renderHtml(
      exportText(snapshotFromSpec({ title: 'T', preamble: ['Recalling,'], operative: ['Decides.'] })),
      {
        pillars: false,
      },
    );
    expect(plain).not.toContain('class="formula"');
    expect(plain).not.toContain('class="footnotes"');
  });
});
