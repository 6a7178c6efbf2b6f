// The Report model: what every writer reads. Built once per edition from the checked Markdown
// tree (src/model/build.ts). Block and inline content keeps the mdast node shapes (a
// well-documented, format-neutral tree), after the model builder has resolved everything a writer
// should not have to: link references are plain links, definitions are gone, headings of level 3+
// inside a section carry ids, and every footnote reference knows its note's number and anchor.
import type { BlockContent, FootnoteReference, PhrasingContent, RootContent } from 'mdast';

declare module 'mdast' {
  interface FootnoteReferenceData {
    /** Display number of the note (1-based, in order of first reference). */
    number?: number;
    /** Anchor id of this reference site, unique in the edition: `fnref-1`, `fnref-1-2`. */
    refId?: string;
    /** True when it directly follows another reference, nothing between (`[^1][^2]`): the
     * writers print the language's note separator before its number, so that notes 1 and 2 do
     * not read as note 12. */
    follows?: boolean;
  }
  interface HeadingData {
    /** Anchor id of a level-3+ heading inside a section. */
    id?: string;
  }
}

export type Direction = 'ltr' | 'rtl';

/** Block content as the writers see it: mdast blocks (paragraph, heading (3-6), list, blockquote,
 * code, table, thematicBreak). No html, no definition, no footnoteDefinition. */
export type Block = BlockContent;
/** Inline content: text, emphasis, strong, delete, inlineCode, link, image, break,
 * footnoteReference. No html, no linkReference, no imageReference. */
export type Inline = PhrasingContent;

export interface Section {
  /** Stable id from `{#id}` or the heading's slug; matches report.yaml's plan. */
  id: string;
  /** Heading content, without the `{#id}` marker. */
  title: Inline[];
  /** Heading as plain text. */
  titleText: string;
  blocks: Block[];
  /** Plain text of the section's body, paragraphs separated by blank lines. */
  text: string;
  /** 1-based line of the heading in the source edition. */
  line: number;
}

export interface FootnoteReferenceSite {
  /** Anchor id of the reference (`fnref-1`), the target of the note's back-link. */
  refId: string;
  /** Id of the section holding the reference, or null when it sits in the summary. */
  sectionId: string | null;
}

export interface Footnote {
  /** The label written in the source (`[^1]` → `1`), normalised as GFM does. */
  identifier: string;
  /** Display number, 1-based, in order of first reference. */
  number: number;
  /** Anchor id of the note itself: `fn-1`. */
  id: string;
  blocks: Block[];
  /** The note as plain text. */
  text: string;
  references: FootnoteReferenceSite[];
}

/** What all editions of a report share, as report.yaml states it. */
export interface ReportPlan {
  type: string;
  country: string;
  year: number;
  region: string;
  /** Language of the original edition. */
  original: string;
  /** Planned section ids, in order (report.yaml plus what the report type requires). */
  sections: string[];
  /** The date every edition is published with (`YYYY-MM-DD`), when report.yaml gives one. */
  date?: string;
}

/** An edition's YAML front matter, as the frontmatter check has validated it. */
export interface FrontMatter {
  title?: string;
  /** The country's name in this edition's language, for labels such as "Back to {country}". */
  country?: string;
  /** For a translation: sha256 of the original edition it was made from. */
  'source-hash'?: string;
}

export interface ReportMeta extends ReportPlan {
  /** Directory name under source/: `kazakhstan-2022`. */
  slug: string;
  title: string;
}

/** A translation is current while its `source-hash` is the original's hash, stale otherwise; the
 * original is always current. */
export type EditionState = 'current' | 'stale';

/** An edition of the same report, as its source file stands (whether or not it builds). */
export interface EditionRef {
  lang: string;
  dir: Direction;
  /** The edition's title (its front matter's), or the report's slug when it has none. */
  title: string;
  isOriginal: boolean;
  state: EditionState;
}

/** A point in a source file (its path as messages show it), 1-based. */
export interface SourcePlace {
  file: string;
  line: number;
  column: number;
}

export interface Report {
  meta: ReportMeta;
  /** BCP 47 language of this edition (its file name): `en`, `fr`, `ar`. */
  lang: string;
  dir: Direction;
  isOriginal: boolean;
  /** The country's name as this edition writes it (front matter `country`, else report.yaml's). */
  countryName: string;
  /** Path of the source edition, relative to the working directory (for messages). */
  sourcePath: string;
  /** Where the text of each value a publication prints besides the edition's Markdown starts:
   * the title in the front matter, the country's name in the front matter or report.yaml, the
   * region in report.yaml (for messages about one of their characters). */
  places: { title?: SourcePlace; country?: SourcePlace; region?: SourcePlace };
  /** sha256 (hex) of the edition's source bytes. */
  contentHash: string;
  /** For a translation: the `source-hash` of the original it was made from. */
  sourceHash?: string;
  /** Everything before the first level-2 heading. */
  summary: Block[];
  summaryText: string;
  sections: Section[];
  /** In display-number order. */
  footnotes: Footnote[];
  /** Every edition of this report whose source exists, this one included, original first then by
   * language. */
  editions: EditionRef[];
}

export type { BlockContent, FootnoteReference, PhrasingContent, RootContent };
