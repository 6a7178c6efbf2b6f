// Type declarations for the untyped packages the PDF writer uses (only what it calls).
declare module 'bidi-js' {
  interface EmbeddingLevels {
    levels: Uint8Array;
    paragraphs: { start: number; end: number; level: number }[];
  }
  interface Bidi {
    getEmbeddingLevels(text: string, direction?: 'ltr' | 'rtl' | 'auto'): EmbeddingLevels;
    getReorderedIndices(text: string, levels: EmbeddingLevels, start?: number, end?: number): number[];
    getBidiCharTypeName(char: string): string;
    getMirroredCharacter(char: string): string | null;
  }
  export default function bidiFactory(): Bidi;
}

declare module 'linebreak' {
  interface Break {
    position: number;
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}

declare module 'hyphen' {
  interface HyphenatorOptions {
    async?: false;
    hyphenChar?: string;
    minWordLength?: number;
  }
  export default function createHyphenator(
    patterns: unknown,
    options?: HyphenatorOptions,
  ): (text: string) => string;
}
