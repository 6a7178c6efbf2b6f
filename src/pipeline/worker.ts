// A worker thread of `--jobs N`: renders the editions the build hands it, one at a time. Its
// writers, fonts and templates load once, on its first edition, and serve every later one.
import { renderEdition, type EditionTask, type EditionOutcome } from './render-edition.ts';

export default function render(task: EditionTask): Promise<EditionOutcome> {
  return renderEdition(task);
}
