import type { MarkType, NodeType, Schema } from '@tiptap/pm/model';
import * as Y from 'yjs';
import type { AnyType } from './yjsTree';
import { forEachChild, markNameOf } from './yjsTree';

/**
 * The editor schema's rules for one node of the Yjs tree, checked without building ProseMirror
 * nodes and without recursion, so the cost is proportional to the node checked and any depth of
 * nesting is safe. Each check returns a sentence saying what is wrong, or null.
 */

/** What a node is called in a sentence. */
export function describeNode(type: AnyType): string {
  if (type instanceof Y.XmlElement) return `"${type.nodeName}"`;
  if (type instanceof Y.XmlText) return 'text';
  if (type instanceof Y.XmlFragment) return 'the document';
  return 'data of another kind';
}

/** The schema's node type of an element, or the sentence saying it has none. */
export function nodeTypeOf(element: Y.XmlElement, schema: Schema): NodeType | string {
  const nodeType = schema.nodes[element.nodeName];
  if (nodeType === undefined || nodeType === schema.topNodeType || nodeType.isText) {
    return `the element "${element.nodeName}" is not part of a draft`;
  }
  return nodeType;
}

/** Whether `key` is an attribute of the node type and `value` one it accepts. */
export function checkAttribute(nodeType: NodeType, key: string, value: unknown): string | null {
  const spec = nodeType.spec.attrs?.[key];
  if (spec === undefined) return `a "${nodeType.name}" has no attribute "${key}"`;
  try {
    runValidate(spec.validate, value);
  } catch (error) {
    return error instanceof RangeError ? error.message : `the attribute "${key}" of a "${nodeType.name}" is invalid`;
  }
  return null;
}

/** Whether each attribute of an element is one its node type has, with a value it accepts. */
export function checkAttributes(element: Y.XmlElement, nodeType: NodeType): string | null {
  for (const [key, value] of Object.entries(element.getAttributes())) {
    const problem = checkAttribute(nodeType, key, value);
    if (problem !== null) return problem;
  }
  return null;
}

/**
 * Whether the children of an element (or of the document) are what its content expression
 * allows, in that order. Text counts as the schema's text nodes; an empty text counts as nothing,
 * as the editor reads it.
 */
export function checkChildren(parent: Y.XmlElement | Y.XmlFragment, nodeType: NodeType, schema: Schema): string | null {
  let match: ReturnType<NodeType['contentMatch']['matchType']> = nodeType.contentMatch;
  let problem: string | null = null;
  forEachChild(parent, (child) => {
    if (problem !== null || match === null) return;
    let childType: NodeType | undefined;
    if (child instanceof Y.XmlText) {
      if (child.length === 0) return;
      childType = schema.nodes.text;
    } else if (child instanceof Y.XmlElement) {
      childType = schema.nodes[child.nodeName];
    }
    if (childType === undefined) {
      problem = `${describeNode(child)} cannot be in a draft`;
      return;
    }
    match = match.matchType(childType);
    if (match === null) problem = `${describeNode(child)} cannot be there in ${article(nodeType)}`;
  });
  if (problem !== null) return problem;
  if (match === null || !match.validEnd) return `${article(nodeType)} is missing what it must contain`;
  return null;
}

/**
 * Whether a formatting attribute on text is a mark the schema knows, allowed where the text is,
 * with attributes the mark has. A null value ends or removes formatting and is always fine for a
 * known mark.
 */
export function checkFormat(text: Y.XmlText, key: string, value: unknown, schema: Schema): string | null {
  const markType: MarkType | undefined = schema.marks[markNameOf(key)];
  if (markType === undefined) return `the formatting "${markNameOf(key)}" is not part of a draft`;
  if (value === null) return null;
  const parent = text.parent;
  const parentType = parent instanceof Y.XmlElement ? schema.nodes[parent.nodeName] : undefined;
  if (parentType !== undefined && !parentType.allowsMarkType(markType)) {
    return `text in ${article(parentType)} cannot be ${markType.name}`;
  }
  if (typeof value !== 'object' || Array.isArray(value))
    return `the formatting "${markType.name}" has invalid attributes`;
  for (const [attribute, attributeValue] of Object.entries(value as Record<string, unknown>)) {
    const spec = markType.spec.attrs?.[attribute];
    if (spec === undefined) return `the formatting "${markType.name}" has no attribute "${attribute}"`;
    try {
      runValidate(spec.validate, attributeValue);
    } catch {
      return `the attribute "${attribute}" of the formatting "${markType.name}" is invalid`;
    }
  }
  return null;
}

/** "a clause", "an operative part": the node type's name with its article, for sentences. */
export function article(nodeType: NodeType): string {
  const name = nodeType === nodeType.schema.topNodeType ? 'document' : nodeType.name;
  return `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
}

/** Runs an attribute spec's `validate`: a function that throws, or a ProseMirror type name list ("string|null"). */
function runValidate(validate: string | ((value: unknown) => void) | undefined, value: unknown): void {
  if (validate === undefined) return;
  if (typeof validate === 'function') {
    validate(value);
    return;
  }
  const kind = value === null ? 'null' : typeof value;
  if (!validate.split('|').includes(kind)) throw new RangeError(`expected ${validate}, got ${kind}`);
}
