// A complex field as Word writes it (begin, instruction, separate, cached result, end), every run
// in the given style, so the cached result looks right before Word updates the field: a note
// cross-reference shows as a superscript number. docx's SimpleField writes its result unstyled.
import { BuilderElement, StringContainer, TextRun, type IRunOptions } from 'docx';

type RunStyle = Omit<IRunOptions, 'children' | 'text'>;

function fldChar(type: 'begin' | 'separate' | 'end'): BuilderElement<{ type: string }> {
  return new BuilderElement({ name: 'w:fldChar', attributes: { type: { key: 'w:fldCharType', value: type } } });
}

/** Begin, instruction and separator: what precedes a field's cached result. */
export function fieldBegin(instruction: string, style: RunStyle = {}): TextRun[] {
  return [
    new TextRun({ ...style, children: [fldChar('begin')] }),
    new TextRun({ ...style, children: [new StringContainer('w:instrText', instruction)] }),
    new TextRun({ ...style, children: [fldChar('separate')] }),
  ];
}

/** What follows a field's cached result. */
export function fieldEnd(style: RunStyle = {}): TextRun {
  return new TextRun({ ...style, children: [fldChar('end')] });
}

export function fieldRuns(instruction: string, result: string, style: RunStyle = {}): TextRun[] {
  return [...fieldBegin(instruction, style), ...(result === '' ? [] : [new TextRun({ ...style, text: result })]), fieldEnd(style)];
}
