// End to end in a real browser: the system Chromium (playwright-core) against `encore serve`'s
// host on a real engine and a copy of the fixture library. Scan from the first-run screen, see
// the library, play (the media request is a 206 answer to a Range request), search, synced lyrics,
// albums, queue reorder and remove, settings and language, resume after a reload, the hand-over
// to the next track (gapless and crossfading), the auto-DJ, and tags shown as text. Screenshots
// of each screen go to test-results/.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { Engine } from '../../src/main/engine';
import type { RunningHost } from '../../src/main/host/server';
import { tempDir } from '../helpers/temp';
import { writeWav } from '../main/media/wav';
import { moodMapPoints } from '../../src/main/store/mood-map';
import {
  describeWithChromium,
  screenshotPath,
  startBrowserHost,
  type BrowserHost,
} from './support';

const fixtures = resolve(import.meta.dirname, '../fixtures/library');
const XSS_TITLE = '<img src=x onerror="window.__pwned=1">';

describeWithChromium('the app in a browser (encore serve)', () => {
  let engine: Engine;
  let host: RunningHost;
  let app: BrowserHost;
  let page: Page;
  const library = join(tempDir('encore-e2e-lib-'), 'Music');
  const mediaResponses: { url: string; status: number; range: string | null }[] = [];

  beforeAll(async () => {
    cpSync(fixtures, library, { recursive: true });
    // A long tone with synced lyrics (the fixture songs are too short to watch a highlight move),
    // and a song whose tags try to inject HTML.
    mkdirSync(join(library, 'Test Tones', 'Long'), { recursive: true });
    const tone = join(library, 'Test Tones', 'Long', '01 - Long Tone.wav');
    writeWav(tone, {
      seconds: 30,
      tags: { title: 'Long Tone', artist: 'Test Tones', album: 'Long' },
    });
    writeFileSync(
      tone.replace(/\.wav$/, '.lrc'),
      '[00:00.00]Line one\n[00:01.00]Line two\n[00:02.00]Line three\n[00:03.00]Line four\n[00:20.00]Late line\n',
    );
    mkdirSync(join(library, 'Test Tones', 'Gapless'), { recursive: true });
    for (const [n, title] of [
      [1, 'Gap A'],
      [2, 'Gap B'],
    ] as const) {
      writeWav(join(library, 'Test Tones', 'Gapless', `0${n} - ${title}.wav`), {
        seconds: 4,
        hz: 330 * n,
        tags: { title, artist: 'Test Tones', album: 'Gapless' },
      });
    }
    writeFileSync(
      join(library, 'Test Tones', 'Long', '02 - Tricky.lrc'),
      '[00:00.00]<img src=x onerror="window.__pwned=2">\n[00:00.50]<a href="javascript:alert(1)">click</a>\n',
    );
    writeWav(join(library, 'Test Tones', 'Long', '02 - Tricky.wav'), {
      seconds: 2,
      tags: { title: XSS_TITLE, artist: 'javascript:alert(1)', album: 'Long' },
    });
    app = await startBrowserHost({ name: 'e2e' });
    ({ engine, host, page } = app);
    page.on('response', (res) => {
      if (res.url().includes('/media/track/'))
        mediaResponses.push({
          url: res.url(),
          status: res.status(),
          range: res.request().headers().range ?? null,
        });
    });
  }, 180_000);

  afterAll(() => app?.close());

  it('first run: adds a folder, scans it, and shows the library', async () => {
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Your library is empty.' }).waitFor();
    await page.screenshot({ path: screenshotPath('01-first-run') });
    await page.getByLabel('Folder path').fill(library);
    await page.getByRole('button', { name: 'Add folder' }).click();
    await page.getByRole('grid', { name: 'Songs' }).waitFor({ timeout: 60_000 });
    await page.getByRole('gridcell', { name: 'Polar Night' }).waitFor();
    const rows = await page.locator('[data-track-id]').count();
    expect(rows).toBeGreaterThanOrEqual(10);
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 10_000 })
      .toContain('Scan finished');
    await page.screenshot({ path: screenshotPath('02-library') });
  });

  it('cold start: picking an artist you love seeds the taste model', async () => {
    const cold = page.getByRole('region', { name: 'Who do you love?' });
    await cold.getByRole('button', { name: 'Aurora Lane' }).click();
    await expect.poll(async () => (await engine.recommend.taste()).events).toBeGreaterThan(0);
    const taste = await engine.recommend.taste();
    expect(taste.likedTracks.length).toBeGreaterThan(0);
    await cold.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => cold.count()).toBe(0);
  });

  it('shows tags as text, never as HTML', async () => {
    await page.getByRole('gridcell', { name: XSS_TITLE }).waitFor();
    expect(await page.locator('.tracks img').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
  });

  it('plays a track: the audio arrives as 206 answers to Range requests', async () => {
    await page.getByRole('gridcell', { name: 'Long Tone' }).dblclick();
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    await expect
      .poll(() => mediaResponses.some((r) => r.status === 206 && r.range?.startsWith('bytes=')), {
        timeout: 15_000,
      })
      .toBe(true);
    await expect.poll(() => page.locator('.now-title').textContent()).toBe('Long Tone');
    await expect
      .poll(async () => Number(await page.getByRole('slider', { name: 'Seek' }).inputValue()), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0.5);
    await page.screenshot({ path: screenshotPath('03-playing') });
  });

  it('highlights synced lyrics as the song plays', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Lyrics' }).click();
    const active = page.locator('.lyrics-synced [aria-current="true"]');
    await active.waitFor({ timeout: 15_000 });
    const first = await active.textContent();
    await expect.poll(() => active.textContent(), { timeout: 15_000 }).not.toBe(first);
    await page.screenshot({ path: screenshotPath('04-lyrics') });
  });

  it('searches with Ctrl+F (full text, lyrics included)', async () => {
    await page.locator('body').press('Control+f');
    await expect
      .poll(() => page.evaluate('document.activeElement && document.activeElement.type'))
      .toBe('search');
    await page.keyboard.type('morning');
    await page.getByRole('heading', { name: /results? for “morning”/ }).waitFor();
    await page.getByRole('gridcell', { name: 'Polar Night' }).waitFor();
    await page.screenshot({ path: screenshotPath('05-search') });
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
  });

  it('shows the album grid and plays an album', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Albums' }).click();
    await page.getByRole('button', { name: /Northern Lights/ }).waitFor();
    await page.screenshot({ path: screenshotPath('06-albums') });
    await page.getByRole('button', { name: /Northern Lights/ }).click();
    await page.getByRole('button', { name: 'Play Northern Lights' }).click();
    await expect.poll(() => page.locator('.now-title').textContent()).toBe('First Light');
  });

  it('reorders and removes queue entries', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Queue' }).click();
    const titles = (): Promise<string[]> => page.locator('.queue-row .q-title').allTextContents();
    await expect.poll(titles).toEqual(['First Light', 'Polar Night']);
    await page.getByRole('button', { name: 'Move Polar Night up' }).click();
    await expect.poll(titles).toEqual(['Polar Night', 'First Light']);
    await page.screenshot({ path: screenshotPath('07-queue') });
    await page.getByRole('button', { name: 'Remove Polar Night from the queue' }).click();
    await expect.poll(titles).toEqual(['First Light']);
  });

  it('resumes the same track at the same place after a reload', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Songs' }).click();
    await page.getByRole('gridcell', { name: 'Long Tone' }).dblclick();
    // The track that was playing before must not stand in for this one.
    await expect.poll(() => page.locator('.now-title').textContent()).toBe('Long Tone');
    const seek = page.getByRole('slider', { name: 'Seek' });
    await expect
      .poll(async () => Number(await seek.inputValue()), { timeout: 15_000 })
      .toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Pause' }).click();
    const before = Number(await seek.inputValue());
    await page.reload();
    await expect
      .poll(() => page.locator('.now-title').textContent(), { timeout: 15_000 })
      .toBe('Long Tone');
    await expect
      .poll(async () => Number(await seek.inputValue()), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(Math.abs(Number(await seek.inputValue()) - before)).toBeLessThan(1);
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  });

  it('shows Up Next with reasons, and Skip changes it', async () => {
    const panel = page.getByRole('complementary', { name: 'Up Next' });
    const items = panel.locator('.suggestion');
    const ids = async (): Promise<(string | null)[]> => {
      const out: (string | null)[] = [];
      for (let i = 0; i < (await items.count()); i++)
        out.push(await items.nth(i).getAttribute('data-track-id'));
      return out;
    };
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBeGreaterThan(1);
    for (const reason of await panel.locator('.reason').allTextContents())
      expect(reason.trim()).not.toBe('');
    const before = await ids();
    await page.screenshot({ path: screenshotPath('10-upnext') });
    await panel.getByRole('button', { name: 'Skip' }).first().click();
    await expect.poll(ids, { timeout: 15_000 }).not.toEqual(before);
    expect(await ids()).not.toContain(before[0]);
    await expect.poll(async () => (await engine.recommend.taste()).events).toBeGreaterThan(0);
  });

  it('opens a mood playlist and starts a station from a vibe', async () => {
    await expect
      .poll(async () => (await moodMapPoints(engine.store.db)).length, { timeout: 120_000 })
      .toBeGreaterThan(5);
    await expect
      .poll(() => engine.analysis.progress().state, { timeout: 120_000 })
      .not.toBe('running');
    await page.getByRole('navigation').getByRole('button', { name: 'Moods' }).click();
    await page.getByRole('button', { name: 'Calm', exact: true }).click();
    await page.getByRole('heading', { name: 'Mood: Calm' }).waitFor();
    await expect.poll(() => page.locator('.playlist .suggestion').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('11-mood-playlist') });
    // The vibe search reads the text vectors: wait until every track has one.
    await expect
      .poll(async () => (await engine.meaning.status()).vectors?.pending, { timeout: 120_000 })
      .toBe(0);
    await page.getByRole('textbox', { name: 'Vibe search' }).fill('rainy sunday morning');
    await page.getByRole('button', { name: 'Start station' }).click();
    await page.getByRole('heading', { name: 'Station: rainy sunday morning' }).waitFor();
    await expect.poll(() => page.locator('.playlist .suggestion').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('12-vibe-station') });
    await page.locator('.playlist').getByRole('button', { name: 'Play all' }).click();
    await expect
      .poll(() => engine.store.appState.player().then((p) => p.source?.kind))
      .toBe('station');
  });

  it('shows the mood map: hover names a dot, click plays it', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Mood map' }).click();
    const canvas = page.getByRole('img', { name: /Mood map/ });
    await canvas.waitFor();
    const points = await moodMapPoints(engine.store.db);
    await expect.poll(() => canvas.getAttribute('aria-label')).toContain(`${points.length} songs`);
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no canvas box');
    const target = points[0] as (typeof points)[number];
    const x = box.x + target.valence * box.width;
    const y = box.y + (1 - target.arousal) * box.height;
    await page.mouse.move(x, y);
    const tip = page.getByRole('tooltip');
    await tip.waitFor();
    await page.screenshot({ path: screenshotPath('13-mood-map') });
    const hovered = await tip.locator('strong').textContent();
    await page.mouse.down();
    await page.mouse.up();
    await expect.poll(() => page.locator('.now-title').textContent()).toBe(hovered);
  });

  it('shows the taste page', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Taste' }).click();
    await page.getByText(/Learned from \d+ plays/).waitFor();
    await page.screenshot({ path: screenshotPath('14-taste') });
  });

  it('has settings with the library folder, and switches the UI to Simplified Chinese', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    await page.getByText(library, { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('08-settings') });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('navigation').getByRole('button', { name: '设置' }).waitFor();
    await page.getByRole('navigation').getByRole('button', { name: '歌曲' }).click();
    await page.screenshot({ path: screenshotPath('09-chinese') });
    expect((await engine.store.appState.settings()).language).toBe('zh-CN');
    await page.getByRole('navigation').getByRole('button', { name: '设置' }).click();
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  });

  it('shows lyrics holding HTML as text, in the lyrics view and the player', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Songs' }).click();
    await page.getByRole('gridcell', { name: XSS_TITLE }).dblclick();
    await page.getByRole('navigation').getByRole('button', { name: 'Lyrics' }).click();
    await page.getByText('<a href="javascript:alert(1)">click</a>').waitFor();
    await page.getByText('<img src=x onerror="window.__pwned=2">').waitFor();
    expect(await page.locator('.lyrics a, .lyrics img, .playerbar img[src="x"]').count()).toBe(0);
    await expect.poll(() => page.locator('.now-title').textContent()).toBe(XSS_TITLE);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    await page.screenshot({ path: screenshotPath('15-html-as-text') });
  });

  it('loads the next track ahead, and hands over to it at the end', async () => {
    const tracks = await engine.store.tracks.list();
    const b = tracks.find((t) => t.title === 'Gap B');
    if (!b) throw new Error('Gap B was not scanned');
    const requestsForB = (): number =>
      mediaResponses.filter((r) => r.url.endsWith(`/media/track/${b.id}`)).length;
    await page.getByRole('navigation').getByRole('button', { name: 'Albums' }).click();
    await page.getByRole('button', { name: /Gapless/ }).click();
    await page.getByRole('button', { name: 'Play Gapless' }).click();
    await expect.poll(() => page.locator('.now-title').textContent()).toBe('Gap A');
    // B is fetched while A still plays: the standby deck has it ready for the hand-over.
    await expect.poll(requestsForB, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.locator('.now-title').textContent()).toBe('Gap A');
    await expect
      .poll(() => page.locator('.now-title').textContent(), { timeout: 20_000 })
      .toBe('Gap B');
    await page.getByRole('button', { name: 'Pause' }).click();
  });

  it('crossfades into the next track when a crossfade is set', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('spinbutton', { name: /Crossfade/ }).fill('2');
    await expect.poll(async () => (await engine.store.appState.settings()).crossfadeS).toBe(2);
    await page.getByRole('navigation').getByRole('button', { name: 'Albums' }).click();
    await page.getByRole('button', { name: /Gapless/ }).click();
    // Samples of (title, position) every 50 ms: how far Gap A got before Gap B took over.
    await page.evaluate(`window.__samples = []; window.__sampler = setInterval(() => {
      const seek = document.querySelector('input[aria-label="Seek"]');
      window.__samples.push([document.querySelector('.now-title')?.textContent, Number(seek?.value)]);
    }, 50)`);
    await page.getByRole('button', { name: 'Play Gapless' }).click();
    const title = (): Promise<string | null> => page.locator('.now-title').textContent();
    await expect.poll(title).toBe('Gap A');
    await expect.poll(title, { timeout: 20_000 }).toBe('Gap B');
    const samples = (await page.evaluate('clearInterval(window.__sampler), window.__samples')) as [
      string,
      number,
    ][];
    const reachedInA = Math.max(...samples.filter(([t]) => t === 'Gap A').map(([, s]) => s));
    // Gap A lasts 4 s: the 2 s crossfade starts 2 s before its end; a gapless hand-over (or a
    // fade that waited for the end) would show it reaching 4 s.
    expect(reachedInA).toBeGreaterThan(1);
    expect(reachedInA).toBeLessThan(3);
  });

  it('keeps playing an Up Next suggestion when the queue runs out (auto-DJ)', async () => {
    // Gap B is the last entry of the queue; at its end the auto-DJ appends a suggestion.
    await expect
      .poll(async () => (await engine.store.appState.player()).queue.length, { timeout: 20_000 })
      .toBe(3);
    const saved = await engine.store.appState.player();
    expect(saved.index).toBe(2);
    const title = await page.locator('.now-title').textContent();
    expect(['Gap A', 'Gap B']).not.toContain(title);
    // The recommender hears the appended track as an Up Next play, the album's as playlist plays.
    expect(saved.origins).toEqual(['playlist', 'playlist', 'upnext']);
    const plays = async (trackId: number | undefined): Promise<string[]> =>
      (await engine.store.feedback.since())
        .filter((e) => e.trackId === trackId && e.kind === 'play')
        .map((e) => e.source);
    await expect.poll(() => plays(saved.queue[2])).toEqual(['upnext']);
    expect(new Set(await plays(saved.queue[0]))).toEqual(new Set(['playlist']));
    const pause = page.getByRole('button', { name: 'Pause' });
    if (await pause.isVisible()) await pause.click();
    await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('spinbutton', { name: /Crossfade/ }).fill('0');
    await expect.poll(async () => (await engine.store.appState.settings()).crossfadeS).toBe(0);
  });

  it('names every main control and region', async () => {
    for (const name of [/^(Play|Pause)$/, 'Next', 'Previous'])
      await page.getByRole('button', { name, exact: true }).waitFor();
    for (const name of ['Lyrics', 'Queue', 'Mood map', 'Settings'])
      await page.getByRole('navigation').getByRole('button', { name }).waitFor();
    await page.getByRole('search', { name: 'Search' }).waitFor();
    await page.getByRole('complementary', { name: 'Up Next' }).waitFor();
    await page.getByRole('main').waitFor();
    // After every view has shown the HTML-looking tags and lyrics: not one became markup.
    expect(await page.locator('a[href^="javascript:"], img[src="x"], [onerror]').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(app.pageErrors).toEqual([]);
  });
});
