// Legacy tag encodings: real encoder output (bytes produced by Python's codecs, hard-coded as hex),
// shown the way music-metadata shows Latin-1 frames, must come back as the original text; genuine
// Latin-1 and real Unicode must be left alone.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFile } from 'music-metadata';
import { describe, expect, it } from 'vitest';
import { repairTagText } from '../../../src/main/library/legacy-encoding';
import { tempDir } from '../../helpers/temp';

/** What music-metadata returns for these bytes in a Latin-1 frame: one char per byte. */
function asLatin1(hex: string): string {
  return Buffer.from(hex, 'hex').toString('latin1');
}

describe('repairTagText', () => {
  it('re-decodes GBK (simplified Chinese) artist, title and album', () => {
    const cases: [string[], string[]][] = [
      [
        ['c1d6bfa1bddc', 'bdadc4cf', 'b5dab6feccecccc3'],
        ['林俊杰', '江南', '第二天堂'],
      ],
      [
        ['cdf5b7c6', 'baecb6b9', 'b3aad3ce'],
        ['王菲', '红豆', '唱游'],
      ],
      [
        ['cee5d4c2ccec', 'bef3c7bf', 'c9f1b5c4baa2d7d3b6bcd4daccf8cee8'],
        ['五月天', '倔强', '神的孩子都在跳舞'],
      ],
    ];
    for (const [hex, want] of cases) {
      const shown = hex.map(asLatin1);
      expect(shown[0]).not.toBe(want[0]);
      expect(repairTagText(shown)).toEqual({ encoding: 'gbk', texts: want });
    }
  });

  it('prefers GBK when its bytes also read as plausible Cyrillic', () => {
    // In CP1251 these read "ХЕРЕХЬ", "№э»р", "РДКВ" and "ИОПНЖл", "РДМ«Ин": Cyrillic letters.
    const r = repairTagText(['d5c5d0c5d5dc', 'b9fdbbf0', 'd0c4cac2'].map(asLatin1));
    expect(r).toEqual({ encoding: 'gbk', texts: ['张信哲', '过火', '心事'] });
    const r2 = repairTagText(['c8cecfcdc6eb', 'd0c4ccabc8ed'].map(asLatin1));
    expect(r2).toEqual({ encoding: 'gbk', texts: ['任贤齐', '心太软'] });
  });

  it('keeps ASCII values unchanged and in place', () => {
    const r = repairTagText([
      'Track 1',
      asLatin1('c1d6bfa1bddc'),
      asLatin1('bdadc4cf'),
      '2003',
      '',
    ]);
    expect(r).toEqual({ encoding: 'gbk', texts: ['Track 1', '林俊杰', '江南', '2003', ''] });
  });

  it('re-decodes Big5 (traditional Chinese)', () => {
    const r = repairTagText(
      ['a950aa4eaddb', 'b4b8a4d1', 'b8adb466acfc'].map(asLatin1).concat(['Mandopop']),
    );
    expect(r).toEqual({ encoding: 'big5', texts: ['周杰倫', '晴天', '葉惠美', 'Mandopop'] });
    const r2 = repairTagText(['be48c452a767', 'a4ebab47a54eaaeda7daaabaa4df'].map(asLatin1));
    expect(r2).toEqual({ encoding: 'big5', texts: ['鄧麗君', '月亮代表我的心'] });
  });

  it('re-decodes Shift-JIS (Japanese)', () => {
    const r = repairTagText(['894691bd93638371834a838b', '89d491a982f08c4e82c9'].map(asLatin1));
    expect(r).toEqual({ encoding: 'shift_jis', texts: ['宇多田ヒカル', '花束を君に'] });
  });

  it('re-decodes CP1251 (Russian)', () => {
    const r = repairTagText(
      ['cae8edee', 'c3f0f3efefe020eaf0eee2e8', 'c7e2e5e7e4e020efee20e8ece5ede820d1eeebedf6e5'].map(
        asLatin1,
      ),
    );
    expect(r).toEqual({
      encoding: 'windows-1251',
      texts: ['Кино', 'Группа крови', 'Звезда по имени Солнце'],
    });
  });

  it('re-decodes UTF-8 bytes in a Latin-1 frame', () => {
    expect(repairTagText([asLatin1('4265796f6e63c3a9'), 'Halo'])).toEqual({
      encoding: 'utf-8',
      texts: ['Beyoncé', 'Halo'],
    });
    const r = repairTagText(
      ['e69e97e4bf8ae69db0', 'd092d180d0b5d0bcd18f', '53696775722052c3b373'].map(asLatin1),
    );
    expect(r).toEqual({ encoding: 'utf-8', texts: ['林俊杰', 'Время', 'Sigur Rós'] });
  });

  it('drops half a character cut off at the end of a full 30-byte ID3v1 field', () => {
    // "1神的孩子都在跳舞神的孩子都在跳舞" in GBK is 33 bytes; ID3v1 keeps 30, so "跳" (cc f8)
    // loses its second byte.
    const full = '31c9f1b5c4baa2d7d3b6bcd4daccf8cee8c9f1b5c4baa2d7d3b6bcd4daccf8cee8';
    const cut = asLatin1(full.slice(0, 60));
    expect(cut).toHaveLength(30);
    expect(repairTagText([cut, asLatin1('cee5d4c2ccec')])).toEqual({
      encoding: 'gbk',
      texts: ['1神的孩子都在跳舞神的孩子都在', '五月天'],
    });
  });

  it('leaves genuine Latin-1 European text alone', () => {
    const files = [
      ['Mi Korasón', 'Bachata'],
      ['Beyoncé', 'Crazy in Love'],
      ['Sigur Rós', 'Ágætis byrjun', 'Svefn-g-englar'],
      ['Motörhead', 'Ace of Spades'],
      ['Françoise Hardy', 'Tous les garçons et les filles'],
      ['Björk', 'Jóga', 'Homogenic'],
      ['Mötley Crüe', 'Dr. Feelgood'],
      ['Édith Piaf', 'Non, je ne regrette rien'],
      ['Maná', '¿Dónde jugarán los niños?'],
      ['Caetano Veloso', 'Canção de Protesto', 'Coração Vagabundo'],
      ['Die Ärzte', 'Schrei nach Liebe'],
      ['Ólafur Arnalds', 'Þú ert sólin'],
      ['Røyksopp', 'Eple', 'Melody A.M.'],
      ['Tiësto', 'Adagio for Strings'],
      ['Åge Aleksandersen', 'Levva livet'],
      ['Amadou & Mariam', 'Dimanche à Bamako'],
      ['Live © 1999', 'Café del Mar', '«Chill»'],
      ['Déjà Vu', 'À toi, à moi', 'É o Tchan'],
      // Windows-1252 punctuation that Windows taggers put into Latin-1 frames (0x92 = ’).
      [asLatin1('446f6e92742053746f70204d65204e6f77'), 'Queen'],
    ];
    for (const texts of files) expect(repairTagText(texts), texts.join(' / ')).toBeNull();
  });

  it('leaves real Unicode and plain ASCII alone', () => {
    expect(repairTagText(['林俊杰', 'ÁÖ'])).toBeNull();
    expect(repairTagText(['Кино', 'Группа крови'])).toBeNull();
    expect(repairTagText(['Radiohead', 'OK Computer'])).toBeNull();
    expect(repairTagText([])).toBeNull();
  });

  it('does not guess from one lone pair of bytes', () => {
    // 0xb0 0xae is "爱" in GBK: a single character is not enough evidence for the whole file.
    expect(repairTagText([asLatin1('b0ae'), 'Love'])).toBeNull();
  });
});

/** One ID3v2.3 text frame with encoding byte 0 (Latin-1) holding raw `bytes`. */
function textFrame(id: string, bytes: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from([0]), bytes]);
  const header = Buffer.alloc(10);
  header.write(id, 0, 'latin1');
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

function syncsafe(n: number): Buffer {
  return Buffer.from([(n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f]);
}

describe('repairTagText on a real file parsed by music-metadata', () => {
  it('repairs GBK bytes in Latin-1 ID3v2.3 frames', async () => {
    const frames = Buffer.concat([
      textFrame('TIT2', Buffer.from('bdadc4cf', 'hex')),
      textFrame('TPE1', Buffer.from('c1d6bfa1bddc', 'hex')),
      textFrame('TALB', Buffer.from('b5dab6feccecccc3', 'hex')),
    ]);
    const tag = Buffer.concat([
      Buffer.from('ID3\x03\x00\x00', 'latin1'),
      syncsafe(frames.length),
      frames,
    ]);
    // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: 417-byte frames of silence.
    const frame = Buffer.alloc(417);
    frame.set([0xff, 0xfb, 0x90, 0x00]);
    const path = join(tempDir(), 'gbk.mp3');
    await writeFile(path, Buffer.concat([tag, ...Array.from({ length: 20 }, () => frame)]));

    const { common } = await parseFile(path);
    expect(common.title).toBe(asLatin1('bdadc4cf'));
    const r = repairTagText([common.title ?? '', common.artist ?? '', common.album ?? '']);
    expect(r).toEqual({ encoding: 'gbk', texts: ['江南', '林俊杰', '第二天堂'] });
  });
});

describe('repairTagText on the fixture library', () => {
  it('finds the tag encoding fix that expected.json says for every readable file', async () => {
    const root = join(__dirname, '../../fixtures/library');
    const expected = JSON.parse(await readFile(join(root, 'expected.json'), 'utf8')) as Record<
      string,
      { title?: string; artist?: string; tagEncodingFix?: string | null; error?: boolean }
    >;
    const fixes: string[] = [];
    for (const [rel, e] of Object.entries(expected)) {
      if (e.error) continue;
      const { common: c } = await parseFile(join(root, rel), { skipCovers: true });
      const texts = [c.title, c.artist, c.album, c.albumartist, ...(c.genre ?? [])];
      const r = repairTagText(texts.map((t) => t ?? ''));
      expect(r?.encoding ?? null, rel).toBe(e.tagEncodingFix);
      if (r) {
        expect(r.texts.slice(0, 2), rel).toEqual([e.title, e.artist]);
        fixes.push(r.encoding);
      }
    }
    expect(fixes.sort()).toEqual(['big5', 'gbk']);
  });
});

describe('repairTagText accuracy on real encoder output (test/fixtures/legacy-names.json)', () => {
  interface NameFile {
    set: 'tuning' | 'held-out';
    encoding: string | null;
    texts: string[];
    bytes: string[];
  }

  it('repairs at least 95% of legacy files, never guesses a wrong encoding, never touches Latin-1', async () => {
    const files = JSON.parse(
      await readFile(join(__dirname, '../../fixtures/legacy-names.json'), 'utf8'),
    ) as NameFile[];
    expect(files.length).toBeGreaterThan(400);
    const stats = { legacy: 0, repaired: 0, wrong: [] as string[] };
    for (const f of files) {
      const ascii = f.texts.every((t) => /^[\x20-\x7e]*$/.test(t));
      const want = ascii ? null : f.encoding;
      const r = repairTagText(f.bytes.map(asLatin1));
      const label = `${f.set} ${f.encoding}: ${f.texts.join(' / ')} -> ${r?.encoding}`;
      if (want === null) {
        if (r) stats.wrong.push(label);
        continue;
      }
      stats.legacy++;
      if (!r) continue;
      if (r.encoding === want && r.texts.join('|') === f.texts.join('|')) stats.repaired++;
      else stats.wrong.push(label);
    }
    expect(stats.wrong).toEqual([]);
    expect(stats.repaired / stats.legacy).toBeGreaterThanOrEqual(0.95);
  });
});
