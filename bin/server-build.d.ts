// Types of server-build.js, for the TypeScript that imports it (scripts/build-server.ts, tests).
export declare const MINIMUM_NODE_MAJOR: number;
export declare const MANIFEST_FILE: string;
export declare function assertNodeVersion(): void;
export declare function hashSources(sourceDir: string): string;
export declare class BuildRefusedError extends Error {}
export declare function chooseServer(root: string): { kind: 'build' | 'sources'; dir: string };
export declare function importServerModule(root: string, name: string): Promise<Record<string, unknown>>;

/** dist/build.json, written by scripts/build-server.ts. */
export interface BuildManifest {
  readonly name: string;
  readonly version: string;
  /** {@link hashSources} of the src/ it was built from. */
  readonly sourceHash: string;
  readonly builtAt: string;
  readonly node: string;
}
