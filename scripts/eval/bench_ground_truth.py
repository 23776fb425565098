"""Ground truth for the benchmark library (../shared/corpus/build-bench-library.sh), in the format of
the distinct-sounds library's manifest.json, so the evaluation's listeners judge both alike.

The builder's real/manifest.json names each real track's source recording. Its scale/ clips are
copies of 24 four-second excerpts: "Song n" is excerpt n mod 24 of source (n mod 24) mod len(sources),
the sources being the builder's sorted list. One file per excerpt is measured (aubio, ffmpeg EBU
R128, numpy centroid; see measure.py) and its numbers hold for every copy.

    bench_ground_truth.py BENCH_DIR OUT_JSON
"""

import glob
import json
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor

from measure import measure_file

BENCH, OUT = sys.argv[1], sys.argv[2]
CLIPS = 24


def sources():
    # The same list, in the same order, as build_bench_library.py's sources().
    src = sorted(glob.glob("/usr/share/scummvm/drascula/audio/*.ogg")) + sorted(glob.glob("/usr/share/games/asc/music/*.mp3"))
    return [s for s in src if os.path.getsize(s) > 200_000]


def main():
    srcs = sources()
    real = json.load(open(os.path.join(BENCH, "real", "manifest.json"), encoding="utf-8"))
    entries = []
    for e in real:
        tags = e.get("tags") or {}
        entries.append({
            "path": "real/" + e["path"],
            "file": os.path.join(BENCH, "real", e["path"]),
            "source": e["source"],
            "genre": tags.get("genre", ""),
            "artist": tags.get("artist", ""),
            "album": tags.get("album", ""),
            "style": "ASC" if "/asc/" in e["source"] else "Drascula",
        })
    clip_files = {}
    for f in sorted(glob.glob(os.path.join(BENCH, "scale", "*", "*", "*"))):
        m = re.search(r"Song (\d+)\.", os.path.basename(f))
        if not m:
            continue
        n = int(m.group(1))
        k = n % CLIPS
        clip_files.setdefault(k, f)
        src = srcs[k % len(srcs)]
        entries.append({
            "path": os.path.relpath(f, BENCH),
            "clip": k,
            "source": f"{src}#clip{k}",
            "genre": None,
            "artist": os.path.basename(os.path.dirname(os.path.dirname(f))),
            "album": os.path.basename(os.path.dirname(f)),
            "style": "ASC" if "/asc/" in src else "Drascula",
        })
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        real_m = list(pool.map(lambda e: measure_file(e["file"]), entries[: len(real)]))
        clip_m = dict(zip(sorted(clip_files), pool.map(measure_file, [clip_files[k] for k in sorted(clip_files)])))
    tracks = []
    for i, e in enumerate(entries):
        m = real_m[i] if i < len(real) else clip_m[e["clip"]]
        e = {k: v for k, v in e.items() if k not in ("file", "clip")}
        tracks.append({**e, **{k: v for k, v in m.items() if k != "durationS"}})
    tracks.sort(key=lambda t: t["path"])
    with open(OUT + ".partial", "w", encoding="utf-8") as f:
        json.dump({"about": "Ground truth for the benchmark library (bench_ground_truth.py).", "tracks": tracks}, f, ensure_ascii=False)
    os.replace(OUT + ".partial", OUT)
    print(f"wrote ground truth for {len(tracks)} tracks ({len(real)} real, {len(clip_m)} distinct clips) to {OUT}")


main()
