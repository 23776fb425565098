/**
 * The analysis algorithm version. Bump it whenever decoding, excerpt choice or any feature's
 * computation changes: rows of older versions are then analysed again, and sound vectors of
 * different versions are never compared.
 */
export const ANALYSIS_VERSION = 3;
