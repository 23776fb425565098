// LRC parsing: time tag variants, several tags per line, ID tags, the offset tag, enhanced word
// times, sorting, CRLF and BOM.
import { describe, expect, it } from 'vitest';
import { looksLikeLrc, parseLrc } from '../../../src/main/library/lrc';

describe('parseLrc', () => {
  it('reads [mm:ss.xx], [mm:ss.xxx], [mm:ss:xx] and [mm:ss] time tags', () => {
    const r = parseLrc(
      '[00:01.50]one\n[00:02.250]two\n[00:03:75]three\n[01:04]four\n[00:05.5]five',
    );
    expect(r.lines).toEqual([
      { t: 1.5, text: 'one' },
      { t: 2.25, text: 'two' },
      { t: 3.75, text: 'three' },
      { t: 5.5, text: 'five' },
      { t: 64, text: 'four' },
    ]);
    expect(r.plain).toBe('one\ntwo\nthree\nfive\nfour');
  });

  it('repeats a line for each of its time tags and sorts by time', () => {
    const r = parseLrc('[00:10.00][00:30.00]chorus\n[00:20.00] verse \n[00:05.00]intro');
    expect(r.lines.map((l) => [l.t, l.text])).toEqual([
      [5, 'intro'],
      [10, 'chorus'],
      [20, 'verse'],
      [30, 'chorus'],
    ]);
  });

  it('collects ID tags and keeps them out of the lines', () => {
    const text =
      '[ar:Test Artist]\n[ti: Test Title ]\n[al:Album]\n[by:someone]\n[length: 03:25]\n[00:01.00]hello';
    const r = parseLrc(text);
    expect(r.meta).toEqual({
      ar: 'Test Artist',
      ti: 'Test Title',
      al: 'Album',
      by: 'someone',
      length: '03:25',
    });
    expect(r.lines).toEqual([{ t: 1, text: 'hello' }]);
  });

  it('applies a positive offset by showing lines earlier, a negative one later', () => {
    const early = parseLrc('[offset:+500]\n[00:10.00]a\n[00:00.20]b');
    expect(early.meta.offset).toBe('+500');
    expect(early.lines).toEqual([
      { t: 0, text: 'b' },
      { t: 9.5, text: 'a' },
    ]);
    const late = parseLrc('[offset:-1250]\n[00:10.00]a');
    expect(late.lines).toEqual([{ t: 11.25, text: 'a' }]);
  });

  it('strips enhanced LRC word times', () => {
    const r = parseLrc('[00:12.00]<00:12.00>Hello <00:12.50>big <00:13.00>world');
    expect(r.lines).toEqual([{ t: 12, text: 'Hello big world' }]);
  });

  it('handles CRLF, a BOM, blank and untimed lines', () => {
    const r = parseLrc(
      '\uFEFF[ti:T]\r\n\r\n[00:01.00]a\r\nstray credit line\r\n[00:02.00]\r\n[00:03.00]b\r\n',
    );
    expect(r.meta).toEqual({ ti: 'T' });
    expect(r.lines).toEqual([
      { t: 1, text: 'a' },
      { t: 2, text: '' },
      { t: 3, text: 'b' },
    ]);
    expect(r.plain).toBe('a\nb');
  });

  it('gives the untimed lines as plain text when nothing is timed', () => {
    const r = parseLrc('[ar:X]\nfirst line\nsecond line\n');
    expect(r.lines).toEqual([]);
    expect(r.plain).toBe('first line\nsecond line');
  });
});

describe('looksLikeLrc', () => {
  it('tells LRC from plain lyrics', () => {
    expect(looksLikeLrc('[00:01.00]a\n[00:02.00]b')).toBe(true);
    expect(looksLikeLrc('[ar:X]\n[00:01.00]only line')).toBe(true);
    expect(looksLikeLrc('Just some words\n[Chorus]\nmore words')).toBe(false);
    expect(looksLikeLrc('')).toBe(false);
  });
});
