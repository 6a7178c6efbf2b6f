// A deterministic collection of N reports for the benchmark, made by recombining the real editions
// in source/: each report takes the background and a random run of the other sections (their
// paragraphs rotated and some repeated, so lengths vary), under another country and year, with an
// original in one of the languages we have and up to two translations that record the original's
// hash. Same N and seed, same files, byte for byte.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { random } from '../test/stress.ts';

const countries = [
  'Albania', 'Argentina', 'Armenia', 'Azerbaijan', 'Belarus', 'Bolivia', 'Brazil', 'Chile', 'Colombia', 'Ecuador',
  'Georgia', 'Guatemala', 'Honduras', 'Kyrgyzstan', 'Moldova', 'Mongolia', 'Montenegro', 'Nicaragua', 'Paraguay', 'Peru',
  'Serbia', 'Tajikistan', 'Turkmenistan', 'Ukraine', 'Uruguay', 'Uzbekistan', 'Venezuela', 'Algeria', 'Egypt', 'Jordan',
  'Lebanon', 'Morocco', 'Tunisia', 'Senegal', 'Kenya', 'Ghana', 'Nepal', 'Cambodia', 'Laos', 'Fiji',
];

interface Edition {
  lang: string;
  front: Record<string, string>;
  summary: string;
  /** Section id → its heading line and paragraphs. */
  sections: Map<string, { heading: string; paragraphs: string[] }>;
  /** Footnote label → definition line. */
  notes: Map<string, string>;
}

function split(lang: string, text: string): Edition {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text)!;
  const front = parse(match[1]) as Record<string, string>;
  const body = text.slice(match[0].length);
  const notes = new Map<string, string>();
  const lines = body.split('\n').filter((line) => {
    const note = /^\[\^([^\]]+)\]:/.exec(line);
    if (note) notes.set(note[1], line);
    return !note;
  });
  const [summary, ...rest] = lines.join('\n').split(/\n(?=## )/);
  const sections = new Map<string, { heading: string; paragraphs: string[] }>();
  for (const part of rest) {
    const [heading, ...paragraphs] = part.trim().split(/\n\n+/);
    const id = /\{#([^}]+)\}/.exec(heading)?.[1] ?? heading.slice(3).toLowerCase().replace(/[’']/g, '').replace(/[^a-z0-9]+/g, '-').replace(/-$/, '');
    sections.set(id, { heading, paragraphs });
  }
  return { lang, front, summary: summary.trim(), sections, notes };
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface Corpus {
  reports: number;
  editions: number;
  languages: string[];
}

/** Writes `count` reports into `dir` (which should be empty) from the editions in `sourceDir`. */
export function generateCorpus(dir: string, count: number, sourceDir: string, seed = 2022): Corpus {
  const seedDir = join(sourceDir, 'kazakhstan-2022');
  const plan = parse(readFileSync(join(seedDir, 'report.yaml'), 'utf8')) as { sections: string[]; region: string; type: string };
  const editions = readdirSync(seedDir).filter((f) => f.endsWith('.md')).sort().map((f) => split(f.slice(0, -3), readFileSync(join(seedDir, f), 'utf8')));
  const langs = editions.map((e) => e.lang);
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  let editionCount = 0;
  const used = new Set<string>();
  const titles = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const country = pick(countries);
    const year = 2015 + Math.floor(next() * 9);
    const slug = `${country.toLowerCase()}-${year}-${String(i + 1).padStart(4, '0')}`;
    // The background, then a run of the other planned sections in order, each kept by chance.
    const chosen = ['background', ...plan.sections.slice(1).filter(() => next() < 0.6)];
    const shape = new Map(chosen.map((id) => [id, { rotate: Math.floor(next() * 4), repeat: next() < 0.3 }]));
    const original = next() < 0.5 ? 'en' : pick(langs);
    const translations = langs.filter((l) => l !== original).filter(() => next() < 0.25).slice(0, 2);
    // One title a report, as a real collection has (Folio warns of two reports under one title):
    // the second report of a country and year is its "(2)".
    const titled = (titles.get(`${country} ${year}`) ?? 0) + 1;
    titles.set(`${country} ${year}`, titled);
    const title = titled === 1 ? `${country} ${year}` : `${country} ${year} (${titled})`;
    const make = (edition: Edition, sourceHash?: string): string => {
      const cited = new Set<string>();
      const sections = chosen.map((id) => {
        const section = edition.sections.get(id)!;
        const { rotate, repeat } = shape.get(id)!;
        const n = section.paragraphs.length;
        const paragraphs = section.paragraphs.map((_, j) => section.paragraphs[(j + rotate) % n]);
        if (repeat) paragraphs.push(paragraphs[0]);
        const heading = section.heading.includes('{#') ? section.heading : `${section.heading} {#${id}}`;
        return [heading, ...paragraphs].join('\n\n');
      });
      const text = [edition.summary, ...sections].join('\n\n');
      for (const m of text.matchAll(/\[\^([^\]]+)\]/g)) cited.add(m[1]);
      const notes = [...edition.notes].filter(([label]) => cited.has(label)).map(([, line]) => line);
      const front = [`title: ${title}`, `country: ${country}`, ...(sourceHash ? [`source-hash: ${sourceHash}`] : [])];
      return `---\n${front.join('\n')}\n---\n\n${text}\n${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`;
    };
    const folder = join(dir, slug);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'report.yaml'), `type: ${plan.type}\ncountry: ${country}\nyear: ${year}\nregion: ${plan.region}\noriginal: ${original}\nsections: [${chosen.join(', ')}]\n`);
    const originalText = make(editions.find((e) => e.lang === original)!);
    writeFileSync(join(folder, `${original}.md`), originalText);
    for (const lang of translations) writeFileSync(join(folder, `${lang}.md`), make(editions.find((e) => e.lang === lang)!, hash(originalText)));
    editionCount += 1 + translations.length;
    for (const l of [original, ...translations]) used.add(l);
  }
  return { reports: count, editions: editionCount, languages: [...used].sort() };
}
