/**
 * The mood map: every analysed track as a dot on energy (arousal, up) × mood (valence, right),
 * coloured by mood quadrant or by genre; wheel to zoom, drag to pan, hover for the title, click
 * to play. Drawn on a canvas so 100,000 dots stay fast; the hover label is plain text.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MoodPoint } from '../../../shared/contract';
import type { AnalysisProgress } from '../../../shared/analysis';
import { useApp, useLibrary } from '../context';

interface View {
  /** Centre of the view in data units (0–1) and zoom factor (1 = whole map). */
  cx: number;
  cy: number;
  zoom: number;
}

const QUADRANT_COLOURS = {
  happyEnergetic: '#f2b35b',
  angryTense: '#e0605e',
  sadCalm: '#6b8fd6',
  calmContent: '#5fb3a1',
};
const GENRE_PALETTE = [
  '#5fb3a1',
  '#f2b35b',
  '#e0605e',
  '#6b8fd6',
  '#b883d9',
  '#d9d26a',
  '#6ad9c9',
  '#d98a6a',
  '#9aa0aa',
];
// Pixels within which the pointer "hits" a dot.
const HIT_RADIUS = 6;

function quadrantColour(p: MoodPoint): string {
  if (p.arousal >= 0.5)
    return p.valence >= 0.5 ? QUADRANT_COLOURS.happyEnergetic : QUADRANT_COLOURS.angryTense;
  return p.valence >= 0.5 ? QUADRANT_COLOURS.calmContent : QUADRANT_COLOURS.sadCalm;
}

export function MoodMap(): React.JSX.Element {
  const { t, bridge, player, library, settings, updateSettings } = useApp();
  const { version } = useLibrary();
  const [points, setPoints] = useState<MoodPoint[] | null>(null);
  const [progress, setProgress] = useState<AnalysisProgress | null>(null);
  const [view, setView] = useState<View>({ cx: 0.5, cy: 0.5, zoom: 1 });
  const [hover, setHover] = useState<{ p: MoodPoint; x: number; y: number } | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 800, h: 560 });
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);

  useEffect(() => {
    const load = (): void => void bridge.invoke('analysis.map', {}).then(setPoints);
    load();
    void bridge.invoke('analysis.progress', {}).then(setProgress);
    const offs = [bridge.on('analysis.updated', load), bridge.on('analysis.progress', setProgress)];
    return () => offs.forEach((off) => off());
  }, [bridge]);

  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() =>
      setSize({ w: el.clientWidth, h: Math.max(300, el.clientHeight) }),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [points]);

  const genreColour = useMemo(() => {
    const counts = new Map<string, number>();
    for (const tr of library.snapshot().tracks)
      counts.set(tr.genre, (counts.get(tr.genre) ?? 0) + 1);
    const top = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, GENRE_PALETTE.length - 1);
    const colours = new Map(top.map(([g], i) => [g, GENRE_PALETTE[i] as string]));
    return (p: MoodPoint): string =>
      colours.get(library.get(p.id)?.genre ?? '') ?? (GENRE_PALETTE.at(-1) as string);
    // version: the library reloaded, genres may have changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [library, version]);

  const toScreen = (p: MoodPoint): [number, number] => [
    ((p.valence - view.cx) * view.zoom + 0.5) * size.w,
    ((view.cy - p.arousal) * view.zoom + 0.5) * size.h,
  ];

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !points) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = size.w * ratio;
    canvas.height = size.h * ratio;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, size.w, size.h);
    ctx.strokeStyle = '#32363e';
    ctx.beginPath();
    const [mx, my] = toScreen({ id: 0, valence: 0.5, arousal: 0.5 });
    ctx.moveTo(mx, 0);
    ctx.lineTo(mx, size.h);
    ctx.moveTo(0, my);
    ctx.lineTo(size.w, my);
    ctx.stroke();
    const colourOf = settings.mapColourBy === 'genre' ? genreColour : quadrantColour;
    // Dots shrink as the library grows so 100,000 of them still show the shape of the cloud.
    const base = points.length > 20_000 ? 1.5 : points.length > 2000 ? 2.5 : 4;
    const r = Math.min(8, base * Math.sqrt(view.zoom));
    ctx.globalAlpha = points.length > 20_000 ? 0.6 : 0.9;
    // Tiny squares draw several times faster than arcs and look the same at 1.5 px.
    const square = points.length > 20_000;
    for (const p of points) {
      const [x, y] = toScreen(p);
      if (x < -r || y < -r || x > size.w + r || y > size.h + r) continue;
      ctx.fillStyle = colourOf(p);
      if (square) {
        ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
        continue;
      }
      ctx.beginPath();
      ctx.arc(x, y, r, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    // toScreen depends only on view and size, listed here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [points, view, size, settings.mapColourBy, genreColour]);

  const nearest = (x: number, y: number): MoodPoint | null => {
    let best: MoodPoint | null = null;
    let bestD = HIT_RADIUS * HIT_RADIUS;
    for (const p of points ?? []) {
      const [px, py] = toScreen(p);
      const d = (px - x) ** 2 + (py - y) ** 2;
      if (d <= bestD) {
        best = p;
        bestD = d;
      }
    }
    return best;
  };
  const local = (e: React.MouseEvent): [number, number] => {
    const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top];
  };

  if (points === null) return <p className="empty">{t('loading')}</p>;
  const hoverTrack = hover ? library.get(hover.p.id) : undefined;
  return (
    <section className="view moodmap" aria-labelledby="map-h">
      <div className="view-head">
        <h1 id="map-h">{t('moodMap')}</h1>
        <span className="muted">{t('mapCount', { n: points.length })}</span>
        <label>
          {t('colourBy')}{' '}
          <select
            value={settings.mapColourBy}
            onChange={(e) => updateSettings({ mapColourBy: e.target.value as 'mood' | 'genre' })}
          >
            <option value="mood">{t('moods')}</option>
            <option value="genre">{t('genre')}</option>
          </select>
        </label>
        <button type="button" onClick={() => setView({ cx: 0.5, cy: 0.5, zoom: 1 })}>
          {t('resetZoom')}
        </button>
      </div>
      {points.length === 0 ? (
        <p className="empty">
          {t('mapEmpty', { done: progress?.done ?? 0, total: progress?.total ?? 0 })}
        </p>
      ) : (
        <p className="muted">{t('mapHint')}</p>
      )}
      <div className="map-wrap" ref={wrapRef}>
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={`${t('moodMap')}: ${t('mapCount', { n: points.length })}`}
          style={{ width: size.w, height: size.h }}
          onWheel={(e) => {
            const factor = e.deltaY < 0 ? 1.25 : 0.8;
            setView((v) => ({ ...v, zoom: Math.max(1, Math.min(64, v.zoom * factor)) }));
          }}
          onMouseDown={(e) => {
            const [x, y] = local(e);
            drag.current = { x, y, moved: false };
          }}
          onMouseMove={(e) => {
            const [x, y] = local(e);
            if (drag.current) {
              const dx = x - drag.current.x;
              const dy = y - drag.current.y;
              if (Math.abs(dx) + Math.abs(dy) > 3) drag.current = { x, y, moved: true };
              if (drag.current.moved)
                setView((v) => ({
                  ...v,
                  cx: v.cx - dx / size.w / v.zoom,
                  cy: v.cy + dy / size.h / v.zoom,
                }));
              return;
            }
            const p = nearest(x, y);
            setHover(p ? { p, x, y } : null);
          }}
          onMouseUp={(e) => {
            const moved = drag.current?.moved;
            drag.current = null;
            if (moved) return;
            const [x, y] = local(e);
            const p = nearest(x, y);
            if (p) player.playQueue([p.id], 0, { kind: 'library', label: t('moodMap') });
          }}
          onMouseLeave={() => {
            drag.current = null;
            setHover(null);
          }}
        />
        <span className="axis axis-x">{t('moodAxis')}</span>
        <span className="axis axis-y">↑ {t('energy')}</span>
        {hover ? (
          <div className="map-tip" style={{ left: hover.x + 12, top: hover.y + 12 }} role="tooltip">
            <strong>{hoverTrack?.title || t('untitled')}</strong>
            <span className="muted">{hoverTrack?.artist || t('unknownArtist')}</span>
          </div>
        ) : null}
      </div>
    </section>
  );
}
