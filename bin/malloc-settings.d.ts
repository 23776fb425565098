// Types of bin/malloc-settings.js for the TypeScript tests that read it.
export declare const MALLOC_SETTINGS: Readonly<Record<string, string>>;
export declare function usesGlibc(): boolean;
export declare function missingMallocSettings(env: NodeJS.ProcessEnv): Record<string, string>;
