// One edition through every writer and the output audit: the unit of work a build hands to a
// worker thread (worker.ts) or runs in its own thread (--jobs 1). Its input and result are plain
// data, so they cross between threads unchanged and both paths give the same bytes.
import type { Report } from '../model/types.ts';
import { audit } from '../render/audit.ts';
import { formatEntry, formatsAsSeen, loadWriter as registryWriter, siblingsAsSeen } from '../render/registry.ts';
import type { Format, Writer, WriterContext } from '../render/types.ts';
import type { Diagnostic } from '../shared/diagnostic.ts';
import { editionFailures, internalRule, stopsTheBuild } from '../shared/errors.ts';
import { createContext } from './context.ts';
import { editionRendered } from './tiers.ts';

export interface EditionTask {
  report: Report;
  templatesDir: string;
  sourceDir: string;
  /** The build's date, as milliseconds since 1970 (a Date does not survive every transfer). */
  date: number;
  /** The formats the build writes (an output links to the others). */
  formats: readonly Format[];
  /** Those of them to render now, when not all: the others are up to date. */
  render?: readonly Format[];
}

export type EditionOutcome =
  | { ok: true; outputs: { format: Format; data: Uint8Array | string }[] }
  /** Content problems found while writing (glyphs no font has): the text's fault. */
  | { ok: false; diagnostics: Diagnostic[] }
  /** A writer failed or lost content: Folio's fault (the diagnostic names the edition). */
  | { ok: false; internal: string; diagnostics: Diagnostic[] };

export type WriterSource = (format: Format) => Promise<Writer>;

// Writers load once per thread: fonts, WebAssembly and templates stay warm across editions.
const writers = new Map<Format, Promise<Writer>>();

export async function renderEdition(task: EditionTask, loadWriter?: WriterSource): Promise<EditionOutcome> {
  const { report } = task;
  const outputs: { format: Format; data: Uint8Array | string }[] = [];
  try {
    // One context for each view the writers take (registry.ts): a writer sees only what it says it
    // reads of the siblings and of the other formats, so a build may rely on that to leave its
    // output be when the rest changes.
    const whole = createContext(report, { templatesDir: task.templatesDir, sourceDir: task.sourceDir, date: new Date(task.date), formats: task.formats });
    const viewFor = (format: Format): { seen: Report; ctx: WriterContext } => {
      const use = formatEntry(format).siblings;
      const seen = use === 'all' ? report : { ...report, editions: siblingsAsSeen(report.editions, use) };
      const formats = formatsAsSeen(format, task.formats);
      const ctx: WriterContext = {
        ...whole,
        labels: { ...whole.labels, formats: pick(whole.labels.formats, formats) },
        languageNames: pick(whole.languageNames, seen.editions.map((e) => e.lang)),
        formats,
      };
      return { seen, ctx };
    };
    for (const format of task.render ?? task.formats) {
      const { seen, ctx } = viewFor(format);
      let writer: Promise<Writer>;
      if (loadWriter) writer = loadWriter(format);
      else {
        if (!writers.has(format)) writers.set(format, registryWriter(format));
        writer = writers.get(format)!;
      }
      const w = await writer;
      const rendered = await w.render(seen, ctx);
      audit(seen, format, await w.inspect(rendered, seen));
      outputs.push({ format, data: rendered.data });
    }
  } catch (error) {
    // Whatever fails stays inside this edition, as its positioned error: the text's fault (a
    // ContentError) or Folio's (anything else, exit 2); every other edition is still published.
    // A template whose text is at fault (this language's labels, say) fails the editions that use
    // it, at the template's lines; one Folio cannot use at all (a font not installed) stops the build.
    if (stopsTheBuild(error)) throw error;
    const diagnostics = editionFailures(error, report.sourcePath);
    const internal = diagnostics.find((d) => d.ruleId === internalRule);
    return internal ? { ok: false, internal: internal.message, diagnostics } : { ok: false, diagnostics };
  }
  editionRendered();
  return { ok: true, outputs };
}

/** The entries of `record` under `keys`, in the record's order. */
function pick<T>(record: Record<string, T>, keys: readonly string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => keys.includes(key)));
}
