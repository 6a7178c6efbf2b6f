// Validators for every output of a build, as a reader's tools would open them: the web page by
// html-validate, the PDF by qpdf (or pdf.js where qpdf is absent) and, where poppler's pdftotext
// is installed, for words drawn over words, the JSON by its schema, the DOCX reopened as a zip of
// well-formed XML parts. And the property every generated case must have: built with valid
// outputs, or refused with positioned errors; never a failure.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { strFromU8, unzipSync } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';
import { HtmlValidate } from 'html-validate';
import { readSchema } from '../../src/render/json/index.ts';
import type { Format } from '../../src/render/types.ts';
import { unpositioned, type Outcome } from '../harness.ts';
import { has } from '../helpers.ts';

// Ids are checked as HTML defines them (anything but white space, unique): a heading "İstanbul"
// has the id "i̇stanbul", whose combining dot the strict mode of valid-id refuses. Trailing white
// space is a matter of style, and content inside a code block.
const htmlValidator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-inline-style': 'off', 'long-title': 'off', 'valid-id': ['error', { relaxed: true }], 'no-trailing-whitespace': 'off' } });
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateJson = ajv.compile(readSchema());
const qpdf = has('qpdf');
const pdftotext = has('pdftotext');
const scratch = mkdtempSync(join(tmpdir(), 'folio-fuzz-'));

/** What is wrong with one output, or [] when a reader's tool accepts it. */
export async function problemsOf(format: Format, data: Uint8Array | string): Promise<string[]> {
  switch (format) {
    case 'html': {
      const result = await htmlValidator.validateString(String(data));
      return result.results.flatMap((r) => r.messages.map((m) => `html ${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
    }
    case 'json': {
      const parsed: unknown = JSON.parse(String(data));
      return validateJson(parsed) ? [] : (validateJson.errors ?? []).map((e) => `json ${e.instancePath} ${e.message}`);
    }
    case 'docx': {
      const files = unzipSync(data as Uint8Array);
      const out: string[] = [];
      for (const part of ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']) if (!files[part]) out.push(`docx: ${part} missing`);
      for (const [name, bytes] of Object.entries(files)) {
        if (!/\.(xml|rels)$/.test(name)) continue;
        const valid = XMLValidator.validate(strFromU8(bytes));
        if (valid !== true) out.push(`docx ${name}: ${valid.err.msg} at ${valid.err.line}:${valid.err.col}`);
      }
      return out;
    }
    case 'pdf': {
      if (qpdf) {
        const file = join(scratch, `${process.pid}.pdf`);
        writeFileSync(file, data);
        try {
          execFileSync('qpdf', ['--check', file], { encoding: 'utf8', stdio: 'pipe' });
          return pdftotext ? overprinted(file) : [];
        } catch (error) {
          const e = error as { status?: number; stdout?: string; stderr?: string };
          // 3: warnings only (qpdf recovered nothing); anything else is a damaged file.
          return e.status === 3 ? [] : [`pdf: qpdf --check: ${`${e.stderr ?? ''}${e.stdout ?? ''}`.split('\n').filter((l) => /error|damaged/i.test(l)).slice(0, 3).join('; ')}`];
        } finally {
          rmSync(file, { force: true });
        }
      }
      const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
      try {
        const doc = await getDocument({ data: new Uint8Array(data as Uint8Array), verbosity: 0, stopAtErrors: true }).promise;
        for (let p = 1; p <= doc.numPages; p++) await (await doc.getPage(p)).getTextContent();
        await doc.destroy();
        return [];
      } catch (error) {
        return [`pdf: pdf.js: ${(error as Error).message}`];
      }
    }
  }
}

/** Words drawn over one another on one line, as pdftotext finds them (a reader sees a smudge: a
 * running title over the page number, a list marker over another, a cell's text over the next
 * column's): two words of a page whose boxes share more than half a point across and whose
 * middles are within a third of the smaller's height of each other. (Boxes are the fonts' full
 * height: Noto Naskh Arabic's are taller than its lines are apart, so boxes of the lines above and
 * below overlap with nothing drawn over anything.) */
function overprinted(file: string): string[] {
  const words: { page: number; text: string; x0: number; y0: number; x1: number; y1: number }[] = [];
  let page = 0;
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', stdio: 'pipe', maxBuffer: 1 << 28 });
  for (const m of xml.matchAll(/<page |<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)) {
    if (!m[1]) page++;
    else words.push({ page, text: m[5]!, x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]) });
  }
  const out: string[] = [];
  for (let i = 0; i < words.length && out.length < 3; i++) {
    const a = words[i]!;
    for (let j = i + 1; j < words.length && words[j]!.page === a.page; j++) {
      const b = words[j]!;
      const dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      const dy = Math.abs(a.y0 + a.y1 - b.y0 - b.y1) / 2;
      // A word ending in a combining mark that no glyph of the font anchors (a titlo on a quote
      // mark): poppler stretches the word's box to the mark's origin, which the shaper leaves
      // a little past its base, while the mark's ink lies back over the base. Up to a fifth of
      // the line's height of such overlap is no ink over ink.
      const markReach = /\p{M}$/u.test(a.text) ? (a.y1 - a.y0) / 5 : 0;
      if (dx > 0.5 + markReach && dy < Math.min(a.y1 - a.y0, b.y1 - b.y0) / 3) {
        out.push(`pdf: page ${a.page}: "${a.text}" drawn over "${b.text}"`);
        break;
      }
    }
  }
  return out;
}

export type Verdict =
  | { kind: 'ok' }
  | { kind: 'crash'; detail: string }
  | { kind: 'invalid'; detail: string }
  | { kind: 'unpositioned'; detail: string };

/** The property: a generated case builds with valid outputs, or is refused where it is wrong. */
export async function judge(outcome: Outcome): Promise<Verdict> {
  if (outcome.kind === 'failed') return { kind: 'crash', detail: outcome.message };
  if (outcome.kind === 'refused') {
    const bad = outcome.errors.length === 0 ? ['no message'] : unpositioned(outcome.errors).map((d) => d.message);
    return bad.length > 0 ? { kind: 'unpositioned', detail: bad.join('; ') } : { kind: 'ok' };
  }
  const problems: string[] = [];
  for (const [format, data] of Object.entries(outcome.outputs) as [Format, Uint8Array | string][]) problems.push(...(await problemsOf(format, data)));
  return problems.length > 0 ? { kind: 'invalid', detail: problems.slice(0, 5).join('\n') } : { kind: 'ok' };
}
