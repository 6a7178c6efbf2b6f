// report:link-target — every link and image, inline or by reference, at any depth, points where a
// publication can take a reader: a link to the web, to a mail address or to an id the edition
// has; an image to a PNG, JPEG or GIF file beside the edition (the web page is self-contained,
// and print has no network). No scheme that runs code, embeds data or reads the reader's disk,
// and no link without words to show.
import type { Definition, Nodes, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { lineColumn } from '../shared/yaml.ts';
import { toString as textOf } from 'mdast-util-to-string';
import { dirname, resolve } from 'node:path';
import { definitionsOf } from '../model/build.ts';
import { headingIds } from '../model/ids.ts';
import { imageProblem } from '../shared/images.ts';
import { targetOf } from '../shared/url.ts';
import { report } from './context.ts';
import { closest } from '../shared/suggest.ts';

const ruleId = 'report:link-target';

export default function linkTarget() {
  return (tree: Root, file: VFile): void => {
    const { links } = definitionsOf(tree);
    const dir = dirname(resolve(file.path));
    // Without recursion: the depth check runs first, but the walk must not depend on it.
    const stack: Nodes[] = [tree];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
      if (node.type === 'text') {
        undefinedReference(node, file);
        continue;
      }
      let url: string;
      let definition: Definition | undefined;
      if (node.type === 'link' || node.type === 'image') url = node.url;
      else if (node.type === 'linkReference' || node.type === 'imageReference') {
        definition = links.get(node.identifier);
        if (!definition) continue;
        url = definition.url;
      } else continue;
      const isImage = node.type === 'image' || node.type === 'imageReference';
      const shown = url.length > 60 ? `${url.slice(0, 60)}…` : url;
      const via = definition ? ` (defined on line ${definition.position?.start.line ?? '?'})` : '';
      const target = targetOf(url);
      if (!isImage && textOf(node).trim() === '') {
        // Nothing to click, to read aloud or to print: the link would be lost from every format.
        report(file, 'error', `Link to "${shown}"${via} has no text, so no reader can see or follow it`, node, ruleId,
          'write the words it links from between the brackets: [the words](address)');
        continue;
      }
      if (target.kind === 'refused') {
        report(file, 'error', `Unsafe ${isImage ? 'image' : 'link'} "${shown}"${via}: ${target.reason}, expected ${isImage ? 'a file beside the edition' : 'http, https or mailto'}`,
          node, ruleId, isImage ? 'put the PNG, JPEG or GIF file beside the edition and link it by its name' : 'only web and mail links, and #id links to a section, are published');
      } else if (isImage) {
        if (target.kind === 'web') {
          // The web page stays self-contained and print has no network: every format shows a link.
          report(file, 'warning', `Image "${shown}"${via} is on the web, so every format shows a link to it, not the picture`, node, ruleId,
            'download the image into the report folder and link it by its name to publish the picture');
          continue;
        }
        if (target.kind !== 'file') {
          report(file, 'error', `Image "${shown}"${via} is not a file beside the edition, expected a PNG, JPEG or GIF file in the report folder`, node, ruleId,
            'put the PNG, JPEG or GIF file beside the edition and link it by its name');
          continue;
        }
        const problem = imageProblem(url, dir);
        if (problem) report(file, 'error', `${problem.message}${via}`, node, ruleId, problem.hint);
      } else if (target.kind === 'fragment') {
        const ids = headingIds(tree).targets;
        if (!ids.has(target.id)) {
          const near = closest(target.id, ids);
          report(file, 'error', `Link to "#${target.id}"${via}, but no section or heading has that id`, node, ruleId,
            near ? `did you mean "#${near}"?` : 'link to a section id from report.yaml');
        }
      } else if (target.kind === 'file') {
        report(file, 'error', `Link to the file "${shown}"${via}, expected a web address, a mail address or #id`, node, ruleId,
          'files beside the edition are not published; link to where the document is on the web');
      }
    }
  };
}

/** `[words][label]` (or `[words][]`) whose label no `[label]: address` line defines: Markdown
 * publishes it as written, brackets and all, and the link is lost. Found in the source of the
 * text, where an escaped bracket (`\[`), meant literally, still has its backslash. The short
 * form `[words]` alone is left be: reports write "[sic]" and "[emphasis added]". */
function undefinedReference(node: Text, file: VFile): void {
  // Most text has no "][" at all: its source is not looked at.
  if (!node.value.includes('][')) return;
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return;
  const source = String(file.value);
  for (const found of source.slice(start, end).matchAll(/(?<!\\)\[([^[\]\n]+)\]\[([^[\]\n]*)\]/g)) {
    const label = found[2] || found[1]!;
    report(file, 'warning', `Link reference "[${label}]" is not defined, so "${found[0]}" is published as it is written`, lineColumn(source, start + found.index), ruleId,
      `add a line "[${label}]: https://…" after the paragraph, or write the link in place: [${found[1]}](https://…)`);
  }
}
