"""Measurements of a sound by tools that are not Encore's: tempo and onsets by aubio (its Python
module, the same computation and defaults as the `aubio tempo` and `aubio onset` commands),
integrated loudness by ffmpeg's EBU R128 meter, brightness as the median spectral centroid
(numpy). The evaluation's listeners judge by these, so Encore's own measurement errors can cost it.

    measure.py FILE...   prints one JSON object per file (first 120 s, mono 44.1 kHz)
"""

import json
import re
import subprocess
import sys

import aubio
import numpy as np

RATE = 44100  # aubio's defaults (buffer 1024, hop 512) are meant for 44.1 kHz, as the CLI reads these files
HOP = 512
BUF = 1024


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True)


def decode(path, offset=None, seconds=None, also=()):
    """Mono float samples at RATE of `path` (from `offset` for `seconds`), and its EBU R128
    integrated loudness (LUFS), from one ffmpeg run; `also` adds further outputs to that run."""
    cut = (["-ss", str(offset)] if offset is not None else []) + (["-t", str(seconds)] if seconds else [])
    args = ["ffmpeg", "-nostats", "-hide_banner", "-y", *cut, "-i", path, *also,
            "-map", "0:a:0", "-af", "ebur128", "-ac", "1", "-ar", str(RATE), "-f", "f32le", "pipe:1"]
    r = subprocess.run(args, check=True, capture_output=True)
    found = re.findall(r"I:\s+(-?[\d.]+|-inf) LUFS", r.stderr.decode("utf-8", "replace"))
    lufs = max(float(found[-1]), -70.0)  # the meter's floor; silence reads -inf, which JSON cannot hold
    return np.frombuffer(r.stdout, dtype=np.float32), lufs


def blocks(x):
    for i in range(0, len(x) - HOP + 1, HOP):
        yield np.ascontiguousarray(x[i:i + HOP])


def tempo_bpm(x):
    # As `aubio tempo`: the mean of the beat-to-beat tempi of aubio's beat tracker.
    t = aubio.tempo("default", BUF, HOP, RATE)
    beats = [t.get_last_s() for b in blocks(x) if t(b)[0] != 0]
    return float(np.mean(60.0 / np.diff(beats))) if len(beats) >= 2 else None


def onset_count(x):
    o = aubio.onset("default", BUF, HOP, RATE)
    return sum(1 for b in blocks(x) if o(b)[0] != 0)


def measure(x, lufs):
    seconds = len(x) / RATE
    frames = x[: len(x) // 2048 * 2048].reshape(-1, 2048) * np.hanning(2048)
    mag = np.abs(np.fft.rfft(frames, axis=1))
    freqs = np.fft.rfftfreq(2048, 1 / RATE)
    energy = mag.sum(axis=1)
    keep = energy > 1e-6
    centroid = float(np.median((mag[keep] @ freqs) / energy[keep])) if keep.any() else 0.0
    tempo = tempo_bpm(x)
    return {
        "durationS": round(seconds, 2),
        "tempoBpm": round(tempo, 2) if tempo else None,
        "loudnessLufs": lufs,
        "onsetRate": round(onset_count(x) / seconds, 3) if seconds else None,
        "brightnessHz": round(centroid, 1),
        "rms": round(float(np.sqrt(np.mean(x.astype(np.float64) ** 2))), 5),
    }


def measure_file(path, limit_s=120):
    return measure(*decode(path, seconds=limit_s))


if __name__ == "__main__":
    for f in sys.argv[1:]:
        print(json.dumps({"file": f, **measure_file(f)}))
