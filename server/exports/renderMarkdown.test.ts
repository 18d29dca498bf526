import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './renderMarkdown';
import type { MarkdownNode } from './testing/parseMarkdown';
import { markdownText, parseMarkdown } from './testing/parseMarkdown';
import { snapshotFromSpec } from './testing/snapshotFromSpec';
import { STRUCTURED_DRAFT, STRUCTURED_DRAFT_FOOTNOTES } from './testing/structuredDraft';
import { exportText } from './textModel';

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
    expect(top[2]).toMatchObject({ type: 'paragraph' });
    expect(markdownText(top[2]!)).toBe('The General Assembly,');
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
