// Shapes of templates/theme.yaml, templates/labels/<lang>.yaml and
// templates/report-types/<type>.yaml, as the writers read them.
import type { TextOrigin } from '../shared/origin.ts';

/** The parts of a publication a report type orders; each writer sets the parts it knows. */
export type Part = 'disclaimer' | 'back-link' | 'title' | 'summary' | 'contents' | 'sections' | 'notes';

export interface FontFace {
  /** Family name used by CSS and DOCX styles. */
  family: string;
  /** TrueType files: npm package paths in theme.yaml, absolute paths once loaded (loadTheme
   * resolves them). A family given without files is only named (CSS, DOCX). */
  regular?: string;
  bold?: string;
  italic?: string;
  boldItalic?: string;
  /** CSS fallbacks after the family. */
  fallback: string[];
}

export interface Theme {
  page: {
    size: string;
    width: number;
    height: number;
    margin: { top: number; bottom: number; left: number; right: number };
    footerOffset: number;
  };
  fonts: {
    body: FontFace;
    heading: FontFace;
    sans: FontFace;
    arabic: FontFace;
    mono: FontFace;
  };
  sizes: {
    body: number;
    leading: number;
    title: number;
    subtitle: number;
    h2: number;
    h3: number;
    small: number;
    footnote: number;
    footnoteLeading: number;
    contents: number;
    superscript: number;
  };
  spacing: {
    paragraph: number;
    headingBefore: number;
    headingAfter: number;
    titleAfter: number;
    listIndent: number;
    blockquoteIndent: number;
    footnoteRule: number;
    footnoteGap: number;
  };
  colours: {
    text: string;
    heading: string;
    muted: string;
    link: string;
    rule: string;
    accent: string;
  };
  html: { measure: string };
}


/** Fixed words of one language, with `{name}` placeholders already filled for one report. */
export interface Labels {
  languageName: string;
  publisher: string;
  disclaimer: string;
  backLink: string;
  backLinkUrl: string;
  contents: string;
  notes: string;
  /** Accessible name of a footnote reference; contains `{number}`. */
  noteReference: string;
  /** Accessible name of a note's back-link; contains `{number}`. */
  backToReference: string;
  /** The same for a reference written in another note; contains `{number}` and `{note}`, the
   * number of the note holding it. Without it, `backToReference` is used. */
  backToNoteReference?: string;
  /** Printed between note references written one right after another (`[^1][^2]` gives 1,2),
   * set as they are. Without it, a comma. */
  noteSeparator?: string;
  /** Running footer; contains `{page}` and `{pages}`. */
  pageOf: string;
  /** Heading of the list of other editions. */
  editions: string;
  indexTitle: string;
  /** Beside a translation made from an earlier original, on the index page (in its language). */
  stale?: string;
  /** Accessible name of the language switcher. */
  languageSwitcher: string;
  /** Accessible name of the scrolling frame a table sits in on the web page; contains `{number}`
   * (tables are numbered in reading order, so each frame's name is its own). */
  table: string;
  /** Month names, January first, as a date in running text uses them. */
  months: string[];
  /** The publication date under the title; contains `{day}`, `{month}` and `{year}`. */
  date: string;
  /** The first day of a month, when the language writes it otherwise than 1 (French "1er"). */
  dayOne?: string;
  /** Names of the formats, by format name (`html: Web page`); the registry's label otherwise. */
  formats: Record<string, string>;
  /** Where each stretch of the labels a page prints was written (the labels file, or the report's
   * files for the values filled in), when the caller said where its values come from. */
  origins?: Partial<Record<'disclaimer' | 'backLink' | 'contents' | 'pageOf', TextOrigin>>;
}

export interface ReportType {
  name: string;
  parts: Part[];
  required: string[];
  /** id → canonical title */
  vocabulary: Record<string, string>;
}

/** Width of the text column in points: the page less its side margins. */
export function columnWidth(page: Theme['page']): number {
  return page.width - page.margin.left - page.margin.right;
}

/** templates/site.yaml: where the publications are served. */
export interface Site {
  /** Absolute address of the published dist/ folder, ending in `/`. */
  address?: string;
}
