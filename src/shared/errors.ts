// Errors a user can act on. The CLI prints them once, without a stack trace (unless --verbose),
// and maps their kind to an exit code.

export class FolioError extends Error {
  /** 1: content errors (the sources need fixing); 2: usage or environment. */
  readonly exitCode: 1 | 2;
  constructor(message: string, exitCode: 1 | 2 = 2, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FolioError';
    this.exitCode = exitCode;
  }
}

/** A template or configuration file is missing or malformed. */
export class TemplateError extends FolioError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 2, options);
    this.name = 'TemplateError';
  }
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
