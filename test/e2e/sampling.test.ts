// Sampling one's own list is not avoiding it (issue 12, "Feedback that means what happened"), end
// to end in the system Chromium against `encore serve`'s host on a real engine: the person plays
// an artist's songs with Play all, hears four of them for about three seconds each and presses
// Next, then likes three other songs by the same artist from the track menu. The taste page must
// not list that artist under "What you avoid". Screenshot: test-results/sampling-taste.png.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Engine } from '../../src/main/engine';
import type { RunningHost } from '../../src/main/host/server';
import { fixtureLibrary } from '../helpers/fixtures';
import { writeWav } from '../main/media/wav';
import {
  describeWithChromium,
  screenshotPath,
  startBrowserHost,
  type BrowserHost,
} from './support';

const ARTIST = 'Sampled Band';
const SONGS = ['Song A', 'Song B', 'Song C', 'Song D', 'Song E', 'Song F', 'Song G'];
// Long enough that nothing ends by itself while the person samples it.
const SONG_S = 60;
// "A few seconds each": the person moves on once this much was heard.
const SAMPLE_S = 3;

describeWithChromium('sampling an artist in a browser does not make it "avoided"', () => {
  let engine: Engine;
  let host: RunningHost;
  let app: BrowserHost;
  let page: Page;
  const { music } = fixtureLibrary({ prefix: 'encore-sampling-lib-' });

  beforeAll(async () => {
    const dir = join(music, ARTIST, 'Samples');
    mkdirSync(dir, { recursive: true });
    SONGS.forEach((title, i) =>
      writeWav(join(dir, `0${i + 1} - ${title}.wav`), {
        seconds: SONG_S,
        hz: 200 + 60 * i,
        tags: { title, artist: ARTIST, album: 'Samples', genre: 'Ambient' },
      }),
    );
    app = await startBrowserHost({
      name: 'sampling',
      engine: { background: false },
      library: music,
    });
    ({ engine, host, page } = app);
    await page.goto(host.url);
    await page.getByRole('grid', { name: 'Songs' }).waitFor({ timeout: 60_000 });
  }, 180_000);

  afterAll(() => app?.close());

  const nav = (name: string): Promise<void> =>
    page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
  const nowTitle = (): Promise<string | null> => page.locator('.now-title').textContent();
  /** The player's position in seconds, read from its "m:ss" display. */
  const positionS = async (): Promise<number> => {
    const text = (await page.locator('.playerbar .time').first().textContent()) ?? '0:00';
    const [m, s] = text.split(':').map(Number);
    return (m ?? 0) * 60 + (s ?? 0);
  };

  it('lists the artist nowhere under "What you avoid" after four short samples and three likes', async () => {
    await nav('Artists');
    await page
      .getByRole('main')
      .getByRole('button', { name: new RegExp(`^${ARTIST}`) })
      .click();
    await page.getByRole('main').getByRole('button', { name: 'Play all', exact: true }).click();
    for (const title of SONGS.slice(0, 4)) {
      await expect.poll(nowTitle, { timeout: 30_000 }).toBe(title);
      await expect.poll(positionS, { timeout: 60_000 }).toBeGreaterThanOrEqual(SAMPLE_S);
      await page.getByRole('button', { name: 'Next', exact: true }).click();
    }
    await expect.poll(nowTitle).toBe(SONGS[4]);
    const pause = page.getByRole('button', { name: 'Pause', exact: true });
    if (await pause.isVisible()) await pause.click();

    for (const title of SONGS.slice(4)) {
      await page.getByRole('gridcell', { name: title }).click({ button: 'right' });
      await page
        .getByRole('menu')
        .getByRole('menuitemcheckbox', { name: 'Like', exact: true })
        .click();
    }

    // What the engine was told: four skips a few seconds in, from the person's own list, and
    // three likes (so the check below is about this evidence, not about nothing recorded).
    const ids = new Map((await engine.store.tracks.list()).map((t) => [t.title, t.id]));
    const events = async (): Promise<{ skips: number; likes: number }> => {
      const all = await engine.store.feedback.since();
      const ofArtist = (title: string): boolean =>
        SONGS.includes(title) && all.some((e) => e.trackId === ids.get(title));
      return {
        skips: SONGS.slice(0, 4).filter(
          (t) =>
            ofArtist(t) &&
            all.some(
              (e) =>
                e.trackId === ids.get(t) &&
                e.kind === 'skip' &&
                e.source !== 'upnext' &&
                (e.positionS ?? 0) >= SAMPLE_S - 1 &&
                (e.positionS ?? 0) < 20,
            ),
        ).length,
        likes: SONGS.slice(4).filter((t) =>
          all.some((e) => e.trackId === ids.get(t) && e.kind === 'like'),
        ).length,
      };
    };
    await expect.poll(events).toEqual({ skips: 4, likes: 3 });

    await nav('Taste');
    const main = page.getByRole('main');
    await main.getByRole('heading').first().waitFor();
    await page.screenshot({ path: screenshotPath('sampling-taste') });
    const avoided = main.locator('section, div').filter({
      has: page.getByRole('heading', { name: 'What you avoid' }),
    });
    const avoidedText = (await avoided.count()) ? await avoided.last().innerText() : '';
    expect(avoidedText).not.toContain(ARTIST);
    // The engine's own view agrees.
    const taste = await engine.recommend.taste();
    expect(taste.dislikes.map((d) => d.name.toLowerCase())).not.toContain(ARTIST.toLowerCase());
  });
});
