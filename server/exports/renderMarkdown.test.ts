import { HtmlRenderer, Parser } from 'commonmark';
import { describe, expect, it } from 'vitest';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { readOutline } from '../../shared/outline';
import { demoDraft } from '../demo/demoDraft';
import { renderMarkdown } from './renderMarkdown';
import type { MarkdownNode } from './testing/parseMarkdown';
import { markdownText, parseMarkdown } from './testing/parseMarkdown';
import { snapshotFromSpec } from './testing/snapshotFromSpec';
import { STRUCTURED_DRAFT, STRUCTURED_DRAFT_FOOTNOTES } from './testing/structuredDraft';
import { clausesOf, exportText } from './textModel';

const markdown = renderMarkdown(exportText(snapshotFromSpec(STRUCTURED_DRAFT)), { pillars: false });

/** A list as a reader nests it: each item's own words, then the items of the list inside it. */
type Items = [string, Items][];
function items(list: MarkdownNode): Items {
  return (list.children ?? []).map((item) => {
    const [paragraph, inner] = item.children ?? [];
    return [markdownText(paragraph!), inner?.type === 'list' ? items(inner) : []];
  });
}

function all(node: MarkdownNode, type: string): MarkdownNode[] {
  return [...(node.type === type ? [node] : []), ...(node.children ?? []).flatMap((child) => all(child, type))];
}

describe('renderMarkdown with the structure of an instrument', () => {
  it('writes the points of a clause as lists nested by level, each label kept as text', async () => {
    expect(markdown).toContain(`**OP2.** Calls upon Member States[^2] to observe the following norms:

- (a) refrain from attacks on essential services;
- (b) take into account:
  - (i) the criticality of the service;
  - (ii) the risk of cascading effects, in particular:
    - (A) on hospitals;[^3]
    - (B) on water supply;
  - (iii) the likely harm to civilians;
- (c) cooperate in good faith.

`);
    const tree = await parseMarkdown(markdown);
    const lists = (tree.children ?? []).filter((node) => node.type === 'list');
    expect(lists.map(items)).toEqual([
      [
        ['(a) refrain from attacks on essential services;', []],
        [
          '(b) take into account:',
          [
            ['(i) the criticality of the service;', []],
            [
              '(ii) the risk of cascading effects, in particular:',
              [
                ['(A) on hospitals;[^3]', []],
                ['(B) on water supply;', []],
              ],
            ],
            ['(iii) the likely harm to civilians;', []],
          ],
        ],
        ['(c) cooperate in good faith.', []],
      ],
      [
        ['(a) hospitals;', []],
        ['(b) emergency services.', []],
      ],
    ]);
  });

  it('writes the formula as a paragraph of its own, the parts, sections and annex as headings', async () => {
    const tree = await parseMarkdown(markdown);
    const top = tree.children ?? [];
    expect(markdownText(top[2]!)).toBe('DRAFT — not agreed');
    expect(top[3]).toMatchObject({ type: 'paragraph' });
    expect(markdownText(top[3]!)).toBe('The General Assembly,');
    expect(all(tree, 'heading').map((h) => [h.depth, markdownText(h)])).toEqual([
      [1, 'Norms of responsible State conduct'],
      [2, 'Preamble'],
      [2, 'Operative part'],
      [3, 'Part I — General provisions'],
      [4, 'Section A — Civilian protection'],
      [3, 'Part II — Review'],
      [2, 'Annex — Indicative list of essential services'],
      [3, 'Part I — Services'],
    ]);
    const paragraphs = top.filter((node) => node.type === 'paragraph').map(markdownText);
    expect(paragraphs).toContain('A1.1. Health care:');
    expect(paragraphs.indexOf('A1.2. Energy.')).toBeGreaterThan(paragraphs.indexOf('A1.1. Health care:'));
  });

  it('writes footnotes as references where they stand, defined at the end in order', async () => {
    const tree = await parseMarkdown(markdown);
    expect(all(tree, 'footnoteReference').map((ref) => ref.identifier)).toEqual(['1', '2', '3']);
    const definitions = all(tree, 'footnoteDefinition');
    expect(definitions.map((d) => [d.identifier, markdownText(d)])).toEqual(
      STRUCTURED_DRAFT_FOOTNOTES.map((note, i) => [String(i + 1), note]),
    );
    expect(tree.children!.slice(-definitions.length)).toEqual(definitions);
  });

  it('keeps a point that wraps onto a second line in its item, and its words as words', async () => {
    const tricky = renderMarkdown(
      exportText(
        snapshotFromSpec({
          title: 'T',
          preamble: ['Recalling,'],
          operative: [
            {
              text: 'Decides:',
              points: [
                {
                  text: 'first line\n- not a list [not a link](target) *not emphasis*^[note]\n[^1]: not a note',
                  points: ['1. inner'],
                },
              ],
            },
          ],
        }),
      ),
      { pillars: false },
    );
    const tree = await parseMarkdown(tricky);
    const lists = (tree.children ?? []).filter((node) => node.type === 'list');
    expect(lists.map(items)).toEqual([
      [
        [
          '(a) first line\n- not a list [not a link](target) *not emphasis*[^1]\n[^1]: not a note',
          [['(i) 1. inner', []]],
        ],
      ],
    ]);
    expect([...all(tree, 'link'), ...all(lists[0]!, 'emphasis')]).toEqual([]);
    expect(all(tree, 'footnoteDefinition').map(markdownText)).toEqual(['note']);
  });
});

/** The HTML a CommonMark reader (the reference implementation) makes of Markdown. */
function commonMarkHtml(source: string): string {
  return new HtmlRenderer().render(new Parser().parse(source));
}

/** The `<li>` items of HTML as [depth, words], depth 1 for an item of a top-level list. */
function listItems(html: string): [number, string][] {
  const found: [number, string][] = [];
  let depth = 0;
  for (const [, closing, name, words] of html.matchAll(/<(\/?)(\w+)[^>]*>|([^<]+)/g)) {
    if (words !== undefined) {
      const last = found.at(-1);
      if (last && last[0] === depth && words.trim()) last[1] = `${last[1]} ${words.trim()}`.trim();
    } else if (name === 'li' && !closing) found.push([depth, '']);
    else if (name === 'ul' || name === 'ol') depth += closing ? -1 : 1;
  }
  return found;
}

describe('renderMarkdown read by a CommonMark reader', () => {
  it('reads the points of the demo draft and of an instrument as nested lists, never as code, in order', () => {
    for (const spec of [demoDraft, STRUCTURED_DRAFT]) {
      const text = exportText(snapshotFromSpec(spec));
      const html = commonMarkHtml(renderMarkdown(text, { pillars: true }));
      expect(html).not.toMatch(/<pre|<code/);
      const points = [...text.preamble, ...text.operative, ...text.annexes.flatMap((annex) => clausesOf(annex.entries))]
        .flatMap((clause) => clause.blocks)
        .filter((block) => block.level > 0);
      expect(points.length).toBeGreaterThan(3);
      expect(listItems(html).map(([depth, words]) => [depth, words.slice(0, 12)])).toEqual(
        points.map((point) => [point.level, `${point.letter} ${point.text}`.slice(0, 12)]),
      );
    }
  });

  it('keeps a paragraph between points a paragraph, and never indents a point further than the item before it', () => {
    const snapshot = snapshotFromSpec({
      title: 'T',
      preamble: ['Recalling,'],
      operative: [
        {
          text: 'Decides:',
          points: [{ text: 'first', points: [{ text: 'inner', points: ['innermost'] }] }],
        },
      ],
    });
    // A paragraph of the clause after its points, then a point of the third level straight after
    // it: what an import or an old text can hold, and what once made CommonMark read code.
    const clause = snapshot.document.content!.find((node) => node.type === 'operative')!.content![0]!;
    const point = (words: string): DocumentNodeJSON => ({
      type: 'subparagraph',
      attrs: { id: `p_${words}` },
      content: [{ type: 'paragraph', content: [{ type: 'text', text: words }] }],
    });
    clause.content!.push({ type: 'paragraph', content: [{ type: 'text', text: 'Closing words.' }] });
    clause.content!.push(point('second'));
    const text = exportText({ ...snapshot, outline: readOutline(snapshot.document) });
    const deep = text.operative[0]!.blocks;
    deep.push({ ...deep[3]!, level: 0, letter: null, text: '', content: [] });
    deep.push({ ...deep[5]!, letter: '(c)', text: 'third', content: [{ kind: 'text', text: 'third' }] });
    deep.push({
      ...deep[3]!,
      level: 0,
      letter: null,
      text: 'Further words.',
      content: [{ kind: 'text', text: 'Further words.' }],
    });
    deep.push({ ...deep[3]!, letter: '(A)', text: 'lone', content: [{ kind: 'text', text: 'lone' }] });
    const html = commonMarkHtml(renderMarkdown(text, { pillars: false }));
    expect(html).not.toMatch(/<pre|<code/);
    expect(html).toContain('<p>Closing words.</p>');
    expect(listItems(html)).toEqual([
      [1, '(a) first'],
      [2, '(i) inner'],
      [3, '(A) innermost'],
      [1, '(b) second'],
      [1, '(c) third'],
      [1, '(A) lone'],
    ]);
    // An empty paragraph between two points leaves them one tight list.
    expect(html).toContain('<li>(b) second</li>\n<li>(c) third</li>');
  });
});
