// The PDF layout as data: pages of positioned glyph runs, rules, links and anchors. Built by the
// layout engine before any PDF object exists, so tests can check lines, pages and notes directly.

/** One glyph of a shaped run. Lengths in points at the run's size. */
export interface PlacedGlyph {
  gid: number;
  /** Pen advance after this glyph. */
  advance: number;
  xOffset: number;
  yOffset: number;
  /** Text this glyph stands for (for the ToUnicode map); '' for a glyph continuing a cluster. */
  text: string;
  /** The hyphen Folio prints where it breaks a word (text ''): content.ts tells extractors it is
   * a hyphen at a line's end, which they remove to rejoin the word. */
  inserted?: true;
}

/** Glyphs of one face, size and colour set on one baseline. */
export interface GlyphRun {
  /** Absolute path of the TrueType file (the face's identity). */
  face: string;
  size: number;
  colour: string;
  /** Left edge, relative to the line's left edge (points). */
  x: number;
  /** Raise above the baseline (superscripts). */
  rise: number;
  glyphs: PlacedGlyph[];
  /** Line drawn through the run (GFM strikethrough). */
  strike?: boolean;
  /** Drawn invisibly (text render mode 3): there for text extraction and assistive technology,
   * not to be seen; a task's box, drawn as lines over it, is one. */
  invisible?: boolean;
  /** The structure element of this run when it is not the line's: a table cell, a list label, a
   * note's number. */
  struct?: StructNode;
  /** In a line holding right-to-left text, where each glyph comes in reading order (a rank: the
   * lower, the earlier). */
  order?: number[];
}

export type LinkTarget = { uri: string } | { dest: string };

/** A clickable area, relative to the line (x from its left edge, y from its baseline, up). */
export interface LineLink {
  x: number;
  width: number;
  ascent: number;
  descent: number;
  target: LinkTarget;
}

/** A named destination on a line (reference sites, notes, sections). */
export interface LineAnchor {
  id: string;
  x: number;
}

/** A set line, before it is placed on a page. */
export interface LineBox {
  runs: GlyphRun[];
  links: LineLink[];
  anchors: LineAnchor[];
  /** Width of the set content (points); never more than `measure`. */
  width: number;
  /** The line length the paragraph was set to. */
  measure: number;
  /** Baseline-to-baseline distance to the next line. */
  leading: number;
  /** Height above the baseline, for the first line of a page. */
  ascent: number;
  /** Notes (`fn-1`) whose first reference sits on this line. */
  notes: string[];
  /** The line's text in reading order, for a line holding right-to-left text (the PDF gives it
   * to extractors as the line's ActualText). */
  text?: string;
  /** The line ends at a hyphenation point (the page should not break after it). */
  hyphenated?: boolean;
  /** Lines (rules) drawn with the text: table borders, blockquote bars, strike-through. */
  rules?: Rule[];
  /** Pictures drawn with the line: an image set as a block is a line of its own. */
  images?: LineImage[];
  /** The structure element the line's text (or picture) belongs to: a paragraph, a heading, a
   * figure, a table row. A line without one holds no content (a rule) or is page furniture. */
  struct?: StructNode;
}

/** Standard structure types of tagged PDF (ISO 32000-1, 14.8.4) the layout uses. */
export type StructRole =
  | 'Document' | 'P' | 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'H6' | 'L' | 'LI' | 'Lbl' | 'LBody'
  | 'Table' | 'TR' | 'TH' | 'TD' | 'Note' | 'BlockQuote' | 'Code' | 'Figure' | 'TOC' | 'TOCI';

/** An element of the document's logical structure (the tagged PDF's structure tree). The layout
 * makes one per block as it sets it, in reading order; lines and runs point to the innermost
 * element their content belongs to. The serializer writes the tree and marks the content. */
export interface StructNode {
  role: StructRole;
  /** Child elements in reading order. */
  kids: StructNode[];
  /** Figure: its alternate text. */
  alt?: string;
  /** Note: its id (`fn-1`), unique in the file. */
  id?: string;
}

/** A local PNG or JPEG image placed on a line: `x` from the line's left edge, `y` its top edge
 * from the baseline (down is positive, as for rules), size in points. */
export interface LineImage {
  /** Absolute path of the image file (read again, from the shared cache, when serializing). */
  path: string;
  type: 'png' | 'jpg';
  /** Size of the image in pixels. */
  pixels: { width: number; height: number };
  x: number;
  y: number;
  width: number;
  height: number;
  /** The image's alt text (the figure's /Alt). */
  alt: string;
  /** A picture among words, inside its paragraph's (or cell's) element, which gets a Figure of
   * its own; else the line's element is the Figure. */
  inline?: boolean;
  /** The element a picture among words is drawn in, where it is not the line's: a table cell's. */
  struct?: StructNode;
}

export interface Rule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  colour: string;
}

export type LineKind = 'title' | 'heading' | 'body' | 'contents' | 'note' | 'footer';

/** A line placed on a page: `x` from the page's left edge, `y` the baseline from the page top. */
export interface PlacedLine {
  kind: LineKind;
  x: number;
  y: number;
  box: LineBox;
  /** A copy, not content: a table's header row set again at the top of a page the table
   * continues on. Drawn, but an artifact in the tagged PDF: its box's `struct` (and its runs')
   * are the header row's, which is content where the row is first placed. */
  repeated?: boolean;
}

export interface Page {
  /** 1-based. */
  number: number;
  lines: PlacedLine[];
  /** Rules in page coordinates (y from the top): the footnote separator. */
  rules: Rule[];
  /** Notes with at least one line on this page (`fn-1`). */
  notes: string[];
}

export interface OutlineEntry {
  id: string;
  title: string;
  /** Heading level: 2 for a section, 3 for a sub-heading (a child of the section before it). */
  level?: number;
  page: number;
  /** Top of the heading, from the page top. */
  y: number;
}

export interface PdfLayout {
  pages: Page[];
  outline: OutlineEntry[];
  /** Every named destination: sections, headings, notes (`fn-1`), reference sites (`fnref-1`). */
  anchors: Record<string, Anchor>;
  /** The text column's width in points. */
  measure: number;
  /** The root of the logical structure (a Document element). */
  structure?: StructNode;
}

/** Where a named destination landed: page (1-based), x from the left edge, y (top) from the top. */
export interface Anchor {
  page: number;
  x: number;
  y: number;
}
