// translation:stale — a translation records the hash of the original it was made from
// (`source-hash`); when the original has changed since, the translation lags behind. A warning, so
// an update to the original still publishes; `--strict` makes it an error. The hint says what to
// do: which sections of the original changed (when git history still holds the earlier original)
// and the hash to record once the translation is brought up to date.
import type { Root, Yaml } from 'mdast';
import type { VFile } from 'vfile';
import { report, type CheckOptions } from './context.ts';

const ruleId = 'translation:stale';

export default function translationStale(options: CheckOptions) {
  return (tree: Root, file: VFile): void => {
    const original = options.original;
    // Front matter that could not be read (report:frontmatter says why) records nothing either way.
    if (options.isOriginal || !original || file.data.frontmatter === undefined) return;
    const front = tree.children[0]?.type === 'yaml' ? (tree.children[0] as Yaml) : undefined;
    const recorded = file.data.frontmatter?.['source-hash'];
    const record = `then set \`source-hash: ${original.hash}\` in the front matter`;
    if (typeof recorded !== 'string') {
      report(file, 'warning', `Missing \`source-hash\`, expected the sha256 of the original ${original.path} this translation was made from`,
        front ?? { line: 1, column: 1 }, ruleId, `compare the translation with ${original.path} as it stands, ${record}`);
      return;
    }
    if (!/^[0-9a-f]{64}$/.test(recorded) || recorded === original.hash) return;
    const changes = original.changesSince?.(recorded);
    // Hints are printed in parentheses: none of their own inside.
    const hint = changes
      ? changes.sections.length > 0
        ? `the original changed in ${changes.sections.map((s) => (s === 'summary' ? 'the summary' : `"${s}"`)).join(', ')}, ` +
          `as git diff ${changes.commit.slice(0, 12)} -- ${original.path} shows; update those sections, ${record}`
        : `the original changed only outside its text, as git diff ${changes.commit.slice(0, 12)} -- ${original.path} shows; ${record}`
      : `the version it was made from is not in git history: compare the translation with ${original.path}, update it, ${record}`;
    report(file, 'warning', `Translation is stale: ${original.path} has changed since the version it was made from (source-hash ${recorded.slice(0, 12)}…)`,
      place(front, 'source-hash') ?? front ?? { line: 1, column: 1 }, ruleId, hint);
  };
}

function place(node: Yaml | undefined, key: string) {
  if (!node) return undefined;
  const match = new RegExp(`^${key}\\s*:`, 'm').exec(node.value);
  if (!match) return undefined;
  const before = node.value.slice(0, match.index).split('\n');
  return { line: (node.position?.start.line ?? 1) + before.length, column: before.at(-1)!.length + 1 };
}
