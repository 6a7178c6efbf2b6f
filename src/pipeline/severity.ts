// Which problems stop an edition: errors, and in --strict mode warnings too.
import type { Diagnostic } from '../shared/diagnostic.ts';

export function blocking(d: Diagnostic, strict: boolean | undefined): boolean {
  return d.severity === 'error' || (strict === true && d.severity === 'warning');
}
