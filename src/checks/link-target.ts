// report:link-target — internal links point at an id the edition has, and no link uses a scheme
// that runs code or embeds data.
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { dirname, resolve } from 'node:path';
import { headingIds } from '../model/ids.ts';
import { imageProblem } from '../shared/images.ts';
import { isSafeUrl } from '../shared/url.ts';
import { report } from './context.ts';
import { closest } from './suggest.ts';

const ruleId = 'report:link-target';

export default function linkTarget() {
  return (tree: Root, file: VFile): void => {
    visit(tree, (node) => {
      if (node.type !== 'link' && node.type !== 'image') return;
      const url = node.url;
      if (url.startsWith('#')) {
        const ids = headingIds(tree).targets;
        const id = decode(url.slice(1));
        if (!ids.has(id)) {
          const near = closest(id, ids);
          report(file, 'error', `Link to "#${id}", but no section or heading has that id`, node, ruleId,
            near ? `did you mean "#${near}"?` : 'link to a section id from report.yaml');
        }
      } else if (!isSafeUrl(url)) {
        report(file, 'error', `Unsafe link "${node.url.slice(0, 40)}", expected http, https or mailto`, node, ruleId, 'only web and mail links are published');
      } else if (node.type === 'image') {
        const problem = imageProblem(url, dirname(resolve(file.path)));
        if (problem) report(file, 'error', problem, node, ruleId, 'put the PNG, JPEG or GIF file beside the edition and link it by its name');
      }
    });
  };
}

function decode(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
