// A title that opens a bidi override or isolate and leaves it open reverses nothing beyond itself
// where Folio sets other words after it on the same line.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../src/render/docx/index.ts';
import { renderHtml } from '../src/render/html/index.ts';
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
