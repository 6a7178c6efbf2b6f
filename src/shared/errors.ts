// Errors a user can act on. The CLI prints them once, without a stack trace (unless --verbose),
// and maps their kind to an exit code.
import type { Diagnostic } from './diagnostic.ts';

export class FolioError extends Error {
  /** 1: content errors (the sources need fixing); 2: usage or environment. */
  readonly exitCode: 1 | 2;
  constructor(message: string, exitCode: 1 | 2 = 2, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FolioError';
    this.exitCode = exitCode;
  }
}

/** A template or configuration file is missing or malformed. With `diagnostics`, what its text
 * says is wrong, at its lines (exit 1, as for a report's text); without, a template Folio cannot
 * use for another reason, such as a font package that is not installed (exit 2). */
export class TemplateError extends FolioError {
  readonly diagnostics?: readonly Diagnostic[];
  constructor(message: string, options?: { cause?: unknown; diagnostics?: readonly Diagnostic[] }) {
    super(message, options?.diagnostics?.length ? 1 : 2, options);
    this.name = 'TemplateError';
    if (options?.diagnostics?.length) this.diagnostics = options.diagnostics;
  }
}

/** Whether an error is a template's text at fault, with its positions: an edition it stops is that
 * edition's failure (the others are published), not the whole build's. */
export function locatedTemplateError(error: unknown): error is TemplateError & { diagnostics: readonly Diagnostic[] } {
  return error instanceof TemplateError && error.diagnostics !== undefined;
}

/** Whether an error met inside one edition stops the whole build: a template Folio cannot use at
 * all (a font package not installed), rather than one whose text is at fault. */
export function stopsTheBuild(error: unknown): boolean {
  return error instanceof TemplateError && error.diagnostics === undefined;
}

/** A writer produced output that does not hold everything the model has. */
export class AuditError extends FolioError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'AuditError';
  }
}

/** A content problem found while writing (a character no font can draw, say), with a position. */
export class ContentError extends FolioError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly ruleId: string;
  readonly hint?: string;
  constructor(message: string, where: { file: string; line: number; column: number; ruleId: string; hint?: string }) {
    super(message, 1);
    this.name = 'ContentError';
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.ruleId = where.ruleId;
    this.hint = where.hint;
  }
}

/** Several content problems found while writing one edition (every character no font can draw),
 * reported together so that the text is fixed in one pass rather than one build each. */
export class ContentErrors extends FolioError {
  readonly errors: readonly ContentError[];
  constructor(errors: readonly ContentError[]) {
    super(errors[0]?.message ?? 'content errors', 1);
    this.name = 'ContentErrors';
    this.errors = errors;
  }
}

/** Rule id of a failure that is Folio's fault, not the text's (exit code 2). */
export const internalRule = 'folio:internal';

/** Any error met while loading or writing one edition, as that edition's diagnostic: a
 * ContentError keeps its position; another FolioError is the input's fault (exit 1) at the
 * edition's first line; anything else is an internal error (exit 2), still named by edition. */
export function editionFailure(error: unknown, file: string): Diagnostic {
  return editionFailures(error, file)[0]!;
}

/** Every diagnostic an error met while loading or writing one edition stands for: each of a
 * ContentErrors' problems, else the one editionFailure gives. */
export function editionFailures(error: unknown, file: string): Diagnostic[] {
  if (error instanceof ContentErrors && error.errors.length > 0) return error.errors.map((e) => oneFailure(e, file));
  if (locatedTemplateError(error)) return [...error.diagnostics];
  return [oneFailure(error, file)];
}

function oneFailure(error: unknown, file: string): Diagnostic {
  if (error instanceof ContentError) {
    return { file: error.file, line: error.line, column: error.column, severity: 'error', message: error.message, ruleId: error.ruleId, hint: error.hint };
  }
  if (error instanceof FolioError && error.exitCode === 1) {
    return { file, line: 1, column: 1, severity: 'error', message: error.message, ruleId: 'report:unsupported-node' };
  }
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return {
    file, line: 1, column: 1, severity: 'error', ruleId: internalRule,
    message: error instanceof AuditError ? message : `internal error: ${message}; nothing of this edition was published`,
    hint: 'this is a fault in Folio, not in the text: please report it with the edition that causes it',
  };
}
