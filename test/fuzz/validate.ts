// Validators for every output of a build, as a reader's tools would open them: the web page by
// html-validate, the PDF by qpdf (or pdf.js where qpdf is absent), the JSON by its schema, the
// DOCX reopened as a zip of well-formed XML parts. And the property every generated case must
// have: built with valid outputs, or refused with positioned errors; never a failure.
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
          return [];
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
