import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Store } from '../../../src/main/store/index';
import { EventBus } from '../../../src/main/events';
import { Recommender } from '../../../src/main/recommend/recommender';
import { matchKey, parseHistory } from '../../../src/main/recommend/import-history';
import { addTracks } from '../../helpers/tracks';
import { tempDir } from '../../helpers/temp';

const fixture = (name: string): string => resolve(__dirname, '../../fixtures/history', name);

async function library(): Promise<{ store: Store; rec: Recommender; id: Record<string, number> }> {
  const store = await Store.open(tempDir('encore-import-'));
  const rows = [
    { path: '/m/1.mp3', title: 'Paranoid Android', artist: 'Radiohead' },
    { path: '/m/2.mp3', title: 'Karma Police', artist: 'Radiohead' },
    { path: '/m/3.mp3', title: 'Jóga', artist: 'Björk' },
    { path: '/m/4.mp3', title: 'Suite: Judy Blue Eyes', artist: 'Crosby, Stills & Nash' },
    { path: '/m/5.mp3', title: 'Get Lucky', artist: 'Daft Punk' },
    { path: '/m/6.mp3', title: 'Let It Be', artist: 'The Beatles' },
  ];
  const ids = await addTracks(store, '/m', rows);
  const id = Object.fromEntries(rows.map((r, i) => [r.title, ids[i]]));
  return { store, rec: new Recommender({ store, events: new EventBus() }), id };
}

describe('history import', () => {
  it('normalises artist and title for matching', () => {
    expect(matchKey('Björk', 'Jóga')).toBe(matchKey('BJORK', 'joga'));
    expect(matchKey('Daft Punk feat. Pharrell Williams', 'Get Lucky')).toBe(
      matchKey('Daft Punk', 'Get Lucky'),
    );
    expect(matchKey('The Beatles', 'Let It Be - Remastered 2009')).toBe(
      matchKey('The Beatles', 'Let It Be'),
    );
    expect(matchKey('A', 'Song (feat. B)')).toBe(matchKey('A', 'Song'));
    expect(matchKey('A', 'Song')).not.toBe(matchKey('A', 'Song 2'));
  });

  it('reads each export format', () => {
    const csv = parseHistory(readFileSync(fixture('lastfm.csv'), 'utf8'));
    expect(csv.format).toBe('lastfm-csv');
    expect(csv.listens).toHaveLength(6);
    expect(csv.listens[3]).toMatchObject({
      artist: 'Crosby, Stills & Nash',
      title: 'Suite: Judy Blue Eyes',
    });
    expect(csv.listens[0].at).toBe(Date.UTC(2024, 2, 1, 20, 1));
    const json = parseHistory(readFileSync(fixture('lastfm.json'), 'utf8'));
    expect(json.format).toBe('lastfm-json');
    expect(json.listens).toHaveLength(3); // the "now playing" row has no date
    const lb = parseHistory(readFileSync(fixture('listenbrainz.json'), 'utf8'));
    expect(lb.format).toBe('listenbrainz');
    expect(lb.listens[0]).toMatchObject({ artist: 'RADIOHEAD', at: 1709323260_000 });
    expect(parseHistory(readFileSync(fixture('listenbrainz.jsonl'), 'utf8')).listens).toHaveLength(
      2,
    );
    expect(() => parseHistory('{"hello": 1}')).toThrow(/not a Last.fm or ListenBrainz/);
  });

  it('turns matched listens into history: plays, co-listening and taste', async () => {
    const { store, rec, id } = await library();
    const r = await rec.importHistory(fixture('lastfm.csv'));
    expect(r).toMatchObject({ format: 'lastfm-csv', listens: 6, matched: 5, unmatched: 1 });
    expect(r.unmatchedExamples).toEqual(['Unknown Band — Not In Library']);
    const events = await store.feedback.since(0);
    expect(events.map((e) => e.trackId)).toEqual([
      id['Paranoid Android'],
      id['Karma Police'],
      id['Jóga'],
      id['Suite: Judy Blue Eyes'],
      id['Get Lucky'],
    ]);
    expect(events.every((e) => e.kind === 'complete' && e.source === 'import')).toBe(true);
    // Plays on 1 March and 2 March are separate sessions.
    expect(new Set(events.map((e) => e.sessionId)).size).toBe(2);
    const taste = await rec.taste();
    expect(taste.likes.find((e) => e.facet === 'artist')?.name).toBe('Radiohead');
    // The same file again: every listen is already there and is stored once.
    const again = await rec.importHistory(fixture('lastfm.csv'));
    expect(again).toMatchObject({ matched: 5, alreadyImported: 5 });
    expect(await store.feedback.count()).toBe(5);
    const lb = await rec.importHistory(fixture('listenbrainz.json'));
    expect(lb).toMatchObject({ format: 'listenbrainz', matched: 3, unmatched: 1 });
    await rec.close();
    await store.close();
  });
});
