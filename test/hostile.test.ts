// Issue 12, finding by finding: what a hostile user or a generated report did to a build, and
// what Folio does now. Each build runs in this process, into a temporary dist/.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { build } from '../src/pipeline/build.ts';
import { check } from '../src/pipeline/check.ts';
import { audit } from '../src/render/audit.ts';
import { formats, loadWriter } from '../src/render/registry.ts';
import { inspectHtml } from '../src/render/html/index.ts';
import type { Writer } from '../src/render/types.ts';
import { asciiUrl, targetOf } from '../src/shared/url.ts';
import { fixedDate, has, needs, planYaml, reportFrom, templatesDir, writerContext } from './helpers.ts';
import { png } from './stress.ts';

const plan = planYaml(['background']);
const page = (body: string, title = 'Demo') => `---\ntitle: ${title}\n---\n\nSummary.\n\n## Background\n\n${body}\n`;

/** A source folder of reports: `{ demo: { 'en.md': …, 'report.yaml'?: … } }`. */
function sources(reports: Record<string, Record<string, string | Uint8Array>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-hostile-'));
  for (const [slug, files] of Object.entries(reports)) {
    mkdirSync(join(dir, slug), { recursive: true });
    if (!('report.yaml' in files) && !('no-plan' in files)) writeFileSync(join(dir, slug, 'report.yaml'), plan);
    for (const [name, data] of Object.entries(files)) if (name !== 'no-plan') writeFileSync(join(dir, slug, name), data);
  }
  return dir;
}

async function buildAll(source: string, extra: { loadWriter?: (format: (typeof formats)[number]) => Promise<Writer>; templatesDir?: string } = {}) {
  const outDir = mkdtempSync(join(tmpdir(), 'folio-hostile-out-'));
  const result = await build({ sourceDir: source, templatesDir, outDir, formats, date: fixedDate, ...extra });
  const lines = result.diagnostics.map((d) => `${d.file.split('/').slice(-2).join('/')}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`);
  return { result, outDir, lines, index: readFileSync(join(outDir, 'index.html'), 'utf8') };
}

/** Problems `folio check` finds in one edition. */
function problems(markdown: string, files: Record<string, string | Uint8Array> = {}): string[] {
  const result = check({ sourceDir: sources({ demo: { 'en.md': markdown, ...files } }), templatesDir });
  return result.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`);
}

async function renderAll(markdown: string) {
  const report = reportFrom(markdown, { reportYaml: plan });
  const out: Record<string, Uint8Array | string> = {};
  for (const format of formats) {
    const writer = await loadWriter(format);
    const rendered = await writer.render(report, writerContext(report));
    audit(report, format, await writer.inspect(rendered, report));
    out[format] = rendered.data;
  }
  return { report, out };
}

describe('finding 1: a folder name never becomes a link', () => {
  it('refuses report folders named like a URL, with the folder named, and builds the others', async () => {
    const { result, lines, index } = await buildAll(sources({
      'javascript:alert(1)%2f%2f': { 'en.md': page('Text.') },
      'data:text': { 'en.md': page('Text.') },
      Upper: { 'en.md': page('Text.') },
      good: { 'en.md': page('Text.') },
    }));
    expect(lines.filter((l) => l.includes('folder name'))).toHaveLength(3);
    expect(lines.find((l) => l.includes('javascript'))).toMatch(/report\.yaml:1:1 error report:plan Unexpected report folder name "javascript:alert\(1\)%2f%2f", expected lowercase letters, digits and hyphens/);
    expect(result.exitCode).toBe(1);
    expect(result.built).toEqual(['good/en']);
    expect(index).not.toMatch(/javascript:|data:/);
    expect(index).toContain('href="good/good.en.html"');
  });
});

describe('finding 2: references go through the same checks as inline links and images', () => {
  it.each([
    ['javascript:alert(1)', 'the javascript: scheme'],
    ['data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'the data: scheme'],
    ['file:///etc/passwd', 'the file: scheme'],
  ])('[click][c] with [c]: %s is refused at the reference', (url, reason) => {
    expect(problems(page(`Please [click][c] here.\n\n- a list\n\n  [c]: <${url}>`))).toEqual([
      `9:8 report:link-target Unsafe link "${url.slice(0, 60)}" (defined on line 13): ${reason}, expected http, https or mailto`,
    ]);
  });

  it.each([
    ['/srv/x.png', 'Unsafe image "/srv/x.png" (defined on line 11): a path outside the report folder, expected a file beside the edition'],
    ['../../x.png', 'Unsafe image "../../x.png" (defined on line 11): a path outside the report folder, expected a file beside the edition'],
    ['missing.png', 'Image "missing.png" not found beside the edition (defined on line 11)'],
  ])('![chart][c] with [c]: %s is refused', (url, message) => {
    expect(problems(page(`![chart][c]\n\n[c]: ${url}`))).toEqual([`9:1 report:link-target ${message}`]);
  });

  it('a reference defined inside a list item or quote resolves like one at the top', async () => {
    const { out } = await renderAll(page('See [ref] and [other].\n\n- item\n\n  [ref]: https://example.org/ref\n\n> [other]: https://example.org/other'));
    expect(out.html).toContain('<a href="https://example.org/ref">ref</a>');
    expect(out.html).toContain('<a href="https://example.org/other">other</a>');
    expect(out.html).not.toContain('[ref]');
    const rels = strFromU8(unzipSync(out.docx as Uint8Array)['word/_rels/document.xml.rels']!);
    expect(rels).toContain('Target="https://example.org/ref"');
  });
});

describe('finding 3: every URL is escaped for its format', () => {
  const urls = ['https://example.org/x_(y', 'https://example.org/a)b', 'https://example.org/a\\b', 'https://пример.рф/путь'];
  it('PDF link targets are hex strings of the ASCII URL, which qpdf accepts', async () => {
    const body = urls.map((u, i) => `[link ${i}](<${u}>)`).join(' ');
    const { out } = await renderAll(page(body));
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(out.pdf as Uint8Array), verbosity: 0 }).promise;
    const annotations = (await (await doc.getPage(1)).getAnnotations()) as { unsafeUrl?: string }[];
    expect(annotations.map((a) => a.unsafeUrl).filter(Boolean)).toEqual(expect.arrayContaining(urls.map(asciiUrl)));
    expect(asciiUrl('https://пример.рф/a b')).toBe('https://%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80.%D1%80%D1%84/a%20b');
    expect(asciiUrl('https://example.org/a\\b(c)')).toBe('https://example.org/a\\b(c)');
    if (has('qpdf')) {
      const file = join(mkdtempSync(join(tmpdir(), 'folio-pdf-')), 'x.pdf');
      writeFileSync(file, out.pdf);
      expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors/);
    }
  });

  it('DOCX relationships and HTML attributes escape what XML and HTML need', async () => {
    const { report, out } = await renderAll(page(`[q](https://example.org/?a="1"&b='2'&c=<3>)`));
    const paragraph = report.sections[0]!.blocks[0]!;
    const url = paragraph.type === 'paragraph' && paragraph.children[0]!.type === 'link' ? paragraph.children[0]!.url : '';
    expect(url).toContain('&');
    const { fromHtml } = await import('hast-util-from-html');
    const hrefs: string[] = [];
    const walk = (node: { type: string; tagName?: string; properties?: Record<string, unknown>; children?: unknown[] }): void => {
      if (node.tagName === 'a' && typeof node.properties?.href === 'string') hrefs.push(node.properties.href);
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(fromHtml(String(out.html)) as never);
    expect(hrefs.map((h) => decodeURI(h))).toContain(url);
    const rels = strFromU8(unzipSync(out.docx as Uint8Array)['word/_rels/document.xml.rels']!);
    const targets = [...rels.matchAll(/Target="([^"]*)"/g)].map((m) => m[1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
    expect(targets).toContain(asciiUrl(url));
  });
});

describe('finding 4: one bad edition never stops the others', () => {
  const cases: [string, Record<string, string | Uint8Array>, RegExp][] = [
    ['3,000 list markers on one line', { 'en.md': page(`${'- '.repeat(3000)}x`) }, /en\.md:9:97 error report:unsupported-node Unexpected 3000 block quote or list markers on one line/],
    ['a 33-byte PNG', { 'en.md': page('![chart](c.png)'), 'c.png': png(1, 1).subarray(0, 33) }, /en\.md:9:1 error report:link-target Image "c\.png" is a damaged PNG file/],
    ['a PNG claiming 100000×100000 pixels', { 'en.md': page('![chart](c.png)'), 'c.png': png(100000, 100000, Buffer.alloc(10)) }, /en\.md:9:1 error report:link-target Image "c\.png" is 100000 × 100000 pixels, expected at most 40 megapixels/],
    ['an empty note beside another', { 'en.md': page('A[^a] and B[^e]\n\n[^a]: A.\n\n[^e]:') }, /en\.md:13:1 error report:footnote-empty Empty footnote "\[\^e\]", expected its text/],
    ['a front-matter key "["', { 'en.md': page('Text.').replace('title: Demo', 'title: Demo\n"[": x') }, /en\.md:3:1 warning report:frontmatter Unknown front matter key `\[`/],
    ['a YAML alias bomb', { 'en.md': page('Text.').replace('title: Demo', `title: Demo\na: &a [x,x,x,x,x,x,x,x,x]\n${Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`).join('\n')}`) }, /en\.md:1:1 error report:frontmatter Invalid YAML in front matter: Excessive alias count/],
  ];
  it.each(cases)('%s: a positioned error, and the other report is published', async (_name, files, expected) => {
    const { result, lines, index } = await buildAll(sources({ demo: files, other: { 'en.md': page('Fine.') } }));
    expect(lines.some((l) => expected.test(l)), lines.join('\n')).toBe(true);
    expect(result.built).toContain('other/en');
    expect(result.exitCode).toBe(lines.some((l) => / error /.test(l)) ? 1 : 0);
    expect(index).toContain('other/other.en.html');
  });

  it('a link definition in a list item, a note in a quote and a note in a heading all build', async () => {
    const { result, lines } = await buildAll(sources({ demo: { 'en.md': page('See [ref].[^q]\n\n- item\n\n  [ref]: https://example.org\n\n> [^q]: Quoted note.\n\n### A heading[^h]\n\nText.\n\n[^h]: Heading note.') } }));
    expect(lines).toEqual([]);
    expect(result.built).toEqual(['demo/en']);
  });

  it('en.md that is a folder, or a dangling symbolic link, is refused at its name', async () => {
    const dir = sources({ demo: {}, other: { 'en.md': page('Fine.') }, third: {} });
    mkdirSync(join(dir, 'demo', 'en.md'));
    symlinkSync(join(dir, 'nowhere.md'), join(dir, 'third', 'en.md'));
    const { result, lines } = await buildAll(dir);
    expect(lines).toContain('demo/en.md:1:1 error report:unsupported-node Edition is a folder, expected a file');
    expect(lines).toContain('third/en.md:1:1 error report:unsupported-node Edition cannot be read (a symbolic link to nothing, or no permission)');
    expect(result.built).toEqual(['other/en']);
  });

  it('a writer that throws is that edition\'s internal error (exit 2), named by its file', async () => {
    const html = await loadWriter('html');
    const faulty: Writer = { ...html, async render(report, ctx) {
      if (report.meta.slug === 'demo') throw new TypeError("Cannot read properties of undefined (reading 'box')");
      return html.render(report, ctx);
    } };
    const outDir = mkdtempSync(join(tmpdir(), 'folio-hostile-out-'));
    const result = await build({ sourceDir: sources({ demo: { 'en.md': page('A.') }, other: { 'en.md': page('B.', 'Other') } }), templatesDir, outDir, formats: ['html'], date: fixedDate, loadWriter: async () => faulty });
    expect(result.exitCode).toBe(2);
    expect(result.diagnostics.map((d) => `${d.file.split('/').slice(-2).join('/')}:${d.line}:${d.column} ${d.ruleId}`)).toEqual(['demo/en.md:1:1 folio:internal']);
    expect(result.diagnostics[0]!.message).toMatch(/^internal error: Cannot read properties of undefined \(reading 'box'\)/);
    expect(result.built).toEqual(['other/en']);
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toContain('other/other.en.html');
  });
});

describe('finding 5: bounded work', () => {
  it('a truncated PNG is refused before any writer decodes it', () => {
    const whole = png(64, 64, Buffer.from(Array.from({ length: 64 * 193 }, (_, i) => (i % 193 === 0 ? 0 : (i * 7) % 251))));
    expect(problems(page('![chart](c.png)'), { 'c.png': whole.subarray(0, whole.length - 30) })[0]).toMatch(/^9:1 report:link-target Image "c\.png" is a damaged PNG file/);
  });

  it('each image problem comes with what to do about it: a misspelt name gets the file it resembles', () => {
    const whole = png(8, 8);
    const result = check({
      sourceDir: sources({ demo: { 'en.md': page('![a](chrat.png) ![b](broken.png) ![c](nothing.png) ![d](text.png)'), 'chart.png': whole, 'broken.png': whole.subarray(0, 40), 'text.png': 'not a picture' } }),
      templatesDir,
    });
    expect(result.diagnostics.map((d) => `${d.message} | ${d.hint}`)).toEqual([
      'Image "chrat.png" not found beside the edition | did you mean "chart.png"?',
      'Image "broken.png" is a damaged PNG file (Offset is outside the bounds of the DataView) | open it in an image editor and save it again as PNG or JPEG',
      'Image "nothing.png" not found beside the edition | put the PNG, JPEG or GIF file beside the edition and link it by its name',
      'Image "text.png" is not a PNG, JPEG or GIF file | open it in an image editor and save it again as PNG or JPEG',
    ]);
  });

  it.skipIf(!has('mkfifo'))('an image that is /dev/zero or a pipe is refused without reading it', () => {
    const dir = sources({ demo: { 'en.md': page('![a](zero.png) ![b](pipe.png)') } });
    symlinkSync('/dev/zero', join(dir, 'demo', 'zero.png'));
    execFileSync('mkfifo', [join(dir, 'demo', 'pipe.png')]);
    const result = check({ sourceDir: dir, templatesDir });
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'Image "zero.png" is a device or pipe, expected a file',
      'Image "pipe.png" is a device or pipe, expected a file',
    ]);
  });

  it('a line of a thousand comments ending in text is raw HTML, found in one pass (no backtracking)', () => {
    expect(problems(page(`${'<!---->'.repeat(1000)}x`))).toEqual(['9:1 report:unsupported-node Unexpected raw HTML, expected Markdown']);
  });

  it('a front-matter key is text, never a regular expression', () => {
    expect(problems(page('Text.').replace('title: Demo', 'title: Demo\n"(a|aa)+c": aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'))).toEqual([
      '3:1 report:frontmatter Unknown front matter key `(a|aa)+c`, expected one of title, country, source-hash, draft',
    ]);
  });

  it('a 100,000-character word builds in every format and passes the audit (the PDF breaks it in linear time)', async () => {
    const { result, lines } = await buildAll(sources({ demo: { 'en.md': page(`Start ${'x'.repeat(100_000)} end.`) } }));
    expect(lines).toEqual([]);
    expect(result.built).toEqual(['demo/en']);
  });

  it('a thousand subheadings of the same name get unique ids', async () => {
    const { report } = await renderAll(page(Array.from({ length: 1000 }, () => '### Details\n\nText.').join('\n\n')));
    const ids = new Set<string>();
    for (const block of report.sections[0]!.blocks) if (block.type === 'heading') ids.add(block.data!.id!);
    expect(ids.size).toBe(1000);
    expect(ids.has('details-999')).toBe(true);
  });
});

describe('finding 6: the audit compares like with like', () => {
  it.each([
    ['a note holding an image', 'Text.[^a]\n\n[^a]: See ![the chart of arrests](c.png) here.'],
    ['a note citing another note', 'Text.[^a] More.[^b]\n\n[^a]: See also[^b] below.\n\n[^b]: The other note.'],
    ['a task list in a note', 'Text.[^a]\n\n[^a]: Tasks:\n\n    - [ ] todo\n    - [x] done'],
    ['a note that is a rule', 'Text.[^a] and[^e]\n\n[^a]: A.\n\n[^e]: ***'],
    ['a note with an escaped entity in code', 'Text.[^a]\n\n[^a]: see `&gt;` and &amp; too'],
  ])('%s passes the audit in every format', async (_name, body) => {
    const dir = sources({ demo: { 'en.md': page(body), 'c.png': png(4, 4) } });
    const { result, lines } = await buildAll(dir);
    expect(lines).toEqual([]);
    expect(result.built).toEqual(['demo/en']);
  });

  it('still fails an HTML page whose note lost words', async () => {
    const { report, out } = await renderAll(page('Text.[^a]\n\n[^a]: Alpha beta gamma.'));
    const html = String(out.html).replace('beta', '');
    expect(() => audit(report, 'html', inspectHtml(html, report))).toThrow(/left out note 1/);
  });
});

describe('finding 7: no wrong or leaky output', () => {
  it('ids are unique in the page: headings named like the page\'s own ids', async () => {
    const { out } = await renderAll(page('### Notes\n\nA.\n\n### Contents\n\nB.\n\n### fn-1\n\nC.\n\n### Background title\n\nD.\n\n### X {#background}\n\nE.[^1]\n\n[^1]: N.'));
    const ids = [...String(out.html).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('planned section ids that the page uses itself are refused', () => {
    const result = check({ sourceDir: sources({ demo: { 'report.yaml': planYaml(['background', 'notes', 'fn-1', 'background-title']), 'en.md': page('x') } }), templatesDir });
    expect(result.diagnostics.filter((d) => d.file.endsWith('report.yaml')).map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '6:24 Unexpected section id "notes", an id every publication uses itself',
      '6:31 Unexpected section id "fn-1", an id every publication uses itself',
      '6:37 Unexpected section id "background-title", the id of section "background"\'s heading',
    ]);
  });

  it('invalid UTF-8 and NUL are refused where they are', () => {
    const bytes = Buffer.concat([Buffer.from(page('Caf').trimEnd()), Buffer.from([0xe9]), Buffer.from(' au lait.\n')]);
    expect(problems(bytes as unknown as string)).toEqual(['9:4 report:unsupported-node Unexpected byte 0xe9, expected UTF-8 text']);
    expect(problems(page('Text.').replace('## Background', '## Back\0ground'))).toEqual([
      '7:8 report:unsupported-node Unexpected control character U+0000, expected text',
    ]);
  });

  it('a remote image is a warning and a link, never loaded by the page', async () => {
    expect(problems(page('![map](https://example.org/map.png)'))).toEqual([
      '9:1 report:link-target Image "https://example.org/map.png" is on the web, so every format shows a link to it, not the picture',
    ]);
    const { out } = await renderAll(page('![map](https://example.org/map.png)'));
    expect(out.html).not.toMatch(/<img[^>]*example\.org/);
    expect(out.html).toContain('<a href="https://example.org/map.png" class="remote-image">map</a>');
  });

  it('an image or edition linked from outside source/, or in a folder linked from outside, is not read', () => {
    const outside = mkdtempSync(join(tmpdir(), 'folio-outside-'));
    writeFileSync(join(outside, 'secret.png'), png(2, 2));
    writeFileSync(join(outside, 'en.md'), page('Secret.'));
    const dir = sources({ demo: { 'en.md': page('![a](s.png)\n\n![b](maps/secret.png)') }, other: {} });
    symlinkSync(join(outside, 'secret.png'), join(dir, 'demo', 's.png'));
    // The file itself is no link; the folder it is in is one.
    symlinkSync(outside, join(dir, 'demo', 'maps'));
    symlinkSync(join(outside, 'en.md'), join(dir, 'other', 'en.md'));
    const result = check({ sourceDir: dir, templatesDir });
    expect(result.diagnostics.map((d) => `${d.file.split('/').slice(-2).join('/')}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'demo/en.md:9:1 Image "s.png" is a symbolic link to a file outside the source folder',
      'demo/en.md:11:1 Image "maps/secret.png" is a symbolic link to a file outside the source folder',
      'other/en.md:1:1 Edition is a symbolic link to a file outside the source folder',
    ]);
  });
});

describe('finding 8: nothing is skipped in silence', () => {
  it('an edition written straight into the source folder is a warning, a README for editors is not', async () => {
    const dir = sources({ other: { 'en.md': page('Fine.') } });
    writeFileSync(join(dir, 'en.md'), page('Lost.'));
    writeFileSync(join(dir, 'README.md'), '# How we write reports\n');
    const { result, lines } = await buildAll(dir);
    expect(lines).toEqual([`${basename(dir)}/en.md:1:1 warning report:plan Markdown file "en.md" in the source folder is not published: a report is a folder of its own`]);
    expect(result.diagnostics[0]!.hint).toMatch(/as .*REPORT\/en\.md$/);
    expect(result.built).toEqual(['other/en']);
  });

  it('a report folder without report.yaml, and a symbolic link to one, are errors', async () => {
    const dir = sources({ orphan: { 'no-plan': '', 'en.md': page('x') }, good: { 'en.md': page('Fine.') } });
    symlinkSync(join(dir, 'good'), join(dir, 'linked'));
    const { result, lines } = await buildAll(dir);
    expect(lines).toEqual([
      expect.stringMatching(/^[^:]+:1:1 error report:plan Unexpected symbolic link "linked" in the source folder, expected a report folder$/),
      'orphan/report.yaml:1:1 error report:plan Missing report.yaml in report folder "orphan", so en.md cannot be published',
    ]);
    expect(result.exitCode).toBe(1);
    expect(result.built).toEqual(['good/en']);
  });

  it('--source naming a report folder is a usage error that says which folder to pass', async () => {
    const dir = sources({ demo: { 'en.md': page('x') } });
    await expect(buildAll(join(dir, 'demo'))).rejects.toThrow(/is a report folder \(it holds report\.yaml\); pass the folder that holds the reports/);
  });
});

describe('finding 12: plain text carries no note numbers', () => {
  it('JSON text, HTML and DOCX descriptions read "a note." not "a note.1"', async () => {
    const { out } = await renderAll(page('Text with a note.[^1]\n\n[^1]: N.').replace('Summary.', 'A summary with a note.[^s]\n\n[^s]: S.'));
    const json = JSON.parse(String(out.json)) as { summary: { text: string }; sections: { text: string }[] };
    expect(json.summary.text).toBe('A summary with a note.');
    expect(json.sections[0]!.text).toBe('Text with a note.');
    expect(String(out.html)).toContain('<meta name="description" content="A summary with a note.">');
    expect(strFromU8(unzipSync(out.docx as Uint8Array)['docProps/core.xml']!)).toContain('A summary with a note.<');
  });
});

describe('links are judged in one place', () => {
  it.each([
    ['java\tscript:alert(1)', 'refused'], [' JAVASCRIPT:x', 'refused'], ['vbscript:x', 'refused'], ['//evil.example/x', 'refused'],
    ['\\\\server\\share', 'refused'], ['/etc/passwd', 'refused'], ['../x.png', 'refused'], ['https://example.org', 'web'],
    ['mailto:a@example.org', 'web'], ['#background', 'fragment'], ['chart.png', 'file'], ['img/chart%20one.png', 'file'],
  ])('%s is %s', (url, kind) => {
    expect(targetOf(url).kind).toBe(kind);
  });
});

describe('two reports under one title', () => {
  it('are both published, with a warning at the later one\'s title, by build and check alike', async () => {
    const source = sources({ 'demo-2022': { 'en.md': page('Text.', 'Demo 2022') }, 'demo-2023': { 'en.md': page('Other text.', 'Demo 2022') }, other: { 'en.md': page('Text.', 'Other') } });
    const outDir = mkdtempSync(join(tmpdir(), 'folio-titles-'));
    const built = await build({ sourceDir: source, templatesDir, outDir, formats: ['html'], date: fixedDate });
    expect(built.built).toEqual(['demo-2022/en', 'demo-2023/en', 'other/en']);
    expect(built.exitCode).toBe(0);
    const said = (d: { file: string; line: number; column: number; severity: string; ruleId: string; message: string }) =>
      `${d.file.split(/[\\/]/).slice(-2).join('/')}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message.replace(source, '')}`;
    const expected = ['demo-2023/en.md:2:1 warning report:duplicate-title Title "Demo 2022" is also the title of /demo-2022/en.md'];
    expect(built.diagnostics.map(said)).toEqual(expected);
    expect(check({ sourceDir: source, templatesDir }).diagnostics.map(said)).toEqual(expected);
    // A build with nothing to do says so again; a title of its own ends it.
    expect((await build({ sourceDir: source, templatesDir, outDir, formats: ['html'], date: fixedDate })).diagnostics.map(said)).toEqual(expected);
    writeFileSync(join(source, 'demo-2023', 'en.md'), page('Other text.', 'Demo 2023'));
    expect((await build({ sourceDir: source, templatesDir, outDir, formats: ['html'], date: fixedDate })).diagnostics).toEqual([]);
  });
});

describe('finding 11: outputs are dated by when the text last changed', () => {
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: '2023-03-27T10:00:00Z', GIT_COMMITTER_DATE: '2023-03-27T10:00:00Z' } });
  const generated = (out: string) => (JSON.parse(readFileSync(join(out, 'demo', 'demo.en.json'), 'utf8')) as { generated: string }).generated;
  const buildDated = async (source: string) => {
    const outDir = mkdtempSync(join(tmpdir(), 'folio-dates-'));
    await build({ sourceDir: source, templatesDir, outDir, formats: ['json'], date: new Date(Date.UTC(1980, 0, 1)), datesFromSources: true });
    return outDir;
  };

  it.skipIf(!has('git'))('by the last commit touching the edition, reproducibly', async () => {
    const source = sources({ demo: { 'en.md': page('Text.') } });
    git(source, 'init', '-q');
    git(source, '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', '.');
    git(source, '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'first');
    const first = await buildDated(source);
    expect(generated(first)).toBe('2023-03-27T10:00:00.000Z');
    expect(readFileSync(join(await buildDated(source), 'demo', 'demo.en.json'))).toEqual(readFileSync(join(first, 'demo', 'demo.en.json')));
  });

  it.skipIf(!has('git'))('again when the text is committed after a build, so an incremental build never keeps an old date', async () => {
    const source = sources({ demo: { 'en.md': page('Text.') } });
    const commit = (date: string) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qam', date], {
      cwd: source, env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
    git(source, 'init', '-q');
    git(source, 'add', '.');
    commit('2023-03-27T10:00:00Z');
    const outDir = mkdtempSync(join(tmpdir(), 'folio-dates-'));
    const again = () => build({ sourceDir: source, templatesDir, outDir, formats: ['json'], date: new Date(Date.UTC(1980, 0, 1)), datesFromSources: true });
    writeFileSync(join(source, 'demo', 'en.md'), page('Text, edited.'));
    await again();
    expect(generated(outDir)).toBe('2023-03-27T10:00:00.000Z');
    commit('2023-05-02T08:00:00Z');
    const result = await again();
    expect(result.built).toEqual(['demo/en']);
    expect(generated(outDir)).toBe('2023-05-02T08:00:00.000Z');
    expect((await again()).built).toEqual([]);
  });

  it('and an edition dated by nothing is published with a warning at report.yaml, where `date:` would go', async () => {
    const env = { ...process.env };
    delete process.env.SOURCE_DATE_EPOCH;
    try {
      const source = sources({ demo: { 'en.md': page('Text.') } });
      const outDir = mkdtempSync(join(tmpdir(), 'folio-dates-'));
      const undated = await build({ sourceDir: source, templatesDir, outDir, formats: ['json'], date: new Date(Date.UTC(1980, 0, 1)), datesFromSources: true });
      expect(undated.built).toEqual(['demo/en']);
      expect(undated.exitCode).toBe(0);
      expect(undated.diagnostics.map((d) => `${d.file.split(/[\\/]/).slice(-2).join('/')}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`)).toEqual([
        'demo/report.yaml:1:1 warning report:date en.md has no date: it is printed as 1 January 1980, the date of reproducible builds',
      ]);
      expect(generated(outDir)).toBe('1980-01-01T00:00:00.000Z');
      // Said again by a build with nothing to do, as every warning is, until the edition has a date.
      expect((await build({ sourceDir: source, templatesDir, outDir, formats: ['json'], date: new Date(Date.UTC(1980, 0, 1)), datesFromSources: true })).diagnostics).toHaveLength(1);
      writeFileSync(join(source, 'demo', 'report.yaml'), `${plan}date: 2023-04-01\n`);
      const dated = await build({ sourceDir: source, templatesDir, outDir, formats: ['json'], date: new Date(Date.UTC(1980, 0, 1)), datesFromSources: true });
      expect(dated.diagnostics).toEqual([]);
      expect(generated(outDir)).toBe('2023-04-01T00:00:00.000Z');
    } finally {
      Object.assign(process.env, env);
    }
  });

  it('and a collection git does not date gets one report:date warning, not one an edition', async () => {
    const env = { ...process.env };
    delete process.env.SOURCE_DATE_EPOCH;
    try {
      const source = sources({ alpha: { 'en.md': page('Text.', 'Alpha') }, beta: { 'en.md': page('Text.', 'Beta') }, gamma: { 'en.md': page('Text.', 'Gamma') } });
      const outDir = mkdtempSync(join(tmpdir(), 'folio-dates-'));
      const said = (d: { file: string; line: number; column: number; severity: string; ruleId: string; message: string }) =>
        `${d.file.split(/[\\/]/).slice(-2).join('/')}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`;
      const expected = ['alpha/report.yaml:1:1 warning report:date 3 editions in 3 reports have no date: they are printed as 1 January 1980, the date of reproducible builds'];
      const run = () => build({ sourceDir: source, templatesDir, outDir, formats: ['json'], date: new Date(Date.UTC(1980, 0, 1)), datesFromSources: true });
      const first = await run();
      expect(first.built).toEqual(['alpha/en', 'beta/en', 'gamma/en']);
      expect(first.diagnostics.map(said)).toEqual(expected);
      expect(first.diagnostics[0]!.hint).toContain('SOURCE_DATE_EPOCH');
      // A build with nothing to do says it once again; dated reports leave the count.
      expect((await run()).diagnostics.map(said)).toEqual(expected);
      writeFileSync(join(source, 'alpha', 'report.yaml'), `${plan}date: 2023-04-01\n`);
      expect((await run()).diagnostics.map(said)).toEqual(['beta/report.yaml:1:1 warning report:date 2 editions in 2 reports have no date: they are printed as 1 January 1980, the date of reproducible builds']);
    } finally {
      Object.assign(process.env, env);
    }
  });

  it.skipIf(!has('git'))('and where git dates the others, each edition not yet committed is named', async () => {
    const env = { ...process.env };
    delete process.env.SOURCE_DATE_EPOCH;
    try {
      const source = sources({ alpha: { 'en.md': page('Text.', 'Alpha') } });
      git(source, 'init', '-q');
      git(source, 'add', '.');
      git(source, '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'first');
      mkdirSync(join(source, 'beta'));
      writeFileSync(join(source, 'beta', 'report.yaml'), plan);
      writeFileSync(join(source, 'beta', 'en.md'), page('Text.', 'Beta'));
      writeFileSync(join(source, 'beta', 'fr.md'), page('Texte.', 'Bêta'));
      const outDir = mkdtempSync(join(tmpdir(), 'folio-dates-'));
      const built = await build({ sourceDir: source, templatesDir, outDir, formats: ['json'], date: new Date(Date.UTC(1980, 0, 1)), datesFromSources: true });
      expect(built.diagnostics.filter((d) => d.ruleId === 'report:date').map((d) => `${d.file.split(/[\\/]/).slice(-2).join('/')} ${d.message}`)).toEqual([
        'beta/report.yaml en.md has no date: it is printed as 1 January 1980, the date of reproducible builds',
        'beta/report.yaml fr.md has no date: it is printed as 1 January 1980, the date of reproducible builds',
      ]);
    } finally {
      Object.assign(process.env, env);
    }
  });

  it('by `date:` in report.yaml when it gives one, and by SOURCE_DATE_EPOCH above all', async () => {
    const source = sources({ demo: { 'report.yaml': `${plan}date: 2023-04-01\n`, 'en.md': page('Text.') } });
    expect(generated(await buildDated(source))).toBe('2023-04-01T00:00:00.000Z');
    const { editionDate } = await import('../src/pipeline/dates.ts');
    const report = reportFrom(page('Text.'), { reportYaml: `${plan}date: 2023-04-01\n` });
    expect(editionDate(report, new Date(0), { SOURCE_DATE_EPOCH: '0' }).toISOString()).toBe('1970-01-01T00:00:00.000Z');
  });

  it('refuses a SOURCE_DATE_EPOCH that is not whole seconds, or past what four-digit years can say', async () => {
    const { buildDate } = await import('../src/pipeline/context.ts');
    expect(buildDate({ SOURCE_DATE_EPOCH: '253402300799' }).toISOString()).toBe('9999-12-31T23:59:59.000Z');
    expect(buildDate({}).toISOString()).toBe('1980-01-01T00:00:00.000Z');
    // A year past 9999 wrote "+010000-01-01" into the JSON file; past JavaScript's dates, the build
    // stopped with "internal error: Invalid time value".
    for (const raw of ['abc', '-5', '1.5', '253402300800', '99999999999999']) {
      expect(() => buildDate({ SOURCE_DATE_EPOCH: raw }), raw).toThrow(`SOURCE_DATE_EPOCH must be whole seconds since 1970, up to 253402300799 (the end of 9999); got "${raw}"`);
    }
  });
});

describe('finding 9: a character no font draws is reported where it is written', () => {
  it('in the title: on its line in the front matter', async () => {
    const { lines } = await buildAll(sources({ demo: { 'en.md': page('Text.', 'Kazakhstan 2022 \u{1F600}') } }));
    expect(lines).toEqual([expect.stringMatching(/^demo\/en\.md:2:24 error font:missing-glyph No configured font has a glyph for "\u{1F600}"/u)]);
  });

  it('in a quoted title: past the quote', async () => {
    const { lines } = await buildAll(sources({ demo: { 'en.md': page('Text.', '"A \u{1F600}"') } }));
    expect(lines).toEqual([expect.stringMatching(/^demo\/en\.md:2:11 error font:missing-glyph/)]);
  });

  // The country's name is printed in every edition's back-link ("Back to {country}").
  const grinning = '\u{1F600}';
  const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
  const translation = (original: string, front = '') =>
    `---\ntitle: Démo\n${front}source-hash: ${hashOf(original)}\n---\n\nRésumé.\n\n## Contexte {#background}\n\nTexte.\n`;

  it("in report.yaml's country: at that field, once for every edition that prints it", async () => {
    const en = page('Text.');
    const reportYaml = plan.replace(/^country: .*$/m, `country: Kaz ${grinning} stan`);
    expect(reportYaml.split('\n')[1]).toBe(`country: Kaz ${grinning} stan`);
    const { result, lines } = await buildAll(sources({ demo: { 'report.yaml': reportYaml, 'en.md': en, 'fr.md': translation(en) } }));
    expect(lines).toEqual([expect.stringMatching(/^demo\/report\.yaml:2:14 error font:missing-glyph No configured font has a glyph for "\u{1F600}"/u)]);
    expect(result.failed).toEqual(['demo/en', 'demo/fr']);
    expect(result.exitCode).toBe(1);
  });

  it("in the front matter's country: in that edition, at that line; the original is published", async () => {
    const en = page('Text.');
    const { result, lines } = await buildAll(sources({ demo: { 'en.md': en, 'fr.md': translation(en, `country: "Ka ${grinning}"\n`) } }));
    expect(lines).toEqual([expect.stringMatching(/^demo\/fr\.md:3:14 error font:missing-glyph/)]);
    expect(result.built).toEqual(['demo/en']);
  });

  it('in a label: in templates/labels/<lang>.yaml, past the values filled in before it', async () => {
    const templates = mkdtempSync(join(tmpdir(), 'folio-hostile-templates-'));
    cpSync(templatesDir, templates, { recursive: true });
    const labelsFile = join(templates, 'labels', 'en.yaml');
    const labels = readFileSync(labelsFile, 'utf8');
    const backLink = labels.replace(/^back-link: .*$/m, `back-link: "Back to {country} ${grinning}"`);
    const line = backLink.split('\n').findIndex((l) => l.startsWith('back-link:')) + 1;
    writeFileSync(labelsFile, backLink);
    // "{country}" (9 characters) is filled with "Kazakhstan" (10): the column is the template's.
    const column = 'back-link: "'.length + 1 + 'Back to {country} '.length;
    const first = await buildAll(sources({ demo: { 'en.md': page('Text.') } }), { templatesDir: templates });
    expect(first.lines).toEqual([expect.stringMatching(new RegExp(`^labels/en\\.yaml:${line}:${column} error font:missing-glyph`))]);
    expect(first.result.diagnostics[0]!.file).toMatch(/templates-[^/]+\/labels\/en\.yaml$/);

    writeFileSync(labelsFile, labels.replace(/^contents: .*$/m, `contents: Contents ${grinning}`));
    const contentsLine = labels.split('\n').findIndex((l) => l.startsWith('contents:')) + 1;
    const second = await buildAll(sources({ demo: { 'en.md': page('Text.') } }), { templatesDir: templates });
    expect(second.lines).toEqual([expect.stringMatching(new RegExp(`^labels/en\\.yaml:${contentsLine}:20 error font:missing-glyph`))]);

    writeFileSync(labelsFile, labels.replace(/^page-of: .*$/m, `page-of: "Page {page} of {pages} ${grinning}"`));
    const pageLine = labels.split('\n').findIndex((l) => l.startsWith('page-of:')) + 1;
    const third = await buildAll(sources({ demo: { 'en.md': page('Text.') } }), { templatesDir: templates });
    expect(third.lines).toEqual([expect.stringMatching(new RegExp(`^labels/en\\.yaml:${pageLine}:${'page-of: "Page {page} of {pages} '.length + 1} error font:missing-glyph`))]);
  });
});

describe('finding 7: a table wider than the print page', () => {
  const columns = 200;
  const wideTable = `| ${Array.from({ length: columns }, (_, i) => `c${i}`).join(' | ')} |\n|${'---|'.repeat(columns)}\n| ${Array.from({ length: columns }, (_, i) => `v${i}`).join(' | ')} |`;

  it('is set in parts, not drawn as an overprinted bar, and published with the other report', async () => {
    const { result, lines, index } = await buildAll(sources({ wide: { 'en.md': page(`Before.\n\n${wideTable}`) }, calm: { 'en.md': page('Calm.', 'Calm') } }));
    expect(lines).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.built).toEqual(['calm/en', 'wide/en']);
    expect(index).toContain('wide/wide.en.pdf');
  });

  needs('pdftotext')('prints every heading and value of its 200 columns whole, the first column heading each part', async () => {
    const { outDir } = await buildAll(sources({ wide: { 'en.md': page(`Before.\n\n${wideTable}`) } }));
    const found = execFileSync('pdftotext', [join(outDir, 'wide', 'wide.en.pdf'), '-'], { encoding: 'utf8' }).split(/\s+/);
    for (let i = 1; i < columns; i++) {
      expect(found.filter((w) => w === `c${i}`), `c${i}`).toHaveLength(1);
      expect(found.filter((w) => w === `v${i}`), `v${i}`).toHaveLength(1);
    }
    // The first column again in every part.
    expect(found.filter((w) => w === 'c0').length).toBeGreaterThan(2);
    expect(found.filter((w) => w === 'v0').length).toBe(found.filter((w) => w === 'c0').length);
  });

  it('of twelve columns is still set, every column at least a letter wide', async () => {
    const columns = 12;
    const table = `| ${Array.from({ length: columns }, (_, i) => `head${i}`).join(' | ')} |\n|${'---|'.repeat(columns)}\n| ${Array.from({ length: columns }, (_, i) => `value${i}`).join(' | ')} |`;
    const { result } = await buildAll(sources({ fine: { 'en.md': page(table) } }));
    expect(result.exitCode).toBe(0);
    expect(result.built).toEqual(['fine/en']);
  });
});

describe('finding 7: a GIF is drawn in the PDF, as PNG', () => {
  it('embeds the picture rather than its description', async () => {
    const { GifWriter } = await import('omggif');
    const gif = Buffer.alloc(200);
    const writer = new GifWriter(gif, 2, 2, { palette: [0xff0000, 0x0000ff] });
    writer.addFrame(0, 0, 2, 2, [0, 1, 1, 0]);
    const source = sources({ demo: { 'en.md': page('![A chart of arrests](chart.gif)'), 'chart.gif': gif.subarray(0, writer.end()) } });
    const { result, outDir } = await buildAll(source);
    expect(result.built).toEqual(['demo/en']);
    const { getDocument, OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(readFileSync(join(outDir, 'demo', 'demo.en.pdf'))), verbosity: 0 }).promise;
    const ops = await (await doc.getPage(1)).getOperatorList();
    expect(ops.fnArray).toContain(OPS.paintImageXObject);
  });
});
