/** Engine errors in words: each raw message people met maps to its sentence, in both languages. */
import { describe, expect, it } from 'vitest';
import { explainError, reasonOf, reasonSentence } from '../../src/shared/error-sentences';

describe('explainError', () => {
  it.each([
    ['Offset is outside the bounds of the DataView', 'truncated'],
    ['RangeError: Offset is outside the bounds of the DataView', 'truncated'],
    ['pageConsumer should be initialized', 'truncated'],
    ['End-Of-Stream', 'truncated'],
    ['ID3v2 tag size 1559 exceeds remaining file size 590', 'truncated'],
    ['empty file (0 bytes)', 'empty'],
    ['no audio stream found: not an audio file, or damaged beyond reading', 'not-audio'],
    ['Invalid FLAC preamble', 'not-audio'],
    ['Failed to determine audio format', 'not-audio'],
    ['Guessed MIME-type not supported: image/png', 'unsupported'],
    ["ENOENT: no such file or directory, open '/music/gone.json'", 'no-file'],
    ["EACCES: permission denied, open '/music/locked.flac'", 'no-permission'],
    ['EIO: i/o error, read', 'disk'],
    ["Expected property name or '}' in JSON at position 1 (line 1 column 2)", 'bad-json'],
    ['Unexpected end of JSON input', 'bad-json'],
    [
      'semantic model not installed (Xenova/x is not in /d/models/Xenova/x) (offline mode); using the lexical fallback',
      'model-missing',
    ],
    [
      'could not download Xenova/x: hub https://huggingface.co/ unreachable (fetch failed)',
      'hub-unreachable',
    ],
    ['model Xenova/x is incompletely downloaded (no manifest in /d)', 'model-damaged'],
    ['Invalid chunk size', 'damaged'],
    ['something nobody foresaw', 'other'],
  ])('%s → %s', (raw, reason) => {
    expect(reasonOf(raw)).toBe(reason);
  });

  it('says the sentences people were promised, and keeps the raw message', () => {
    expect(explainError(new Error('Offset is outside the bounds of the DataView'))).toEqual({
      reason: 'truncated',
      sentence: 'cannot read this file: it ends early (truncated)',
      raw: 'Offset is outside the bounds of the DataView',
    });
    expect(explainError('no audio stream found: not an audio file').sentence).toBe(
      'not an audio file',
    );
    expect(explainError('semantic model not installed (x)').sentence).toBe(
      'the semantic model is not installed; Encore matches words instead (Settings → Models to install it)',
    );
    // A Node error names its file; the sentence keeps it and drops the code.
    expect(explainError("ENOENT: no such file or directory, open '/m/a.json'").sentence).toBe(
      '/m/a.json: the file is not there (moved, renamed or deleted?)',
    );
    // What nobody foresaw is shown as it is (first line), not hidden.
    expect(explainError(new Error('strange\nsecond line')).sentence).toBe('strange');
  });

  it('has every sentence in Chinese too', () => {
    const reasons = [
      'truncated',
      'empty',
      'not-audio',
      'unsupported',
      'no-file',
      'no-permission',
      'disk',
      'bad-json',
      'model-missing',
      'model-damaged',
      'hub-unreachable',
      'decode-failed',
      'damaged',
    ] as const;
    for (const r of reasons) {
      const zh = reasonSentence(r, 'zh-CN');
      expect(zh, r).toMatch(/[\u4e00-\u9fff]/);
      expect(zh).not.toBe(reasonSentence(r, 'en'));
    }
    expect(explainError('Offset is outside the bounds of the DataView', 'zh-CN').sentence).toBe(
      '无法读取此文件：文件不完整（被截断）',
    );
  });
});
