// Types of scripts/report-plan-validator.js, for the tests.
export declare const validatorFile: string;
export declare function validatorSource(): string;
