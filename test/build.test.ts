// The build as a library: an edition whose writer loses content is not published, the others are.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/pipeline/build.ts';
import { htmlWriter } from '../src/render/html/index.ts';
import type { Writer } from '../src/render/types.ts';
import { fixedDate, planYaml, tempProject, templatesDir } from './helpers.ts';

const edition = (title: string) => `---\ntitle: ${title}\n---\n\nSummary.\n\n## Background\n\nText.\n\n## Death penalty\n\nAbolished.\n`;

describe('build', () => {
  it('does not publish an edition whose output lost a section, and says it is an internal error', async () => {
    const source = tempProject({ 'en.md': edition('Demo') }, planYaml(['background', 'death-penalty']));
    // A second report beside the first.
    const other = join(source, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'report.yaml'), planYaml(['background', 'death-penalty']));
    writeFileSync(join(other, 'en.md'), edition('Other'));
    // A writer that drops the death-penalty section of "demo" only.
    const lossy: Writer = {
      ...htmlWriter,
      async render(report, ctx) {
        const rendered = await htmlWriter.render(report, ctx);
        return report.meta.slug === 'demo' ? { data: String(rendered.data).replace(/<section id="death-penalty"[\s\S]*?<\/section>/, '') } : rendered;
      },
    };
    const out = mkdtempSync(join(tmpdir(), 'folio-out-'));
    const result = await build({ sourceDir: source, templatesDir, outDir: out, formats: ['html'], date: fixedDate, loadWriter: async () => lossy });
    expect(result.exitCode).toBe(2);
    expect(result.internal).toEqual([
      'internal error: the html writer left out section "death-penalty" of demo/en; nothing of this edition was published',
    ]);
    expect(result.built).toEqual(['other/en']);
    expect(existsSync(join(out, 'demo', 'demo.en.html'))).toBe(false);
    expect(readFileSync(join(out, 'other', 'other.en.html'), 'utf8')).toContain('<section id="death-penalty"');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain('demo.en.html');
  });
});
