// Flattens mdast phrasing content into styled atoms (text with one style, footnote references,
// forced breaks) — the input of the paragraph setter.
import type { Node } from 'unist';
import type { Inline } from '../../model/types.ts';
import type { Role } from './fonts.ts';
import type { LinkTarget } from './types.ts';

export interface InlineStyle {
  role: Role;
  bold: boolean;
  italic: boolean;
  size: number;
  colour: string;
  strike: boolean;
}

export interface TextAtom {
  kind: 'text';
  text: string;
  style: InlineStyle;
  link?: LinkTarget;
  /** The mdast node the text comes from (for positions in messages). */
  node: Node;
}

export interface RefAtom {
  kind: 'ref';
  number: number;
  refId: string;
  noteId: string;
  style: InlineStyle;
  node: Node;
}

export interface BreakAtom {
  kind: 'break';
}

export type Atom = TextAtom | RefAtom | BreakAtom;

export interface InlineContext {
  linkColour: string;
  codeSize: number;
  /** Note id (`fn-1`) of a footnote identifier. */
  noteId(identifier: string): string;
}

function linkTarget(url: string): LinkTarget {
  return url.startsWith('#') ? { dest: url.slice(1) } : { uri: url };
}

export function atomsOf(nodes: Inline[], style: InlineStyle, ctx: InlineContext, link?: LinkTarget): Atom[] {
  const out: Atom[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        // Source line ends inside a paragraph are spaces.
        out.push({ kind: 'text', text: node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' '), style, link, node });
        break;
      case 'emphasis':
        out.push(...atomsOf(node.children, { ...style, italic: !style.italic }, ctx, link));
        break;
      case 'strong':
        out.push(...atomsOf(node.children, { ...style, bold: true }, ctx, link));
        break;
      case 'delete':
        out.push(...atomsOf(node.children, { ...style, strike: true }, ctx, link));
        break;
      case 'inlineCode':
        out.push({ kind: 'text', text: node.value, style: { ...style, role: 'mono', size: ctx.codeSize }, link, node });
        break;
      case 'link':
        out.push(...atomsOf(node.children, { ...style, colour: ctx.linkColour }, ctx, linkTarget(node.url)));
        break;
      case 'image':
        // An image alone in its paragraph is drawn (blocks.ts). One among words, a remote one (print
        // has no network) sets its description where the
        // picture would be: no image is dropped unseen.
        out.push({ kind: 'text', text: node.alt || node.title || node.url, style: { ...style, italic: true }, link, node });
        break;
      case 'break':
        out.push({ kind: 'break' });
        break;
      case 'footnoteReference': {
        const number = node.data?.number ?? 0;
        out.push({
          kind: 'ref',
          number,
          refId: node.data?.refId ?? `fnref-${number}`,
          noteId: ctx.noteId(node.identifier),
          style,
          node,
        });
        break;
      }
      default: {
        // html, linkReference, imageReference and friends are resolved by the model builder;
        // anything left still shows its text rather than vanishing.
        const value = (node as { value?: unknown }).value;
        if (typeof value === 'string') out.push({ kind: 'text', text: value, style, link, node });
        const children = (node as { children?: Inline[] }).children;
        if (children) out.push(...atomsOf(children, style, ctx, link));
      }
    }
  }
  return out;
}
