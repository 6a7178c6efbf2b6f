// report:plan — report.yaml, what all editions of a report share, has the fields and types Folio
// needs; the report type it names exists, and the plan holds every section that type requires
// (report:required-sections). Positions come from the YAML document itself.
import type { ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { Diagnostic } from '../shared/diagnostic.ts';
import { valuePlaces } from '../shared/yaml-places.ts';
import type { Plan } from './context.ts';
import { reservedIds } from '../model/ids.ts';
import type { ReportType } from '../templates/types.ts';
// report.yaml's schema is report-plan.schema.json; its validator, report-plan.validate.ts, is
// the code ajv compiles it to, generated ahead (scripts/report-plan-validator.js) rather than in
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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number, message: string, hint: string, ruleId = 'report:plan') => {
    const { line, col } = lineCounter.linePos(offset);
    diagnostics.push({ file, line, column: col, severity: 'error', message, ruleId, hint });
  };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) at(error.pos[0], `Invalid YAML: ${error.message.split('\n')[0]}`, 'write one `key: value` per line; lists as [a, b] or one `- item` per line');
    return { diagnostics };
  }
  let data: unknown;
  try {
    // A handful of aliases is plenty; a "billion laughs" document expands exponentially.
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    at(0, `Invalid YAML: ${(error as Error).message.split('\n')[0]}`, 'write the values out instead of repeating them with &anchors and *aliases');
    return { diagnostics };
  }
  const offsetOf = (path: (string | number)[]): number => {
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return node.range[0];
    }
    return 0;
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
        'report.yaml needs type, country, year (a number), region, original (a language code) and sections (a list of ids)');
    }
    return { diagnostics };
  }
  const plan = data as unknown as Omit<Plan, 'file'>;
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
  // Where each value is written, for a writer's message about one of its characters (the
  // country's name is printed in every edition's back-link).
  return { plan: { ...plan, file, places: valuePlaces(doc, lineCounter) }, reportType, diagnostics };
}
