// Types of bin/v8-settings.js for the TypeScript tests that read it.
export declare const YOUNG_GENERATION_OPTION: string;
export declare function missingV8Settings(env: NodeJS.ProcessEnv): Record<string, string>;
