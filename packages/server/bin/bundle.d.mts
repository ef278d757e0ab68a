// Types of bundle.mjs, for the TypeScript that imports it (bench/api.ts, test/bundle.test.ts).
export declare const BUNDLE: string;
export declare function newestMtime(path: string): number;
export declare function freshBundle(bundle?: string, sources?: string[]): string | null;
export declare function buildBundle(outfile?: string): Promise<void>;
