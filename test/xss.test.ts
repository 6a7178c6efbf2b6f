// Script payloads in every field an author controls (folder and file names, title, front matter,
// report.yaml, alt text, link titles and targets, code, notes): none reaches a published file as
// script, an event handler, or a javascript: or data: link, in HTML, PDF or DOCX; the fields that
// cannot hold such text are refused where they are.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root, RootContent } from 'hast';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/pipeline/build.ts';
import { formats } from '../src/render/registry.ts';
import { fixedDate, templatesDir } from './helpers.ts';

const script = '<script>alert(1)</script>';
const breakout = '"><img src=x onerror=alert(2)>';
const payload = `${script}${breakout}javascript:alert(3)`;
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR4nGP4zwAE/wEHAAH/4iOeWQAAAABJRU5ErkJggg==', 'base64');

const yamlString = (s: string) => JSON.stringify(s);
/** In running text a `<` must be escaped to stay text: raw HTML is refused (bad-input.test.ts). */
const text = (s: string) => s.replace(/</g, '\\<');
/** A title in parentheses holds anything but parentheses. */
const noParens = (s: string) => s.replace(/[()]/g, ' ');
const edition = `---
title: ${yamlString(`Title ${payload}`)}
country: ${yamlString(`Country ${payload}`)}
---

Summary with \`${script}\` in code and &lt;script&gt; written as text.[^1]

## Background

![Alt ${text(breakout)} javascript:alert(4)](chart.png (Title ${noParens(breakout)}))

A [link](https://example.org/ (${noParens(breakout)})) ${text(breakout)} and a [second](https://example.org/?q=${encodeURIComponent(payload)}).

\`\`\`html
</code>${script}<code>
\`\`\`

| ${text(breakout)} | b |
| --- | --- |
| javascript:alert(5) | ${text(script)} |

[^1]: A note with ${text(breakout)} and [a link](https://example.org (t ${noParens(breakout)})).
`;

let out: string;
let exitCode: number;
let diagnostics: string[];

beforeAll(async () => {
  const source = mkdtempSync(join(tmpdir(), 'folio-xss-'));
  const dir = join(source, 'demo');
  mkdirSync(dir);
  writeFileSync(join(dir, 'report.yaml'), `type: country-report\ncountry: ${yamlString(`Country ${payload}`)}\nyear: 2022\nregion: ${yamlString(`Region ${payload}`)}\noriginal: en\nsections: [background]\n`);
  writeFileSync(join(dir, 'en.md'), edition);
  writeFileSync(join(dir, 'chart.png'), png);
  // Names that cannot be published are refused, never written into a page.
  mkdirSync(join(source, 'other'));
  writeFileSync(join(source, 'other', 'report.yaml'), 'type: country-report\ncountry: X\nyear: 2022\nregion: Y\noriginal: en\nsections: [background]\n');
  writeFileSync(join(source, 'other', 'en-x"onload=alert(6).md'), edition);
  mkdirSync(join(source, 'javascript:alert(7)'));
  writeFileSync(join(source, 'javascript:alert(7)', 'report.yaml'), 'type: country-report\n');
  out = mkdtempSync(join(tmpdir(), 'folio-xss-out-'));
  const result = await build({ sourceDir: source, templatesDir, outDir: out, formats, date: fixedDate });
  exitCode = result.exitCode;
  diagnostics = result.diagnostics.map((d) => `${d.file.split("/").slice(-2).join("/")}:${d.line}:${d.column} ${d.ruleId} ${d.message}`);
}, 120_000);

function elements(tree: Root | RootContent, out: Element[] = []): Element[] {
  if (tree.type === 'element') out.push(tree);
  if ('children' in tree) for (const child of tree.children) elements(child, out);
  return out;
}

const unsafe = /^\s*(javascript|vbscript|data|file):/i;

describe('script payloads in every field', () => {
  it('refuses the names that cannot be published, and builds the edition', () => {
    expect(diagnostics).toEqual(expect.arrayContaining([
      expect.stringMatching(/^javascript:alert\(7\)\/report\.yaml:1:1 report:plan Unexpected report folder name/),
      expect.stringMatching(/^other\/en-x"onload=alert\(6\)\.md:1:1 report:plan Unexpected edition file name/),
    ]));
    expect(diagnostics.filter((d) => d.startsWith("demo/")).join("\n")).toBe("");
    expect(exitCode).toBe(1);
  });

  it.each(['demo/demo.en.html', 'index.html'])('%s has no script, handler or unsafe URL, and shows the payload as text', (file) => {
    const html = readFileSync(join(out, file), 'utf8');
    const all = elements(fromHtml(html));
    expect(all.filter((e) => e.tagName === 'script')).toEqual([]);
    for (const element of all) {
      for (const [name, value] of Object.entries(element.properties)) {
        expect(name.toLowerCase().startsWith('on'), `${element.tagName} ${name}`).toBe(false);
        if (['href', 'src', 'action', 'formAction', 'poster', 'cite'].includes(name) && typeof value === 'string') {
          const image = element.tagName === 'img' && name === 'src' && /^data:image\/(png|jpeg|gif);base64,/.test(value);
          expect(!image && unsafe.test(value), `${element.tagName} ${name}=${value.slice(0, 40)}`).toBe(false);
        }
      }
    }
    if (file.startsWith('demo')) {
      expect(html).toContain('Title &#x3C;script>alert(1)&#x3C;/script>');
      expect(html).toContain('onerror=alert(2)>');
    }
  });

  it('the PDF has no JavaScript, launch action or unsafe link', async () => {
    const bytes = new Uint8Array(readFileSync(join(out, 'demo', 'demo.en.pdf')));
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: bytes, verbosity: 0 }).promise;
    expect(await doc.getJSActions()).toBeNull();
    expect(await doc.getOpenAction()).toBeNull();
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      expect(Object.keys((await page.getJSActions()) ?? {})).toEqual([]);
      for (const a of (await page.getAnnotations()) as { subtype: string; unsafeUrl?: string; action?: string }[]) {
        expect(a.subtype).toBe('Link');
        if (a.unsafeUrl !== undefined) expect(a.unsafeUrl).toMatch(/^(https?|mailto):/);
        expect(a.action).toBeUndefined();
      }
    }
    expect(Buffer.from(bytes).toString('latin1')).not.toMatch(/\/(JavaScript|JS|Launch|SubmitForm|ImportData)\b/);
  });

  it('the DOCX links only to the web, and holds no field or relationship that runs anything', () => {
    const parts = unzipSync(new Uint8Array(readFileSync(join(out, 'demo', 'demo.en.docx'))));
    for (const [name, bytes] of Object.entries(parts)) {
      if (!/\.(xml|rels)$/.test(name)) continue;
      const xml = strFromU8(bytes);
      for (const target of xml.matchAll(/Target="([^"]*)"[^>]*TargetMode="External"/g)) expect(target[1]).toMatch(/^(https?|mailto):/);
      // The payload is text a reader sees (and a picture's description); it must not be a link
      // target or a field.
      expect(xml, name).not.toMatch(/\b(Target|w:anchor|r:link|w:dest)="[^"]*(javascript|vbscript|data|file):/i);
      expect(xml, name).not.toMatch(/<w:instrText[^>]*>[^<]*(javascript:|INCLUDETEXT|INCLUDEPICTURE|DDE|LINK\b)/i);
      expect(xml, name).not.toMatch(/<script/i);
    }
  });
});
