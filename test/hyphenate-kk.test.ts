// Kazakh hyphenation: words of the Kazakh edition divided as Kazakh spelling divides them, and the
// justified Kazakh PDF spaced as evenly as the Russian one, which has TeX patterns.
import { describe, expect, it } from 'vitest';
import { hyphenateKazakh } from '../src/render/pdf/hyphenate-kk.ts';
import { syllables } from '../src/render/pdf/hyphenate.ts';
import { renderPdf } from '../src/render/pdf/index.ts';
import { loadReports, writerContext } from './helpers.ts';

const cut = (word: string) => hyphenateKazakh(word).replace(/\u00ad/g, '-');

describe('Kazakh syllables', () => {
  it.each([
    // One consonant between vowels starts the next syllable.
    ['бала', 'ба-ла'], ['жазасы', 'жа-за-сы'], ['наразылық', 'на-ра-зы-лық'], ['хабар', 'ха-бар'],
    // Two: one each side.
    ['мектеп', 'мек-теп'], ['қаңтар', 'қаң-тар'], ['бостандық', 'бос-тан-дық'], ['мемлекеттік', 'мем-ле-кет-тік'],
    ['құқықтары', 'құ-қық-та-ры'], ['азаматтар', 'а-за-мат-тар'], ['жағдай', 'жағ-дай'],
    // Three: the last one starts the next syllable.
    ['айтты', 'айт-ты'], ['қорғау', 'қор-ғау'],
    // Two vowels side by side.
    ['жиын', 'жи-ын'], ['киім', 'ки-ім'], ['тиіс', 'ти-іс'], ['оқуы', 'о-қу-ы'], ['айтуынша', 'ай-ту-ын-ша'],
    // У and и after a vowel, or before one at the start, are consonants.
    ['тауы', 'та-уы'], ['ауру', 'ау-ру'], ['кеуде', 'кеу-де'], ['сайлау', 'сай-лау'], ['тәуелсіз', 'тә-уел-сіз'],
    ['уақыт', 'уа-қыт'], ['айыптау', 'а-йып-тау'],
  ])('%s → %s', (word, division) => {
    expect(cut(word)).toBe(division);
  });

  it('keeps a sign with the consonant before it, and leaves words that are not Kazakh letters whole', () => {
    expect(cut('пьесалар')).toBe('пье-са-лар');
    expect(cut('ильясов')).toBe('иль-я-сов');
    expect(cut('Folio')).toBe('Folio');
    expect(cut('2022-жылы')).toBe('2022-жылы');
  });

  it('leaves two letters before a break and three after, names and hyphenated words whole', () => {
    expect(syllables('бостандық', 'kk')).toEqual(['бос', 'тан', 'дық']);
    expect(syllables('азаматтар', 'kk')).toEqual(['аза', 'мат', 'тар']);
    expect(syllables('оқушылар', 'kk')).toEqual(['оқу', 'шы', 'лар']);
    expect(syllables('Қазақстан', 'kk')).toEqual(['Қазақстан']);
    expect(syllables('жан-жақты', 'kk')).toEqual(['жан-жақты']);
  });
});

describe('the Kazakh print edition', () => {
  /** Inter-word spaces of the justified lines (all but paragraph ends), in ems, and how many of
   * those lines end in a hyphen. */
  async function spacing(lang: string): Promise<{ mean: number; worst: number; hyphenated: number }> {
    const report = loadReports().find((r) => r.lang === lang)!;
    const { layout } = await renderPdf(report, writerContext(report));
    const spaces: number[] = [];
    let hyphenated = 0;
    for (const line of layout.pages.flatMap((p) => p.lines)) {
      const right = Math.max(...line.box.runs.map((run) => run.x + run.glyphs.reduce((w, g) => w + g.advance, 0)));
      if (line.kind !== 'body' || right < line.box.measure - 0.5) continue;
      if (line.box.hyphenated) hyphenated++;
      for (const run of line.box.runs) for (const g of run.glyphs) if (g.text === ' ') spaces.push(g.advance / run.size);
    }
    return { mean: spaces.reduce((a, b) => a + b, 0) / spaces.length, worst: Math.max(...spaces), hyphenated };
  }

  it('hyphenates its justified lines and spaces them as evenly as the Russian edition', async () => {
    const kk = await spacing('kk');
    const ru = await spacing('ru');
    // Unhyphenated, the Kazakh lines averaged 0.41 em between words (0.72 at worst) to the
    // Russian 0.33 (0.69).
    expect(kk.hyphenated).toBeGreaterThan(10);
    expect(kk.mean).toBeLessThan(ru.mean * 1.1);
    expect(kk.worst).toBeLessThanOrEqual(ru.worst * 1.1);
  }, 30_000);
});
