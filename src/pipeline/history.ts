// An original edition's earlier versions, from git: when a translation is stale, the version of
// the original it was made from (found by its hash) says which sections changed since. Without
// git, or outside a repository, or when no commit holds that version, there is simply no answer.
import { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';
import type { Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { outline } from '../model/outline.ts';
import { parseEdition } from '../parse/parse.ts';
import { recordHash } from './editions.ts';

/** How far back to look: years of weekly edits of one report. */
const maxCommits = 500;

export interface EarlierVersion {
  commit: string;
  text: string;
}

function git(cwd: string, args: string[], input?: string) {
  // Loaded on first use: most builds never ask git for an earlier version (see dates.ts).
  const { spawnSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  return spawnSync('git', ['-C', cwd, ...args], { input, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
}

/** The newest committed version of `file` whose text has this sha256, if git history holds one. */
export function findEarlierVersion(file: string, hash: string): EarlierVersion | undefined {
  const dir = dirname(file);
  const prefix = git(dir, ['rev-parse', '--show-prefix']);
  if (prefix.error || prefix.status !== 0) return undefined;
  const log = git(dir, ['log', `--max-count=${maxCommits}`, '--format=%H', '--', basename(file)]);
  if (log.status !== 0) return undefined;
  const commits = log.stdout.toString('utf8').split('\n').filter(Boolean);
  if (commits.length === 0) return undefined;
  const path = `${prefix.stdout.toString('utf8').trim()}${basename(file)}`;
  // One git process reads every version: `<sha> blob <size>\n<bytes>\n` per commit.
  const batch = git(dir, ['cat-file', '--batch'], commits.map((c) => `${c}:${path}`).join('\n') + '\n');
  if (batch.status !== 0) return undefined;
  const out = batch.stdout;
  let at = 0;
  for (const commit of commits) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) break;
    const header = out.subarray(at, eol).toString('utf8').split(' ');
    at = eol + 1;
    if (header[1] !== 'blob') continue;
    const size = Number(header[2]);
    const text = out.subarray(at, at + size).toString('utf8').replace(/^\uFEFF/, '');
    at += size + 1;
    if (recordHash(text) === hash) return { commit, text };
  }
  return undefined;
}

/** Each part of an edition (`summary`, section ids) as the source text of its blocks and of the
 * notes it cites, so a changed note counts as a change of the section citing it. */
function parts(text: string): Map<string, string> {
  const { tree } = parseEdition('edition.md', text);
  const slice = (node: { position?: { start: { offset?: number }; end: { offset?: number } } }) =>
    text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
  const notes = new Map<string, string>();
  for (const node of tree.children) if (node.type === 'footnoteDefinition') notes.set(node.identifier, slice(node));
  const body = (nodes: RootContent[]) => {
    const cited: string[] = [];
    for (const node of nodes) visit(node, 'footnoteReference', (ref) => void cited.push(notes.get(ref.identifier) ?? ''));
    return [...nodes.map(slice), ...cited].join('\n');
  };
  const { summary, sections } = outline(tree as Root);
  const result = new Map<string, string>([['summary', body(summary)]]);
  for (const s of sections) result.set(s.id, `${s.title}\n${body(s.body)}`);
  return result;
}

/** Parts of the original that differ between two versions: changed, added or removed sections. */
export function changedSections(before: string, after: string): string[] {
  const old = parts(before);
  const now = parts(after);
  const changed = [...now].filter(([id, text]) => old.get(id) !== text).map(([id]) => id);
  return [...changed, ...[...old.keys()].filter((id) => !now.has(id))];
}
