// `folio build` and `folio check`. A build reads the sources' hashes and the manifest, and only
// then parses, checks and renders what changed: report by report, so one report's trees and
// outputs are dropped before the next is read and memory stays flat however many there are.
// Each edition's files are published together as soon as they are rendered and audited; the
// index and the manifest come last, from the manifest's entries.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../shared/diagnostic.ts';
import { sortedUnique } from '../shared/diagnostic.ts';
import { FolioError, internalRule } from '../shared/errors.ts';
import type { ReportResult } from './load.ts';
import { display } from './paths.ts';
import type { EditionRef, Report } from '../model/types.ts';
import { directionOf } from '../model/direction.ts';
import { formatEntry, formatsAsSeen, outputName, registry, siblingsAsSeen, type SiblingUse } from '../render/registry.ts';
import type { Format } from '../render/types.ts';
import { clearTemplateCache, loadTheme } from '../templates/load.ts';
import { emptyManifest, manifestName, readManifest, serializeManifest, type EditionEntry, type Manifest } from './manifest.ts';
import { folioIdentity, hashFiles, langPattern, hashTemplates, labelsHash, readSourceReport, sha256, siblingsHash, type SourceEdition, type SourceReport, type TemplateHashes } from './inputs.ts';
import { indexData } from './index-data.ts';
import { discover, requireSources, requireTemplates } from './discover.ts';
import { duplicateTitles } from './duplicate-titles.ts';
import { editionDate, forgetCommitDates, lastCommitDate, undatedOnce, undatedWarning } from './dates.ts';
import { forgetRealFolders } from '../shared/files.ts';
import { compareLanguageCodes } from './editions.ts';
import { rendering } from './tiers.ts';
import { inShard, type Shard } from './shard.ts';
import { inlineRenderer, poolRenderer, type Renderer } from './pool.ts';
import type { WriterSource } from './render-edition.ts';
import { lockOutput, publish, separateOutput, sweepTemporaries, unpublish, type Output } from './publish.ts';

import type { CheckOptions } from './check.ts';

export type { CheckOptions };

export type ProgressEvent =
  /** Once the sources are compared with the manifest: how many editions need rendering. */
  | { kind: 'plan'; toBuild: number; upToDate: number; fullRebuild?: string }
  /** An edition is being rendered. */
  | { kind: 'start'; edition: string }
  /** An edition is done: published, or left out. */
  | { kind: 'done'; edition: string; ok: boolean; done: number; total: number };

export interface BuildOptions extends CheckOptions {
  outDir: string;
  formats: readonly Format[];
  date: Date;
  /** Date each edition by when its text last changed (src/pipeline/dates.ts) rather than `date`,
   * as the CLI does when SOURCE_DATE_EPOCH is unset. */
  datesFromSources?: boolean;
  /** Render every edition, whatever the manifest says. */
  force?: boolean;
  /** Threads rendering editions (default 1: the caller chooses, the CLI uses the cores). */
  jobs?: number;
  /** Build only the editions of this shard; the index is left to `folio merge`. */
  shard?: Shard;
  /** Stops the build between editions, leaving dist/, the index and the manifest consistent. */
  signal?: AbortSignal;
  /** Where writers come from (the registry); tests put a faulty writer here (renders in this thread). */
  loadWriter?: WriterSource;
  onProgress?: (event: ProgressEvent) => void;
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  /** Editions rendered and published (`slug/lang`). */
  built: string[];
  /** Editions whose outputs were up to date. */
  skipped: string[];
  /** Editions whose source is gone, or is now a draft: their outputs were removed. */
  removed: string[];
  /** Drafts (`draft: true`), left out of the build. */
  drafts: string[];
  /** Editions left out because of content errors or a writer's failure. */
  failed: string[];
  written: string[];
  unchanged: string[];
  /** Editions a writer failed on (an output that lost content): Folio's fault, not the text's. */
  internal: string[];
  /** Why every edition was rendered, when the manifest could not be used. */
  fullRebuild?: string;
  /** Stopped by the signal before every edition was done. */
  interrupted: boolean;
  /** 0 everything built, 1 content errors, 2 internal errors. */
  exitCode: 0 | 1 | 2;
}

import { blocking } from './severity.ts';

/** Editions of a report that passed every check (in --strict mode, warnings included). */
function goodOf(r: ReportResult, strict: boolean | undefined): Report[] {
  if (r.diagnostics.some((d) => blocking(d, strict))) return [];
  return r.editions.filter((e) => e.report && !e.diagnostics.some((d) => blocking(d, strict))).map((e) => e.report!);
}

/** `--only` names: a report, or one edition as report/lang. */
function scope(only: readonly string[] | undefined, reports: SourceReport[], sourceDir: string): (edition: SourceEdition) => boolean {
  if (!only || only.length === 0) return () => true;
  for (const o of only) {
    const [slug, lang] = o.split('/');
    const report = reports.find((r) => r.slug === slug);
    if (!report) throw new FolioError(`--only ${o}: no report "${slug}" in ${sourceDir}`);
    if (lang !== undefined && report.drafts.includes(lang)) {
      throw new FolioError(`--only ${o}: ${report.editions.length === 0 ? `report "${slug}" is a draft (its original has \`draft: true\`)` : `${lang}.md is a draft (\`draft: true\` in its front matter)`}, and a build leaves drafts out; folio check --only ${o} checks it, and removing the line publishes it`);
    }
    if (lang !== undefined && !report.editions.some((e) => e.lang === lang)) throw new FolioError(`--only ${o}: report "${slug}" has no edition ${lang}.md`);
  }
  return (e) => only.some((o) => o === e.slug || o === e.name);
}

/** The key of one output file: a hash of what it is made from, and its format. */
function outputKey(made: string, format: Format): string {
  return `${made}:${format}`;
}

/** The siblings of an edition (report.yaml's original first, then by language) as each kind of
 * writer reads them (registry.ts): not at all, by their languages, or whole. */
type SiblingHashes = Record<SiblingUse, string>;

/** What an edition is checked against, and the key of each of its outputs. */
interface EditionKeys {
  inputs: string;
  outputs: Record<Format, string>;
}

function siblingHashes(templates: TemplateHashes, refs: readonly EditionRef[]): SiblingHashes {
  return {
    none: siblingsHash(templates, siblingsAsSeen(refs, 'none')),
    languages: siblingsHash(templates, siblingsAsSeen(refs, 'languages')),
    all: siblingsHash(templates, siblingsAsSeen(refs, 'all')),
  };
}

function relativeOut(outDir: string, path: string): string {
  return path.slice(outDir.length + 1).split('\\').join('/');
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  forgetCommitDates();
  forgetRealFolders();
  // Before the output directory is made for its lock: a build that cannot start leaves none.
  requireSources(options.sourceDir);
  requireTemplates(options.templatesDir);
  separateOutput(options.outDir, { sources: options.sourceDir, templates: options.templatesDir });
  const release = lockOutput(options.outDir);
  try {
    return await locked(options);
  } finally {
    release();
  }
}

async function locked(options: BuildOptions): Promise<BuildResult> {
  const { outDir, formats, strict } = options;
  // What each report folder of the output holds, once swept: where the outputs are looked for.
  const listings = sweepTemporaries(outDir);
  // Templates may have changed since this process last read them (watch mode).
  clearTemplateCache();
  const folio = folioIdentity();
  const read = readManifest(outDir, folio);
  // Changed in place: the manifest just read from disk is this build's alone.
  const manifest: Manifest = read.manifest ?? emptyManifest(folio);
  const fullRebuild = options.force ? 'asked with --force' : read.manifest ? undefined : read.problem;
  if (!read.manifest) adoptOutputs(outDir, manifest);
  const { shard: shardBefore, index: indexBefore } = manifest;
  delete manifest.shard;
  if (options.shard) manifest.shard = `${options.shard.index}/${options.shard.count}`;

  const { templates, global } = sharedInputs(options, folio);

  const fronts = new Map(Object.values(manifest.editions).flatMap((e) => (e.source ? [[e.source.hash, { title: e.source.title, sourceHash: e.source.sourceHash }] as const] : [])));
  const found = discover(options.sourceDir);
  const originals = new Map(Object.values(manifest.reports).flatMap((r) => (r.original === undefined ? [] : [[r.inputs, r.original] as const])));
  const sources = found.slugs.map((slug) => readSourceReport(options.sourceDir, slug, (hash) => fronts.get(hash), (hash) => originals.get(hash)));
  const wanted = scope(options.only, sources, options.sourceDir);
  /** What an edition's outputs are made from, its siblings aside: its text, its report folder, its
   * labels, everything shared. Not its original: a translation's model holds nothing of it. */
  const madeFrom = (report: SourceReport, edition: SourceEdition): string => {
    // An edition dated by its last commit is rendered again when that date changes, even if its
    // text did not (a commit of the text edited since the last build).
    const dated = options.datesFromSources ? lastCommitDate(edition.file)?.toISOString() ?? '' : '';
    return sha256(global, labelsHash(templates, edition.lang), report.hash, edition.hash, dated);
  };
  /** What an edition is checked against (what it is made from, and its original, which the
   * translation checks read: a change to either checks it again), and the key of each of its
   * outputs (what it is made from, and what its writer reads of its siblings and of the formats the
   * build writes: registry.ts). */
  const keysOf = (report: SourceReport, edition: SourceEdition, siblings: SiblingHashes): EditionKeys => {
    const made = madeFrom(report, edition);
    const original = report.editions.find((e) => e.lang === report.original);
    const originalHash = edition.lang === report.original ? 'original' : original?.hash ?? 'none';
    const byView = new Map<string, string>();
    const outputs = {} as Record<Format, string>;
    for (const f of formats) {
      const use = formatEntry(f).siblings;
      const linked = formatsAsSeen(f, formats).join(',');
      let key = byView.get(`${use} ${linked}`);
      if (key === undefined) byView.set(`${use} ${linked}`, (key = sha256(made, siblings[use], linked)));
      outputs[f] = outputKey(key, f);
    }
    return { inputs: sha256(made, originalHash), outputs };
  };
  // Whether an output is still there, from one listing of each report's output folder (the sweep's)
  // rather than a look-up of each of its files (thousands in a big collection's no-op).
  const outputThere = (file: string): boolean => {
    const slash = file.lastIndexOf('/');
    const folder = file.slice(0, Math.max(slash, 0));
    let names = listings.get(folder);
    if (!names) {
      try {
        names = new Set(readdirSync(join(outDir, folder)));
      } catch {
        names = new Set();
      }
      listings.set(folder, names);
    }
    return names.has(file.slice(slash + 1));
  };
  /** The formats of an edition whose output is missing or made from other inputs. */
  const toRender = (entry: EditionEntry | undefined, keys: Record<Format, string>): Format[] =>
    formats.filter((f) => options.force || entry?.outputs[f]?.key !== keys[f] || !outputThere(entry.outputs[f]!.file));
  /** Whether an edition needs neither checking nor rendering. What its siblings changed is in its
   * outputs' keys, each as its writer reads them. */
  const upToDate = (entry: EditionEntry | undefined, keys: EditionKeys): boolean =>
    entry !== undefined && entry.inputs === keys.inputs && toRender(entry, keys.outputs).length === 0;
  /** The keys of each edition to check or render, found while planning and used again then. */
  const editionKeys = new Map<string, EditionKeys>();

  // Folders that look like reports but cannot be read are reported, never skipped in silence.
  const diagnostics: Diagnostic[] = options.only && options.only.length > 0 ? [] : [...found.problems, ...duplicateTitles(sources)];
  const result: Omit<BuildResult, 'diagnostics' | 'exitCode' | 'interrupted'> = { built: [], skipped: [], removed: [], drafts: [], failed: [], written: [], unchanged: [], internal: [], fullRebuild };

  // What is to do: reports with an edition whose inputs changed, and outputs whose source is gone.
  const present = new Set(sources.flatMap((r) => r.editions.map((e) => e.name)));
  const inScope = (slug: string, lang: string) =>
    (!options.only || options.only.length === 0 || options.only.some((o) => o === slug || o === `${slug}/${lang}`)) &&
    (!options.shard || inShard(`${slug}/${lang}`, options.shard));
  const gone = Object.values(manifest.editions).filter((e) => !present.has(`${e.slug}/${e.lang}`) && inScope(e.slug, e.lang));
  result.drafts.push(...sources.flatMap((r) => r.drafts.map((lang) => `${r.slug}/${lang}`)).filter((name) => inScope(...(name.split('/') as [string, string]))));
  const work: { report: SourceReport; dirty: SourceEdition[]; clean: SourceEdition[]; siblings: SiblingHashes }[] = [];
  let toBuild = 0;
  // Bytes of their sources: a few long editions are a long build too (tiers.ts).
  let textToBuild = 0;
  for (const report of sources) {
    // The sibling list comes from the sources (titles in front matter), so whether an edition's
    // alternates changed is known before anything is parsed.
    const siblings = siblingHashes(templates, report.refs);
    const editions = report.editions.filter((e) => wanted(e) && (!options.shard || inShard(e.name, options.shard)));
    const dirty = editions.filter((e) => {
      const keys = keysOf(report, e, siblings);
      if (upToDate(manifest.editions[e.name], keys)) return false;
      editionKeys.set(e.name, keys);
      return true;
    });
    const clean = editions.filter((e) => !dirty.includes(e));
    if (dirty.length > 0 || manifest.reports[report.slug]?.inputs !== report.hash || gone.some((e) => e.slug === report.slug)) {
      work.push({ report, dirty, clean, siblings });
      toBuild += dirty.length;
      for (const e of dirty) textToBuild += e.size;
    } else {
      result.skipped.push(...clean.map((e) => e.name));
      diagnostics.push(...(manifest.reports[report.slug]?.warnings ?? []));
      for (const e of clean) diagnostics.push(...manifest.editions[e.name].warnings);
    }
  }
  // Up to date: every edition in scope but those to check again, in reports with work or not.
  options.onProgress?.({ kind: 'plan', toBuild, upToDate: result.skipped.length + work.reduce((n, w) => n + w.clean.length, 0), fullRebuild });
  // V8's optimising compiler comes in for a long build before anything is parsed (tiers.ts): a
  // long edition's Markdown is a good part of its work.
  if (toBuild > 0) rendering(toBuild, textToBuild);

  let renderer: Renderer | undefined;
  const inFlight = new Set<Promise<void>>();
  let done = 0;
  const total = toBuild;
  // Editions handed to the renderer so far (of `total`, which also counts those left out by
  // content errors: what remains is an upper bound).
  let handed = 0;
  let interrupted = false;
  let stopping = false;
  // Parsing and checking load only when there is something to render: a no-op build needs neither.
  const { loadReport } = work.length > 0 ? await import('./load.ts') : { loadReport: undefined };
  try {
    for (const { report, dirty, clean, siblings } of work) {
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      // Parse and check the editions that changed (one report's trees at a time).
      const known = manifest.reports[report.slug]?.originalOutline;
      const loaded = loadReport!(options, report.slug, (lang) => dirty.some((e) => e.lang === lang), report.refs, undefined, known);
      diagnostics.push(...loaded.diagnostics);
      // The original as its translations were checked, or as an earlier build read it when none was.
      const originalOutline = loaded.originalOutline ?? known;
      manifest.reports[report.slug] = { inputs: report.hash, ...(report.original === undefined ? {} : { original: report.original }), ...(originalOutline ? { originalOutline } : {}), warnings: loaded.diagnostics.filter((d) => d.severity === 'warning') };
      for (const e of loaded.editions) diagnostics.push(...e.diagnostics);
      const good = new Map(goodOf(loaded, strict).map((r) => [r.lang, r]));
      // An edition never published that fails its checks is left out of its siblings' language
      // lists and alternates, which would otherwise link files that do not exist; their keys say
      // so, and are what they were before it was added. One published before keeps its files, and
      // the links to them. (Such an edition is always rendered again, so always loaded here; an
      // edition outside --only or this shard is not, and stays listed.)
      const unpublished = new Set(dirty.filter((e) => !good.has(e.lang) && !manifest.editions[e.name]).map((e) => e.lang));
      if (unpublished.size > 0) {
        const refs = report.refs.filter((r) => !unpublished.has(r.lang));
        const listed = siblingHashes(templates, refs);
        for (const e of dirty) if (good.has(e.lang)) editionKeys.set(e.name, keysOf(report, e, listed));
        for (const parsed of good.values()) parsed.editions = refs;
      }
      const editionWarnings = new Map(loaded.editions.map((e) => [e.lang, e.diagnostics.filter((d) => d.severity === 'warning')]));
      for (const e of clean) {
        result.skipped.push(e.name);
        diagnostics.push(...manifest.editions[e.name].warnings);
      }
      for (const e of dirty) {
        if (!good.has(e.lang)) {
          result.failed.push(e.name);
          options.onProgress?.({ kind: 'done', edition: e.name, ok: false, done: ++done, total });
        }
      }
      for (const [lang, parsed] of [...good].sort(([a], [b]) => compareLanguageCodes(a, b))) {
        const name = `${report.slug}/${lang}`;
        const edition = report.editions.find((e) => e.lang === lang)!;
        const undated = options.datesFromSources ? undatedWarning(parsed) : undefined;
        const warnings = [...editionWarnings.get(lang) ?? [], ...(undated ? [undated] : [])];
        if (undated) diagnostics.push(undated);
        if (options.signal?.aborted) {
          interrupted = true;
          break;
        }
        // Rendering is synchronous work between promise callbacks: give the event loop a turn, so a
        // signal (Ctrl-C) is seen between editions.
        await new Promise((resolve) => setImmediate(resolve));
        if (options.signal?.aborted) {
          interrupted = true;
          break;
        }
        const { inputs, outputs: keys } = editionKeys.get(name)!;
        const previous = manifest.editions[name];
        const entryOf = (outputs: EditionEntry['outputs']): EditionEntry => ({
          slug: report.slug,
          lang,
          title: parsed.meta.title,
          dir: parsed.dir,
          isOriginal: parsed.isOriginal,
          inputs,
          outputs,
          warnings,
          source: { hash: edition.hash, ...edition.front },
        });
        const render = toRender(previous, keys);
        if (render.length === 0) {
          // Checked again (its original changed, say), and every output still what it would be.
          manifest.editions[name] = entryOf(previous!.outputs);
          result.skipped.push(name);
          options.onProgress?.({ kind: 'done', edition: name, ok: true, done: ++done, total });
          handed++;
          continue;
        }
        renderer ??= await makeRenderer(options, toBuild);
        options.onProgress?.({ kind: 'start', edition: name });
        const task = renderer.render({ report: parsed, templatesDir: options.templatesDir, sourceDir: options.sourceDir, date: (options.datesFromSources ? editionDate(parsed, options.date) : options.date).getTime(), formats, ...(render.length < formats.length ? { render } : {}) }, total - handed++).then((outcome) => {
          // After a signal, a rendered edition is dropped unpublished, as those the workers are still
          // rendering are: a worker sends several results at once, which would otherwise all be
          // published before the build looks at the signal again.
          if (stopping || options.signal?.aborted) return;
          if (!outcome.ok) {
            diagnostics.push(...outcome.diagnostics);
            if ('internal' in outcome) result.internal.push(outcome.internal);
            result.failed.push(name);
          } else {
            const outputs: Output[] = outcome.outputs.map((o) => ({ path: join(outDir, report.slug, outputName(report.slug, lang, o.format)), data: o.data }));
            const published = publish(outputs, { force: options.force });
            result.written.push(...published.written);
            result.unchanged.push(...published.unchanged);
            // Outputs not rendered this time keep their entries: their keys say they are current.
            manifest.editions[name] = entryOf({
              ...previous?.outputs,
              ...Object.fromEntries(outcome.outputs.map((o, i) => [o.format, { file: relativeOut(outDir, outputs[i].path), key: keys[o.format] }])),
            });
            result.built.push(name);
          }
          options.onProgress?.({ kind: 'done', edition: name, ok: outcome.ok, done: ++done, total });
        }, (error: unknown) => {
          // Once the build stops, the pool's end rejects what it was rendering: nothing to report.
          if (!stopping) throw error;
        });
        const tracked = task.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
        // The first failure reaches the caller through Promise.race below; one that fails later,
        // while the build is already stopping, must not surface as an unhandled rejection.
        tracked.catch(() => undefined);
        // Bounded: as many editions in flight as the renderer uses (those its workers hold, and one in
        // this thread), so memory does not grow with the collection.
        while (inFlight.size >= renderer.capacity) await Promise.race(inFlight);
      }
    }
    while (inFlight.size > 0) {
      // Workers are stopped mid-edition; an edition rendering in this thread finishes first.
      if (options.signal?.aborted && renderer && renderer.threads > 1) break;
      await Promise.race(inFlight);
    }
  } finally {
    stopping = true;
    if (options.signal?.aborted) interrupted = true;
    await renderer?.close();
  }

  if (formats.includes('json') && result.built.length > 0) {
    const { readSchema, schemaName } = await import('../render/json/index.ts');
    const schema = publish([{ path: join(outDir, schemaName), data: `${JSON.stringify(readSchema(), null, 2)}\n` }], { force: options.force });
    result.written.push(...schema.written);
    result.unchanged.push(...schema.unchanged);
  }

  // Gone editions leave the index first, then dist/, then the manifest: whenever a build stops,
  // the index links only files that exist and the manifest still knows what is left to remove.
  const removing = interrupted ? [] : gone;
  for (const e of removing) delete manifest.editions[`${e.slug}/${e.lang}`];
  const slugs = new Set(sources.map((r) => r.slug));
  const reportsGone = Object.keys(manifest.reports).filter((slug) => !slugs.has(slug) && (!options.only || options.only.length === 0));
  for (const slug of reportsGone) delete manifest.reports[slug];
  if (!options.shard) await writeIndex(options, manifest, global, result);
  unpublish(removing.flatMap((e) => Object.values(e.outputs).map((o) => join(outDir, o!.file))));
  result.removed.push(...removing.map((e) => `${e.slug}/${e.lang}`));
  // The manifest is written out unless it says what the one read said: a build with nothing to
  // do leaves it as it is, without serialising thousands of entries to find them unchanged.
  const manifestChanged = !read.manifest || work.length > 0 || removing.length > 0 || reportsGone.length > 0 || manifest.index !== indexBefore || manifest.shard !== shardBefore;
  if (manifestChanged) {
    const written = publish([{ path: join(outDir, manifestName), data: serializeManifest(manifest) }]);
    result.written.push(...written.written);
  }

  // A problem of report.yaml or a labels file met while writing each edition is reported once.
  const reported = sortedUnique(options.datesFromSources ? undatedOnce(diagnostics, options.sourceDir) : diagnostics);
  result.failed.sort();
  result.built.sort();
  result.skipped.sort();
  return {
    diagnostics: reported,
    ...result,
    written: result.written.map(display),
    unchanged: result.unchanged.map(display),
    interrupted,
    exitCode: result.internal.length > 0 || reported.some((d) => d.ruleId === internalRule) ? 2 : reported.some((d) => blocking(d, strict)) ? 1 : 0,
  };
}

/** Everything every edition depends on, hashed once a build: Folio, the templates but the labels,
 * the fonts, the date. */
export function sharedInputs(options: { templatesDir: string; date: Date }, folio = folioIdentity()): { templates: TemplateHashes; global: string } {
  const templates = hashTemplates(options.templatesDir);
  const theme = loadTheme(options.templatesDir);
  const fontFiles = Object.values(theme.fonts).flatMap((face) => [face.regular, face.bold, face.italic, face.boldItalic].filter((f): f is string => typeof f === 'string'));
  return { templates, global: sha256(folio, templates.shared, hashFiles(fontFiles), options.date.toISOString()) };
}

/** Editions per worker thread: a thread loads every writer, font and WebAssembly module again
 * (~0.45 s of CPU for the seed's formats), as much as about seven editions cost once warm (~65 ms
 * each, all four formats). A thread for every three editions keeps a rebuild of a few editions
 * (an original edited, its two translations stale) in this thread: one start-up instead of two,
 * and still splits six editions or more over the cores. */
const EDITIONS_PER_THREAD = 3;

function threadsFor(options: BuildOptions, editions: number): number {
  return Math.max(1, Math.min(options.jobs ?? 1, Math.floor(editions / EDITIONS_PER_THREAD)));
}

/** Whether a build of `editions` editions renders in worker threads too. */
function workersFor(options: BuildOptions, editions: number): boolean {
  return !options.loadWriter && threadsFor(options, editions) > 1;
}

/** The renderer, made once the build has decided on V8's compilers (rendering, above). */
async function makeRenderer(options: BuildOptions, editions: number): Promise<Renderer> {
  // A writer given by a test lives in this thread only; a few editions are not worth a worker's start.
  if (!workersFor(options, editions)) return inlineRenderer(options.loadWriter);
  return poolRenderer(threadsFor(options, editions));
}

/** Writes dist/index.html from the manifest, unless what it lists (and how) has not changed. */
export async function writeIndex(options: { outDir: string; templatesDir: string; date: Date; force?: boolean }, manifest: Manifest, global: string, result: Pick<BuildResult, 'written' | 'unchanged'>): Promise<void> {
  const data = indexData(manifest);
  const key = sha256(global, JSON.stringify(data));
  const path = join(options.outDir, 'index.html');
  if (!options.force && manifest.index === key && existsSync(path)) return;
  // Loaded only when the index changes: a no-op build needs no HTML machinery.
  const { renderIndexPage } = await import('./index-page.ts');
  const published = publish([{ path, data: renderIndexPage(data, options.templatesDir, options.date) }], { force: options.force });
  result.written.push(...published.written);
  result.unchanged.push(...published.unchanged);
  manifest.index = key;
}

/** Without a usable manifest, the outputs already in dist/ are found by their names
 * (`<report>/<report>.<lang>.<ext>`), so an edition whose source is gone is still removed and the
 * index still lists what is there. Their keys match nothing: every edition is rendered again. */
function adoptOutputs(outDir: string, manifest: Manifest): void {
  if (!existsSync(outDir)) return;
  for (const folder of readdirSync(outDir, { withFileTypes: true })) {
    if (!folder.isDirectory() || folder.name.startsWith('.')) continue;
    const slug = folder.name;
    for (const name of readdirSync(join(outDir, slug)).sort()) {
      if (!name.startsWith(`${slug}.`)) continue;
      const rest = name.slice(slug.length + 1);
      const dot = rest.lastIndexOf('.');
      const lang = rest.slice(0, dot);
      const entry = registry.find((r) => r.extension === rest.slice(dot + 1));
      if (!entry || !langPattern.test(lang)) continue;
      const edition = (manifest.editions[`${slug}/${lang}`] ??= { slug, lang, title: slug, dir: directionOf(lang), isOriginal: false, inputs: '', outputs: {}, warnings: [] });
      edition.outputs[entry.format] = { file: `${slug}/${name}`, key: '' };
    }
  }
}
