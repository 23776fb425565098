/**
 * One place that turns engine errors into sentences a person understands, in English and
 * Chinese, for the CLI and the renderer alike. Parser internals ("Offset is outside the bounds of
 * the DataView", "pageConsumer should be initialized"), Node error codes (ENOENT, EACCES) and
 * JSON.parse wording ("Expected property name…") are matched to a reason; each reason has one
 * sentence. The raw message is never thrown away: callers keep it for `--json` and the log.
 */

export type Lang = 'en' | 'zh-CN';

/** Why something could not be read or done, as a person would group it. */
export type ProblemReason =
  | 'truncated'
  | 'empty'
  | 'not-audio'
  | 'unsupported'
  | 'no-file'
  | 'no-permission'
  | 'disk'
  | 'bad-json'
  | 'model-missing'
  | 'model-damaged'
  | 'hub-unreachable'
  | 'decode-failed'
  | 'damaged'
  | 'other';

/** Patterns tried in order; the first that matches names the reason. */
const PATTERNS: [RegExp, ProblemReason][] = [
  [/semantic model not installed|is not in .*models|model .* not installed/i, 'model-missing'],
  [/incompletely downloaded|damaged download|manifest .* unreadable/i, 'model-damaged'],
  [
    /hub .* unreachable|fetch failed|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/i,
    'hub-unreachable',
  ],
  [
    /Expected property name|Unexpected token|Unexpected end of JSON|is not valid JSON|JSON at position|Bad control character/i,
    'bad-json',
  ],
  [/empty file|\(0 bytes\)|empty Uint8Array/i, 'empty'],
  [
    /outside the bounds of the DataView|pageConsumer should be initialized|End-Of-Stream|unexpected end|exceeds (remaining|available)|ends early|truncated|premature end|Cannot continue on previous page|missing \d+ bytes/i,
    'truncated',
  ],
  [
    /no audio stream|not an audio file|invalid data found when processing input|Invalid FLAC preamble|Invalid (Magic number|signature|chunk signature|Chunk-ID|Ogg capture pattern)|Unexpected magic number|Illegal ogg|FourCC contains invalid|Failed to determine audio format|does not look like/i,
    'not-audio',
  ],
  [
    /unsupported|MIME-type|not supported|codec not recognized|unknown format|no decoder/i,
    'unsupported',
  ],
  [/ENOENT|no such file or directory|vanished|does not exist/i, 'no-file'],
  [/EACCES|EPERM|permission denied|operation not permitted/i, 'no-permission'],
  [/\bEIO\b|i\/o error|ENXIO|ESTALE|unmounted/i, 'disk'],
  [/decode|decoding|audio-decode|ffmpeg/i, 'decode-failed'],
  [/invalid|illegal|unexpected|corrupt|malformed|unrealistic/i, 'damaged'],
];

const SENTENCES: Record<Lang, Record<Exclude<ProblemReason, 'other'>, string>> = {
  en: {
    truncated: 'cannot read this file: it ends early (truncated)',
    empty: 'cannot read this file: it is empty (0 bytes)',
    'not-audio': 'not an audio file',
    unsupported: 'cannot read this file: Encore does not know this audio format',
    'no-file': 'the file is not there (moved, renamed or deleted?)',
    'no-permission': 'cannot read this file: no permission to open it',
    disk: 'cannot read this file: the disk did not answer (unplugged or failing)',
    'bad-json': 'cannot read this file: it is not valid JSON',
    'model-missing':
      'the semantic model is not installed; Encore matches words instead (Settings → Models to install it)',
    'model-damaged':
      'the semantic model download is incomplete or damaged; download it again (Settings → Models)',
    'hub-unreachable':
      'cannot reach the model download site (offline, or blocked); Encore matches words meanwhile',
    'decode-failed': 'cannot decode the audio in this file (damaged, or an unusual encoding)',
    damaged: 'cannot read this file: it is damaged (its structure makes no sense)',
  },
  'zh-CN': {
    truncated: '无法读取此文件：文件不完整（被截断）',
    empty: '无法读取此文件：文件是空的（0 字节）',
    'not-audio': '不是音频文件',
    unsupported: '无法读取此文件：Encore 不认识这种音频格式',
    'no-file': '文件已不在原处（被移动、改名或删除）',
    'no-permission': '无法读取此文件：没有打开它的权限',
    disk: '无法读取此文件：磁盘没有响应（已拔出或有故障）',
    'bad-json': '无法读取此文件：不是有效的 JSON',
    'model-missing': '语义模型尚未安装；Encore 暂时按字词匹配（在 设置 → 模型 中安装）',
    'model-damaged': '语义模型下载不完整或已损坏；请重新下载（设置 → 模型）',
    'hub-unreachable': '无法连接模型下载站点（离线或被阻止）；Encore 暂时按字词匹配',
    'decode-failed': '无法解码此文件中的音频（已损坏，或编码不常见）',
    damaged: '无法读取此文件：文件已损坏（结构无法识别）',
  },
};

/** The message of an Error (or the text itself), without a leading "Error: ". */
export function rawMessage(err: unknown): string {
  const text =
    err instanceof Error ? err.message : typeof err === 'string' ? err : JSON.stringify(err);
  return (text ?? String(err)).replace(/^(\w*Error): /, '');
}

/** The reason behind a raw error message ('other' when none of the known ones). */
export function reasonOf(raw: string): ProblemReason {
  for (const [pattern, reason] of PATTERNS) if (pattern.test(raw)) return reason;
  return 'other';
}

export interface Explained {
  reason: ProblemReason;
  /** What a person reads. */
  sentence: string;
  /** The original message, for --json and the log. */
  raw: string;
}

/** The sentence for a reason; for 'other' the raw message itself (first line). */
export function reasonSentence(reason: ProblemReason, lang: Lang = 'en', raw = ''): string {
  if (reason === 'other') return raw.split('\n')[0] || (lang === 'en' ? 'failed' : '失败');
  return SENTENCES[lang][reason];
}

/** The file a Node error names (`open '/a/b.json'`), so the sentence can say which one. */
const quotedPath = (raw: string): string | undefined => /'([^']*[\\/][^']*)'/.exec(raw)?.[1];

/** `err` (an Error or a stored message) explained in `lang`; names the file a Node error names. */
export function explainError(err: unknown, lang: Lang = 'en'): Explained {
  const raw = rawMessage(err);
  const reason = reasonOf(raw);
  const sentence = reasonSentence(reason, lang, raw);
  const path = reason === 'other' ? undefined : quotedPath(raw);
  return { reason, raw, sentence: path ? `${path}: ${sentence}` : sentence };
}
