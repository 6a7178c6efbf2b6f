import type { Part } from '../render/types.ts';
// Shapes of templates/theme.yaml, templates/labels/<lang>.yaml and
// templates/report-types/<type>.yaml, as the writers read them.

export interface FontFace {
  /** Family name used by CSS and DOCX styles. */
  family: string;
  /** npm-resolvable paths of TrueType files; a family given without files is only named (CSS, DOCX). */
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

export type Format = 'html' | 'pdf' | 'docx' | 'json';

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
  /** Running footer; contains `{page}` and `{pages}`. */
  pageOf: string;
  editions: string;
  indexTitle: string;
  formats: Record<Format, string>;
}

export interface ReportType {
  name: string;
  parts: Part[];
  required: string[];
  /** id → canonical title */
  vocabulary: Record<string, string>;
}
