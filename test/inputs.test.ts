// The hashes a build compares with the manifest (src/pipeline/inputs.ts) are those of each
// edition's text as sourceEditions reads it: the bytes of valid UTF-8 are hashed without being
// decoded, and must give the same hash as the text, with or without a byte-order mark; a file
// that is not UTF-8 still gets the hash of its (substituted) text, as its translations see it.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareLanguageCodes, editionHash, sourceEditions } from '../src/pipeline/editions.ts';
import { hashFiles, installedFile, languageNameOf, readSourceReport, sha256, sha256Of } from '../src/pipeline/inputs.ts';
import { parse as parseYaml } from 'yaml';

const root = join(import.meta.dirname, '..');

describe('source hashes', () => {
  it('are the hashes of the editions\' texts, BOM or not, UTF-8 or not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-inputs-'));
    mkdirSync(join(dir, 'demo'));
    writeFileSync(join(dir, 'demo', 'report.yaml'), 'original: en\n');
    const en = '---\ntitle: Demo — Алматы\n---\n\nText.\n';
    writeFileSync(join(dir, 'demo', 'en.md'), en);
    writeFileSync(join(dir, 'demo', 'fr.md'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`---\ntitle: Démo\nsource-hash: ${editionHash(en)}\n---\n\nTexte.\n`)]));
    // Latin-1 é: not UTF-8.
    writeFileSync(join(dir, 'demo', 'es.md'), Buffer.concat([Buffer.from('---\ntitle: Dem'), Buffer.from([0xe9]), Buffer.from('\n---\n\nTexto.\n')]));
    const report = readSourceReport(dir, 'demo');
    const expected = sourceEditions(join(dir, 'demo'));
    expect(report.editions.map((e) => [e.lang, e.hash])).toEqual(expected.map((e) => [e.lang, editionHash(e.text)]).sort());
    expect(report.editions.find((e) => e.lang === 'fr')!.front).toEqual({ title: 'Démo', sourceHash: editionHash(en) });
    expect(report.editions.find((e) => e.lang === 'en')!.front.title).toBe('Demo — Алматы');
    expect(report.refs.find((r) => r.lang === 'fr')!.state).toBe('current');
    expect(report.editions.find((e) => e.lang === 'es')!.front.title).toBe('Dem\uFFFD');
  });

  it('take a folder of any number of files: more parts than a call has room for arguments', () => {
    expect(sha256Of(['a', 'b'])).toBe(sha256('a', 'b'));
    // Two parts a file (its path and its bytes), for 300,000 files.
    const parts = Array.from({ length: 600_000 }, (_, k) => (k % 2 ? Buffer.from([k & 255]) : `f${k}`));
    expect(sha256Of(parts)).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256Of(parts)).not.toBe(sha256Of(parts.slice(1)));
  });
});

describe('language names of labels files', () => {
  const parsed = (text: string): string => {
    try {
      const value = (parseYaml(text) as Record<string, unknown> | null)?.['language-name'];
      return typeof value === 'string' ? value : '';
    } catch {
      return '';
    }
  };
  it('read without the YAML parser are what the parser reads', () => {
    const texts = readdirSync(join(root, 'templates', 'labels')).map((f) => readFileSync(join(root, 'templates', 'labels', f), 'utf8'));
    const variants = [
      ...texts,
      ...texts.map((t) => t.replace(/\n/g, '\r\n')),
      'language-name: "Français"\n',
      "language-name: 'Fran''çais'\n",
      'language-name: Français # the name\n',
      'language-name: Français\n  continued\n',
      'language-name: Français\nlanguage-name: English\n',
      'language-name: |\n  Français\n',
      'nested:\n  language-name: Français\n',
      'language-name: Fr: ançais\n',
      'language-name: -Français\n',
      'language-name:   Қазақ тілі   \nnext: x\n',
      'language-name:\n',
    ];
    for (const text of variants) expect([text, languageNameOf(Buffer.from(text))]).toEqual([text, parsed(text)]);
    expect(languageNameOf(Buffer.from(texts[0]))).not.toBe('');
  });
});

describe('language codes in order', () => {
  it('sort as English collation sorts them, without a collator', () => {
    const en = new Intl.Collator('en');
    const code = fc.stringMatching(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/);
    fc.assert(fc.property(code, code, (a, b) => Math.sign(compareLanguageCodes(a, b)) === Math.sign(en.compare(a, b))), { seed: 10, numRuns: 2000 });
    const listed = ['pt-BR', 'pt', 'en', 'pt-br', 'sr-Latn', 'sr-Cyrl', 'zh-Hant', 'zh-hans', 'de-1996', 'de-CH', 'kk'];
    expect([...listed].sort(compareLanguageCodes)).toEqual([...listed].sort(en.compare));
    expect([...listed].sort(compareLanguageCodes)).toEqual(['de-1996', 'de-CH', 'en', 'kk', 'pt', 'pt-br', 'pt-BR', 'sr-Cyrl', 'sr-Latn', 'zh-hans', 'zh-Hant']);
  });
});

describe('font hashes', () => {
  /** A font file in a package folder under node_modules (scoped or not), and one outside any. */
  function fonts(): { dir: string; scoped: string; plain: string; loose: string } {
    const dir = mkdtempSync(join(tmpdir(), 'folio-fonts-'));
    const scopedDir = join(dir, 'node_modules', '@fonts', 'serif', '400Regular');
    const plainDir = join(dir, 'node_modules', 'mono');
    mkdirSync(scopedDir, { recursive: true });
    mkdirSync(plainDir, { recursive: true });
    writeFileSync(join(dir, 'node_modules', '@fonts', 'serif', 'package.json'), JSON.stringify({ name: '@fonts/serif', version: '1.0.0' }));
    writeFileSync(join(plainDir, 'package.json'), JSON.stringify({ name: 'mono', version: '2.0.0' }));
    const scoped = join(scopedDir, 'Serif.ttf');
    const plain = join(plainDir, 'Mono.ttf');
    const loose = join(dir, 'House.ttf');
    for (const file of [scoped, plain, loose]) writeFileSync(file, `glyphs of ${file}`);
    return { dir, scoped, plain, loose };
  }

  it('name an installed package\'s font by the package\'s name, version, path and size', () => {
    const { scoped, plain } = fonts();
    expect(installedFile(scoped)).toBe(`@fonts/serif@1.0.0/400Regular/Serif.ttf ${readFileSync(scoped).length}`);
    expect(installedFile(plain)).toBe(`mono@2.0.0/Mono.ttf ${readFileSync(plain).length}`);
    // The theme's own fonts, from Folio's dependencies.
    const theme = join(root, 'node_modules', '@expo-google-fonts', 'noto-serif', '400Regular', 'NotoSerif_400Regular.ttf');
    const { version } = JSON.parse(readFileSync(join(root, 'node_modules', '@expo-google-fonts', 'noto-serif', 'package.json'), 'utf8')) as { version: string };
    expect(installedFile(theme)).toBe(`@expo-google-fonts/noto-serif@${version}/400Regular/NotoSerif_400Regular.ttf ${readFileSync(theme).length}`);
  });

  it('change with an installed package\'s version, and with the content of any other font', () => {
    const { dir, scoped, plain, loose } = fonts();
    const before = hashFiles([scoped, plain, loose]);
    expect(hashFiles([loose, plain, scoped, plain])).toBe(before);
    writeFileSync(loose, readFileSync(loose, 'utf8').replace('glyphs', 'GLYPHS'));
    const edited = hashFiles([scoped, plain, loose]);
    expect(edited).not.toBe(before);
    writeFileSync(join(dir, 'node_modules', 'mono', 'package.json'), JSON.stringify({ name: 'mono', version: '2.0.1' }));
    expect(hashFiles([scoped, plain, loose])).not.toBe(edited);
  });

  it('read by content a font whose folder is not the package it claims, or has no version', () => {
    const { dir, scoped, plain } = fonts();
    writeFileSync(join(dir, 'node_modules', 'mono', 'package.json'), JSON.stringify({ name: 'other', version: '2.0.0' }));
    expect(installedFile(plain)).toBeUndefined();
    writeFileSync(join(dir, 'node_modules', '@fonts', 'serif', 'package.json'), JSON.stringify({ name: '@fonts/serif' }));
    expect(installedFile(scoped)).toBeUndefined();
    expect(installedFile(join(dir, 'node_modules', 'Loose.ttf'))).toBeUndefined();
    const before = hashFiles([plain]);
    writeFileSync(plain, 'new glyphs');
    expect(hashFiles([plain])).not.toBe(before);
  });
});
