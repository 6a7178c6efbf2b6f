// Types of scripts/validators.js, for the tests.
export declare const validators: readonly { schema: string; file: string }[];
export declare function validatorSource(schemaFile: string): string;
