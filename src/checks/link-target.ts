// report:link-target — internal links point at an id the edition has, and no link uses a scheme
// that runs code or embeds data.
import type { Root } from 'mdast';
import { slug } from 'github-slugger';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { outline, report } from './context.ts';
import { closest } from './suggest.ts';
import { isSafeUrl } from '../render/url.ts';
import { imageProblem } from '../render/images.ts';
import { dirname, resolve } from 'node:path';

const ruleId = 'report:link-target';

export function targetIds(tree: Root): Set<string> {
  const ids = new Set<string>(['contents', 'notes']);
  for (const section of outline(tree).sections) ids.add(section.id);
  visit(tree, 'heading', (node) => {
    if (node.depth > 2) ids.add(node.data?.id ?? slug(toString(node)));
  });
  return ids;
}

export default function linkTarget() {
  return (tree: Root, file: VFile): void => {
    let ids: Set<string> | undefined;
    visit(tree, (node) => {
      if (node.type !== 'link' && node.type !== 'image') return;
      const url = node.url;
      if (url.startsWith('#')) {
        ids ??= targetIds(tree);
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
