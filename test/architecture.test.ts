// The layers of DESIGN.md, enforced: dependency-cruiser checks every import of src/ against the
// rules in .dependency-cruiser.cjs; and the seams that used to disagree now agree.
import { createRequire } from 'node:module';
import { cruise, type IConfiguration } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/pipeline/load.ts';
import { renderHtml } from '../src/render/html/index.ts';
import { planYaml, tempProject, templatesDir, writerContext } from './helpers.ts';

const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as IConfiguration;

describe('layers', () => {
  it('no module imports upward, sideways between writers, or in a cycle', async () => {
    const result = await cruise(['src'], { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } });
    const output = result.output as Exclude<typeof result.output, string>;
    const violations = output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(violations).toEqual([]);
    expect(output.summary.totalCruised).toBeGreaterThan(50);
  });
});

describe('heading ids', () => {
  it('lets a link reach the second "### Details" by the id the page gives it', async () => {
    const markdown = [
      '---', 'title: Ids', '---', '', 'Summary with a link to [the second details](#details-1).', '',
      '## Background {#background}', '', '### Details', '', 'One.', '', '### Details', '', 'Two.', '',
    ].join('\n');
    const dir = tempProject({ 'en.md': markdown }, planYaml(['background']));
    const project = loadProject({ sourceDir: dir, templatesDir });
    const edition = project.reports[0].editions[0];
    expect(edition.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const html = renderHtml(edition.report!, writerContext(edition.report!, dir));
    expect(html).toContain('id="details"');
    expect(html).toContain('id="details-1"');
    expect(html).toContain('href="#details-1"');
  });

  it('keeps a subheading off the ids a publication prints itself', async () => {
    const markdown = ['---', 'title: Ids', '---', '', 'Summary.', '', '## Background {#background}', '', '### Notes', '', 'A.', '', '### Contents', '', 'B.', '', '### fn-1', '', 'C.', ''].join('\n');
    const dir = tempProject({ 'en.md': markdown }, planYaml(['background']));
    const report = loadProject({ sourceDir: dir, templatesDir }).reports[0].editions[0].report!;
    const html = renderHtml(report, writerContext(report, dir));
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
