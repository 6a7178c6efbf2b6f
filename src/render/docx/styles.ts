// The document's styles, taken from templates/theme.yaml and defined once, so an editor restyles
// the whole document by changing a style in Word. Paragraphs and runs only name a style; the few
// exceptions (italic, bold, strike-through of a run) are the formatting an author types.
import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  ShadingType,
  type IParagraphStyleOptions,
  type ICharacterStyleOptions,
  type IStylesOptions,
  type IRunStylePropertiesOptions,
  type IBorderOptions,
} from 'docx';
import { columnWidth, type Theme } from '../../templates/types.ts';
import { colour, halfPoints, twips } from './units.ts';

/** Style ids, as Word names its built-in styles where one exists (so Word treats them as its own). */
export const styleId = {
  normal: 'Normal',
  title: 'Title',
  subtitle: 'Subtitle',
  heading: (level: number) => `Heading${level}`,
  footnoteText: 'FootnoteText',
  footnoteReference: 'FootnoteReference',
  hyperlink: 'Hyperlink',
  toc1: 'TOC1',
  tocHeading: 'TOCHeading',
  smallPrint: 'SmallPrint',
  footer: 'Footer',
  blockText: 'BlockText',
  sourceCode: 'SourceCode',
  verbatimChar: 'VerbatimChar',
  tableHeading: 'TableHeading',
  tableContents: 'TableContents',
  horizontalRule: 'HorizontalRule',
  listParagraph: 'ListParagraph',
  /** Later paragraphs of a list item, indented as the item's text: List Continue, List Continue 2, … */
  listContinue: (level: number) => (level === 0 ? 'ListContinue' : `ListContinue${Math.min(level, 4) + 1}`),
} as const;

export interface StyleOptions {
  lang: string;
  rtl: boolean;
}

/** Fonts of a face for every script: the theme's Arabic family draws complex scripts everywhere. */
export function fontsOf(theme: Theme, family: string): { ascii: string; hAnsi: string; eastAsia: string; cs: string } {
  return { ascii: family, hAnsi: family, eastAsia: family, cs: theme.fonts.arabic.family };
}

/** The bar down a quote's start side: on the right of a right-to-left edition's paragraphs. A
 * paragraph border is on the page's side that it names, in the edition's direction or not
 * (ECMA-376 17.3.1.17), unlike an indent, which a right-to-left paragraph mirrors. */
export function quoteBar(theme: Theme, rtl: boolean): { left: IBorderOptions } | { right: IBorderOptions } {
  const bar: IBorderOptions = { style: BorderStyle.SINGLE, size: 12, color: colour(theme.colours.rule), space: 8 };
  return rtl ? { right: bar } : { left: bar };
}

/** Size for both Latin and complex-script text (w:sz and w:szCs). */
function size(points: number): Pick<IRunStylePropertiesOptions, 'size' | 'sizeComplexScript'> {
  return { size: halfPoints(points), sizeComplexScript: halfPoints(points) };
}

function language(lang: string, rtl: boolean): IRunStylePropertiesOptions['language'] {
  const primary = lang.split('-')[0].toLowerCase();
  const eastAsian = ['zh', 'ja', 'ko'].includes(primary);
  return {
    value: lang,
    ...(rtl ? { bidirectional: lang } : {}),
    ...(eastAsian ? { eastAsia: lang } : {}),
  };
}

export function buildStyles(theme: Theme, options: StyleOptions): IStylesOptions {
  const { sizes, spacing, colours, fonts } = theme;
  const body = fontsOf(theme, fonts.body.family);
  const heading = fontsOf(theme, fonts.heading.family);
  const sans = fontsOf(theme, fonts.sans.family);
  const mono = fontsOf(theme, fonts.mono.family);
  const leading = { line: twips(sizes.leading), lineRule: LineRuleType.AT_LEAST };
  const textWidth = columnWidth(theme.page);

  const headingStyle = (level: number, points: number, italics = false): IParagraphStyleOptions => ({
    id: styleId.heading(level),
    name: `Heading ${level}`,
    basedOn: styleId.normal,
    next: styleId.normal,
    quickFormat: true,
    run: { font: heading, ...size(points), bold: true, boldComplexScript: true, italics, italicsComplexScript: italics, color: colour(colours.heading) },
    paragraph: {
      spacing: { before: twips(level === 1 ? spacing.headingBefore : spacing.headingBefore * 0.75), after: twips(spacing.headingAfter), line: twips(points * 1.25), lineRule: LineRuleType.AT_LEAST },
      keepNext: true,
      keepLines: true,
      outlineLevel: level - 1,
    },
  });

  const paragraphStyles: IParagraphStyleOptions[] = [
    {
      id: styleId.normal,
      name: 'Normal',
      quickFormat: true,
      run: { font: body, ...size(sizes.body), color: colour(colours.text) },
      paragraph: { spacing: { after: twips(spacing.paragraph), ...leading } },
    },
    {
      id: styleId.title,
      name: 'Title',
      basedOn: styleId.normal,
      next: styleId.subtitle,
      quickFormat: true,
      run: { font: heading, ...size(sizes.title), bold: true, boldComplexScript: true, color: colour(colours.heading) },
      paragraph: { spacing: { before: twips(spacing.headingBefore), after: twips(spacing.titleAfter / 2), line: twips(sizes.title * 1.2), lineRule: LineRuleType.AT_LEAST }, keepNext: true },
    },
    {
      id: styleId.subtitle,
      name: 'Subtitle',
      basedOn: styleId.normal,
      next: styleId.normal,
      quickFormat: true,
      run: { font: sans, ...size(sizes.subtitle), color: colour(colours.muted) },
      paragraph: { spacing: { after: twips(spacing.titleAfter) }, keepNext: true },
    },
    headingStyle(1, sizes.h2),
    headingStyle(2, sizes.h3),
    headingStyle(3, sizes.body),
    headingStyle(4, sizes.body, true),
    headingStyle(5, sizes.body, true),
    {
      id: styleId.tocHeading,
      name: 'TOC Heading',
      basedOn: styleId.normal,
      next: styleId.normal,
      run: { font: heading, ...size(sizes.h2), bold: true, boldComplexScript: true, color: colour(colours.heading) },
      paragraph: { spacing: { before: twips(spacing.headingBefore), after: twips(spacing.headingAfter) }, keepNext: true },
    },
    {
      id: styleId.toc1,
      name: 'toc 1',
      basedOn: styleId.normal,
      next: styleId.normal,
      run: { font: sans, ...size(sizes.contents) },
      paragraph: {
        spacing: { after: twips(spacing.paragraph / 2) },
        rightTabStop: twips(textWidth),
      },
    },
    {
      id: styleId.footnoteText,
      name: 'footnote text',
      basedOn: styleId.normal,
      run: { ...size(sizes.footnote) },
      paragraph: { spacing: { after: twips(spacing.paragraph / 3), line: twips(sizes.footnoteLeading), lineRule: LineRuleType.AT_LEAST } },
    },
    {
      id: styleId.smallPrint,
      name: 'Small Print',
      basedOn: styleId.normal,
      next: styleId.normal,
      run: { font: sans, ...size(sizes.small), color: colour(colours.muted) },
      paragraph: { spacing: { after: twips(spacing.paragraph / 2), line: twips(sizes.small * 1.3), lineRule: LineRuleType.AT_LEAST } },
    },
    {
      id: styleId.footer,
      name: 'footer',
      basedOn: styleId.normal,
      run: { font: sans, ...size(sizes.small), color: colour(colours.muted) },
      paragraph: { spacing: { after: 0 } },
    },
    {
      id: styleId.blockText,
      name: 'Block Text',
      basedOn: styleId.normal,
      next: styleId.normal,
      run: { italics: false },
      paragraph: {
        indent: { left: twips(spacing.blockquoteIndent), right: twips(spacing.blockquoteIndent) },
        border: quoteBar(theme, options.rtl),
      },
    },
    {
      id: styleId.sourceCode,
      name: 'Source Code',
      basedOn: styleId.normal,
      run: { font: mono, ...size(sizes.body * 0.9) },
      paragraph: {
        spacing: { after: twips(spacing.paragraph), line: twips(sizes.body * 1.25), lineRule: LineRuleType.AT_LEAST },
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F3F3F3' },
        keepLines: true,
      },
    },
    {
      id: styleId.tableHeading,
      name: 'Table Heading',
      basedOn: styleId.normal,
      run: { font: sans, ...size(sizes.body * 0.9), bold: true, boldComplexScript: true },
      paragraph: { spacing: { before: twips(2), after: twips(2) }, keepNext: true },
    },
    {
      id: styleId.tableContents,
      name: 'Table Contents',
      basedOn: styleId.normal,
      run: { ...size(sizes.body * 0.9) },
      paragraph: { spacing: { before: twips(2), after: twips(2) } },
    },
    {
      id: styleId.horizontalRule,
      name: 'Horizontal Line',
      basedOn: styleId.normal,
      next: styleId.normal,
      run: { ...size(sizes.small) },
      paragraph: {
        spacing: { before: twips(spacing.paragraph), after: twips(spacing.paragraph * 2) },
        border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: colour(colours.rule), space: 1 } },
      },
    },
    {
      id: styleId.listParagraph,
      name: 'List Paragraph',
      basedOn: styleId.normal,
      quickFormat: true,
      paragraph: { spacing: { after: twips(spacing.paragraph / 2) } },
    },
    ...[0, 1, 2, 3, 4].map(
      (level): IParagraphStyleOptions => ({
        id: styleId.listContinue(level),
        name: level === 0 ? 'List Continue' : `List Continue ${level + 1}`,
        basedOn: styleId.normal,
        paragraph: { indent: { left: twips(spacing.listIndent * (level + 1)) }, spacing: { after: twips(spacing.paragraph / 2) } },
      }),
    ),
  ];

  const characterStyles: ICharacterStyleOptions[] = [
    {
      id: styleId.hyperlink,
      name: 'Hyperlink',
      basedOn: 'DefaultParagraphFont',
      run: { color: colour(colours.link), underline: { type: 'single' } },
    },
    {
      id: styleId.footnoteReference,
      name: 'footnote reference',
      basedOn: 'DefaultParagraphFont',
      run: { superScript: true },
    },
    {
      id: styleId.verbatimChar,
      name: 'Verbatim Char',
      basedOn: 'DefaultParagraphFont',
      run: { font: mono, ...size(sizes.body * 0.9) },
    },
  ];

  return {
    default: {
      document: {
        run: { font: body, ...size(sizes.body), color: colour(colours.text), language: language(options.lang, options.rtl) },
        paragraph: { spacing: { after: twips(spacing.paragraph), ...leading } },
      },
    },
    paragraphStyles,
    characterStyles,
  };
}
