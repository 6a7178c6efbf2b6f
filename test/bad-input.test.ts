// Hostile or broken input gives a clear message or safe output: never a crash, a hang, or script
// in a published page.
import { describe, expect, it } from 'vitest';
import { check } from '../src/pipeline/check.ts';
import type { Report } from '../src/model/types.ts';
import { renderHtml } from '../src/render/html/index.ts';
import { reportFrom, tempProject, templatesDir, writerContext, planYaml } from './helpers.ts';

const plan = planYaml(['background']);

function problems(markdown: string) {
  const result = check({ sourceDir: tempProject({ 'en.md': markdown }, plan), templatesDir });
  return result.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`);
}

const page = (body: string) => `---\ntitle: Demo\n---\n\nSummary.\n\n## Background\n\n${body}\n`;

describe('bad input', () => {
  it('a file with no front matter', () => {
    expect(problems('Summary.\n\n## Background\n\nText.\n')).toEqual([
      '1:1 report:frontmatter Missing front matter, expected a `---` block with `title:` at the top of the file',
    ]);
  });

  it('front matter never closed: one error saying so, and the rest of the text read as Markdown', () => {
    // The front matter syntax, having failed on the opening ---, misread what followed: the note's
    // definition was taken for a link definition, and its citation reported as never defined.
    expect(problems('---\ntitle: Demo\n\nSummary.[^1]\n\n## Background\n\n- one\n- two\n\n[^1]: A note.\n')).toEqual([
      '1:1 report:frontmatter Unclosed front matter: the `---` on line 1 has no closing `---`, so its fields are read as text',
    ]);
  });

  it('front matter that is not YAML', () => {
    expect(problems('---\ntitle: "unterminated\n---\n\nSummary.\n\n## Background\n\nText.\n')[0]).toMatch(/^2:\d+ report:frontmatter Invalid YAML in front matter/);
  });

  it('front matter with nothing in it: its title is missing', () => {
    expect(problems('---\n---\n\nSummary.\n\n## Background\n\nText.\n')).toEqual(['1:1 report:frontmatter Missing `title` in front matter, which is empty']);
  });

  it('front matter that is YAML but not a mapping', () => {
    expect(problems('---\n- a\n- b\n---\n\nSummary.\n\n## Background\n\nText.\n')).toEqual([
      '1:1 report:frontmatter Unexpected front matter, expected `key: value` lines',
    ]);
  });

  it('a misspelt title: the error points at the misspelling, and the warning names the key meant', () => {
    const result = check({ sourceDir: tempProject({ 'en.md': page('Text.').replace('title: Demo', 'titel: Demo') }, plan), templatesDir });
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message} (${d.hint})`)).toEqual([
      '2:1 error Missing `title` in front matter, expected a non-empty string (spell `titel:` as `title:`)',
      '2:1 warning Unknown front matter key `titel` (did you mean `title`?), expected one of title, country, source-hash, draft (correct its spelling: as it is, it is not read)',
    ]);
    // A key like no known one is only unknown.
    expect(problems(page('Text.').replace('title: Demo', 'title: Demo\nauthor: me'))).toEqual([
      '3:1 report:frontmatter Unknown front matter key `author`, expected one of title, country, source-hash, draft',
    ]);
  });

  it('a draft line that is not true or false', () => {
    expect(problems(page('Text.').replace('title: Demo', 'title: Demo\ndraft: yes'))).toEqual(['3:1 report:frontmatter Unexpected `draft: yes`, expected true or false']);
    expect(problems(page('Text.').replace('title: Demo', 'title: Demo\ndraft: false'))).toEqual([]);
  });

  it('a 5 MB file is refused with its size, quickly', () => {
    const big = page('Lorem ipsum dolor sit amet. '.repeat(5 * 1024 * 1024 / 28));
    expect(problems(big)).toEqual(['1:1 report:unsupported-node Edition is 5.0 MB, expected at most 2 MB']);
  });

  it('5,000 nested block quotes are refused, without overflowing the stack', () => {
    expect(problems(page(`${'> '.repeat(5000)}deep`))).toEqual([
      '9:97 report:unsupported-node Unexpected 5000 block quote or list markers on one line, expected at most 48',
    ]);
  });

  it('nesting built over many lines is refused too, where it gets too deep', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    expect(problems(page(lines))).toEqual([
      '32:49 report:unsupported-node Unexpected nesting 122 levels deep, expected at most 48',
    ]);
  });

  it('a thematic break of many dashes is a rule, not nesting', () => {
    expect(problems(page(`${'- '.repeat(100)}\n\nText.`))).toEqual([]);
  });

  it('a table cell past the header\'s columns is an error at its text: GitHub\'s table syntax drops it', () => {
    const table = '| Region | Cases |\n| --- | --- |\n| Almaty | 4,512 | detained |\n| Astana |\n| Shymkent | 987 | x | y |';
    expect(problems(page(table))).toEqual([
      '11:20 report:unsupported-node Unexpected cell past the table\'s 2 columns, expected at most 2 cells a row',
      '13:20 report:unsupported-node Unexpected 2 cells past the table\'s 2 columns, expected at most 2 cells a row',
    ]);
  });

  it('a link by a reference no line defines is a warning at its bracket: it would be published as written', () => {
    const body = 'See [the report][amnesty-2022] and [the law][].\n\nNot these: [sic], \\[a\\][b], `[c][d]` and [defined][r].\n\n[r]: https://example.org';
    const result = check({ sourceDir: tempProject({ 'en.md': page(body) }, plan), templatesDir });
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`)).toEqual([
      '9:5 warning report:link-target Link reference "[amnesty-2022]" is not defined, so "[the report][amnesty-2022]" is published as it is written',
      '9:36 warning report:link-target Link reference "[the law]" is not defined, so "[the law][]" is published as it is written',
    ]);
    expect(result.exitCode).toBe(0);
  });

  it('<script> and javascript: links are errors at their position', () => {
    expect(problems(page('<script>alert(1)</script>\n\n[click](javascript:alert(1)) <javascript:alert(2)> [x](JaVaScRiPt:alert(3))'))).toEqual([
      '9:1 report:unsupported-node Unexpected raw HTML <script>, expected Markdown',
      '11:1 report:link-target Unsafe link "javascript:alert(1)": the javascript: scheme, expected http, https or mailto',
      '11:30 report:link-target Unsafe link "javascript:alert(2)": the javascript: scheme, expected http, https or mailto',
      '11:52 report:link-target Unsafe link "JaVaScRiPt:alert(3)": the javascript: scheme, expected http, https or mailto',
    ]);
  });

  it('raw HTML is refused once a tag, with the Markdown an editor means', () => {
    const result = check({ sourceDir: tempProject({ 'en.md': page('Raw <b>bold</b>, a line<br>break and x<sup>2</sup>, <foo>x</foo>.\n\n<div class="c">A block.</div>') }, plan), templatesDir });
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message} (${d.hint})`)).toEqual([
      '9:5 Unexpected raw HTML <b>, expected Markdown (write **bold** for strong emphasis; raw HTML is not published)',
      '9:24 Unexpected raw HTML <br>, expected Markdown (end the line with a backslash (\\) to break it there; raw HTML is not published)',
      '9:39 Unexpected raw HTML <sup>, expected Markdown (Markdown has no superscript: type the character (², ³, ª) or say it in words; a note is [^label]; raw HTML is not published)',
      '9:53 Unexpected raw HTML <foo>, expected Markdown (write it in Markdown; raw HTML cannot be set in PDF or Word and is not published)',
      '11:1 Unexpected raw HTML <div>, expected Markdown (remove the tag and keep its text; blank lines separate paragraphs; raw HTML is not published)',
    ]);
    // A closing tag with no opening one is a problem of its own.
    expect(problems(page('Text</b> and more.'))).toEqual(['9:5 report:unsupported-node Unexpected raw HTML </b>, expected Markdown']);
  });

  it('the HTML writer never emits script or a javascript: URL, even from an unchecked model', () => {
    const report: Report = reportFrom(page('[click](https://example.org) and ![a map](https://example.org/map.png)'), { reportYaml: plan });
    const paragraph = report.sections[0].blocks[0];
    if (paragraph.type !== 'paragraph') throw new Error('expected a paragraph');
    const link = paragraph.children[0];
    const image = paragraph.children[2];
    if (link.type !== 'link' || image.type !== 'image') throw new Error('expected a link and an image');
    link.url = 'javascript:alert(1)';
    image.url = ' data:text/html,<script>alert(1)</script>';
    paragraph.children.push({ type: 'html', value: '<script>alert(2)</script>' } as never);
    const html = renderHtml(report, writerContext(report));
    expect(html).not.toMatch(/<script|javascript:|data:text/i);
    expect(html).toContain('<span>click</span>');
    expect(html).toContain('a map');
  });

  it('a link with no words is an error at its position, whatever it links to: nothing to see, click or read aloud', () => {
    expect(problems(page('Text [](https://example.org), [ ](#background) and [![](chart.png)](https://example.org/a).'))).toEqual([
      '9:6 report:link-target Link to "https://example.org" has no text, so no reader can see or follow it',
      '9:31 report:link-target Link to "#background" has no text, so no reader can see or follow it',
      '9:52 report:link-target Link to "https://example.org/a" has no text, so no reader can see or follow it',
      '9:53 report:link-target Image "chart.png" not found beside the edition',
      '9:53 report:unsupported-node Image "chart.png" has no alt text',
    ]);
    expect(problems(page('Text [words](https://example.org) and [![a chart](chart.png)](https://example.org/a).'))).toEqual([
      '9:40 report:link-target Image "chart.png" not found beside the edition',
    ]);
  });

  it('a sub-heading with no words is an error at its line, in a quote or a list too', () => {
    expect(problems(page('Text.\n\n###\n\nMore.\n\n> #####\n\n- ### \n\n### Words'))).toEqual([
      '11:1 report:empty-section Empty heading "###", expected its words',
      '15:3 report:empty-section Empty heading "#####", expected its words',
      '17:3 report:empty-section Empty heading "###", expected its words',
    ]);
  });

  it('malformed escapes and odd labels do not crash the checks', () => {
    expect(problems(page('[odd](#%E0%A4%A) and a note[^ x] and [^]'))).toEqual([
      '9:1 report:link-target Link to "#%E0%A4%A", but no section or heading has that id',
    ]);
  });
});
