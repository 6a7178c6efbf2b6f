// Atomic publishing: every output is first written in full under a temporary name beside its
// final place, and only once all of a build's outputs are written are they renamed into place.
// A failed or interrupted build therefore never leaves a half-written or missing file in dist/.
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { display } from '../shared/display.ts';
import { FolioError } from '../shared/errors.ts';

export const tempPrefix = '.folio-tmp-';

export interface Output {
  path: string;
  data: Uint8Array | string;
}

/** A step of publishing, as the fault hook sees it: a file about to be staged under its temporary
 * name, or about to be renamed into place. */
export interface PublishStep {
  kind: 'stage' | 'rename';
  /** 0-based count of steps of this kind in this call. */
  index: number;
  path: string;
}

export interface PublishOptions {
  force?: boolean;
  /** Called before every step. Tests throw here, or kill the process, to prove that a build cut
   * short at any step leaves every file in dist/ whole, old or new. */
  beforeStep?: (step: PublishStep) => void;
}

let faultHook: PublishOptions['beforeStep'];

/** Installs a hook called before every publishing step of this process (see FOLIO_FAULT in the CLI). */
export function setFaultHook(hook: PublishOptions['beforeStep']): void {
  faultHook = hook;
}

export interface PublishResult {
  written: string[];
  unchanged: string[];
}

const pending = new Set<string>();

/** Removes temporary files of this process (for a signal handler) . */
export function discardPending(): void {
  for (const file of pending) rmSync(file, { force: true });
  pending.clear();
}

/** Removes temporary files a killed build may have left behind: in the output directory and its
 * report folders, the only places Folio writes (not deeper, where a directory that holds more
 * than Folio's outputs could take long to walk). Gives what is left in each report folder, by the
 * folder's name: the build looks there for its outputs, so each folder is listed once a build. */
export function sweepTemporaries(outDir: string): Map<string, Set<string>> {
  const listings = new Map<string, Set<string>>();
  if (!existsSync(outDir)) return listings;
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    const path = join(outDir, entry.name);
    if (entry.isFile() && entry.name.startsWith(tempPrefix)) rmSync(path, { force: true });
    if (!entry.isDirectory()) continue;
    const names = new Set<string>();
    for (const inner of readdirSync(path, { withFileTypes: true })) {
      if (inner.isFile() && inner.name.startsWith(tempPrefix)) rmSync(join(path, inner.name), { force: true });
      else names.add(inner.name);
    }
    listings.set(entry.name, names);
  }
  return listings;
}

/** The absolute path `path` names once its links are followed, as far as it exists. */
function realPath(path: string): string {
  const missing: string[] = [];
  let at = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(at), ...missing.reverse());
    } catch {
      const up = dirname(at);
      if (up === at) return resolve(path);
      missing.push(basename(at));
      at = up;
    }
  }
}

/** Whether `inner` is `outer` or lies somewhere inside it (both absolute, links followed). */
function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Refuses an output directory that is, lies in or holds the sources or the templates: outputs
 * written among the sources would be read as sources at the next build (a report folder holding
 * an output folder, a changed input at every build), and a published folder holding the sources
 * would put every draft and every source file on the web. */
export function separateOutput(outDir: string, inputs: { sources: string; templates: string }): void {
  const out = realPath(outDir);
  for (const [what, dir] of [['sources', inputs.sources], ['templates', inputs.templates]] as const) {
    const input = realPath(dir);
    const why =
      within(out, input) ? `${out === input ? 'is' : 'is inside'} the ${what} folder (${display(dir)}), where outputs would be read as ${what} at the next build`
      : within(input, out) ? `holds the ${what} folder (${display(dir)}), which would be published with it, drafts and all`
      : undefined;
    if (why) throw new FolioError(`the output directory ${display(outDir)} ${why}; choose a folder apart from both, as --out dist`);
  }
}

function same(path: string, data: Uint8Array | string): boolean {
  // Read straight away (a missing file is the error, not a separate existsSync call).
  let current: Buffer;
  try {
    current = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const next = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return current.length === next.length && current.equals(next);
}

/** Writes a file into a folder that is made only when the write finds it missing: a build
 * writes thousands of outputs into folders that are already there. A failed write names the
 * output it was for (`cannot write dist/r/r.en.pdf: no space left on the device`): the system's
 * error for a write to a full disk names no file, and one for an open names the temporary file. */
function writeStaged(dir: string, path: string, data: Uint8Array | string, output: string): void {
  try {
    try {
      writeFileSync(path, data);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, data);
    }
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    // The output, not the temporary file written first, which the reader never named.
    if (typeof e?.code === 'string' && (e.path === undefined || e.path === path)) e.path = output;
    throw error;
  }
}

export function publish(outputs: readonly Output[], options: PublishOptions = {}): PublishResult {
  const result: PublishResult = { written: [], unchanged: [] };
  const hook = options.beforeStep ?? faultHook;
  const staged: [string, string][] = [];
  try {
    for (const output of outputs) {
      if (!options.force && same(output.path, output.data)) {
        result.unchanged.push(output.path);
        continue;
      }
      const dir = dirname(output.path);
      const temp = join(dir, `${tempPrefix}${process.pid}-${basename(output.path)}`);
      hook?.({ kind: 'stage', index: staged.length, path: output.path });
      pending.add(temp);
      writeStaged(dir, temp, output.data, output.path);
      staged.push([temp, output.path]);
    }
    for (const [i, [temp, path]] of staged.entries()) {
      hook?.({ kind: 'rename', index: i, path });
      renameSync(temp, path);
      pending.delete(temp);
      result.written.push(path);
    }
  } finally {
    discardPending();
  }
  return result;
}

/** Removes published files (an edition whose source is gone), then their folder if it is left
 * empty. Each file goes whole; a build cut short here leaves the rest for the next build. */
export function unpublish(paths: readonly string[]): string[] {
  const removed: string[] = [];
  const dirs = new Set<string>();
  for (const path of paths) {
    if (!existsSync(path)) continue;
    rmSync(path, { force: true });
    removed.push(path);
    dirs.add(dirname(path));
  }
  for (const dir of dirs) {
    try {
      rmdirSync(dir);
    } catch {
      // Not empty: another edition, or a file Folio did not write, still lives there.
    }
  }
  return removed;
}

export const lockName = '.folio-lock';
const held = new Map<string, number>();

/** Which process `pid` is, where the system says (Linux: the boot and the moment it started), so
 * that a lock left by a killed build is not taken for a live one when its process id has since
 * gone to another process (after a restart, say); undefined elsewhere. */
export function processIdentity(pid: number): { identity: string; zombie: boolean } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command's name, in parentheses (which may hold spaces): the state, then 18
    // fields more to the start time (proc(5): fields 3 and 22).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return { identity: `${boot}/${fields[19]}`, zombie: fields[0] === 'Z' };
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote a lock (`pid`, and its identity when the lock says it) still runs. */
function alive(pid: number, identity: string | undefined): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const now = processIdentity(pid);
  // A killed process its parent has not yet waited for is still there for kill(), but ended.
  if (now?.zombie) return false;
  return identity === undefined || now === undefined || now.identity === identity;
}

/** Takes the output directory for this process (a lock file holding its process id and, where the
 * system says, which process that is), so two builds never write the same dist/ at once. A lock
 * left by a process that no longer runs is taken over. Re-entrant within a process (watch mode
 * builds again and again). Returns the release function. */
export function lockOutput(outDir: string): () => void {
  const file = join(outDir, lockName);
  const release = () => {
    const count = (held.get(file) ?? 1) - 1;
    if (count > 0) {
      held.set(file, count);
      return;
    }
    held.delete(file);
    rmSync(file, { force: true });
  };
  if (held.has(file)) {
    held.set(file, held.get(file)! + 1);
    return release;
  }
  mkdirSync(outDir, { recursive: true });
  const self = processIdentity(process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n${self ? `${self.identity}\n` : ''}`, { flag: 'wx' });
      held.set(file, 1);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let pid = NaN;
    let identity: string | undefined;
    try {
      const [first, second] = readFileSync(file, 'utf8').split('\n');
      pid = Number(first!.trim());
      identity = second?.trim() || undefined;
    } catch {
      // Removed meanwhile: try again.
    }
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid, identity)) {
      const shown = relative(process.cwd(), outDir) || '.';
      throw new FolioError(`${shown.startsWith('..') ? outDir : shown} is being written by another Folio build (process ${pid}); wait for it to finish or stop it (if no Folio is running, delete ${join(shown, lockName)})`);
    }
    // The process that held it is gone: its lock is stale.
    rmSync(file, { force: true });
  }
  throw new FolioError(`cannot lock ${outDir}: another process keeps taking it`);
}
