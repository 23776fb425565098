"""A second onset detector, independent of Encore's and of aubio's, for bench:onsets: spectral flux
of log-compressed magnitudes (2048-sample frames, hop 512 at 44.1 kHz), peaks picked as librosa's
onset_detect does (a local maximum of the last 30 ms, above the mean of the 100 ms around it by
0.07 of the excerpt's flux range, at most one per 30 ms). numpy and ffmpeg only.

    onsets-flux.py FILE...   prints one JSON object per file: {"file", "seconds", "onsets"}
"""

import json
import subprocess
import sys

import numpy as np

RATE = 44100
FRAME = 2048
HOP = 512


def decode(path):
    args = ["ffmpeg", "-nostdin", "-v", "error", "-i", path, "-map", "0:a:0", "-ac", "1",
            "-ar", str(RATE), "-f", "f32le", "pipe:1"]
    return np.frombuffer(subprocess.run(args, check=True, capture_output=True).stdout, np.float32)


def flux(x):
    if len(x) < FRAME:
        return np.zeros(0)
    n = 1 + (len(x) - FRAME) // HOP
    idx = np.arange(FRAME)[None, :] + HOP * np.arange(n)[:, None]
    mag = np.abs(np.fft.rfft(x[idx] * np.hanning(FRAME), axis=1))
    logmag = np.log1p(100.0 * mag)
    return np.maximum(0.0, np.diff(logmag, axis=0)).sum(axis=1)


def count_peaks(f):
    if len(f) < 3:
        return 0
    f = (f - f.min()) / (np.ptp(f) or 1.0)
    fps = RATE / HOP
    pre_max, pre_avg, post_avg, wait = int(0.03 * fps), int(0.1 * fps), int(0.1 * fps), int(0.03 * fps)
    count, last = 0, -wait - 1
    for i in range(len(f)):
        if f[i] < f[max(0, i - pre_max):i + 1].max():
            continue
        if f[i] < f[max(0, i - pre_avg):i + post_avg + 1].mean() + 0.07:
            continue
        if i - last > wait:
            count, last = count + 1, i
    return count


if __name__ == "__main__":
    for path in sys.argv[1:]:
        x = decode(path)
        print(json.dumps({"file": path, "seconds": len(x) / RATE, "onsets": count_peaks(flux(x))}),
              flush=True)
