// A complex field in one run (begin, instruction, separate, cached result, end), so the cached
// result wears the run's style: a note cross-reference shows as a superscript number before Word
// updates it. docx's SimpleField writes its result unstyled.
import { BuilderElement, StringContainer, TextRun, type IRunOptions } from 'docx';

function fldChar(type: 'begin' | 'separate' | 'end'): BuilderElement<{ type: string }> {
  return new BuilderElement({ name: 'w:fldChar', attributes: { type: { key: 'w:fldCharType', value: type } } });
}

export function fieldRun(instruction: string, result: string, options: Omit<IRunOptions, 'children' | 'text'> = {}): TextRun {
  return new TextRun({
    ...options,
    children: [fldChar('begin'), new StringContainer('w:instrText', instruction), fldChar('separate'), new StringContainer('w:t', result), fldChar('end')],
  });
}
