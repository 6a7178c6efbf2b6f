// Types of scripts/ascii.js, for the tests.
export declare function asciiOnly(code: string): string;
