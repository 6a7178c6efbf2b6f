// `folio`: the command line. The only place that prints; everything else returns values or
// throws FolioError. Exit codes: 0 built, 1 content errors, 2 usage, environment or internal error.
import { parseArgs } from 'node:util';
// First: the V8 flags every build runs with, set before anything else loads.
import './v8-flags.ts';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { build } from '../pipeline/build.ts';
import { parseShard } from '../pipeline/shard.ts';
import { buildSummary, now, progress } from './progress.ts';
import { formatStatus } from './status.ts';
import { buildDate } from '../pipeline/context.ts';
import { discardPending, setFaultHook } from '../pipeline/publish.ts';
import { formatDiagnostic, type Diagnostic } from '../shared/diagnostic.ts';
import { FolioError, locatedTemplateError } from '../shared/errors.ts';
import { display } from '../pipeline/paths.ts';
import { formats as allFormats, isFormat } from '../render/registry.ts';
import type { Format } from '../render/types.ts';


const usage = `Usage: folio <command> [options]

Commands:
  build          check every edition and write its formats into the output directory
  check          check every edition and write nothing
  watch          build, serve the output on 127.0.0.1 with live reload, and build again on changes
  merge DIR...   join the parts that \`build --shard k/n\` jobs wrote into --out, with the index
  status         each edition's state (original, current, stale, broken, draft) and length; --json for CI
  new-edition REPORT LANG
                 start a translation: source/REPORT/LANG.md with every heading and the original
                 text commented out for the translator, a draft (\`draft: true\`) that builds
                 leave out until the line is removed

Options:
  --source DIR       reports to read (default: source)
  --templates DIR    templates to use (default: templates)
  --out DIR          where to publish (default: dist); a folder apart from the sources and templates
  --formats LIST     formats to write, comma-separated: ${allFormats.join(',')} (default: all)
  --only NAME        only this report, or one edition as report/lang; repeatable
  --strict           treat warnings as errors
  --force            render every edition, even those the manifest says are up to date
  --jobs N           editions rendered at once, in worker threads (default: the cores, ${availableParallelism()} here)
  --port N           watch: the preview's port (default 4000; 0 picks a free one)
  --shard k/n        build only the k-th of n parts of the editions (a CI matrix; see folio merge)
  --quiet            print problems only
  --json             print problems as JSON on standard output
  --verbose          print stack traces of internal errors
  -h, --help         show this help
  --version          show Folio's version

Exit codes: 0 success, 1 content errors, 2 usage, environment or internal error.
Dates written into outputs come from SOURCE_DATE_EPOCH when it is set.`;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
}

/** The standard streams this command wrote to: main flushes them before it returns, so that its
 * caller (bin/folio.js) may end the process at once. */
const written = new Set<NodeJS.WriteStream>();

function write(stream: NodeJS.WriteStream, text: string): void {
  written.add(stream);
  stream.write(text);
}

/** Resolves once the system has taken everything written: at once for a file or a terminal, and
 * for a pipe once its reader has made room (process.exit would cut the rest off at 64 KB). */
function flushed(): Promise<unknown> {
  return Promise.all([...written].map((stream) => new Promise((done) => stream.write('', done))));
}

const processIo: Io = {
  out: (text) => write(process.stdout, `${text}\n`),
  err: (text) => write(process.stderr, `${text}\n`),
  // Asked only when progress is shown: reading process.stderr sets up the stream (a socket when it
  // is a pipe), start-up a quiet build does without.
  get isTTY() {
    return Boolean(process.stderr.isTTY) && !process.env.CI;
  },
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let verbose = argv.includes('--verbose');
  let json = false;
  // A build stops between editions and leaves dist/, its index and its manifest consistent; a
  // second signal (or one outside a build) ends the process at once, temporary files removed.
  let interrupt: ((signal: NodeJS.Signals) => void) | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupt) {
      const stop = interrupt;
      interrupt = undefined;
      stop(signal);
      return;
    }
    discardPending();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  installFaultHook(process.env.FOLIO_FAULT);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        source: { type: 'string', default: 'source' },
        templates: { type: 'string', default: 'templates' },
        out: { type: 'string', default: 'dist' },
        formats: { type: 'string' },
        only: { type: 'string', multiple: true },
        strict: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        jobs: { type: 'string' },
        shard: { type: 'string' },
        port: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    });
    verbose = values.verbose;
    json = values.json;
    if (values.help || (positionals.length === 1 && positionals[0] === 'help')) {
      io.out(usage);
      return 0;
    }
    if (values.version) {
      io.out(`folio ${folioVersion()}`);
      return 0;
    }
    const [command, ...extra] = positionals;
    if (!command) {
      io.err(usage);
      return 2;
    }
    const operands = command === 'new-edition' ? 2 : 0;
    if (extra.length > operands && command !== 'merge') throw new FolioError(`unexpected argument "${extra[operands]}"`);
    if (extra.length < operands) throw new FolioError(`${command} needs a report and a language: folio new-edition kazakhstan-2022 fr`);
    const common = {
      sourceDir: resolve(values.source),
      templatesDir: resolve(values.templates),
      only: values.only,
      strict: values.strict,
    };
    const report = (diagnostics: Diagnostic[]) => {
      if (values.json) io.out(JSON.stringify(diagnostics, null, 2));
      else for (const d of diagnostics) io.err(formatDiagnostic(d));
    };
    const started = now();
    if (command === 'check') {
      const { check } = await import('../pipeline/check.ts');
      const result = check(common);
      report(result.diagnostics);
      if (!values.quiet && !values.json) {
        io.err(summary(result.diagnostics, `Checked ${plural(result.editions, 'edition')}`, started));
        if (result.drafts.length > 0) io.err(`Drafts, left out: ${result.drafts.join(', ')} (check one with --only ${result.drafts[0]})`);
      }
      return result.exitCode;
    }
    if (command === 'build') {
      const quiet = values.quiet || values.json;
      const shown = progress({ write: (text) => write(process.stderr, text) }, !quiet && io.isTTY, started);
      const stop = new AbortController();
      interrupt = (signal) => stop.abort(signal);
      const result = await build({
        ...common,
        outDir: resolve(values.out),
        formats: parseFormats(values.formats),
        date: buildDate(),
        datesFromSources: !process.env.SOURCE_DATE_EPOCH,
        force: values.force,
        jobs: parseJobs(values.jobs),
        shard: values.shard === undefined ? undefined : parseShard(values.shard),
        signal: stop.signal,
        onProgress: quiet ? undefined : shown.onProgress,
      });
      shown.clear();
      report(result.diagnostics);
      if (!quiet) {
        io.err(summary(result.diagnostics, buildSummary(result, now() - started), undefined));
        if (result.failed.length > 0) io.err(`Not published, previous files kept: ${result.failed.join(', ')}`);
        if (result.drafts.length > 0) io.err(`Drafts, left out until their \`draft: true\` is removed: ${result.drafts.join(', ')}`);
      }
      if (result.interrupted) {
        io.err('folio: interrupted; every file in the output directory is whole, and the next build carries on');
        return stop.signal.reason === 'SIGTERM' ? 143 : 130;
      }
      return result.exitCode;
    }
    if (command === 'watch') {
      const stop = new AbortController();
      interrupt = (signal) => stop.abort(signal);
      const { watch } = await import('../pipeline/watch.ts');
      const outDir = resolve(values.out);
      await watch({
        ...common,
        outDir,
        formats: parseFormats(values.formats),
        date: buildDate(),
        jobs: parseJobs(values.jobs),
        port: parsePort(values.port),
        signal: stop.signal,
        onReady: (url) => io.err(`Serving ${display(outDir)} at ${url} — watching ${display(common.sourceDir)} and ${display(common.templatesDir)}; Ctrl-C to stop`),
        onChange: (paths) => io.err(`Changed: ${paths.map(display).join(', ')}`),
        onBuild: (outcome) => {
          if ('error' in outcome) {
            if (outcome.diagnostics) report(outcome.diagnostics);
            else io.err(`folio: ${outcome.error}`);
            return;
          }
          const { result } = outcome;
          report(result.diagnostics);
          for (const message of result.internal) io.err(`folio: ${message}`);
          if (!values.quiet && !values.json) io.err(summary(result.diagnostics, buildSummary(result), undefined));
        },
      });
      io.err('Stopped watching; the output directory is whole');
      return 0;
    }
    if (command === 'merge') {
      const { merge } = await import('../pipeline/merge.ts');
      const result = await merge({ parts: extra.map((p) => resolve(p)), outDir: resolve(values.out), templatesDir: common.templatesDir, date: buildDate() });
      if (!values.quiet && !values.json) io.err(`Merged ${plural(result.editions, 'edition')} from ${plural(extra.length, 'part')} (${plural(result.written.length, 'file')} written, ${result.unchanged.length} unchanged) in ${Math.round(now() - started)} ms`);
      return 0;
    }
    if (command === 'status') {
      // Loaded on use, like every command's heavy parts: a build's start-up stays small.
      const { status } = await import('../pipeline/status.ts');
      const result = status(common);
      io.out(values.json ? JSON.stringify(result.reports, null, 2) : formatStatus(result));
      return result.exitCode;
    }
    if (command === 'new-edition') {
      const { newEdition } = await import('../pipeline/new-edition.ts');
      const made = newEdition({ sourceDir: common.sourceDir, templatesDir: common.templatesDir, report: extra[0]!, lang: extra[1]! });
      if (!values.quiet) {
        io.err(`Wrote ${made.file}: ${plural(made.sections, 'section')} and ${plural(made.notes, 'note')} to translate, the original's text commented out beside each`);
        io.err(`It is a draft (\`draft: true\`): builds leave it out, \`folio status\` follows it, \`folio check --only ${extra[0]}/${extra[1]}\` lists what is left; remove the line to publish it`);
        for (const todo of made.todo) io.err(`Before it builds: ${todo}`);
      }
      return 0;
    }
    throw new FolioError(`unknown command "${command}"; expected build, check, watch, merge, status or new-edition (see folio --help)`);
  } catch (error) {
    // A template's text at fault (the theme, say, which every edition uses): its problems, each at
    // its line, as the sources' are printed.
    if (locatedTemplateError(error)) {
      if (json) io.out(JSON.stringify(error.diagnostics, null, 2));
      else for (const d of error.diagnostics) io.err(formatDiagnostic(d));
      if (!json) io.err('Stopped by a template in error: fix it and build again; every file in the output directory is whole');
      return error.exitCode;
    }
    if (error instanceof FolioError) {
      io.err(`folio: ${error.message}`);
      if (verbose && error.stack) io.err(error.stack);
      return error.exitCode;
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`folio: ${error.message}\n\n${usage}`);
      return 2;
    }
    // Anything else is Folio's or the machine's problem, not the text's: one line, exit 2.
    io.err(`folio: ${describeFailure(error)}`);
    if (verbose) io.err(String((error as Error).stack));
    return 2;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await flushed();
  }
}

function parseFormats(list: string | undefined): Format[] {
  if (list === undefined) return [...allFormats];
  const names = list.split(',').map((f) => f.trim()).filter(Boolean);
  for (const name of names) {
    if (!isFormat(name)) throw new FolioError(`unknown format "${name}"; expected some of ${allFormats.join(', ')}`);
  }
  if (names.length === 0) throw new FolioError('--formats needs at least one format');
  return [...new Set(names)] as Format[];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summary(diagnostics: Diagnostic[], what: string, started: number | undefined): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const time = started === undefined ? '' : ` in ${Math.round(now() - started)} ms`;
  return `${what}${time}; ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 4000;
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new FolioError(`--port must be a port number from 0 to 65535; got "${text}"`);
  return Number(text);
}

function parseJobs(text: string | undefined): number {
  if (text === undefined) return availableParallelism();
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new FolioError(`--jobs must be a whole number of threads, 1 or more; got "${text}"`);
  return Number(text);
}

const systemErrors: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large for the system\'s limits',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EIO: 'input/output error',
};

/** One line naming what failed: `cannot write dist/x.pdf: permission denied (EACCES)`. */
export function describeFailure(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && typeof e.syscall === 'string') {
    const verb = e.syscall === 'open' ? 'cannot open'
      : /^(write|rename|mkdir|unlink|rm|copyfile|symlink|utime|chmod|fsync|close)/.test(e.syscall) ? 'cannot write'
      : /^(read|scandir|stat|lstat|access|realpath|readlink|opendir)/.test(e.syscall) ? 'cannot read'
      : `${e.syscall} failed for`;
    const what = e.path ? display(e.path) : 'a file';
    return `${verb} ${what}: ${systemErrors[e.code] ?? e.code.toLowerCase()} (${e.code})`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `internal error: ${message.split('\n')[0]} (run again with --verbose for details)`;
}

/** FOLIO_FAULT=kill:rename:2 (or throw:stage:0, signal:stage:4): the process kills itself with
 * SIGKILL, throws, or sends itself SIGINT just before that step of publishing. Folio's tests use
 * it to prove that a build cut short at any step leaves dist/ whole, without racing a timer
 * against the build. */
function installFaultHook(spec: string | undefined): void {
  if (!spec) return;
  const match = /^(kill|throw|signal):(stage|rename):(\d+)$/.exec(spec);
  if (!match) throw new FolioError(`FOLIO_FAULT must look like kill:rename:0, throw:stage:1 or signal:stage:2, got "${spec}"`);
  const [, action, kind, at] = match;
  let seen = 0;
  setFaultHook((step) => {
    if (step.kind !== kind || seen++ !== Number(at)) return;
    if (action === 'kill') process.kill(process.pid, 'SIGKILL');
    if (action === 'signal') {
      process.kill(process.pid, 'SIGINT');
      return;
    }
    throw new Error(`injected fault before ${step.kind} of ${step.path}`);
  });
}

declare const __FOLIO_VERSION__: string | undefined;

/** Folio's version, as package.json gives it: written into the compiled bundle (scripts/compile.js),
 * read from package.json when Folio runs from its sources. */
function folioVersion(): string {
  if (typeof __FOLIO_VERSION__ === 'string') return __FOLIO_VERSION__;
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}
