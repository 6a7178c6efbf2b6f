// report:plan — report.yaml, what all editions of a report share, has the fields and types Folio
// needs; the report type it names exists, and the plan holds every section that type requires
// (report:required-sections). Positions come from the YAML document itself.
import type { ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { lineColumn, quickMapping } from '../shared/yaml.ts';
import type { Diagnostic } from '../shared/diagnostic.ts';
import { offsetPlaces, valuePlaces } from '../shared/yaml-places.ts';
import type { Plan } from './context.ts';
import { reservedIds } from '../model/ids.ts';
import { closest } from '../shared/suggest.ts';
import type { ReportType } from '../templates/types.ts';
// report.yaml's schema is report-plan.schema.json; its validator, report-plan.validate.ts, is
// the code ajv compiles it to, generated ahead (scripts/validators.js) rather than in
// every process: loading and running ajv's compiler cost a fresh process ~3 ms of CPU.
import validatePlan from './report-plan.validate.ts';

const validate = validatePlan as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

export interface PlanResult {
  plan?: Plan;
  diagnostics: Diagnostic[];
}

export function readPlan(
  file: string,
  text: string,
  loadType: (type: string) => ReportType | undefined,
): PlanResult & { reportType?: ReportType } {
  // Read by the fast reader when it can and the plan is sound; a plan with anything to say about
  // it is read again by `yaml`, whose document places every message (src/shared/yaml.ts).
  const quick = quickMapping(text);
  if (quick) {
    const judged = judgePlan(file, text, quick.value, () => 0, loadType);
    if (judged.plan && judged.diagnostics.length === 0) return { ...judged, plan: { ...judged.plan, places: offsetPlaces(text, quick.values) } };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return { diagnostics: doc.errors.map((error) => planError(file, text, error.pos[0], `Invalid YAML: ${error.message.split('\n')[0]}`, 'write one `key: value` per line; lists as [a, b] or one `- item` per line')) };
  }
  let data: unknown;
  try {
    // A handful of aliases is plenty; a "billion laughs" document expands exponentially.
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return { diagnostics: [planError(file, text, 0, `Invalid YAML: ${(error as Error).message.split('\n')[0]}`, 'write the values out instead of repeating them with &anchors and *aliases')] };
  }
  const offsetOf = (path: (string | number)[]): number => {
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return node.range[0];
    }
    return 0;
  };
  const judged = judgePlan(file, text, data, offsetOf, loadType);
  // Where each value is written, for a writer's message about one of its characters (the
  // country's name is printed in every edition's back-link).
  return judged.plan ? { ...judged, plan: { ...judged.plan, places: valuePlaces(doc, lineCounter) } } : judged;
}

function planError(file: string, text: string, offset: number, message: string, hint: string, ruleId = 'report:plan'): Diagnostic {
  const { line, column } = lineColumn(text, offset);
  return { file, line, column, severity: 'error', message, ruleId, hint };
}

const PLAN_HINT = 'report.yaml needs type, country, year as a number, region, original as a language code, and sections as a list of ids';

/** What each field of report.yaml holds: in short, as a message expects it, and as a hint says
 * what to write. */
const fields: Record<string, { expected: string; write: string }> = {
  type: { expected: "a report type's name", write: 'write the name of a file in templates/report-types/ without .yaml, such as country-report' },
  country: { expected: "the country's name", write: "write the country's name" },
  year: { expected: 'a whole number', write: 'write the year the report covers, such as 2022, without quotes' },
  region: { expected: "the region's name", write: "write the region's name" },
  original: { expected: 'a language code', write: 'write the language code of the edition written first, as its file is named: en for en.md' },
  date: { expected: 'a date as YYYY-MM-DD', write: 'write the date the report was published, such as 2023-03-27' },
  sections: { expected: 'a list of section ids', write: "list the sections' ids, one `- id` a line, in the order the editions give them" },
};

/** A value as report.yaml's message shows it: text in quotes, clipped. */
function shownValue(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** An id made of what an editor wrote for a section: "Freedom of assembly" → freedom-of-assembly. */
function idFrom(text: string): string {
  return text.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^[^a-z]+|-+$/g, '');
}

/** A schema error of report.yaml in words: what is wrong with which value, and what to write
 * instead; `path` is where to point when it is not the value's own place (a section listed twice:
 * its second mention). */
function describePlanError(error: ErrorObject, path: (string | number)[], data: unknown): { message: string; hint?: string; path?: (string | number)[] } {
  const value = path.reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined), data);
  const field = fields[String(path[0] ?? '')];
  const name = String(path[0] ?? '');
  switch (error.keyword) {
    case 'additionalProperties': {
      const unknown = String(error.params.additionalProperty);
      const meant = closest(unknown, Object.keys(fields));
      return {
        message: `unknown field "${unknown}"${meant ? ` (did you mean "${meant}"?)` : ''}`,
        hint: `report.yaml holds ${Object.keys(fields).join(', ')}; ${meant ? 'correct its spelling' : 'remove it'}`,
        // Its line: where its value is written.
        path: [unknown],
      };
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      return { message: `missing field "${missing}"`, hint: fields[missing] ? `add \`${missing}:\`; ${fields[missing].write}` : undefined };
    }
    case 'uniqueItems': {
      const [first, second] = [Number(error.params.j), Number(error.params.i)].sort((a, b) => a - b) as [number, number];
      const id = (value as unknown[])[second];
      return { message: `section ${shownValue(id)} is listed twice (items ${first + 1} and ${second + 1})`, hint: 'list each section once, in the order the editions give them', path: ['sections', second] };
    }
    case 'minItems':
      return { message: `"${name}" lists nothing`, hint: field?.write };
    case 'minLength':
      return { message: `"${name}" is empty`, hint: field?.write };
    case 'minimum':
    case 'maximum':
      return { message: `"${name}" is ${shownValue(value)}, expected ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(error.params.limit)}`, hint: field?.write };
    case 'pattern':
      if (name === 'sections' && typeof value === 'string') {
        const id = idFrom(value);
        return {
          message: `section id ${shownValue(value)} is not an id, expected lowercase letters, digits and hyphens`,
          hint: `write ${id || 'an id such as background'}, and {#${id || 'background'}} after the section's heading in every edition`,
        };
      }
      return { message: `"${name}" is ${shownValue(value)}, expected ${field?.expected ?? 'another value'}`, hint: field?.write };
    case 'type':
      // The whole file is not a map of fields: empty, a list, a lone value.
      if (path.length === 0) {
        return {
          message: value === null || value === undefined ? 'the file is empty, expected its fields' : `the file is ${Array.isArray(value) ? 'a list' : `the value ${shownValue(value)}`}, expected its fields as \`name: value\` lines`,
        };
      }
      return {
        message: `"${path.join('.')}" is ${shownValue(value)}, expected ${path.length === 1 && field ? field.expected : error.params.type === 'integer' ? 'a whole number' : error.params.type === 'array' ? 'a list' : error.params.type === 'object' ? 'fields as `name: value` lines' : `a ${String(error.params.type)}`}`,
        hint: path.length === 1 ? field?.write : name === 'sections' ? 'write each id as a word, such as background' : undefined,
      };
    default:
      return { message: `"${path.join('.')}" ${error.message ?? 'is not valid'}` };
  }
}

/** The plan `data` says, checked: its fields, its report type, its section ids. `offsetOf` gives
 * where the value at a path is written in `text`. */
function judgePlan(
  file: string,
  text: string,
  data: unknown,
  offsetOf: (path: (string | number)[]) => number,
  loadType: (type: string) => ReportType | undefined,
): PlanResult & { reportType?: ReportType } {
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number, message: string, hint: string, ruleId = 'report:plan') => {
    diagnostics.push(planError(file, text, offset, message, hint, ruleId));
  };
  if (!validate(data)) {
    for (const error of validate.errors ?? []) {
      const path = error.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      const problem = describePlanError(error, path, data);
      at(offsetOf(problem.path ?? path), `Unexpected report.yaml: ${problem.message}`, problem.hint ?? PLAN_HINT);
    }
    return { diagnostics };
  }
  const plan = data as unknown as Omit<Plan, 'file'>;
  // The schema's pattern takes 2023-02-31, which Date would quietly read as 3 March.
  if (plan.date !== undefined) {
    const [year, month, day] = plan.date.split('-').map(Number) as [number, number, number];
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (day > days) {
      at(offsetOf(['date']), `Unexpected date ${plan.date}: ${year}-${String(month).padStart(2, '0')} has ${days} days`, 'write the date the edition was published as YYYY-MM-DD');
      return { diagnostics };
    }
  }
  const reportType = loadType(plan.type);
  if (!reportType) {
    at(offsetOf(['type']), `Unknown report type "${plan.type}", expected a file templates/report-types/${plan.type}.yaml`,
      'use a type that has a file in templates/report-types/, such as country-report');
    return { diagnostics };
  }
  // A section id is an id in every web page: it must not be one the page prints itself.
  plan.sections.forEach((id, i) => {
    const clash = reservedIds.includes(id) || /^(fn|fnref)-\d/.test(id) ? 'an id every publication uses itself'
      : id.endsWith('-title') && plan.sections.includes(id.slice(0, -6)) ? `the id of section "${id.slice(0, -6)}"'s heading`
      : undefined;
    if (clash) at(offsetOf(['sections', i]), `Unexpected section id "${id}", ${clash}`, 'choose another id for the section and its {#id} in every edition');
  });
  for (const required of reportType.required) {
    if (!plan.sections.includes(required)) {
      at(offsetOf(['sections']), `Section "${required}" required by report type "${plan.type}" is missing from the plan`,
        `add "${required}" to sections`, 'report:required-sections');
    }
  }
  return { plan: { ...plan, file }, reportType, diagnostics };
}
