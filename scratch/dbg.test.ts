import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { loadWriter } from '../src/render/registry.ts';
import { tempProject, loadReports, writerContext, planYaml } from '../test/helpers.ts';
it('dbg', async () => {
  const dir = tempProject({ 'en.md': `---\ntitle: Demo\n---\n\nSummary.\n\n## Background\n\nText.[^a]\n\n[^a]: See ![the chart of arrests](c.png) here.\n` }, planYaml(['background']));
  writeFileSync(join(dir, 'demo', 'c.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR4nGP4zwAE/wEHAAH/4iOeWQAAAABJRU5ErkJggg==', 'base64'));
  const r = loadReports(dir)[0];
  const w = await loadWriter('docx');
  const out = await w.render(r, writerContext(r, dir));
  console.log(strFromU8(unzipSync(out.data as Uint8Array)['word/footnotes.xml']).slice(-1500));
});
