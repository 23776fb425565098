/**
 * The sentence-embedding models Encore offers, as data both the engine (src/main/embedding) and
 * Settings read: hub id, vector size, token window, prefixes, languages, download size, a name
 * for people. Why the default is the default: see src/main/embedding/models.ts.
 */
export interface ModelInfo {
  id: string;
  dim: number;
  /** The window the model was trained with (sentence-transformers max_seq_length). */
  maxTokens: number;
  queryPrefix: string;
  passagePrefix: string;
  languages: string;
  /** Size of the int8 model file, MB (what the download costs). */
  sizeMB: number;
  /** What a person calls it in Settings. */
  name: string;
}

export const DEFAULT_MODEL = 'Xenova/paraphrase-multilingual-MiniLM-L12-v2';

export const MODEL_CATALOG: ModelInfo[] = [
  {
    id: DEFAULT_MODEL,
    dim: 384,
    maxTokens: 128,
    queryPrefix: '',
    passagePrefix: '',
    languages: '50+ languages',
    sizeMB: 118,
    name: 'Multilingual MiniLM',
  },
  {
    id: 'Xenova/multilingual-e5-small',
    dim: 384,
    maxTokens: 512,
    queryPrefix: 'query: ',
    passagePrefix: 'passage: ',
    languages: '~100 languages',
    sizeMB: 118,
    name: 'Multilingual E5 (small)',
  },
  {
    id: 'Xenova/all-MiniLM-L6-v2',
    dim: 384,
    maxTokens: 256,
    queryPrefix: '',
    passagePrefix: '',
    languages: 'English only',
    sizeMB: 23,
    name: 'English MiniLM',
  },
];
