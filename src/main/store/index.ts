/**
 * The store: Encore's single source of truth, one SQLite database in the data dir. Opens the
 * database, applies migrations, and hands out one repository per domain. Every line of SQL lives
 * under src/main/store.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from './database';
import { migrate } from './migrate';
import { TrackRepository } from './tracks';
import { RootRepository } from './roots';
import { VectorRepository } from './vectors';
import { StyleRepository } from './styles';
import { FeatureRepository } from './features';
import { CoverRepository } from './covers';
import { AppStateRepository } from './app-state';
import { FeedbackRepository } from './feedback';
import { PlaylistRepository } from './playlists';

export class Store {
  readonly roots: RootRepository;
  readonly tracks: TrackRepository;
  readonly vectors: VectorRepository;
  readonly styles: StyleRepository;
  readonly features: FeatureRepository;
  readonly covers: CoverRepository;
  readonly appState: AppStateRepository;
  readonly feedback: FeedbackRepository;
  readonly playlists: PlaylistRepository;

  private constructor(readonly db: Database) {
    this.roots = new RootRepository(db);
    this.tracks = new TrackRepository(db);
    this.vectors = new VectorRepository(db);
    this.styles = new StyleRepository(db);
    this.features = new FeatureRepository(db);
    this.covers = new CoverRepository(db);
    this.appState = new AppStateRepository(db);
    this.feedback = new FeedbackRepository(db);
    this.playlists = new PlaylistRepository(db);
  }

  /** Opens (creating) `<dataDir>/encore.db` and migrates it to the newest schema. */
  static async open(dataDir: string): Promise<Store> {
    mkdirSync(dataDir, { recursive: true });
    const db = await Database.open(join(dataDir, 'encore.db'));
    try {
      await migrate(db);
    } catch (err) {
      await db.close();
      throw err;
    }
    return new Store(db);
  }

  /** Why the store refuses writes (opened read-only on a full disk), or null when writable. */
  get readOnly(): string | null {
    return this.db.readOnly;
  }

  /** SQLite's own consistency check; 'ok' when the file is sound. */
  async integrityCheck(): Promise<string> {
    const rows = await this.db.reader.all<{ integrity_check: string }>('PRAGMA integrity_check');
    return rows.map((r) => r.integrity_check).join('; ');
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
