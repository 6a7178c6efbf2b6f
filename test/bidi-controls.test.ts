// A title that opens a bidi override or isolate and leaves it open reverses nothing beyond itself
// where Folio sets other words after it on the same line; and the isolates print sets around
// inline code.
import bidiFactory from 'bidi-js';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../src/render/docx/index.ts';
import { renderHtml } from '../src/render/html/index.ts';
import { embeddingLevels } from '../src/render/pdf/bidi.ts';
import { closeBidiControls } from '../src/shared/bidi-controls.ts';
import { seedReport, writerContext } from './helpers.ts';

const [LRE, RLE, PDF, LRO, RLO] = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e'];
const [LRI, RLI, FSI, PDI] = ['\u2066', '\u2067', '\u2068', '\u2069'];

describe('closing bidi controls a text leaves open', () => {
  it('leaves text without them, and balanced ones, as they are', () => {
    for (const text of ['Kazakhstan 2022', 'كازاخستان 2022', `a ${RLO}b${PDF} c`, `a ${RLI}b${PDI}`, `${LRE}x${RLI}y${PDI}${PDF}`]) expect(closeBidiControls(text)).toBe(text);
  });

  it('closes each one left open, the latest first', () => {
    expect(closeBidiControls(`Title ${RLO}reversed`)).toBe(`Title ${RLO}reversed${PDF}`);
    expect(closeBidiControls(`${LRO}a${RLE}b`)).toBe(`${LRO}a${RLE}b${PDF}${PDF}`);
    expect(closeBidiControls(`${FSI}a${RLO}b`)).toBe(`${FSI}a${RLO}b${PDF}${PDI}`);
    expect(closeBidiControls(`${RLO}a${LRI}b`)).toBe(`${RLO}a${LRI}b${PDI}${PDF}`);
  });

  it('counts a PDI as closing the embeddings inside its isolate, and ignores unmatched closers', () => {
    expect(closeBidiControls(`${RLI}a${RLO}b${PDI}`)).toBe(`${RLI}a${RLO}b${PDI}`);
    // A PDF cannot close an embedding from inside a later isolate (UAX #9, X7).
    expect(closeBidiControls(`${RLO}a${LRI}b${PDF}`)).toBe(`${RLO}a${LRI}b${PDF}${PDI}${PDF}`);
    expect(closeBidiControls(`a${PDF}${PDI}b`)).toBe(`a${PDF}${PDI}b`);
  });
});

describe('a title with an override left open', () => {
  const title = `Kazakhstan ${RLO}2022`;
  const withTitle = async () => {
    const report = await seedReport();
    return { ...report, meta: { ...report.meta, title } };
  };

  it('is closed in the web page\'s <title> before the publisher\'s name, and printed as written in its heading', async () => {
    const opened = await withTitle();
    const html = renderHtml(opened, writerContext(opened));
    expect(html).toContain(`<title>${title}${PDF} – Amnesty International</title>`);
    expect(html).toContain(`<h1>${title}</h1>`);
  });

  it('is closed in the Word file\'s footer before the page numbers', async () => {
    const opened = await withTitle();
    const files = unzipSync(await renderDocx(opened, writerContext(opened)));
    const footer = Object.entries(files).find(([name]) => /^word\/footer\d*\.xml$/.test(name))!;
    expect(strFromU8(footer[1])).toContain(`${title}${PDF}</w:t>`);
  });
});

describe('isolated stretches in a paragraph\'s embedding levels (inline code in print)', () => {
  it('gives each unit the level it has with the stretches between LRI and PDI, the marks left out', () => {
    const bidi = bidiFactory();
    // Two stretches: one at the very start, one closing the text; neutrals at their edges.
    const text = '/x. شغّل dist/ ثم (a) بناء';
    const isolates: [number, number][] = [[0, 3], [text.indexOf('dist/'), text.indexOf('dist/') + 5], [text.length - 4, text.length]];
    const marked = `${LRI}/x.${PDI} شغّل ${LRI}dist/${PDI} ثم (a) ${LRI}بناء${PDI}`;
    const expected = [...bidi.getEmbeddingLevels(marked, 'rtl').levels].filter((_, i) => marked[i] !== LRI && marked[i] !== PDI);
    const levels = [...embeddingLevels(text, true, isolates)!];
    expect(levels).toHaveLength(text.length);
    expect(levels).toEqual(expected);
    // The slash ends "dist" left to right (an even level above the paragraph's 1); unisolated, it
    // takes the paragraph's right-to-left level and is drawn on the other side of the word.
    const slash = text.indexOf('dist/') + 4;
    expect(levels[slash]).toBe(2);
    expect(embeddingLevels(text, true)![slash]).toBe(1);
    // Arabic letters inside an isolate stay right to left, one level up.
    expect(levels[text.length - 1]).toBe(3);
    // Without isolates, as before.
    expect(embeddingLevels('plain text', false)).toBeNull();
  });
});
