import type { Node as ProseMirrorNode, Schema } from '@tiptap/pm/model';
import { newClauseId } from '../../shared/clauseId';

/** A new clause holding one empty paragraph, with a fresh id: a new clause is open and untagged unless told. */
export function createEmptyClause(schema: Schema, pillars: readonly string[] = []): ProseMirrorNode {
  return schema.nodes.clause!.create(
    { id: newClauseId(), pillars: [...pillars], status: 'open' },
    schema.nodes.paragraph!.create(),
  );
}

/** A new point with a fresh id: the given paragraph (an empty one by default), then the points within it. */
export function createPoint(
  schema: Schema,
  paragraph: ProseMirrorNode = schema.nodes.paragraph!.create(),
  points: readonly ProseMirrorNode[] = [],
): ProseMirrorNode {
  return schema.nodes.subparagraph!.create({ id: newClauseId() }, [paragraph, ...points]);
}
