"""Builds the distinct-sounds evaluation library (see scripts/build-eval-library.sh).

Every source piece is a real recording from a freely licensed Debian game soundtrack. Each is cut
into 32-second excerpts at different offsets (up to MAX_PARTS, one per 34 s of music), encoded as
Ogg Vorbis and tagged with the piece's real tags (the game as album, the composer the package
names as artist where the file has none). manifest.json holds the ground truth the evaluation's
listeners judge by — source piece, package, style class, and tempo, loudness, onset rate and
brightness measured by tools that are not Encore's (aubio, ffmpeg's EBU R128 meter, a numpy
spectral centroid) — so Encore's own measurement errors can cost it.

    build_eval_library.py OUT_DIR [MAX_PIECES]    (MAX_PIECES: a small library for a smoke test)
    build_eval_library.py OUT_DIR --snapshot FILE  (while a build runs: a manifest of the excerpts
                                                    finished so far, for an evaluation of those)
"""

import glob
import hashlib
import json
import os
import re
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor

from measure import decode, measure, run

OUT = sys.argv[1]
SNAPSHOT = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--snapshot" else None
MAX_PIECES = int(sys.argv[2]) if len(sys.argv) > 2 and not SNAPSHOT else None
# Just over 30 s, so that a rule against fragments under 30 s never drops an excerpt.
EXCERPT_S = 32
# One excerpt per this many seconds of music, so excerpts of one piece do not overlap.
SPAN_S = 34
MAX_PARTS = 6

# (package, album, glob of its music, composer named by the package where the files carry none,
#  coarse style class of the soundtrack — the builder's label from the game, used when a file has
#  no genre tag of its own, licence as in /usr/share/doc/PACKAGE/copyright).
# Never add wesnoth or warzone2100: their music is reserved for independent checks.
SOURCES = [
    ("hedgewars-data", "Hedgewars", "/usr/share/games/hedgewars/Data/Music/*.ogg", "Hedgewars composers", "Orchestral", "CC-BY-SA-3.0 / GPL-2"),
    ("supertux-data", "SuperTux", "/usr/share/games/supertux2/music/*/*.ogg", "SuperTux composers", "Chiptune", "GPL-2+ / CC-BY-SA"),
    ("freedroidrpg-data", "FreedroidRPG", "/usr/share/freedroidrpg/data/sound/music/*.ogg", "FreedroidRPG composers", "Electronic", "GPL-2+"),
    ("flare-game", "Flare", "/usr/share/games/flare/mods/fantasycore/music/*.ogg", "Flare composers", "Orchestral", "CC-BY-SA-3.0+"),
    ("openclonk-data", "OpenClonk", "/usr/share/games/openclonk/Music.ocg/*.ogg", "K-Pone", "Electronic", "CC-BY-3.0"),
    ("neverball-data", "Neverball", "/usr/share/games/neverball/bgm/*.ogg", "Neverball composers", "Electronic", "GPL-2+"),
    ("extremetuxracer-data", "Extreme Tux Racer", "/usr/share/games/etr/music/*.ogg", "Extreme Tux Racer composers", "Rock", "GPL-2+"),
    ("lincity-ng-data", "LinCity-NG", "/usr/share/games/lincity-ng/music/default/*.ogg", "LinCity-NG composers", "Ambient", "GPL-2+"),
    ("frozen-bubble-data", "Frozen Bubble", "/usr/share/games/frozen-bubble/snd/*.ogg", "Frozen Bubble composers", "Synth pop", "GPL-2"),
    ("asc-music", "Advanced Strategic Command", "/usr/share/games/asc/music/*.mp3", "ASC Project", "Orchestral", "GPL-2+"),
    ("drascula-music", "Drascula", "/usr/share/scummvm/drascula/audio/*.ogg", "Alcachofa Soft", "Adventure synth", "Drascula-License (free redistribution)"),
]


def probe(path):
    r = run("ffprobe", "-v", "quiet", "-print_format", "json", "-show_format", "-show_streams", path)
    info = json.loads(r.stdout)
    tags = {}
    for part in [info.get("format", {})] + info.get("streams", []):
        for k, v in (part.get("tags") or {}).items():
            tags.setdefault(k.lower(), v)
    return float(info["format"]["duration"]), tags


def pretty(stem):
    stem = re.sub(r"^\d+\s*-\s*", "", stem)
    stem = re.sub(r"[-_]+", " ", stem)
    stem = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", stem)
    return stem.strip().title() if stem.islower() else stem.strip()


def safe(s):
    return re.sub(r'[\\/:*?"<>|]', "_", s)


def pieces():
    seen = set()
    out = []
    for package, album, pattern, composer, style, licence in SOURCES:
        for src in sorted(glob.glob(pattern)):
            real = os.path.realpath(src)
            if os.path.getsize(real) < 300_000:
                continue
            with open(real, "rb") as f:
                digest = hashlib.sha1(f.read()).hexdigest()
            if digest in seen:  # the same recording shipped twice is one piece
                continue
            seen.add(digest)
            duration, tags = probe(real)
            if duration < SPAN_S:  # fragments are not what the evaluation is about
                continue
            folder = os.path.basename(os.path.dirname(src))
            genre = tags.get("genre")
            if not genre or "soundtrack" in genre.lower() or "game" in genre.lower() or genre.lower() == "other":
                genre = style
            out.append({
                "src": real,
                "source": f"{package}:{os.path.relpath(src, os.path.dirname(pattern.split('*')[0]))}",
                "package": package,
                "album": album,
                "artist": tags.get("artist") or composer,
                "title": tags.get("title") or pretty(os.path.splitext(os.path.basename(src))[0]),
                "genre": genre.strip().title() if genre.islower() else genre.strip(),
                "style": f"{style} / {album}" + (f" / {folder}" if package == "supertux-data" else ""),
                "licence": licence,
                "duration": duration,
            })
    return out


ABOUT = ("Distinct-sounds evaluation library: 32 s excerpts of real, freely licensed game music from Debian packages. "
         "tempoBpm: aubio tempo (mean beat-to-beat tempo, as the aubio CLI reports); onsetRate: aubio onsets per second; loudnessLufs: ffmpeg ebur128 integrated; "
         "brightnessHz: median spectral centroid (numpy, 2048-point frames at 44.1 kHz). Excerpts of one piece share `source`.")


def snapshot(file):
    done_dir = OUT + ".measured"
    tracks = []
    for root, _dirs, files in os.walk(done_dir):
        for f in files:
            if f.endswith(".json"):
                with open(os.path.join(root, f), encoding="utf-8") as fh:
                    e = json.load(fh)
                if os.path.exists(os.path.join(OUT, e["path"])):
                    tracks.append(e)
    tracks.sort(key=lambda t: t["path"])
    with open(file, "w", encoding="utf-8") as fh:
        json.dump({"about": ABOUT + " Snapshot of an unfinished build.", "tracks": tracks}, fh, ensure_ascii=False, indent=1)
    print(f"snapshot: {len(tracks)} excerpts of {len({t['source'] for t in tracks})} pieces to {file}")


def main():
    if SNAPSHOT:
        snapshot(SNAPSHOT)
        return
    if os.path.exists(os.path.join(OUT, "manifest.json")):
        print(f"kept {OUT}")
        return
    # Excerpts are written in place (renamed into place when complete, so a scan running meanwhile
    # never reads half a file) and each one's measurements kept beside the library, so an
    # interrupted build resumes; manifest.json, written last, marks the library complete.
    done_dir = OUT + ".measured"
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(done_dir, exist_ok=True)
    jobs = []
    for p in pieces()[:MAX_PIECES]:
        parts = max(1, min(MAX_PARTS, int(p["duration"] // SPAN_S)))
        for k in range(parts):
            # Evenly spread offsets, clear of the very start and end.
            offset = (p["duration"] - EXCERPT_S) * (k + 0.5) / parts
            title = p["title"] + (f" (part {k + 1})" if parts > 1 else "")
            rel = os.path.join(safe(p["album"]), safe(f"{p['title']} - {k + 1}.ogg"))
            jobs.append((p, k, parts, round(offset, 2), title, rel))
    # First excerpts of every piece first: a build that is stopped early still spans every piece.
    jobs.sort(key=lambda j: j[1])

    def complete(path):
        try:
            return float(run("ffprobe", "-v", "quiet", "-show_entries", "format=duration", "-of", "csv=p=0", path).stdout) >= EXCERPT_S - 0.5
        except Exception:
            return False

    def one(job):
        p, k, parts, offset, title, rel = job
        path = os.path.join(OUT, rel)
        done = os.path.join(done_dir, rel + ".json")
        if os.path.exists(done) and os.path.exists(path):
            with open(done, encoding="utf-8") as f:
                return json.load(f)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        os.makedirs(os.path.dirname(done), exist_ok=True)
        if os.path.exists(path) and complete(path):
            # Written by an interrupted build: measure the same source audio again.
            m = measure(*decode(p["src"], offset=offset, seconds=EXCERPT_S))
        else:
            meta = ["title", title, "artist", p["artist"], "album", p["album"], "genre", p["genre"],
                    "tracknumber", str(k + 1), "comment", f"excerpt {k + 1}/{parts} at {offset:.0f} s of {p['source']}"]
            encode = ["-map", "0:a", "-map_metadata", "-1", "-ac", "2", "-c:a", "libvorbis", "-q:a", "3"]
            for i in range(0, len(meta), 2):
                encode += ["-metadata", f"{meta[i]}={meta[i + 1]}"]
            # One decode: the tagged excerpt is written and the same audio measured.
            m = measure(*decode(p["src"], offset=offset, seconds=EXCERPT_S, also=[*encode, "-f", "ogg", path + ".part"]))
            os.replace(path + ".part", path)
        entry = {
            "path": rel.replace(os.sep, "/"),
            "source": p["source"],
            "part": k + 1,
            "parts": parts,
            "offsetS": offset,
            "package": p["package"],
            "album": p["album"],
            "artist": p["artist"],
            "title": title,
            "genre": p["genre"],
            "style": p["style"],
            "licence": p["licence"],
            **m,
        }
        with open(done + ".part", "w", encoding="utf-8") as f:
            json.dump(entry, f, ensure_ascii=False)
        os.replace(done + ".part", done)
        return entry

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        tracks = list(pool.map(one, jobs))
    tracks.sort(key=lambda t: t["path"])
    manifest = {"about": ABOUT, "tracks": tracks}
    with open(os.path.join(OUT, "manifest.json.part"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    os.replace(os.path.join(OUT, "manifest.json.part"), os.path.join(OUT, "manifest.json"))
    shutil.rmtree(done_dir)
    print(f"wrote {len(tracks)} excerpts of {len({t['source'] for t in tracks})} pieces to {OUT}")


main()
