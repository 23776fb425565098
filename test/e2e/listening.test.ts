// The listening flow end to end, in the system Chromium against `encore serve`'s host on a real
// engine: the Up Next panel shows exactly what will play, in order (the current track, the
// person's own queue labelled with where it came from, then Encore's suggestions); Next plays
// the panel's first entry (seen as its media request); a skipped suggestion never touches the
// person's queue; Start radio from an artist. Screenshots go to test-results/listening-*.png.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import type { Engine } from '../../src/main/engine';
import type { RunningHost } from '../../src/main/host/server';
import { fixtureLibrary } from '../helpers/fixtures';
import { tempDir } from '../helpers/temp';
import { writeWav } from '../main/media/wav';
import {
  describeWithChromium,
  screenshotPath,
  startBrowserHost,
  type BrowserHost,
} from './support';

// Long enough that no song ends by itself while a test looks at the panel.
const DRONE_S = 120;
const DRONES = ['Drone One', 'Drone Two', 'Drone Three', 'Drone Four'];

describeWithChromium('the listening flow in a browser (encore serve)', () => {
  let app: BrowserHost;
  let engine: Engine;
  let host: RunningHost;
  let page: Page;
  const { music } = fixtureLibrary({ prefix: 'encore-listening-lib-' });
  const mediaRequests: string[] = [];
  const titles = new Map<number, string>();

  beforeAll(async () => {
    mkdirSync(join(music, 'Long Tones', 'Drones'), { recursive: true });
    DRONES.forEach((title, i) =>
      writeWav(join(music, 'Long Tones', 'Drones', `0${i + 1} - ${title}.wav`), {
        seconds: DRONE_S,
        hz: 220 + 110 * i,
        tags: { title, artist: 'Long Tones', album: 'Drones' },
      }),
    );
    app = await startBrowserHost({
      name: 'listening',
      engine: { background: false },
      library: music,
    });
    ({ engine, host, page } = app);
    for (const t of await engine.store.tracks.list()) titles.set(t.id, t.title);
    page.on('request', (req) => {
      if (req.url().includes('/media/track/')) mediaRequests.push(req.url());
    });
    await page.goto(host.url);
    await page.getByRole('grid', { name: 'Songs' }).waitFor({ timeout: 60_000 });
  }, 180_000);

  afterAll(() => app?.close());

  const panel = (): ReturnType<Page['getByRole']> =>
    page.getByRole('complementary', { name: 'Up Next' });
  /** The track ids the panel lists after the current track, in order. */
  const panelIds = async (): Promise<number[]> =>
    (await panel()
      .locator('li[data-track-id]')
      .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-track-id'))))) as number[];
  const nowTitle = (): Promise<string | null> => page.locator('.now-title').textContent();
  const idOf = (title: string): number => {
    for (const [id, t] of titles) if (t === title) return id;
    throw new Error(`${title} was not scanned`);
  };
  const nav = (name: string): Promise<void> =>
    page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
  const pause = async (): Promise<void> => {
    const button = page.getByRole('button', { name: 'Pause', exact: true });
    if (await button.isVisible()) await button.click();
  };

  it('plays a song from Songs, shows its suggestions in order, and Next plays the first one', async () => {
    await page.getByRole('gridcell', { name: 'Drone One' }).dblclick();
    await expect.poll(nowTitle).toBe('Drone One');
    await panel().getByRole('group', { name: 'Now playing' }).getByText('Drone One').waitFor();
    // Default: Encore's suggestions follow the chosen song, labelled as suggestions.
    await expect
      .poll(async () => (await panelIds()).length, { timeout: 30_000 })
      .toBeGreaterThan(2);
    expect(await panel().locator('.suggestion .badge').first().textContent()).toBe('Suggested');
    const shown = await panelIds();
    expect(shown).not.toContain(idOf('Drone One'));
    const reason = await panel().locator('.suggestion .reason').first().textContent();
    expect(reason?.trim()).not.toBe('');
    await page.screenshot({ path: screenshotPath('listening-01-upnext') });
    const before = mediaRequests.length;
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    const first = shown[0] as number;
    await expect.poll(nowTitle).toBe(titles.get(first));
    const after = mediaRequests.slice(before);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((url) => url.endsWith(`/media/track/${first}`))).toBe(true);
    // The auto-DJ's track is heard as an Up Next play.
    await expect
      .poll(async () =>
        (await engine.store.feedback.since())
          .filter((e) => e.trackId === first && e.kind === 'play')
          .map((e) => e.source),
      )
      .toEqual(['upnext']);
    await pause();
    // The now-playing view says why it plays: the reason it was suggested with.
    await page.getByRole('button', { name: 'Open the now-playing view' }).click();
    await page.getByRole('heading', { name: titles.get(first), exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Why this is playing' }).waitFor();
    expect(await page.locator('.np-reason').textContent()).toBe(reason);
    await page.screenshot({ path: screenshotPath('listening-09-now-playing') });
  });

  it('with "the rest of that list", shows the list after the song, labelled, before the suggestions', async () => {
    await nav('Settings');
    await page
      .getByRole('combobox', { name: /After a song you pick from a list/ })
      .selectOption('list');
    await expect
      .poll(async () => (await engine.store.appState.settings()).continueWith)
      .toBe('list');
    await nav('Artists');
    await page
      .getByRole('main')
      .getByRole('button', { name: /^Long Tones/ })
      .click();
    await page.getByRole('gridcell', { name: 'Drone Two' }).dblclick();
    await expect.poll(nowTitle).toBe('Drone Two');
    const queued = panel().getByRole('list', { name: 'Queue' });
    await expect
      .poll(() => queued.locator('.s-title').allTextContents())
      .toEqual(['Drone Three', 'Drone Four']);
    expect(await queued.locator('.badge').allTextContents()).toEqual([
      'From Long Tones',
      'From Long Tones',
    ]);
    // After the list come the suggestions, none of them a song already queued.
    await expect
      .poll(async () => (await panelIds()).length, { timeout: 30_000 })
      .toBeGreaterThan(2);
    const ids = await panelIds();
    expect(ids.slice(0, 2)).toEqual([idOf('Drone Three'), idOf('Drone Four')]);
    expect(new Set(ids).size).toBe(ids.length);
    await page.screenshot({ path: screenshotPath('listening-02-list-then-suggestions') });

    // Skipping a suggestion changes the suggestions, never the person's own queue.
    const suggestions = panel().getByRole('list', { name: 'Suggestions' });
    const skipped = Number(await suggestions.locator('li').first().getAttribute('data-track-id'));
    await suggestions.getByRole('button', { name: 'Skip' }).first().click();
    await expect.poll(panelIds).not.toContain(skipped);
    expect((await panelIds()).slice(0, 2)).toEqual([idOf('Drone Three'), idOf('Drone Four')]);
    await expect
      .poll(async () =>
        (await engine.store.feedback.since()).some(
          (e) => e.trackId === skipped && e.kind === 'skip' && e.source === 'upnext',
        ),
      )
      .toBe(true);

    const before = mediaRequests.length;
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect.poll(nowTitle).toBe('Drone Three');
    expect(mediaRequests.slice(before).every((u) => u.endsWith(`/${idOf('Drone Three')}`))).toBe(
      true,
    );
    await pause();
    await nav('Settings');
    await page
      .getByRole('combobox', { name: /After a song you pick from a list/ })
      .selectOption('suggestions');
  });

  it('starts radio from an artist: the queue becomes the station', async () => {
    await nav('Artists');
    await page
      .getByRole('main')
      .getByRole('button', { name: /^Aurora Lane/ })
      .click();
    await page.getByRole('button', { name: 'Start radio' }).click();
    await expect
      .poll(async () => (await engine.store.appState.player()).source)
      .toEqual({ kind: 'station', label: 'Radio: Aurora Lane' });
    const saved = await engine.store.appState.player();
    expect(saved.queue.length).toBeGreaterThan(1);
    expect(saved.index).toBe(0);
    await expect.poll(nowTitle).toBe(titles.get(saved.queue[0] as number));
    const queued = panel().getByRole('list', { name: 'Queue' });
    await expect
      .poll(() => queued.locator('.badge').first().textContent())
      .toBe('From Radio: Aurora Lane');
    await page.screenshot({ path: screenshotPath('listening-03-radio') });
    await pause();
  });

  it('likes the playing track in the player bar; pressed after a reload, paused; un-like', async () => {
    await nav('Songs');
    await page.getByRole('gridcell', { name: 'Drone Four' }).dblclick();
    await expect.poll(nowTitle).toBe('Drone Four');
    const bar = page.getByRole('region', { name: 'Player' });
    const like = bar.getByRole('button', { name: 'Like', exact: true });
    await expect.poll(() => like.getAttribute('aria-pressed')).toBe('false');
    await like.click();
    await expect.poll(() => like.getAttribute('aria-pressed')).toBe('true');
    const id = idOf('Drone Four');
    const kinds = async (): Promise<string[]> =>
      (await engine.store.feedback.since())
        .filter((e) => e.trackId === id && (e.kind === 'like' || e.kind === 'unlike'))
        .map((e) => `${e.kind}:${e.source}`);
    await expect.poll(kinds).toEqual(['like:library']);
    const seek = page.getByRole('slider', { name: 'Seek' });
    await expect.poll(async () => Number(await seek.inputValue())).toBeGreaterThan(0.5);
    await page.reload();
    await expect.poll(nowTitle, { timeout: 15_000 }).toBe('Drone Four');
    await expect.poll(() => like.getAttribute('aria-pressed')).toBe('true');
    // Saved while playing; after the reload it waits, paused, showing Play, until asked.
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(0);
    await expect.poll(async () => Number(await seek.inputValue())).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('listening-04-liked-after-reload') });
    await like.click();
    await expect.poll(() => like.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(kinds).toEqual(['like:library', 'unlike:library']);
  });

  it('queues from the track menu: right click, and the keyboard (Shift+F10)', async () => {
    await nav('Songs');
    await page.getByRole('gridcell', { name: 'Drone One' }).dblclick();
    await expect.poll(nowTitle).toBe('Drone One');
    const queued = panel().getByRole('list', { name: 'Queue' });
    const queuedTitles = (): Promise<string[]> => queued.locator('.s-title').allTextContents();
    const menu = page.getByRole('menu');
    await page.getByRole('gridcell', { name: 'Drone Three' }).click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Add to queue' }).click();
    await expect.poll(queuedTitles).toEqual(['Drone Three']);
    await page.getByRole('gridcell', { name: 'Drone Two' }).click({ button: 'right' });
    await page.screenshot({ path: screenshotPath('listening-05-track-menu') });
    await menu.getByRole('menuitem', { name: 'Play next' }).click();
    await expect.poll(queuedTitles).toEqual(['Drone Two', 'Drone Three']);
    expect(await queued.locator('.badge').allTextContents()).toEqual([
      'Queued by you',
      'Queued by you',
    ]);
    await expect.poll(() => menu.count()).toBe(0);

    // Keyboard only: the selected row's menu opens with Shift+F10 and takes the focus.
    await page.getByRole('gridcell', { name: 'Aurora', exact: true }).click();
    await page.keyboard.press('Shift+F10');
    await expect
      .poll(() => page.evaluate('document.activeElement && document.activeElement.textContent'))
      .toBe('Play next');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(queuedTitles).toEqual(['Drone Two', 'Drone Three', 'Aurora']);
    // The focus is back on the list.
    expect(await page.evaluate("document.activeElement.getAttribute('role')")).toBe('grid');

    // Next plays the first of them, heard as the person's own queue.
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect.poll(nowTitle).toBe('Drone Two');
    await expect
      .poll(async () =>
        (await engine.store.feedback.since())
          .filter((e) => e.trackId === idOf('Drone Two') && e.kind === 'play')
          .map((e) => e.source)
          .at(-1),
      )
      .toBe('queue');
    await pause();

    // Go to album / Go to artist open them.
    await page.getByRole('gridcell', { name: 'Polar Night' }).click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Go to album' }).click();
    await page.getByRole('heading', { name: 'Northern Lights' }).waitFor();
    await page.getByRole('gridcell', { name: 'First Light' }).click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Go to artist' }).click();
    await page.getByRole('heading', { name: 'Aurora Lane' }).waitFor();
  });

  it('reorders the queue by dragging, and saves it as a playlist', async () => {
    await nav('Artists');
    await page
      .getByRole('main')
      .getByRole('button', { name: /^Long Tones/ })
      .click();
    await page.getByRole('button', { name: 'Play all' }).click();
    await expect.poll(nowTitle).toBe('Drone One');
    await pause();
    await nav('Queue');
    const titlesInQueue = (): Promise<string[]> =>
      page.locator('.queue-row .q-title').allTextContents();
    await expect.poll(titlesInQueue).toEqual(DRONES);
    await page
      .locator('.queue-row', { hasText: 'Drone Four' })
      .dragTo(page.locator('.queue-row', { hasText: 'Drone Two' }));
    const reordered = ['Drone One', 'Drone Four', 'Drone Two', 'Drone Three'];
    await expect.poll(titlesInQueue).toEqual(reordered);
    // The Up Next panel follows: what plays after the current track, in the new order.
    await expect
      .poll(() =>
        panel().getByRole('list', { name: 'Queue' }).locator('.s-title').allTextContents(),
      )
      .toEqual(reordered.slice(1));
    // The player's state is saved a moment after the change.
    await expect
      .poll(async () => (await engine.store.appState.player()).queue)
      .toEqual(reordered.map(idOf));
    // Keyboard: Alt+ArrowUp on a row moves it up.
    await page.locator('.queue-row', { hasText: 'Drone Three' }).locator('.queue-play').focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect
      .poll(titlesInQueue)
      .toEqual(['Drone One', 'Drone Four', 'Drone Three', 'Drone Two']);
    await page.screenshot({ path: screenshotPath('listening-06-queue') });
    await page.getByRole('textbox', { name: 'Playlist name' }).fill('Queued drones');
    await page.getByRole('button', { name: 'Save as playlist' }).click();
    await page.getByRole('heading', { name: 'Queued drones' }).waitFor();
    const saved = (await engine.playlists.list()).find((p) => p.name === 'Queued drones');
    expect((await engine.playlists.get(saved?.id ?? -1))?.trackIds).toEqual(
      ['Drone One', 'Drone Four', 'Drone Three', 'Drone Two'].map(idOf),
    );
  });

  it('creates a playlist, adds three songs, reorders, exports M3U8 and imports it back', async () => {
    const side = page.getByRole('navigation');
    await side.getByRole('button', { name: '+ New playlist' }).click();
    await side.getByRole('textbox', { name: 'Playlist name' }).fill('Evening');
    await side.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Evening' }).waitFor();
    await nav('Songs');
    for (const title of ['Polar Night', 'Dry Creek', 'Carrier Wave']) {
      await page.getByRole('gridcell', { name: title }).click({ button: 'right' });
      await page.getByRole('menu').getByRole('menuitem', { name: 'Add to Evening' }).click();
    }
    await side.getByRole('button', { name: /^Evening/ }).click();
    const rows = (): Promise<string[]> => page.locator('.queue-row .q-title').allTextContents();
    await expect.poll(rows).toEqual(['Polar Night', 'Dry Creek', 'Carrier Wave']);
    await page
      .locator('.queue-row', { hasText: 'Carrier Wave' })
      .dragTo(page.locator('.queue-row', { hasText: 'Polar Night' }));
    await expect.poll(rows).toEqual(['Carrier Wave', 'Polar Night', 'Dry Creek']);
    const order = ['Carrier Wave', 'Polar Night', 'Dry Creek'].map(idOf);
    const evening = (await engine.playlists.list()).find((p) => p.name === 'Evening');
    expect((await engine.playlists.get(evening?.id ?? -1))?.trackIds).toEqual(order);
    await page.screenshot({ path: screenshotPath('listening-07-playlist') });

    // Export with relative paths (the default): the file lists the songs in order.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export M3U8' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Evening.m3u8');
    const text = readFileSync(await download.path(), 'utf8');
    const entries = text.split('\n').filter((l) => l && !l.startsWith('#'));
    const tracks = new Map((await engine.store.tracks.getMany(order)).map((t) => [t.id, t.path]));
    expect(entries).toEqual(order.map((id) => relative(music, tracks.get(id) ?? '')));

    // Import it back, with one line naming a file that is not in the library.
    const file = join(tempDir('encore-listening-m3u-'), 'Evening again.m3u8');
    writeFileSync(file, `${text}Nowhere/Lost Song.mp3\n`);
    await page.getByLabel('Import M3U8…').setInputFiles(file);
    await page.getByRole('heading', { name: 'Evening again' }).waitFor();
    await expect.poll(rows).toEqual(['Carrier Wave', 'Polar Night', 'Dry Creek']);
    const notice = page.getByRole('status').filter({ hasText: 'Imported' });
    await notice.getByText('Imported 3 songs from Evening again.m3u8.').waitFor();
    await notice.getByText('Nowhere/Lost Song.mp3').waitFor();
    await page.screenshot({ path: screenshotPath('listening-08-imported') });
  });

  it('makes a new playlist from a track menu: named there, holding that track, then shown', async () => {
    await nav('Songs');
    const menu = page.getByRole('menu');
    // The browser cannot open a file manager: it offers the path instead.
    await page.getByRole('gridcell', { name: 'Dry Creek' }).click({ button: 'right' });
    expect(await menu.getByRole('menuitem', { name: 'Show file in folder' }).count()).toBe(0);
    await menu.getByRole('menuitem', { name: 'Copy file path' }).waitFor();
    await menu.getByRole('menuitem', { name: 'Add to new playlist…' }).click();
    const naming = page.getByRole('dialog', { name: 'Add to new playlist…' });
    const field = naming.getByRole('textbox', { name: 'Playlist name' });
    // The name field takes the focus, offering the track's title; Escape makes nothing.
    await expect
      .poll(() => field.evaluate((el) => el === el.ownerDocument.activeElement))
      .toBe(true);
    expect(await field.inputValue()).toBe('Dry Creek');
    const before = (await engine.playlists.list()).length;
    await page.keyboard.press('Escape');
    await expect.poll(() => naming.count()).toBe(0);
    expect((await engine.playlists.list()).length).toBe(before);

    await page.getByRole('gridcell', { name: 'Dry Creek' }).click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Add to new playlist…' }).click();
    await field.fill('Dusty roads');
    await page.screenshot({ path: screenshotPath('listening-12-new-playlist-from-menu') });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dusty roads' }).waitFor();
    await expect
      .poll(() => page.locator('.queue-row .q-title').allTextContents())
      .toEqual(['Dry Creek']);
    const made = (await engine.playlists.list()).find((p) => p.name === 'Dusty roads');
    expect((await engine.playlists.get(made?.id ?? -1))?.trackIds).toEqual([idOf('Dry Creek')]);
    const side = page.getByRole('navigation');
    expect(await side.getByRole('button', { name: /^Dusty roads/ }).textContent()).toBe(
      'Dusty roads1',
    );
  });

  it('fits the minimum window (900×600): no title cut short, Up Next folded and unfoldable', async () => {
    await page.setViewportSize({ width: 900, height: 600 });
    await page.reload();
    await nav('Songs');
    await page.getByRole('gridcell', { name: 'Drone One' }).waitFor();
    const cut = (): Promise<string[]> =>
      page
        .locator('.tracks .trow:not(.thead) .c-title')
        .evaluateAll((els) =>
          els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent ?? ''),
        );
    expect(await page.locator('.tracks .trow:not(.thead) .c-title').count()).toBeGreaterThan(10);
    expect(await cut()).toEqual([]);
    await page.screenshot({ path: screenshotPath('listening-10-900x600') });
    const open = page.getByRole('button', { name: 'Show Up Next' });
    await open.click();
    await panel().getByRole('heading', { name: 'Up Next' }).waitFor();
    // With Up Next open the list is narrower still: it drops the album column, not the titles.
    await expect.poll(cut).toEqual([]);
    expect(await page.locator('.tracks .c-album').first().isVisible()).toBe(false);
    await page.screenshot({ path: screenshotPath('listening-11-900x600-upnext') });
    // The track menu, opened at the bottom right of the list, stays inside the window.
    const list = await page.locator('.vlist.tracks').boundingBox();
    if (!list) throw new Error('the song list is not on screen');
    await page.mouse.click(list.x + list.width - 60, list.y + list.height - 10, {
      button: 'right',
    });
    const box = await page.getByRole('menu').boundingBox();
    expect(box && box.x >= 0 && box.y >= 0).toBe(true);
    expect(box && box.x + box.width <= 900 && box.y + box.height <= 600).toBe(true);
    await page.screenshot({ path: screenshotPath('listening-13-900x600-menu') });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Open the now-playing view' }).click();
    await page.getByRole('heading', { name: 'Why this is playing' }).waitFor();
    await page.screenshot({ path: screenshotPath('listening-14-900x600-now-playing') });
    await nav('Songs');
    await page.getByRole('button', { name: 'Hide Up Next' }).click();
    await open.waitFor();
    // Volume is announced as a percentage.
    expect(
      await page.getByRole('slider', { name: 'Volume' }).getAttribute('aria-valuetext'),
    ).toMatch(/^\d+ %$/);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('gives each Up Next item one tab stop, its actions reached with the arrow keys', async () => {
    const unfold = page.getByRole('button', { name: 'Show Up Next' });
    if (await unfold.isVisible()) await unfold.click();
    const suggestions = panel().getByRole('list', { name: 'Suggestions' });
    await expect
      .poll(() => suggestions.locator('li').count(), { timeout: 30_000 })
      .toBeGreaterThan(1);
    const focused = (): Promise<unknown> =>
      page.evaluate('document.activeElement && document.activeElement.getAttribute("aria-label")');
    const first = suggestions.locator('li').nth(0);
    const second = suggestions.locator('li').nth(1);
    await first.locator('.suggestion-play').focus();
    await page.keyboard.press('Tab');
    expect(await focused()).toBe(
      await second.locator('.suggestion-play').getAttribute('aria-label'),
    );
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('Like');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('Skip');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe(
      await second.locator('.suggestion-play').getAttribute('aria-label'),
    );
  });

  it('raised no page errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
