// Loading a report: each edition is parsed once, the original included when its translations load
// with it (their reference comes from the original's own parse), and what the translations are
// told about the original is the same either way.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sourceDir, templatesDir } from './helpers.ts';

const parsed: string[] = [];
vi.mock('../src/parse/parse.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/parse/parse.ts')>();
  return { ...actual, parseEdition: (path: string, text: string) => (parsed.push(path.split('/').at(-1)!), actual.parseEdition(path, text)) };
});
const { loadReport } = await import('../src/pipeline/load.ts');
const { readSourceReport } = await import('../src/pipeline/inputs.ts');

const langs = ['ar', 'en', 'es', 'fr', 'kk', 'ru'];

describe('loading a report', () => {
  beforeEach(() => {
    parsed.length = 0;
  });

  it('parses each edition once, the original included, and keeps the editions in file order', () => {
    const result = loadReport({ sourceDir, templatesDir }, 'kazakhstan-2022', () => true);
    expect(parsed.sort()).toEqual(langs.map((l) => `${l}.md`));
    expect(result.editions.map((e) => e.lang)).toEqual(langs);
    expect(result.editions.every((e) => e.report)).toBe(true);
  });

  it('parses the original for a translation loaded alone, and tells it the same', () => {
    const alone = loadReport({ sourceDir, templatesDir }, 'kazakhstan-2022', (lang) => lang === 'fr');
    expect(parsed.sort()).toEqual(['en.md', 'fr.md']);
    const together = loadReport({ sourceDir, templatesDir }, 'kazakhstan-2022', () => true);
    const fr = (r: typeof alone) => r.editions.find((e) => e.lang === 'fr')!;
    expect(fr(alone).diagnostics).toEqual(fr(together).diagnostics);
    expect(fr(alone).report!.sections.map((s) => s.id)).toEqual(fr(together).report!.sections.map((s) => s.id));
  });

  it("compares translations with the original's tree as parsed, before the model changes it", () => {
    // A changed original: every translation is stale, and one that lost a note is told which.
    const dir = seedWithChangedOriginal();
    const fr = join(dir, 'k', 'fr.md');
    writeFileSync(fr, readFileSync(fr, 'utf8').replace(/\[\^1\]/g, ''));
    const result = loadReport({ sourceDir: dir, templatesDir }, 'k', () => true);
    expect(parsed.filter((name) => name === 'en.md')).toHaveLength(1);
    const rules = (lang: string) => [...new Set(result.editions.find((e) => e.lang === lang)!.diagnostics.map((d) => d.ruleId))].sort();
    expect(rules('es')).toEqual(['translation:stale']);
    expect(rules('fr')).toEqual(expect.arrayContaining(['translation:stale', 'translation:footnote-mismatch']));
  });

  it('lists the siblings a build read from the sources as it would read them itself', () => {
    // A build gives loadReport the sibling list it read before parsing (titles, states); with a
    // stale translation and a title changed, both ways give the same list.
    const dir = seedWithChangedOriginal();
    const es = join(dir, 'k', 'es.md');
    writeFileSync(es, readFileSync(es, 'utf8').replace('title: Kazajistán 2022', 'title: Kazajstán 2022'));
    const read = readSourceReport(dir, 'k');
    const own = loadReport({ sourceDir: dir, templatesDir }, 'k', () => true);
    const given = loadReport({ sourceDir: dir, templatesDir }, 'k', () => true, read.refs);
    const siblings = (r: typeof own) => r.editions.map((e) => e.report!.editions);
    expect(siblings(given)).toEqual(siblings(own));
    expect(own.editions[0].report!.editions.find((e) => e.lang === 'es')).toMatchObject({ title: 'Kazajstán 2022', state: 'stale' });
  });
});

/** The seed report copied into a temporary source folder as `k`, its English original given a new
 * first paragraph: every translation is stale. */
function seedWithChangedOriginal(): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-load-'));
  cpSync(join(sourceDir, 'kazakhstan-2022'), join(dir, 'k'), { recursive: true });
  const en = join(dir, 'k', 'en.md');
  writeFileSync(en, readFileSync(en, 'utf8').replace('## Background', '## Background\n\nA new first paragraph.'));
  return dir;
}
