// The contents as Word writes a table of contents: a TOC field in a Table of Contents content
// control, its cached result one TOC 1 paragraph per section, each a link to the section's heading
// bookmark with the title, a tab (the style's dot leader) and a nested PAGEREF field giving the page.
// docx's own TableOfContents writes the PAGEREF with no result and all its field characters in
// one run, so the entries end in nothing wherever the field is not recomputed.
import { BuilderElement, FileChild, InternalHyperlink, LeaderType, Paragraph, TabStopType, Tab, TextRun, type ParagraphChild, type XmlComponent } from 'docx';
import type { Section } from '../../model/types.ts';
import type { ConvertContext } from './context.ts';
import { fieldBegin, fieldEnd, fieldRuns } from './field.ts';
import { blockInlines } from './inline.ts';
import { styleId } from './styles.ts';
import { twips } from './units.ts';
import { columnWidth } from '../../templates/types.ts';

/** Word's own instruction: level-1 headings, as links, no page numbers in web view, outline levels too. */
const toc = 'TOC \\o "1-1" \\h \\z \\u';

function element(name: string, children: XmlComponent[] = [], val?: string): XmlComponent {
  return val === undefined
    ? new BuilderElement({ name, children })
    : new BuilderElement<{ val: string }>({ name, attributes: { val: { key: 'w:val', value: val } }, children });
}

/** A block content control (w:sdt) of Word's Table of Contents gallery, so Word offers Update Table on it. */
class ContentsControl extends FileChild {
  constructor(alias: string, paragraphs: Paragraph[]) {
    super('w:sdt');
    this.root.push(
      element('w:sdtPr', [
        element('w:alias', [], alias),
        element('w:docPartObj', [element('w:docPartGallery', [], 'Table of Contents'), element('w:docPartUnique')]),
      ]),
    );
    this.root.push(element('w:sdtContent', paragraphs));
  }
}

/**
 * The contents field. `pages` gives each section's page as the PAGEREF fields' cached text: Word
 * replaces it when it updates the fields (the settings ask it to on opening), LibreOffice
 * recomputes PAGEREF when it loads the file; it is what a reader shows that does neither.
 */
export function contentsField(alias: string, sections: readonly Section[], pages: ReadonlyMap<string, number>, cx: ConvertContext): FileChild {
  // The number at the right margin after a dot leader, as Word writes its entries.
  const { page } = cx.theme;
  const leader = [{ type: TabStopType.RIGHT, position: twips(columnWidth(page)), leader: LeaderType.DOT }];
  const entries = sections.map((section, i) => {
    const children: ParagraphChild[] = [];
    if (i === 0) children.push(...fieldBegin(toc));
    children.push(
      new InternalHyperlink({
        anchor: section.id,
        children: [
          // Plain text: a note reference in a title belongs to the heading, not to its entry. A
          // title in the other direction's scripts reads in its own, as its heading does.
          ...blockInlines([{ type: 'text', value: section.titleText }], cx),
          new TextRun({ children: [new Tab()] }),
          ...fieldRuns(`PAGEREF ${section.id} \\h`, String(pages.get(section.id) ?? '')),
        ],
      }),
    );
    // The field ends in the last entry, not a paragraph of its own, which would be an empty line.
    if (i === sections.length - 1) children.push(fieldEnd());
    return new Paragraph({ style: styleId.toc1, tabStops: leader, bidirectional: cx.rtl || undefined, children });
  });
  if (entries.length === 0) {
    entries.push(new Paragraph({ style: styleId.toc1, children: [...fieldBegin(toc), fieldEnd()] }));
  }
  return new ContentsControl(alias, entries);
}
