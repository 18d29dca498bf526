import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { DraftSpec } from '../../shared/draftText';
import { draftFromSpec } from '../../shared/draftText';

const TAG = /^\[([^\]]*)\] ?/;

/** Takes a leading "[id] " off a text node and returns the id ('' for "[]"), or null when there is none. */
function takeTag(text: DocumentNodeJSON | undefined): string | null {
  const match = text?.type === 'text' ? TAG.exec(text.text ?? '') : null;
  if (!match) return null;
  text!.text = text!.text!.slice(match[0].length);
  return match[1]!;
}

/**
 * A draft from a spec whose ids are named in its words, for tests that compare or merge texts:
 * each clause, point, division and annex title written "[p2] the harm;" gets the id p2, so two
 * drafts share an element exactly where they name the same id; "[] …" leaves a point without an
 * id, as points saved before they had ids are. Elements without a tag keep a counted id.
 */
export function taggedDraft(spec: DraftSpec): DocumentNodeJSON {
  let n = 0;
  const document = draftFromSpec(spec, () => `untagged${++n}`) as unknown as DocumentNodeJSON;
  const visit = (node: DocumentNodeJSON): void => {
    if (node.type === 'clause' || node.type === 'subparagraph' || node.type === 'division') {
      const holder = node.type === 'division' ? node : node.content?.[0];
      const id = takeTag(holder?.content?.[0]);
      if (id) node.attrs = { ...node.attrs, id };
      else if (id === '') delete node.attrs!.id;
    }
    if (node.type === 'annex') {
      const id = takeTag(node.content?.[0]?.content?.[0]);
      if (id) node.attrs = { ...node.attrs, id };
    }
    node.content?.forEach(visit);
  };
  visit(document);
  return document;
}
