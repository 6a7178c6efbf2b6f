// A worker thread of `--jobs N`: renders the editions the build hands it, one at a time. Its
// writers, fonts and templates load once, on its first edition, and serve every later one.
import { renderEdition, type EditionTask, type EditionOutcome } from './render-edition.ts';

/** The edition's outcome, wrapped (once it has binary outputs) for tinypool to move its buffers. */
export default async function render(task: EditionTask): Promise<EditionOutcome | object> {
  const outcome = await renderEdition(task);
  const buffers = outcome.ok ? movable(outcome.outputs.map((o) => o.data)) : [];
  if (buffers.length === 0) return outcome;
  // The binary outputs (PDF, DOCX) move to the build's thread rather than being copied: no second
  // copy there, none left here for the collector.
  const { Tinypool } = await import('tinypool');
  return Tinypool.move({ [Tinypool.transferableSymbol]: buffers, [Tinypool.valueSymbol]: outcome } as unknown as Parameters<typeof Tinypool.move>[0]);
}

/** The memory of the outputs that can move: those that alone fill their buffer (a slice of a
 * larger or shared buffer, such as Node's pool for small Buffers, is copied instead). */
export function movable(outputs: readonly (Uint8Array | string)[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const data of outputs) {
    if (typeof data === 'string' || !(data.buffer instanceof ArrayBuffer)) continue;
    if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) buffers.add(data.buffer);
  }
  return [...buffers];
}
