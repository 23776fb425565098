// End to end in a real browser (system Chromium via playwright-core against the browser host on a
// real engine): the first run shows the scan's progress with the add buttons disabled and lists
// tracks before the scan ends; the folder browser walks the real file system and adds a folder;
// a dropped folder in a browser leads to the folder browser; removing a folder asks first (songs
// and history it concerns) and Undo brings its tracks back with their ids. Screenshots go to
// test-results/ (library-*.png).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Engine } from '../../src/main/engine';
import type { RunningHost } from '../../src/main/host/server';
import { tempDir } from '../helpers/temp';
import { writeWav } from '../main/media/wav';
import {
  describeWithChromium,
  screenshotPath,
  startBrowserHost,
  type BrowserHost,
} from './support';

// Enough files that the scan takes several batches (200 per batch): tracks must show before the end.
const FIRST_RUN_FILES = 1600;
const SECOND_FILES = 5;

describeWithChromium('library folders in a browser (encore serve)', () => {
  let engine: Engine;
  let host: RunningHost;
  let app: BrowserHost;
  let page: Page;
  const base = tempDir('encore-e2e-folders-');
  const music = join(base, 'Music');
  const second = join(base, 'Second');

  beforeAll(async () => {
    for (let i = 0; i < FIRST_RUN_FILES; i++) {
      const album = `Album ${Math.floor(i / 10)}`;
      mkdirSync(join(music, album), { recursive: true });
      writeWav(join(music, album, `${String(i % 10).padStart(2, '0')} - Song ${i}.wav`), {
        seconds: 0.05,
        tags: { title: `Song ${i}`, artist: 'Many', album },
      });
    }
    mkdirSync(second);
    for (let i = 0; i < SECOND_FILES; i++)
      writeWav(join(second, `Other ${i}.wav`), {
        seconds: 0.2,
        tags: { title: `Other ${i}`, artist: 'Second Artist', album: 'Second' },
      });
    app = await startBrowserHost({ name: 'e2e-folders' });
    ({ engine, host, page } = app);
  }, 240_000);

  afterAll(() => app?.close());

  it('first run: shows counts, rate and time left, disables adding, and lists tracks as they are read', async () => {
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Your library is empty.' }).waitFor();
    await page.getByLabel('Folder path').fill(music);
    await page.getByRole('button', { name: 'Add folder' }).click();
    const progress = page.locator('.first-scan');
    await progress.getByText(/Reading your music: \d+ of \d+ files/).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('button', { name: 'Add folder' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Browse…' }).isDisabled()).toBe(true);
    await progress.getByText(/files\/s/).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: screenshotPath('library-1-first-run-progress') });
    // The songs appear after the first batches, while the scan is still going.
    await page.getByRole('grid', { name: 'Songs' }).waitFor({ timeout: 60_000 });
    const scanningWhenListed = engine.library.scanning;
    const rowsWhenListed = (await engine.store.tracks.stats()).tracks;
    await page.screenshot({ path: screenshotPath('library-2-tracks-during-scan') });
    expect(scanningWhenListed).toBe(true);
    expect(rowsWhenListed).toBeLessThan(FIRST_RUN_FILES);
    await expect
      .poll(() => page.locator('header [role=status]').textContent(), { timeout: 120_000 })
      .toContain('Scan finished');
    expect((await engine.store.tracks.stats()).tracks).toBe(FIRST_RUN_FILES);
  }, 180_000);

  it('folder browser: walks real folders (no files, no hidden ones) and adds the one shown', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    // A drop cannot give a path in a browser: it says so and opens the folder browser.
    // A string, so the page's DOM types stay out of this Node-typed file.
    const dataTransfer = await page.evaluateHandle(
      `(() => { const dt = new DataTransfer(); dt.items.add(new File(['x'], 'Second')); return dt; })()`,
    );
    // Dropped on the page's heading, outside the drop area: the window takes it.
    await page.dispatchEvent('#settings-h', 'drop', { dataTransfer });
    await page.getByText('A browser cannot tell Encore where a dropped folder is').waitFor();
    const dialog = page.getByRole('dialog', { name: 'Choose a music folder' });
    await dialog.waitFor();
    // From home, up to the top, then down to the test folder.
    const shown = dialog.locator('p.row .path');
    for (let i = 0; i < 20 && (await shown.textContent()) !== '/'; i++) {
      const at = await shown.textContent();
      await dialog.getByRole('button', { name: 'Up one folder' }).click();
      await expect.poll(() => shown.textContent()).not.toBe(at);
    }
    expect(await shown.textContent()).toBe('/');
    for (const part of base.split('/').filter(Boolean)) {
      await dialog.getByRole('button', { name: part, exact: true }).click();
      await expect.poll(() => shown.textContent()).toMatch(new RegExp(`/${part}$`));
    }
    await dialog.getByRole('button', { name: 'Second', exact: true }).waitFor();
    expect(await dialog.locator('.folders button').allTextContents()).toEqual(['Music', 'Second']);
    await page.screenshot({ path: screenshotPath('library-3-folder-browser') });
    await dialog.getByRole('button', { name: 'Second', exact: true }).click();
    await expect.poll(() => shown.textContent()).toBe(second);
    await dialog.getByRole('button', { name: `Add ${second}` }).click();
    await page.locator('.roots .path', { hasText: second }).waitFor({ timeout: 60_000 });
    await expect
      .poll(async () => (await engine.store.tracks.stats()).tracks, { timeout: 60_000 })
      .toBe(FIRST_RUN_FILES + SECOND_FILES);
  }, 120_000);

  it('removing a folder asks first, hides its songs at once, and Undo restores them with their ids', async () => {
    const byTitle = async (): Promise<Map<string, number>> =>
      new Map(
        (await engine.store.tracks.summaries())
          .filter((t) => t.artist === 'Second Artist')
          .map((t) => [t.title, t.id]),
      );
    const before = await byTitle();
    expect(before.size).toBe(SECOND_FILES);
    await engine.recommend.record({
      trackId: [...before.values()][0],
      kind: 'play',
      sessionId: 'e2e',
      source: 'library',
    });
    await page.getByRole('button', { name: `Remove ${second}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Remove ${second} from the library?` });
    await confirm.getByText(`Its ${SECOND_FILES} songs leave the library`).waitFor();
    await confirm.getByText('(1 plays, skips and likes)').waitFor();
    await page.screenshot({ path: screenshotPath('library-4-remove-confirm') });
    await confirm.getByRole('button', { name: 'Remove folder' }).click();
    await page.getByText(`${second} was removed from the library.`).waitFor();
    expect(await page.locator('.roots .path', { hasText: second }).count()).toBe(0);
    expect((await byTitle()).size).toBe(0);
    await page.screenshot({ path: screenshotPath('library-5-removed-undo') });

    await page.getByRole('button', { name: 'Undo' }).click();
    await page.locator('.roots .path', { hasText: second }).waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await byTitle()).size, { timeout: 60_000 }).toBe(SECOND_FILES);
    expect(await byTitle()).toEqual(before);
    expect(await engine.library.rootUsage(second)).toMatchObject({ events: 1, plays: 1 });

    // Removed again: the Songs view stops listing them at once.
    await page.getByRole('button', { name: `Remove ${second}` }).click();
    await page.getByRole('button', { name: 'Remove folder' }).click();
    await page.getByText(`${second} was removed from the library.`).waitFor();
    await page.getByRole('button', { name: 'Songs' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Other');
    await page.getByText('Nothing matches “Other”').waitFor();
    await page.screenshot({ path: screenshotPath('library-6-songs-after-remove') });
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
