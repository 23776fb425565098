/** The part of essentia.js 0.1.3 (no bundled types at its root) that the analysis uses. */
declare module 'essentia.js' {
  /** An embind vector living in the WASM heap: free it with delete(). */
  export interface EssentiaVector {
    size(): number;
    delete(): void;
  }
  export interface EssentiaInstance {
    version: string;
    arrayToVector(a: Float32Array): EssentiaVector;
    KeyExtractor(
      audio: EssentiaVector,
      ...params: unknown[]
    ): { key: string; scale: string; strength: number };
    Danceability(
      signal: EssentiaVector,
      maxTau?: number,
      minTau?: number,
      sampleRate?: number,
    ): { danceability: number; dfa: EssentiaVector };
    DynamicComplexity(
      signal: EssentiaVector,
      frameSize?: number,
      sampleRate?: number,
    ): { dynamicComplexity: number; loudness: number };
  }
  const pkg: {
    Essentia: new (wasm: unknown) => EssentiaInstance;
    EssentiaWASM: unknown;
  };
  export default pkg;
}
