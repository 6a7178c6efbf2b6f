// The web page as a browser and a screen reader meet it: valid HTML, no accessibility
// violations (axe-core in headless Chromium, when installed), nothing that runs script.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element as HastElement, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { HtmlValidate } from 'html-validate';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { LETTERS_FROM, renderIndex, renderIndexPage } from '../src/pipeline/index-page.ts';
import { indexData, type IndexReport } from '../src/pipeline/index-data.ts';
import { emptyManifest, type EditionEntry } from '../src/pipeline/manifest.ts';
import { renderHtml } from '../src/render/html/index.ts';
import { fixedDate, has, loadReports, reportFrom, seedReport, tempProject, templatesDir, writerContext, planYaml } from './helpers.ts';

const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-inline-style': 'off', 'long-title': 'off' } });

async function validate(html: string): Promise<string[]> {
  const result = await validator.validateString(html);
  return result.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}

const everything = `---
title: Every construct
---

Summary with *emphasis*, **strong**, ~~struck~~, \`code\`, a [link](https://example.org "Example") and a note.[^n]

## Background

### A subheading

- one
- two
  1. nested
  2. list

> A quotation with a [link to a section](#death-penalty).

| Year | Cases |
| ---- | ----: |
| 2021 | 66 |
| 2022 | 16 |

\`\`\`
code block
\`\`\`

---

Line one\\
line two, and the same note again.[^n]

## Freedom of assembly

Text.

## Death penalty

Text.

[^n]: A note with *emphasis* and a [link](https://example.org).
`;

const plan = planYaml(['background', 'freedom-of-assembly', 'death-penalty']);

const tasks = `Tasks:

- [ ] open task
- [x] done task with a [link](https://example.org)

Loose tasks:

- [x] done, loose

  a second paragraph

- [ ] open, with a nested list
  - nested`;

describe('HTML validity', () => {
  it('names each task\'s checkbox by the task\'s words (a label), tight or loose, and no further', async () => {
    const report = reportFrom(everything.replace('## Freedom of assembly\n\nText.', `## Freedom of assembly\n\n${tasks}`), { reportYaml: plan });
    const html = renderHtml(report, writerContext(report));
    expect(await validate(html)).toEqual([]);
    for (const fragment of [
      '<li class="task-list-item"><label><input type="checkbox" disabled> open task</label></li>',
      '<li class="task-list-item"><label><input type="checkbox" checked disabled> done task with a <a href="https://example.org">link</a></label></li>',
      '<p><label><input type="checkbox" checked disabled> done, loose</label></p>\n<p>a second paragraph</p>',
      '<p><label><input type="checkbox" disabled> open, with a nested list</label></p>\n<ul>\n<li>nested</li>',
    ]) expect(html).toContain(fragment);
  });


  it('the seed page is valid HTML', async () => {
    const report = await seedReport();
    expect(await validate(renderHtml(report, writerContext(report)))).toEqual([]);
  });

  it('a page with every Markdown construct is valid and keeps each one', async () => {
    const report = reportFrom(everything, { reportYaml: plan });
    const html = renderHtml(report, writerContext(report));
    expect(await validate(html)).toEqual([]);
    for (const fragment of ['<em>emphasis</em>', '<strong>strong</strong>', '<del>struck</del>', '<code dir="ltr">code</code>',
      '<a href="https://example.org" title="Example">link</a>', '<h3 id="a-subheading">A subheading</h3>', '<ol>', '<blockquote>',
      '<section class="table-frame" aria-label="Table 1" tabindex="0"><table>', '<td style="text-align: end">66</td>', '<pre dir="ltr" tabindex="0"><code>code block', '<hr>', '<br>', 'id="fnref-1-2"', 'href="#fnref-1-2"']) {
      expect(html).toContain(fragment);
    }
  });

  it('moves a list whose numbers run to three digits or more in by as much, so they are not cut off at a narrow window\'s edge', async () => {
    const report = reportFrom(everything.replace('## Freedom of assembly\n\nText.', '## Freedom of assembly\n\n2022. A year, which Markdown takes for a list.\n\nBetween.\n\n99999999. Far.\n100000000. Further.\n\nBetween.\n\n9. Nine.\n10. Ten.'), { reportYaml: plan });
    const html = renderHtml(report, writerContext(report));
    expect(await validate(html)).toEqual([]);
    expect(html).toContain('<ol start="2022" style="padding-inline-start: calc(4ch + 1em)">');
    expect(html).toContain('<ol start="99999999" style="padding-inline-start: calc(9ch + 1em)">');
    // Numbers of one or two digits fit the stylesheet's indent.
    expect(html).toContain('<ol start="9">');
  });

  it('names a back-link to a reference written in another note for that note, in the edition\'s language', () => {
    const md = `---\ntitle: Demo 2022\n---\n\nSummary.[^a]\n\n## Background\n\nText.[^b]\n\n## Freedom of assembly\n\nText.\n\n## Death penalty\n\nText.\n\n[^a]: First, citing another.[^c]\n\n[^b]: Second, citing the first.[^a]\n\n[^c]: Cited only in the first.\n`;
    const names = (lang: string) => {
      const report = reportFrom(md, { lang, reportYaml: planYaml(['background', 'freedom-of-assembly', 'death-penalty'], lang) });
      const html = renderHtml(report, writerContext(report));
      return [...html.matchAll(/<a class="back" href="#([^"]+)"(?: aria-label="([^"]+)")?>(?:<span aria-hidden="true">[^<]*<\/span><span class="unseen">([^<]+)<\/span>)?/g)].map((m) => `${m[1]}: ${m[2] ?? m[3]}`);
    };
    expect(names('en')).toEqual([
      'fnref-1: Back to reference 1 in the text',
      'fnref-1-2: Back to reference 1 in note 2 (2)',
      'fnref-2: Back to reference 2 in the text',
      'fnref-3: Back to reference 3 in note 1',
    ]);
    expect(names('fr')[3]).toBe('fnref-3: Retour à l’appel de note 3 dans la note 1');
  });

  it('sets the parts in the order of the report type, and leaves out those it omits', async () => {
    const report = await seedReport();
    const html = renderHtml(report, { ...writerContext(report), parts: ['title', 'contents', 'summary', 'sections', 'notes'] });
    expect(html).not.toContain('class="disclaimer"');
    expect(html.indexOf('<nav class="contents"')).toBeLessThan(html.indexOf('<div class="summary">'));
    expect(await validate(html)).toEqual([]);
    const standard = renderHtml(report, writerContext(report));
    expect(standard.indexOf('<div class="summary">')).toBeLessThan(standard.indexOf('<nav class="contents"'));
  });

  it('carries a local image inside the page, with its size and alt text', async () => {
    // A 2×1 PNG, red and blue.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR4nGP4zwAE/wEHAAH/4iOeWQAAAABJRU5ErkJggg==', 'base64');
    const markdown = everything.replace('Text.\n\n## Death penalty', '![A chart of protests](chart.png)\n\n## Death penalty');
    const dir = tempProject({ 'en.md': markdown, 'chart.png': png.toString('latin1') }, plan);
    writeFileSync(join(dir, 'demo', 'chart.png'), png);
    const report = loadReports(dir)[0];
    const html = renderHtml(report, writerContext(report, dir));
    expect(html).toContain(`<img src="data:image/png;base64,${png.toString('base64')}" alt="A chart of protests" width="2" height="1">`);
    expect(await validate(html)).toEqual([]);
    rmSync(join(dir, 'demo', 'chart.png'));
    expect(() => loadReports(dir)).toThrow(/en\.md:\d+:1: error Image "chart.png" not found beside the edition .* report:link-target/);
  });

  it('the index page is valid HTML', async () => {
    const out = mkdtempSync(join(tmpdir(), 'folio-out-'));
    expect(await validate(renderIndex(out, templatesDir, fixedDate))).toEqual([]);
  });

  it("the index of a large collection opens with a link to each initial's first report", async () => {
    const countries = ['albania', 'algeria', 'brazil', 'chile', 'kazakhstan', 'kyrgyzstan', 'nepal', 'zimbabwe'];
    const items = Array.from({ length: LETTERS_FROM + 2 }, (_, k): IndexReport => {
      const slug = `${countries[k % countries.length]}-${2000 + k}`;
      return { slug, title: slug, lang: 'en', dir: 'ltr', editions: [{ lang: 'en', title: slug, dir: 'ltr', isOriginal: true, files: [{ format: 'html', href: `${slug}/${slug}.en.html` }], warnings: [] }] };
    }).sort((a, b) => a.slug.localeCompare(b.slug));
    const html = renderIndexPage(items, templatesDir, fixedDate);
    expect(await validate(html)).toEqual([]);
    const nav = /<nav class="letters" aria-label="Contents">([\s\S]*?)<\/nav>/.exec(html)![1]!;
    const links = [...nav.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => ({ id: m[1]!, initial: m[2]! }));
    expect(links.map((l) => l.initial)).toEqual(['A', 'B', 'C', 'K', 'N', 'Z']);
    // Each link leads to the first report of its initial.
    for (const { id, initial } of links) {
      const first = items.find((item) => item.slug.toUpperCase().startsWith(initial))!;
      expect(new RegExp(`<li id="${id}"><h2>${first.title}</h2>`).test(html), id).toBe(true);
    }
    // A short list has none.
    expect(renderIndexPage(items.slice(0, 5), templatesDir, fixedDate)).not.toContain('class="letters"');
  });

  it('the index reads back as the titles, languages and links it was given, whatever characters they hold', () => {
    const title = 'A & B <script>alert(1)</script> "quoted" \u00a0 &amp;';
    const href = 'odd/odd.en.html?x="1"&y=<2>';
    const items: IndexReport[] = [{ slug: 'odd', title, lang: 'fr', dir: 'ltr', editions: [{ lang: 'fr', title, dir: 'ltr', isOriginal: true, files: [{ format: 'html', href }], warnings: ['translation:stale'] }] }];
    const html = renderIndexPage(items, templatesDir, fixedDate);
    const toString = (node: ElementContent): string => (node.type === 'text' ? node.value : node.type === 'element' ? node.children.map(toString).join('') : '');
    const all: HastElement[] = [];
    visit(fromHtml(html), 'element', (node: HastElement) => void all.push(node));
    expect(all.filter((e) => e.tagName === 'script')).toEqual([]);
    const heading = all.find((e) => e.tagName === 'h2')!;
    expect(toString(heading)).toBe(title);
    expect(all.find((e) => e.tagName === 'span' && e.properties.lang === 'fr')).toBeDefined();
    const link = all.find((e) => e.tagName === 'a' && e.properties.hrefLang === 'fr')!;
    expect(link.properties.href).toBe(href);
    expect(toString(link)).toBe('Web page');
    expect(toString(all.find((e) => e.tagName === 'li' && (e.properties.className as string[] | undefined)?.includes('stale'))!)).toMatch(/^Français: Web page \(.+\)$/);
  });

  it('the index says the language of a title that is not in English, a right-to-left one an isolate', async () => {
    const edition = (lang: string, title: string, dir: 'ltr' | 'rtl'): IndexReport['editions'][number] => ({ lang, title, dir, isOriginal: true, files: [{ format: 'html', href: `demo/demo.${lang}.html` }], warnings: [] });
    const items: IndexReport[] = [
      { slug: 'egypt-2022', title: 'مصر 2022', lang: 'ar', dir: 'rtl', editions: [edition('ar', 'مصر 2022', 'rtl')] },
      { slug: 'france-2022', title: 'France 2022', lang: 'fr', dir: 'ltr', editions: [edition('fr', 'France 2022', 'ltr')] },
      { slug: 'kenya-2022', title: 'Kenya 2022', lang: 'en', dir: 'ltr', editions: [edition('en', 'Kenya 2022', 'ltr')] },
    ];
    const html = renderIndexPage(items, templatesDir, fixedDate);
    expect(await validate(html)).toEqual([]);
    expect(html).toContain('<h2><span lang="ar" dir="rtl">مصر 2022</span></h2>');
    expect(html).toContain('<h2><span lang="fr">France 2022</span></h2>');
    expect(html).toContain('<h2>Kenya 2022</h2>');
    // The title, its language and direction are the original's, from the manifest.
    const manifest = emptyManifest('folio');
    const entry = (lang: string, title: string, dir: 'ltr' | 'rtl', isOriginal: boolean): EditionEntry => ({ slug: 'egypt-2022', lang, title, dir, isOriginal, inputs: '', outputs: { html: { file: `egypt-2022/egypt-2022.${lang}.html`, key: '' } }, warnings: [] });
    manifest.editions['egypt-2022/ar'] = entry('ar', 'مصر 2022', 'rtl', true);
    manifest.editions['egypt-2022/en'] = entry('en', 'Egypt 2022', 'ltr', false);
    expect(indexData(manifest).map(({ title, lang, dir }) => ({ title, lang, dir }))).toEqual([{ title: 'مصر 2022', lang: 'ar', dir: 'rtl' }]);
  });
});

describe.skipIf(!has('chromium'))(`accessibility in headless Chromium${has('chromium') ? '' : ' (skipped: chromium is not installed)'}`, () => {
  type Page = import('playwright-core').Page;
  /** Opens `html` in Chromium at a viewport `width` pixels wide; fails on axe-core violations and
   * on any request for something outside the page. */
  async function inChromium(html: string, width: number, check: (page: Page) => Promise<void>): Promise<void> {
    const { chromium } = await import('playwright-core');
    const { createRequire } = await import('node:module');
    const axeSource = (await import('node:fs')).readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const file = join(mkdtempSync(join(tmpdir(), 'folio-a11y-')), 'page.html');
    writeFileSync(file, html);
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      const requests: string[] = [];
      page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
      await page.goto(`file://${file}`);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe.run();
        return result.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
      });
      expect(violations).toEqual([]);
      expect(requests).toEqual([]);
      await check(page);
    } finally {
      await browser.close();
    }
  }

  it('task lists have no axe-core violations: each checkbox is named by its task', async () => {
    const report = reportFrom(everything.replace('## Freedom of assembly\n\nText.', `## Freedom of assembly\n\n${tasks}`), { reportYaml: plan });
    await inChromium(renderHtml(report, writerContext(report)), 1000, async (page) => {
      expect(await page.getByRole('checkbox', { name: 'open task', exact: true }).isChecked()).toBe(false);
      expect(await page.getByRole('checkbox', { name: 'done, loose', exact: true }).isChecked()).toBe(true);
      // No bullet beside the checkbox.
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('.contains-task-list')!).listStyleType)).toBe('none');
    });
  }, 60_000);

  it('headings of levels four to six are never smaller than the text under them, as in print', async () => {
    const deep = '### Third\n\n#### Fourth\n\nText four.\n\n##### Fifth\n\nText five.\n\n###### Sixth\n\nText six.';
    const report = reportFrom(everything.replace('## Freedom of assembly\n\nText.', `## Freedom of assembly\n\nText.\n\n${deep}`), { reportYaml: plan });
    await inChromium(renderHtml(report, writerContext(report)), 1000, async (page) => {
      const styles = await page.evaluate(() => ['h4', 'h5', 'h6', 'main p'].map((s) => {
        const style = getComputedStyle(document.querySelector(s)!);
        return { size: parseFloat(style.fontSize), weight: Number(style.fontWeight), italic: style.fontStyle === 'italic' };
      }));
      const text = styles[3]!;
      for (const heading of styles.slice(0, 3)) {
        expect(heading.size).toBeGreaterThanOrEqual(text.size);
        expect(heading.weight).toBeGreaterThanOrEqual(700);
      }
      // Told apart as print tells them: the fifth and sixth levels in italic.
      expect(styles.slice(0, 3).map((h) => h.italic)).toEqual([false, true, true]);
    });
  }, 60_000);

  it('the seed page has no axe-core violations', async () => {
    const report = await seedReport();
    await inChromium(renderHtml(report, writerContext(report)), 1000, async (page) => {
      // The note reference takes the reader to the note.
      await page.click('#fnref-1');
      expect(await page.evaluate(() => location.hash)).toBe('#fn-1');
    });
  }, 60_000);

  it('on a phone, a table wider than the screen scrolls in its own frame, not the page sideways', async () => {
    const years = Array.from({ length: 11 }, (_, i) => 2012 + i);
    const table = [`| Region | ${years.join(' | ')} |`, `|:---|${years.map(() => '---:|').join('')}`,
      ...['Almaty', 'East Kazakhstan', 'Karaganda'].map((r, k) => `| ${r} | ${years.map((y) => (y * (k + 3)) % 997).join(' | ')} |`)].join('\n');
    const report = reportFrom(everything.replace('| Year | Cases |', `${table}\n\nMore text.\n\n| Year | Cases |`), { reportYaml: plan });
    const html = renderHtml(report, writerContext(report));
    expect(await validate(html)).toEqual([]);
    await inChromium(html, 390, async (page) => {
      const sizes = await page.evaluate(() => {
        const frame = document.querySelector('.table-frame') as HTMLElement;
        return { page: document.documentElement.scrollWidth, screen: window.innerWidth, frame: frame.clientWidth, table: frame.scrollWidth };
      });
      expect(sizes.page).toBeLessThanOrEqual(sizes.screen);
      expect(sizes.table).toBeGreaterThan(sizes.frame);
      // A keyboard reaches the frame, named for a screen reader, and scrolls it.
      const frame = page.getByRole('region', { name: 'Table 1' });
      expect(await frame.count()).toBe(1);
      await frame.focus();
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('table-frame');
      expect(await page.getByRole('region', { name: 'Table 2' }).count()).toBe(1);
      await page.keyboard.press('ArrowRight');
      // Chromium scrolls over the frames that follow: waited for, not timed.
      await page.waitForFunction(() => (document.querySelector('.table-frame') as HTMLElement).scrollLeft > 0, undefined, { polling: 'raf', timeout: 20_000 });
    });
  }, 60_000);

  it('in a right-to-left edition, code is set left to right, as written (and as in print): a block from its first character, inline code as an isolate', async () => {
    const markdown = '---\ntitle: نموذج\ncountry: كازاخستان\n---\n\nملخص.\n\n## الخلفية {#background}\n\nشغّل الأمر `folio build --out dist/` لبناء كل شيء.\n\n```\n'
      + 'curl -s "https://api.example.org/v1/reports?country=KZ&year=2022&fields=id,title,summary,sections,notes" | jq ".items[] | {id, title}"\n'
      + 'x = 1 # تعليق\n```\n';
    const report = reportFrom(markdown, { lang: 'ar', reportYaml: planYaml(['background'], 'ar') });
    const html = renderHtml(report, writerContext(report));
    expect(html).toContain('<pre dir="ltr" tabindex="0"><code>curl');
    expect(html).toContain('<code dir="ltr">folio build --out dist/</code>');
    expect(await validate(html)).toEqual([]);
    await inChromium(html, 390, async (page) => {
      const layout = await page.evaluate(() => {
        const pre = document.querySelector('pre')!;
        const text = pre.querySelector('code')!.firstChild as Text;
        /** Where the character at `offset` of the code's text is drawn, from the frame's left edge. */
        const leftOf = (offset: number) => {
          const range = document.createRange();
          range.setStart(text, offset);
          range.setEnd(text, offset + 1);
          return range.getBoundingClientRect().left - pre.getBoundingClientRect().left;
        };
        const second = text.data.indexOf('\n') + 1;
        // The inline code's last two characters, "t/": the slash stays after "dist" on its right,
        // where a bidi-unaware page would move it to the left of "folio".
        const inline = document.querySelector('p code')!.firstChild as Text;
        const box = (offset: number) => {
          const range = document.createRange();
          range.setStart(inline, offset);
          range.setEnd(inline, offset + 1);
          return range.getBoundingClientRect().left;
        };
        const slash = inline.data.length - 1;
        return { inlineDirection: getComputedStyle(inline.parentElement!).direction, t: box(slash - 1), slash: box(slash), f: box(0), direction: getComputedStyle(pre).direction, page: getComputedStyle(document.body).direction, curl: leftOf(0), x: leftOf(second), one: leftOf(second + 4), hash: leftOf(second + 6), note: leftOf(second + 8) };
      });
      expect(layout.page).toBe('rtl');
      expect(layout.direction).toBe('ltr');
      // The long first line starts inside the frame at its left, its end scrolled out of view
      // on the right (a right-to-left block would show its end and hide its start).
      expect(layout.curl).toBeGreaterThanOrEqual(0);
      expect(layout.curl).toBeLessThan(30);
      // "x = 1 # تعليق": the statement left to right, then the comment after it.
      expect(layout.x).toBeLessThan(layout.one);
      expect(layout.one).toBeLessThan(layout.hash);
      expect(layout.hash).toBeLessThan(layout.note);
      expect(layout.inlineDirection).toBe('ltr');
      expect(layout.f).toBeLessThan(layout.t);
      expect(layout.t).toBeLessThan(layout.slash);
    });
  }, 60_000);

  it('in a right-to-left edition, notes cited together read right to left, the first rightmost, and a note after a year stays apart from it', async () => {
    const markdown = '---\ntitle: نموذج\ncountry: كازاخستان\n---\n\nملخص.\n\n## الخلفية {#background}\n\nاندلعت احتجاجات.[^a][^b][^c] ثم المزيد في عام 2019.[^d] وبعده.\n\n'
      + '[^a]: الأولى.\n\n[^b]: الثانية.\n\n[^c]: الثالثة.\n\n[^d]: الرابعة.\n';
    const report = reportFrom(markdown, { lang: 'ar', reportYaml: planYaml(['background'], 'ar') });
    const html = renderHtml(report, writerContext(report));
    expect(await validate(html)).toEqual([]);
    await inChromium(html, 1000, async (page) => {
      const drawn = await page.evaluate(() => {
        const left = (element: Element) => element.getBoundingClientRect().left;
        const refs = ['fnref-1', 'fnref-2', 'fnref-3'].map((id) => document.getElementById(id)!);
        const separators = [...document.querySelectorAll('sup.note-ref span')];
        // "2019." and note 4: the year's text node ends right before the note's sup.
        const sup4 = document.getElementById('fnref-4')!.parentElement!;
        const year = sup4.previousSibling as Text;
        const at = year.data.indexOf('2019');
        const range = document.createRange();
        range.setStart(year, at);
        range.setEnd(year, at + 4);
        return { refs: refs.map(left), separators: separators.map((s) => [s.textContent, left(s)] as const), year: range.getBoundingClientRect(), four: document.getElementById('fnref-4')!.getBoundingClientRect() };
      });
      const [one, two, three] = drawn.refs as [number, number, number];
      expect(one).toBeGreaterThan(two);
      expect(two).toBeGreaterThan(three);
      expect(drawn.separators.map(([text]) => text)).toEqual(['،', '،']);
      // Each Arabic comma between the two numbers it separates.
      expect(drawn.separators[0]![1]).toBeLessThan(one);
      expect(drawn.separators[0]![1]).toBeGreaterThan(two);
      expect(drawn.separators[1]![1]).toBeLessThan(two);
      expect(drawn.separators[1]![1]).toBeGreaterThan(three);
      // Right to left, the note comes after the year: on its left, not joined to its right as "2019.4".
      expect(drawn.four.right).toBeLessThanOrEqual(drawn.year.left + 1);
    });
  }, 60_000);

  it('in a right-to-left edition, an English paragraph reads left to right, its full stop at its end, on the right like the rest', async () => {
    const english = 'Amnesty International, “Shoot without warning”, 7 January 2022.';
    const markdown = `---\ntitle: نموذج\ncountry: كازاخستان\n---\n\nملخص.\n\n## الخلفية {#background}\n\n${english}\n\nاندلعت احتجاجات في أنحاء البلاد.\n`;
    const report = reportFrom(markdown, { lang: 'ar', reportYaml: planYaml(['background'], 'ar') });
    const html = renderHtml(report, writerContext(report));
    expect(await validate(html)).toEqual([]);
    await inChromium(html, 1000, async (page) => {
      const drawn = await page.evaluate(() => {
        const [p, arabic] = [...document.querySelectorAll('p')].filter((e) => /Amnesty|اندلعت/.test(e.textContent!));
        const text = (p!.querySelector('span') ?? p!).firstChild as Text;
        const box = (from: number, to: number) => {
          const range = document.createRange();
          range.setStart(text, from);
          range.setEnd(text, to);
          return range.getBoundingClientRect();
        };
        const end = text.data.length;
        const words = (e: Element) => {
          const range = document.createRange();
          range.selectNodeContents(e);
          return range.getBoundingClientRect();
        };
        return { year: box(end - 5, end - 1), stop: box(end - 1, end), first: box(0, 1), words: words(p!), arabic: words(arabic!) };
      });
      expect(drawn.stop.left).toBeGreaterThanOrEqual(drawn.year.right - 1);
      expect(drawn.first.left).toBeLessThan(drawn.year.left);
      // Where the edition's paragraphs are: on the right.
      expect(Math.abs(drawn.words.right - drawn.arabic.right)).toBeLessThan(1);
    });
  }, 60_000);

  it('on a small phone, the editions\' languages wrap between names, never inside one', async () => {
    const report = await seedReport();
    await inChromium(renderHtml(report, writerContext(report)), 320, async (page) => {
      const links = await page.evaluate(() => [...document.querySelectorAll('.languages a')].map((a) => ({ text: a.textContent, lines: a.getClientRects().length, left: a.getBoundingClientRect().left, right: a.getBoundingClientRect().right })));
      expect(links.length).toBe(6);
      for (const link of links) {
        expect(link.lines, link.text!).toBe(1);
        expect(link.left, link.text!).toBeGreaterThanOrEqual(0);
        expect(link.right, link.text!).toBeLessThanOrEqual(320);
      }
    });
  }, 60_000);

  it('on a phone, lists and quotes nested 20 deep stop moving in, as print does, leaving their text room', async () => {
    const list = Array.from({ length: 20 }, (_, d) => `${'  '.repeat(d)}- item ${d} with a few words`).join('\n');
    const quote = Array.from({ length: 20 }, (_, d) => `${'> '.repeat(d + 1)}quote ${d} with a few words\n${'> '.repeat(d + 1)}`).join('\n');
    const report = reportFrom(everything.replace('| Year | Cases |', `${list}\n\nBetween.\n\n${quote}\n\nAfter.\n\n| Year | Cases |`), { reportYaml: plan });
    const html = renderHtml(report, writerContext(report));
    expect(await validate(html)).toEqual([]);
    await inChromium(html, 390, async (page) => {
      const sizes = await page.evaluate(() => {
        const widthOf = (text: string) => {
          const all = [...document.querySelectorAll('li, p')].filter((e) => e.firstChild?.textContent?.startsWith(text));
          return all[all.length - 1]!.getBoundingClientRect().width;
        };
        return { page: document.documentElement.scrollWidth, screen: window.innerWidth, item: widthOf('item 19'), quote: widthOf('quote 19') };
      });
      expect(sizes.page).toBeLessThanOrEqual(sizes.screen);
      // At least 40% of the column, as print keeps.
      expect(sizes.item).toBeGreaterThan(0.4 * (sizes.screen - 40));
      expect(sizes.quote).toBeGreaterThan(0.4 * (sizes.screen - 40));
    });
  }, 60_000);

  it('on a phone, a word longer than the screen breaks in a heading, the contents, a list and a note rather than push the page sideways', async () => {
    const word = 'Supercalifragilisticexpialidociousantidisestablishmentarianism';
    const md = `---\ntitle: ${word} 2022\n---\n\nSummary.\n\n## ${word} {#background}\n\n- ${word} in a list.[^1]\n\nText.\n\n## Freedom of assembly\n\nText.\n\n## Death penalty\n\nText.\n\n[^1]: ${word} in a note.\n`;
    const report = reportFrom(md, { reportYaml: plan });
    const html = renderHtml(report, writerContext(report));
    await inChromium(html, 390, async (page) => {
      const sizes = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
      expect(sizes.page).toBeLessThanOrEqual(sizes.screen);
    });
  }, 60_000);
});
