// What dist/index.html lists, taken from the manifest: every report and edition published in the
// output directory, with the files of each format. How the page looks is index-page.ts's business;
// this module only says what is there.
import type { Direction } from '../model/types.ts';
import { formats } from '../render/registry.ts';
import type { Format } from '../render/types.ts';
import type { Manifest } from './manifest.ts';

export interface IndexFile {
  format: Format;
  /** Link from the index: `kazakhstan-2022/kazakhstan-2022.fr.pdf`. */
  href: string;
}

export interface IndexEdition {
  lang: string;
  title: string;
  dir: Direction;
  isOriginal: boolean;
  /** In the registry's format order. */
  files: IndexFile[];
  /** Rule ids of the warnings the edition was published with (`translation:stale`, say). */
  warnings: string[];
}

export interface IndexReport {
  slug: string;
  /** The original edition's title, else the first edition's. */
  title: string;
  /** The language and direction of the edition whose title it is. */
  lang: string;
  dir: Direction;
  /** By language code. */
  editions: IndexEdition[];
}

export function indexData(manifest: Manifest): IndexReport[] {
  const bySlug = new Map<string, IndexEdition[]>();
  const originals = new Map<string, IndexEdition>();
  const names = Object.keys(manifest.editions).sort();
  for (const name of names) {
    const entry = manifest.editions[name];
    const files = formats.flatMap((format) => {
      const output = entry.outputs[format];
      return output ? [{ format, href: output.file }] : [];
    });
    if (files.length === 0) continue;
    const edition: IndexEdition = { lang: entry.lang, title: entry.title, dir: entry.dir, isOriginal: entry.isOriginal, files, warnings: [...new Set(entry.warnings.map((w) => w.ruleId))].sort() };
    if (entry.isOriginal) originals.set(entry.slug, edition);
    const editions = bySlug.get(entry.slug) ?? [];
    editions.push(edition);
    bySlug.set(entry.slug, editions);
  }
  return [...bySlug.entries()].map(([slug, editions]) => {
    const { title, lang, dir } = originals.get(slug) ?? editions[0]!;
    return { slug, title, lang, dir, editions };
  });
}
