// The tagged PDF's logical structure (PDF/UA-1): the layout's structure elements become StructElem
// objects, each piece of page content a marked-content sequence with an MCID that the ParentTree
// leads back to its element, each link annotation an OBJR under its Link element. What is not
// content (the running footer, rules) is marked as an artifact by content.ts. The tree is in the
// layout's reading order (the order blocks were set), not the page's: a figure that floats stays
// where the text refers to it; a note (an inline element in PDF) sits in the paragraph that first
// refers to it, right after the reference's Link, as PDF/UA asks, not at the page's foot.
import { PDFHexString, PDFName, PDFString, type PDFDocument, type PDFRef } from './pdf-lib.ts';
import type { Report } from '../../model/types.ts';
import { referencesInNotes } from '../../model/walk.ts';
import { backLinkName, label } from '../../shared/label.ts';
import type { Labels } from '../../templates/types.ts';
import type { LineLink, PdfLayout, PlacedLine, StructNode } from './types.ts';

/** A structure element as written: the layout's element, or a Link or Span the serializer adds. */
export interface Elem {
  role: string;
  ref: PDFRef;
  parent?: Elem;
  /** Child elements the layout made, in reading order; a note moved to where it is first
   * referred to stays listed in its first parent, which writes only the children it is still the
   * parent of (removing it there cost a time in the square of a report's notes). */
  children: Elem[];
  /** Content met while writing pages, in order: marked content, annotations, Link and Span elements. */
  content: Kid[];
  /** Page of the first content (the element's /Pg). */
  page?: PDFRef;
  node?: StructNode;
  lang?: string;
  /** Link: its target, and the text it covers (for a description). */
  link?: LineLink['target'];
  text?: string;
  /** Figure: its bounding box on the page, PDF coordinates. */
  bbox?: number[];
}

type Kid = { elem: Elem } | { mcid: number; page: PDFRef } | { annot: PDFRef; page: PDFRef };

/** Marked content of one page: the element of each MCID, in MCID order. */
interface PageMarks {
  ref: PDFRef;
  elems: Elem[];
}

/** The role each kind of line gets when the layout gave it no element (never expected). */
const FALLBACK: Record<PlacedLine['kind'], string> = {
  title: 'H1', heading: 'H2', body: 'P', contents: 'TOCI', note: 'Note', footer: 'P',
};

export class Tagger {
  readonly root: Elem;
  private readonly byNode = new Map<StructNode, Elem>();
  private readonly pages: PageMarks[] = [];
  private readonly annots: { ref: PDFRef; elem: Elem }[] = [];
  /** Note elements by note id, until they are moved to their first reference. */
  private readonly notes = new Map<string, Elem>();

  /** StructParents keys: one per page, 0 to n - 1, then one per annotation. */
  private readonly pageCount: number;

  constructor(private readonly doc: PDFDocument, layout: PdfLayout) {
    this.pageCount = layout.pages.length;
    const root = layout.structure ?? { role: 'Document', kids: [] };
    this.root = this.adopt(root);
  }

  private make(role: string, parent?: Elem, node?: StructNode): Elem {
    return { role, ref: this.doc.context.nextRef(), parent, children: [], content: [], node };
  }

  private adopt(node: StructNode, parent?: Elem): Elem {
    const elem = this.make(node.role, parent, node);
    this.byNode.set(node, elem);
    if (node.role === 'Note' && node.id) this.notes.set(node.id, elem);
    for (const kid of node.kids) elem.children.push(this.adopt(kid, elem));
    return elem;
  }

  /** The element of a layout node; one the tree does not hold (never expected) joins the document. */
  elemOf(node: StructNode | undefined, line: PlacedLine): Elem {
    if (node) {
      let elem = this.byNode.get(node);
      if (!elem) {
        elem = this.adopt(node, this.root);
        this.root.content.push({ elem });
      }
      return elem;
    }
    // A line the layout left without an element still reaches readers, as its kind says.
    let elem = this.lineFallback.get(line.box);
    if (!elem) {
      elem = this.make(FALLBACK[line.kind], this.root);
      this.root.content.push({ elem });
      this.lineFallback.set(line.box, elem);
    }
    return elem;
  }
  private readonly lineFallback = new WeakMap<object, Elem>();

  beginPage(ref: PDFRef): void {
    this.pages.push({ ref, elems: [] });
  }

  /** The StructParents key of the page being written. */
  get pageKey(): number {
    return this.pages.length - 1;
  }

  /** A new marked-content sequence of `elem` on the current page: its MCID. */
  mark(elem: Elem): number {
    const page = this.pages[this.pages.length - 1]!;
    const mcid = page.elems.length;
    page.elems.push(elem);
    elem.page ??= page.ref;
    elem.content.push({ mcid, page: page.ref });
    return mcid;
  }

  /** The Link element for a link area of a line inside `parent`: the one just before continues
   * when it has the same target (a link broken across lines is one link). */
  linkElem(parent: Elem, link: LineLink): Elem {
    const last = parent.content[parent.content.length - 1];
    if (last && 'elem' in last && last.elem.role === 'Link' && sameTarget(last.elem.link!, link.target)) {
      this.linkOf.set(link, last.elem);
      return last.elem;
    }
    const elem = this.make('Link', parent);
    elem.link = link.target;
    elem.text = '';
    parent.content.push({ elem });
    this.linkOf.set(link, elem);
    if ('dest' in link.target) this.noteAfter(link.target.dest, parent);
    return elem;
  }

  /** The first reference to a note (pages are written in reading order) takes the Note element
   * into its parent, right after its Link; later references leave it there. A note referred to
   * from inside itself stays where it is. */
  private noteAfter(id: string, parent: Elem): void {
    const note = this.notes.get(id);
    if (!note) return;
    for (let at: Elem | undefined = parent; at; at = at.parent) if (at === note) return;
    this.notes.delete(id);
    note.parent = parent;
    parent.content.push({ elem: note });
  }
  private readonly linkOf = new Map<LineLink, Elem>();

  /** The Link element of `link` (a line's link), made inside `parent` if its text made none. */
  linkFor(parent: Elem, link: LineLink): Elem {
    return this.linkOf.get(link) ?? this.linkElem(parent, link);
  }

  /** A Figure for a picture drawn among the words of `parent`, with its alternate text. */
  figureElem(parent: Elem, alt: string): Elem {
    const elem = this.make('Figure', parent, { role: 'Figure', kids: [], alt });
    parent.content.push({ elem });
    return elem;
  }

  /** A Span giving the language of foreign text inside `parent` (the one just before continues). */
  spanElem(parent: Elem, lang: string): Elem {
    const last = parent.content[parent.content.length - 1];
    if (last && 'elem' in last && last.elem.role === 'Span' && last.elem.lang === lang) return last.elem;
    const elem = this.make('Span', parent);
    elem.lang = lang;
    parent.content.push({ elem });
    return elem;
  }

  /** The Link element made for a link area while its text was marked (or one made now, for a link
   * over no text), and the StructParent key its annotation gets. */
  annotation(link: LineLink, lineElem: Elem, annot: PDFRef): { elem: Elem; key: number } {
    const elem = this.linkFor(lineElem, link);
    const page = this.pages[this.pages.length - 1]!;
    elem.page ??= page.ref;
    elem.content.push({ annot, page: page.ref });
    this.annots.push({ ref: annot, elem });
    return { elem, key: this.pageCount + this.annots.length - 1 };
  }

  /** Writes the tree: StructTreeRoot, elements, ParentTree, the IDTree of notes. */
  write(report: Report, labels: Labels, docLang: string): void {
    const ctx = this.doc.context;
    const ids: [string, PDFRef][] = [];
    const sections = new Map(report.sections.map((s) => [s.id, s.titleText]));
    const notes = new Map(report.footnotes.map((f) => [f.id, f.number]));
    const backs = new Map(report.footnotes.flatMap((f) => f.references.map((r) => [r.refId, f.number] as const)));
    const inNotes = referencesInNotes(report.footnotes);
    const rootRef = ctx.nextRef();
    const emit = (elem: Elem, parent: PDFRef): void => {
      const kids: unknown[] = [];
      for (const child of elem.children) if (child.parent === elem) kids.push(child.ref);
      for (const kid of elem.content) {
        if ('elem' in kid) kids.push(kid.elem.ref);
        else if ('mcid' in kid) kids.push(kid.page === elem.page ? kid.mcid : { Type: 'MCR', Pg: kid.page, MCID: kid.mcid });
        else kids.push({ Type: 'OBJR', Pg: kid.page, Obj: kid.annot });
      }
      const dict: Record<string, unknown> = { Type: 'StructElem', S: PDFName.of(elem.role), P: parent, K: kids };
      if (elem.page) dict.Pg = elem.page;
      const node = elem.node;
      if (node?.alt !== undefined) dict.Alt = PDFHexString.fromText(node.alt);
      if (node?.id) {
        // A hex string: PDFString.of writes its text unescaped.
        dict.ID = PDFHexString.of(Buffer.from(node.id, 'utf8').toString('hex'));
        ids.push([node.id, elem.ref]);
      }
      if (elem.lang && elem.lang !== docLang) dict.Lang = PDFString.of(elem.lang);
      if (elem.role === 'TH') dict.A = { O: 'Table', Scope: 'Column' };
      if (elem.bbox) dict.A = { O: 'Layout', BBox: elem.bbox };
      ctx.assign(elem.ref, ctx.obj(dict as never));
      for (const child of elem.children) if (child.parent === elem) emit(child, elem.ref);
      for (const kid of elem.content) if ('elem' in kid) emit(kid.elem, elem.ref);
    };
    emit(this.root, rootRef);
    // Link descriptions, now that each link's text is known.
    for (const { ref, elem } of this.annots) {
      const annot = ctx.lookup(ref) as ReturnType<typeof ctx.obj> & { set(k: PDFName, v: unknown): void };
      const target = elem.link!;
      let description = (elem.text ?? '').replace(/\.{3,}/g, ' ').replace(/\s+/g, ' ').trim();
      if ('dest' in target) {
        const number = notes.get(target.dest);
        const back = backs.get(target.dest);
        const section = sections.get(target.dest);
        if (number !== undefined) description = label(labels.noteReference, { number });
        else if (back !== undefined) description = backLinkName(labels, back, inNotes.get(target.dest));
        // A contents entry is named by its section, not its dot leaders and page number.
        else if (section && (elem.parent?.role === 'TOCI' || !description)) description = section;
      } else if (!description) description = target.uri;
      annot.set(PDFName.of('Contents'), PDFHexString.fromText(description || ('uri' in target ? target.uri : target.dest)));
    }
    const nums: unknown[] = [];
    this.pages.forEach((page, k) => nums.push(k, ctx.obj(page.elems.map((e) => e.ref))));
    this.annots.forEach(({ elem }, k) => nums.push(this.pageCount + k, elem.ref));
    const tree: Record<string, unknown> = {
      Type: 'StructTreeRoot',
      K: [this.root.ref],
      ParentTree: ctx.register(ctx.obj({ Nums: nums } as never)),
      ParentTreeNextKey: this.pageCount + this.annots.length,
    };
    if (ids.length) {
      // A name tree's keys in byte order.
      ids.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      tree.IDTree = ctx.register(ctx.obj({ Names: ids.flatMap(([id, ref]) => [PDFHexString.of(Buffer.from(id, 'utf8').toString('hex')), ref]) } as never));
    }
    ctx.assign(rootRef, ctx.obj(tree as never));
    this.doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
    this.doc.catalog.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
  }
}

function sameTarget(a: LineLink['target'], b: LineLink['target']): boolean {
  return 'uri' in a ? 'uri' in b && a.uri === b.uri : 'dest' in b && a.dest === b.dest;
}
