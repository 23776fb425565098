/**
 * Listening-history import: reads a Last.fm export (CSV as the common export tools write it, or the
 * API's JSON pages) or a ListenBrainz export (JSON array or JSON lines), and matches each listen to
 * a library track by normalised artist + title, to warm-start a new install.
 */
import type { TrackId } from '../../shared/library';
import type { FeedbackEvent, HistoryImportResult } from '../../shared/recommend';
import { normName } from './content';

export interface Listen {
  artist: string;
  title: string;
  album: string | null;
  /** Unix ms. */
  at: number;
}

export interface ParsedHistory {
  format: HistoryImportResult['format'];
  listens: Listen[];
}

/** Parses an export file's text; throws when the format is not recognised. */
export function parseHistory(text: string): ParsedHistory {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('[') || body.startsWith('{')) {
    const lines = body.split('\n');
    const docs: unknown[] =
      body.startsWith('{') &&
      lines.length > 1 &&
      lines.every((l) => !l.trim() || l.trim().startsWith('{'))
        ? lines.filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown)
        : ([JSON.parse(body)] as unknown[]).flat();
    const lb = docs.flatMap(listenBrainz);
    if (lb.length) return { format: 'listenbrainz', listens: lb };
    const lf = docs.flatMap(lastFmJson);
    if (lf.length) return { format: 'lastfm-json', listens: lf };
    throw new Error('not a Last.fm or ListenBrainz export (no listens found in the JSON)');
  }
  return { format: 'lastfm-csv', listens: lastFmCsv(body) };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const s = (v: unknown): string =>
  typeof v === 'string' ? v : isObj(v) ? s(v['#text'] ?? v.name) : '';

function listenBrainz(doc: unknown): Listen[] {
  const items = Array.isArray(doc)
    ? doc
    : isObj(doc) && isObj(doc.payload)
      ? (doc.payload.listens as unknown[])
      : [doc];
  const out: Listen[] = [];
  for (const l of items ?? []) {
    if (!isObj(l) || !isObj(l.track_metadata)) continue;
    const m = l.track_metadata;
    const at = Number(l.listened_at);
    if (!m.artist_name || !m.track_name || !Number.isFinite(at)) continue;
    out.push({
      artist: s(m.artist_name),
      title: s(m.track_name),
      album: s(m.release_name) || null,
      at: at * 1000,
    });
  }
  return out;
}

function lastFmJson(doc: unknown): Listen[] {
  const pages = Array.isArray(doc) ? doc : [doc];
  const out: Listen[] = [];
  for (const p of pages) {
    const tracks =
      isObj(p) && isObj(p.recenttracks)
        ? (p.recenttracks.track as unknown[])
        : isObj(p) && p.name
          ? [p]
          : [];
    for (const t of tracks ?? []) {
      if (!isObj(t) || !isObj(t.date)) continue; // "now playing" rows have no date
      const at = Number((t.date as Obj).uts);
      if (!Number.isFinite(at)) continue;
      out.push({ artist: s(t.artist), title: s(t.name), album: s(t.album) || null, at: at * 1000 });
    }
  }
  return out;
}

/** CSV of artist, album, title, date (with or without a header row). */
function lastFmCsv(text: string): Listen[] {
  const rows = text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map(csvRow);
  if (rows.length === 0) return [];
  let col = { artist: 0, album: 1, title: 2, date: 3 };
  const head = rows[0].map((h) => h.toLowerCase().trim());
  if (
    head.includes('artist') &&
    (head.includes('track') || head.includes('title') || head.includes('name'))
  ) {
    const find = (...names: string[]): number => head.findIndex((h) => names.includes(h));
    col = {
      artist: find('artist', 'artist name'),
      album: find('album', 'album name'),
      title: find('track', 'title', 'name', 'track name'),
      date: find('date', 'timestamp', 'uts', 'time', 'utc_time'),
    };
    rows.shift();
  }
  const out: Listen[] = [];
  for (const r of rows) {
    const at = parseDate(r[col.date] ?? '');
    const artist = r[col.artist] ?? '';
    const title = r[col.title] ?? '';
    if (!artist || !title || at === null) continue;
    out.push({ artist, title, album: (col.album >= 0 && r[col.album]) || null, at });
  }
  if (out.length === 0)
    throw new Error('not a Last.fm CSV export (expected artist, album, title, date)');
  return out;
}

function csvRow(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Unix seconds / ms, ISO 8601, or Last.fm's "31 Jan 2021 12:34" (UTC). */
function parseDate(v: string): number | null {
  const t = v.trim();
  if (/^\d{9,10}$/.test(t)) return Number(t) * 1000;
  if (/^\d{12,13}$/.test(t)) return Number(t);
  const ms = Date.parse(/^\d{1,2} \w{3} \d{4} \d{1,2}:\d{2}$/.test(t) ? `${t} UTC` : t);
  return Number.isFinite(ms) ? ms : null;
}

/** The match key of an artist + title: normalised, with "feat." parts and remaster notes dropped. */
export function matchKey(artist: string, title: string): string {
  const a = normName(artist.replace(/\s+(feat\.?|ft\.?|featuring)\s.*$/i, ''));
  const t = normName(
    title
      .replace(/\s*[([](feat\.?|ft\.?|featuring)[^)\]]*[)\]]/gi, '')
      .replace(
        /\s+-\s+(\d{4}\s+)?(remaster(ed)?|live|single version|radio edit|mono|stereo)( \d{4})?( version)?$/i,
        '',
      ),
  );
  return `${a}|${t}`;
}

/** Listens further apart than this start a new imported session (ms). */
export const IMPORT_SESSION_GAP_MS = 30 * 60 * 1000;

/** Session ids for imported listens (sorted by time): a new one after each 30-minute gap. */
export function importSessions(listens: Listen[]): string[] {
  let n = 0;
  return listens.map((l, i) => {
    if (i > 0 && l.at - listens[i - 1].at > IMPORT_SESSION_GAP_MS) n += 1;
    return `import:${listens[0]?.at ?? 0}:${n}`;
  });
}

/** Matches listens to library tracks: matched ones become 'complete' events (source 'import'),
 * in time order, grouped into sessions; unmatched ones are listed as "artist — title". */
export function matchListens(
  tracks: { id: TrackId; artist: string; title: string }[],
  listens: Listen[],
): { events: FeedbackEvent[]; listens: number; unmatched: string[] } {
  const byKey = new Map<string, TrackId>();
  for (const t of tracks) byKey.set(matchKey(t.artist, t.title), t.id);
  const sorted = [...listens].sort((x, y) => x.at - y.at);
  const sessions = importSessions(sorted);
  const events: FeedbackEvent[] = [];
  const unmatched: string[] = [];
  sorted.forEach((l, i) => {
    const id = byKey.get(matchKey(l.artist, l.title));
    if (id === undefined) unmatched.push(`${l.artist} — ${l.title}`);
    else
      events.push({
        trackId: id,
        kind: 'complete',
        sessionId: sessions[i],
        source: 'import',
        at: l.at,
      });
  });
  return { events, listens: sorted.length, unmatched };
}
