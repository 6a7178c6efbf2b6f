// The tagged PDF (PDF/UA-1 structure), read back as an assistive technology would: the structure
// tree through pdf.js (roles in reading order with the text of their marked content, /Alt, /Lang,
// link annotations and their descriptions) and the file's objects through qpdf --json (the
// ParentTree leads every MCID and annotation back to the element that holds it, each element's /P
// to its parent; MarkInfo, /Lang, XMP, /Tabs). veraPDF, the reference validator, is a Java program
// outside npm and Debian, so it cannot be installed here; these are the checks it would make on
// the structure that can be made without it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/model/types.ts';
import { audit } from '../src/render/audit.ts';
import { inspectPdf, renderPdf } from '../src/render/pdf/index.ts';
import { loadReports, needs, planYaml, run, tempProject, writerContext } from './helpers.ts';
import { png } from './stress.ts';

/** A table too wide for the page even in the smallest type: set in parts. */
const wideColumns = 16;
const wideTable = [
  `| ${Array.from({ length: wideColumns }, (_, c) => `Col${c}`).join(' | ')} |`,
  `|${'---|'.repeat(wideColumns)}`,
  ...[1, 2].map((r) => `| Row${r} | ${Array.from({ length: wideColumns - 1 }, (_, c) => `Unbreakablewords${r}x${c + 1}`).join(' | ')} |`),
].join('\n');

const markdown = `---
title: Tagged 2022
---

A summary with a [link to Amnesty](https://www.amnesty.org/en/) and a note[^1] in the middle of it.

## Background

The capital was renamed Нұр-Сұлтан in 2019, and the report calls the country كازاخستان in Arabic. More from [![Amnesty's candle](icon.png)](https://www.amnesty.org/en/latest/) and [the latest news ![a candle](icon.png)](https://www.amnesty.org/en/latest/news/).

![Map of the protest sites in Almaty](wide.png)

### Detentions *by* \`region\`, [counted](https://example.org/counts)

1. First item of the list
2. Second item of the list

- [x] A task done
- [ ] A task to do

| Region | Detained |
| --- | ---: |
| Almaty | 120 |
| Astana | 45 |

> A quoted sentence.

| District | Held |
| --- | ---: |
${Array.from({ length: 70 }, (_, k) => `| District ${k + 1} | ${k * 3} |`).join('\n')}

${wideTable}

## Death penalty

See [the background](#background) for more.[^2]

[^1]: The first note, on the summary.
[^2]: The second note, on the death penalty.
`;

interface Node {
  role: string;
  alt?: string;
  lang?: string;
  /** Text of the node's own and descendants' marked content, in order. */
  text: string;
  children: Node[];
  /** Ids of the objects (annotations) under it (pdf.js's `12R`). */
  annotations: string[];
}

let report: Report;
let data: Uint8Array;
let file: string;
/** Each page's structure tree as pdf.js reads it, with the text of each element. */
let pages: Node[];
/** Link annotations: pdf.js id → description (/Contents). */
const descriptions = new Map<string, string>();
/** Text pdf.js finds inside an Artifact marked-content sequence. */
let artifactText = '';
/** The outline: each entry's title with its children's. */
let outline: [string, string[]][];

beforeAll(async () => {
  const dir = tempProject({ 'en.md': markdown }, planYaml(['background', 'death-penalty']));
  writeFileSync(join(dir, 'demo', 'wide.png'), png(1200, 400));
  writeFileSync(join(dir, 'demo', 'icon.png'), png(40, 40));
  report = loadReports(dir)[0]!;
  ({ data } = await renderPdf(report, writerContext(report, dir)));
  file = join(dir, 'tagged.pdf');
  writeFileSync(file, data);

  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: data.slice(), verbosity: 0 }).promise;
  pages = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    // The text of each marked-content sequence, by pdf.js's id for it.
    const content = await page.getTextContent({ includeMarkedContent: true });
    const byId = new Map<string, string>();
    const open: { id?: string; tag?: string }[] = [];
    for (const item of content.items as { type?: string; id?: string; tag?: string; str?: string }[]) {
      if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push({ id: item.id, tag: item.tag });
      else if (item.type === 'endMarkedContent') open.pop();
      else if (item.str !== undefined) {
        const id = [...open].reverse().find((o) => o.id)?.id;
        if (id) byId.set(id, (byId.get(id) ?? '') + item.str);
        if (open.some((o) => o.tag === 'Artifact')) artifactText += item.str + ' ';
      }
    }
    for (const a of (await page.getAnnotations()) as { id: string; contentsObj?: { str: string } }[]) descriptions.set(a.id, a.contentsObj?.str ?? '');
    type Raw = { role?: string; alt?: string; lang?: string; type?: string; id?: string; children?: Raw[] };
    const convert = (raw: Raw): Node => {
      const node: Node = { role: raw.role ?? '', alt: raw.alt, lang: raw.lang, text: '', children: [], annotations: [] };
      for (const kid of raw.children ?? []) {
        // pdf.js puts a space before text that does not follow on from the text before.
        if (kid.type === 'content') node.text = `${node.text}${byId.get(kid.id!) ?? ''}`.replace(/\s+/g, ' ').trimStart();
        // An annotation (OBJR) comes as an object with its reference, which is also its id in getAnnotations.
        else if (kid.type === 'object' || kid.type === 'annotation') node.annotations.push(kid.id!);
        else if (kid.role) {
          const child = convert(kid);
          node.children.push(child);
          node.text = `${node.text} ${child.text}`.replace(/\s+/g, ' ').trim();
        }
      }
      node.text = node.text.trim();
      return node;
    };
    pages.push(convert((await page.getStructTree()) as Raw));
  }
  outline = ((await doc.getOutline()) as { title: string; items: { title: string }[] }[]).map((o) => [o.title, o.items.map((i) => i.title)]);
  await doc.destroy();
}, 60_000);

/** Every element of every page's tree, depth first; an element on two pages comes once per page. */
function all(role?: string): Node[] {
  const out: Node[] = [];
  const walk = (n: Node): void => {
    if (!role || n.role === role) out.push(n);
    n.children.forEach(walk);
  };
  pages.forEach(walk);
  return out;
}

describe('the tagged PDF, read by pdf.js', () => {
  it('has one Document holding everything, as the root of every page', () => {
    for (const page of pages) expect(page.children.map((c) => c.role)).toEqual(['Document']);
  });

  it('tags the title H1, the sections H2 and a sub-heading H3, in order, with their text', () => {
    const headings = all().filter((n) => /^H\d$/.test(n.role)).map((n) => `${n.role} ${n.text}`);
    expect(headings).toEqual(['H1 Tagged 2022', 'H2 Contents', 'H2 Background', 'H3 Detentions by region, counted', 'H2 Death penalty']);
  });

  it('bookmarks each section with its sub-headings under it', () => {
    // A sub-heading's words in one line, whatever their styles: they were cut by blank lines.
    expect(outline).toEqual([['Background', ['Detentions by region, counted']], ['Death penalty', []]]);
  });

  it('gives the figure its alt text as /Alt, and prints no caption', () => {
    const figures = all('Figure');
    // Pictures among words come after their line's text in the structure (see the linked ones').
    expect(figures.map((f) => f.alt)).toEqual(['a candle', 'Amnesty\'s candle', 'Map of the protest sites in Almaty']);
    expect(all().map((n) => n.text).join(' ')).not.toContain('Map of the protest');
  });

  it('tags a list as L, LI, Lbl and LBody', () => {
    const items = all('L')[0]!.children;
    expect(items.map((i) => i.role)).toEqual(['LI', 'LI']);
    expect(items.map((i) => i.children.map((c) => `${c.role} ${c.text}`))).toEqual([
      ['Lbl 1.', 'LBody First item of the list'],
      ['Lbl 2.', 'LBody Second item of the list'],
    ]);
  });

  it('tags a task list\'s boxes as labels holding "[x]" and "[ ]", the text under the drawn boxes', () => {
    const items = all('L')[1]!.children;
    expect(items.map((i) => i.children.map((c) => `${c.role} ${c.text}`))).toEqual([
      ['Lbl [x]', 'LBody A task done'],
      ['Lbl [ ]', 'LBody A task to do'],
    ]);
  });

  it('draws no text over a task\'s box: its "[x]" is invisible (text render mode 3), and nothing else is', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: data.slice(), verbosity: 0 }).promise;
    // The text drawn invisibly, and how much is drawn otherwise.
    let invisible = '';
    let visible = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const ops = await (await doc.getPage(p)).getOperatorList();
      let mode = 0;
      ops.fnArray.forEach((fn, k) => {
        if (fn === pdfjs.OPS.setTextRenderingMode) mode = ops.argsArray[k][0] as number;
        if (fn !== pdfjs.OPS.showText) return;
        const text = (ops.argsArray[k][0] as ({ unicode: string } | number)[]).map((g) => (typeof g === 'number' ? '' : g.unicode)).join('');
        if (mode === 3) invisible += text;
        else visible += text.length;
      });
    }
    await doc.destroy();
    expect(invisible).toBe('[x][ ]');
    expect(visible).toBeGreaterThan(1000);
  });

  it('tags a table that breaks across pages once: its repeated header row is an artifact', () => {
    // pdf.js lists, on each page, the rows of the table held on other pages too, without their text.
    const rows = all('Table').filter((t) => t.children[0]?.text === 'District Held' || !t.children[0]?.text).flatMap((t) => t.children).filter((r) => r.text);
    expect(rows.filter((r) => r.children.every((c) => c.role === 'TH')).map((r) => r.text)).toEqual(['District Held']);
    expect(rows.filter((r) => r.children.every((c) => c.role === 'TD')).map((r) => r.text)).toEqual(Array.from({ length: 70 }, (_, k) => `District ${k + 1} ${k * 3}`));
    expect(pages.length).toBeGreaterThan(2);
    expect(artifactText).toMatch(/District\s*Held/);
  });

  it('tags each part of a table set in parts as a table of its own, headed by the first column', () => {
    const parts = all('Table').filter((t) => t.children[0]?.children[0]?.text === 'Col0');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.children.map((row) => row.children[0]!.text)).toEqual(['Col0', 'Row1', 'Row2']);
      expect(part.children[0]!.children.every((c) => c.role === 'TH')).toBe(true);
      expect(part.children.slice(1).every((row) => row.children.every((c) => c.role === 'TD'))).toBe(true);
    }
    const heads = parts.flatMap((part) => part.children[0]!.children.slice(1).map((c) => c.text));
    expect(heads).toEqual(Array.from({ length: wideColumns - 1 }, (_, c) => `Col${c + 1}`));
  });

  it('tags the table row by row, the header cells TH', () => {
    const table = all('Table')[0]!;
    expect(table.children.map((row) => row.children.map((c) => `${c.role} ${c.text}`))).toEqual([
      ['TH Region', 'TH Detained'],
      ['TD Almaty', 'TD 120'],
      ['TD Astana', 'TD 45'],
    ]);
  });

  it('tags each note as a Note, its number a label, inside the paragraph that refers to it, right after the reference', () => {
    const notes = all('Note');
    expect(notes.map((n) => n.text)).toEqual(['1. The first note, on the summary.', '2. The second note, on the death penalty.']);
    expect(notes.map((n) => n.children[0]!.role)).toEqual(['Lbl', 'Lbl']);
    // Each Note is a child of the P that cites it, after the Link of its reference and before the
    // text that follows the reference (PDF/UA: a note next to its reference).
    const holders = all('P').filter((p) => p.children.some((c) => c.role === 'Note'));
    expect(holders.map((p) => p.children.map((c) => `${c.role} ${c.text}`))).toEqual([
      ['Link link to Amnesty', 'Link 1', 'Note 1. The first note, on the summary.'],
      ['Link the background', 'Link 2', 'Note 2. The second note, on the death penalty.'],
    ]);
    expect(holders[0]!.text).toBe('A summary with a link to Amnesty and a note 1 1. The first note, on the summary. in the middle of it.');
    // No Note is left at the document's level.
    expect(pages.flatMap((p) => p.children[0]!.children).filter((c) => c.role === 'Note')).toEqual([]);
  });

  it('makes links Link elements with their annotation, described by /Contents', () => {
    const links = all('Link');
    const described = (text: string): string[] =>
      links.filter((l) => l.text.startsWith(text)).flatMap((l) => l.annotations.map((id) => descriptions.get(id)!));
    expect(described('link to Amnesty')).toEqual(['link to Amnesty']);
    expect(described('the background')).toEqual(['the background']);
    // A note reference says which note; a note's number where it leads back to.
    expect(links.filter((l) => /^1\.?$/.test(l.text)).flatMap((l) => l.annotations.map((id) => descriptions.get(id)))).toEqual(['Note 1', 'Back to reference 1 in the text']);
    // A contents entry is named by its section, not its dot leaders.
    expect(all('TOCI').map((t) => t.children[0]!.annotations.map((id) => descriptions.get(id)))).toEqual([['Background'], ['Death penalty']]);
    // Every annotation on every page belongs to a Link.
    expect(links.flatMap((l) => l.annotations).sort()).toEqual([...descriptions.keys()].sort());
  });

  it('puts a linked picture among words inside its Link, which its alt text describes', () => {
    const links = all('Link').filter((l) => l.children.some((c) => c.role === 'Figure'));
    // A picture is drawn after its line's text: a link holding only a picture follows that
    // text in the structure, a link holding words as well keeps its place.
    expect(links.map((l) => [l.text, l.children.map((c) => `${c.role} ${c.alt}`), l.annotations.map((a) => descriptions.get(a))])).toEqual([
      ['the latest news', ['Figure a candle'], ['the latest news a candle']],
      ['', ['Figure Amnesty\'s candle'], ['Amnesty\'s candle']],
    ]);
    // Inside the paragraph that holds them, as the words around them are.
    expect(all('P').filter((p) => p.children.some((c) => links.includes(c)))).toHaveLength(1);
  });

  it('gives words in another script their language on a Span', () => {
    const spans = all('Span').map((s) => [s.lang, s.text]);
    expect(spans).toEqual([['kk', 'Нұр-Сұлтан'], ['ar', 'كازاخستان']]);
  });

  it('marks the running footer as an artifact, never as content', () => {
    expect(artifactText).toContain('Page 1 of');
    expect(all().map((n) => n.text).join(' ')).not.toContain('Page 1 of');
  });

  it('passes the output audit, which reads headings and notes through the structure tree', async () => {
    const found = await inspectPdf(data, report);
    expect(found.problems).toEqual([]);
    expect(() => audit(report, 'pdf', found)).not.toThrow();
  });

  it('fails the audit when text is neither in the structure tree nor an artifact', async () => {
    const doc = await PDFDocument.load(data);
    doc.catalog.delete(PDFName.of('StructTreeRoot'));
    const found = await inspectPdf(await doc.save(), report);
    expect(found.problems!.length).toBe(pages.length);
    expect(found.problems![0]).toMatch(/^\d+ glyphs on page 1 are neither in the structure tree nor artifacts \("Amnesty International/);
    expect(() => audit(report, 'pdf', found)).toThrow(/structure tree/);
  });
});

/** qpdf's JSON of the file: each object by its reference (`12 0 R`), streams' data decoded. */
function objects(path: string): Map<string, { value?: unknown; stream?: { dict: Record<string, unknown>; data?: string } }> {
  const json = JSON.parse(run('qpdf', ['--json', '--json-key=qpdf', '--json-stream-data=inline', '--decode-level=generalized', path])) as { qpdf: [unknown, Record<string, never>] };
  const out = new Map<string, { value?: unknown; stream?: { dict: Record<string, unknown>; data?: string } }>();
  for (const [key, value] of Object.entries(json.qpdf[1])) out.set(key.replace(/^obj:/, ''), value);
  return out;
}

describe('the tagged PDF, read by qpdf', () => {
  needs('qpdf')('finds no syntax or stream errors (qpdf --check)', () => {
    expect(run('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors found');
  });

  needs('qpdf')('says it is tagged, in which language, with XMP naming PDF/UA-1, and tabs in structure order', () => {
    const objs = objects(file);
    type Dict = Record<string, unknown>;
    const get = (ref: unknown): Dict => (objs.get(ref as string)?.value ?? objs.get(ref as string)?.stream?.dict ?? ref) as Dict;
    const catalog = get((objs.get('trailer')!.value as Dict)['/Root']);
    expect(catalog['/MarkInfo']).toEqual({ '/Marked': true });
    expect(catalog['/Lang']).toBe('u:en');
    expect(get(catalog['/ViewerPreferences'])['/DisplayDocTitle']).toBe(true);
    const xmp = Buffer.from(objs.get(catalog['/Metadata'] as string)!.stream!.data!, 'base64').toString('utf8');
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).toContain('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Tagged 2022</rdf:li></rdf:Alt></dc:title>');
    expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag></dc:language>');
    const kids = get(get(catalog['/Pages'])['/Kids']) as unknown as string[];
    expect(kids.map((p) => get(p)['/Tabs'])).toEqual(kids.map(() => '/S'));
  });

  needs('qpdf')('leads every MCID and every annotation back, through the ParentTree, to the element holding it', () => {
    const objs = objects(file);
    type Dict = Record<string, unknown>;
    const get = (ref: unknown): Dict => (objs.get(ref as string)?.value ?? ref) as Dict;
    const catalog = get((objs.get('trailer')!.value as Dict)['/Root']);
    const treeRoot = get(catalog['/StructTreeRoot']);
    // Walk the tree: each element's /P is its parent; note where each MCID and annotation is held.
    const holder = new Map<string, string>();
    const roles: string[] = [];
    const walk = (ref: string, parent: string): void => {
      const elem = get(ref);
      expect(elem['/P']).toBe(parent);
      roles.push(elem['/S'] as string);
      for (const kid of (Array.isArray(elem['/K']) ? elem['/K'] : [elem['/K']]) as unknown[]) {
        if (typeof kid === 'number') holder.set(`${elem['/Pg']} ${kid}`, ref);
        else if (typeof kid === 'string') walk(kid, ref);
        else if ((kid as Dict)['/Type'] === '/MCR') holder.set(`${(kid as Dict)['/Pg']} ${(kid as Dict)['/MCID']}`, ref);
        else if ((kid as Dict)['/Type'] === '/OBJR') holder.set(`annot ${(kid as Dict)['/Obj']}`, ref);
      }
    };
    for (const top of treeRoot['/K'] as string[]) walk(top, catalog['/StructTreeRoot'] as string);
    expect(roles[0]).toBe('/Document');
    const nums = get(treeRoot['/ParentTree'])['/Nums'] as unknown[];
    const parentTree = new Map<number, unknown>();
    for (let i = 0; i < nums.length; i += 2) parentTree.set(nums[i] as number, nums[i + 1]);
    const pageRefs = get(get(catalog['/Pages'])['/Kids']) as unknown as string[];
    let marked = 0;
    let annotations = 0;
    pageRefs.forEach((pageRef, k) => {
      const page = get(pageRef);
      expect(page['/StructParents']).toBe(k);
      const contents = [page['/Contents']].flat() as string[];
      const text = contents.map((c) => Buffer.from(objs.get(c)!.stream!.data!, 'base64').toString('latin1')).join('\n');
      const mcids = [...text.matchAll(/\/MCID (\d+)/g)].map((m) => Number(m[1]));
      // MCIDs 0, 1, 2… on the page, each with its element in the ParentTree, which holds it.
      expect(mcids).toEqual(mcids.map((_, n) => n));
      const elems = get(parentTree.get(k)) as unknown as string[];
      expect(elems.length).toBe(mcids.length);
      mcids.forEach((mcid) => expect(holder.get(`${pageRef} ${mcid}`)).toBe(elems[mcid]));
      marked += mcids.length;
      for (const annotRef of (get(page['/Annots']) as unknown as string[] | undefined) ?? []) {
        const annot = get(annotRef);
        expect(String(annot['/Contents'])).toMatch(/^u:./);
        expect(holder.get(`annot ${annotRef}`)).toBe(parentTree.get(annot['/StructParent'] as number));
        expect(get(holder.get(`annot ${annotRef}`))['/S']).toBe('/Link');
        annotations++;
      }
    });
    expect(marked).toBeGreaterThan(20);
    expect(annotations).toBeGreaterThan(4);
    expect(get(catalog['/StructTreeRoot'])['/ParentTreeNextKey']).toBe(pageRefs.length + annotations);
  });
});

describe('the back-link of a note cited in another note', () => {
  it('is described as leading to that note, not to the text', async () => {
    const md = `---\ntitle: Tagged 2022\n---\n\nSummary.[^a]\n\n## Background\n\nText.[^b]\n\n## Death penalty\n\nText.\n\n[^a]: First, citing another.[^c]\n\n[^b]: Second.\n\n[^c]: Cited only in the first.\n`;
    const dir = tempProject({ 'en.md': md }, planYaml(['background', 'death-penalty']));
    const notes = loadReports(dir)[0]!;
    const { data: pdf } = await renderPdf(notes, writerContext(notes, dir));
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: pdf.slice(), verbosity: 0 }).promise;
    const described: string[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      for (const a of (await (await doc.getPage(p)).getAnnotations()) as { contentsObj?: { str: string } }[]) described.push(a.contentsObj?.str ?? '');
    }
    expect(described.filter((d) => d.startsWith('Back to reference'))).toEqual(['Back to reference 1 in the text', 'Back to reference 2 in the text', 'Back to reference 3 in note 1']);
  });
});
