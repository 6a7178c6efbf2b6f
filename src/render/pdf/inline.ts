// Flattens mdast phrasing content into styled atoms (text with one style, footnote references,
// forced breaks, pictures among words) — the input of the paragraph setter.
import type { Node } from 'unist';
import type { Inline } from '../../model/types.ts';
import type { Role } from './fonts.ts';
import type { LocalImage } from '../../shared/images.ts';
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
  /** Printed before the number when the reference directly follows another one. */
  separator?: string;
  refId: string;
  noteId: string;
  style: InlineStyle;
  node: Node;
}

export interface BreakAtom {
  kind: 'break';
}

/** A local picture among words, drawn in the line (itemize.ts sizes it to the line). Its text,
 * one object replacement character, holds its place in the paragraph's text for line breaking
 * and the bidi algorithm. */
export interface ImageAtom {
  kind: 'image';
  text: '\uFFFC';
  path: string;
  type: 'png' | 'jpg';
  /** Size in pixels. */
  pixels: { width: number; height: number };
  /** Its alternate text: the Figure element's /Alt in the tagged PDF, not printed. */
  alt: string;
  style: InlineStyle;
  link?: LinkTarget;
  node: Node;
}

export type Atom = TextAtom | RefAtom | BreakAtom | ImageAtom;

export interface InlineContext {
  linkColour: string;
  codeSize: number;
  /** Note id (`fn-1`) of a footnote identifier. */
  noteId(identifier: string): string;
  /** Printed between note references written one right after the other. */
  noteSeparator: string;
  /** The local picture an image's URL names, where pictures among words are drawn (the text of
   * the sections; not notes or section headings, whose text the audit reads back as printed). */
  image?(url: string): LocalImage | undefined;
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
      case 'image': {
        // An image alone in its paragraph is drawn as a figure (blocks.ts); a local one among
        // words is drawn in its line. A remote one (print has no network), or one in a note or a
        // section's heading, sets its description where the picture would be: no image is
        // dropped unseen.
        const loaded = ctx.image?.(node.url);
        const alt = node.alt || node.title || '';
        if (loaded) out.push({ kind: 'image', text: '\uFFFC', path: loaded.path, type: loaded.type === 'gif' ? 'png' : loaded.type, pixels: { width: loaded.width, height: loaded.height }, alt, style, link, node });
        else out.push({ kind: 'text', text: alt || node.url, style: { ...style, italic: true }, link, node });
        break;
      }
      case 'break':
        out.push({ kind: 'break' });
        break;
      case 'footnoteReference': {
        const number = node.data?.number ?? 0;
        out.push({
          kind: 'ref',
          number,
          ...(node.data?.follows ? { separator: ctx.noteSeparator } : {}),
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
