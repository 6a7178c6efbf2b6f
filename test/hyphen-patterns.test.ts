// The hyphenation patterns are read from the `hyphen` package's files as JSON (a fresh process's
// start-up, src/render/pdf/hyphenate.ts): for every language the package ships, the data must be
// what requiring the file gives, or the line breaks of that language would change.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPatterns } from '../src/render/pdf/hyphenate.ts';

const require = createRequire(import.meta.url);
const dir = join(dirname(require.resolve('hyphen/patterns/en-us.js')));

describe('hyphenation patterns read as JSON', () => {
  const names = readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3));

  it('finds the package\'s languages', () => {
    expect(names).toEqual(expect.arrayContaining(['en-us', 'en-gb', 'fr', 'es', 'ru', 'de-1996']));
  });

  it.each(names)('%s: the same data as the module', (name) => {
    let module: unknown;
    try {
      module = require(join(dir, `${name}.js`));
    } catch {
      // cu.js does not compile as JavaScript (a key that is no identifier, `ⸯ:`); read as data
      // it gives its levels and patterns, so Church Slavonic is hyphenated rather than not at all.
      const data = readPatterns(name) as unknown[];
      expect(Array.isArray(data[0]) && typeof data[1] === 'object').toBe(true);
      return;
    }
    expect(readPatterns(name)).toEqual(module);
  });
});
