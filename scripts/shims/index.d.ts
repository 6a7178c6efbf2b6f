// Types of scripts/shims/index.js, for bench/pdf.ts.
import type { Plugin } from 'esbuild';

export declare const alias: Record<string, string>;
export declare const shims: Plugin;
