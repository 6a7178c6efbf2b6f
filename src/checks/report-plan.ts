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
      const where = error.keyword === 'additionalProperties'
        ? `unknown field "${String(error.params.additionalProperty)}"`
        : error.keyword === 'required'
          ? `missing field "${String(error.params.missingProperty)}"`
          : `"${error.instancePath.slice(1).replace(/\//g, '.')}" ${error.message}`;
      at(offsetOf(path), `Unexpected report.yaml: ${where}`,
        'report.yaml needs type, country, year as a number, region, original as a language code, and sections as a list of ids');
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
