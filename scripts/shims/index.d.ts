// Types of scripts/shims/index.js, for bench/pdf.ts and the tests.
import type { Plugin } from 'esbuild';

export declare const alias: Record<string, string>;
export declare const shims: Plugin;
export declare const lazyPackages: string[];
export declare const harfbuzz: Plugin;
export declare const harfbuzzWasm: string;
