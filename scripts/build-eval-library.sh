#!/usr/bin/env bash
# Builds the distinct-sounds evaluation library: >= 500 32-second excerpts of ~150 distinct real
# recordings (freely licensed game soundtracks shipped as Debian packages), tagged with their real
# tags, plus manifest.json with ground truth measured by tools that are not Encore's (aubio tempo and
# onsets, ffmpeg's EBU R128 loudness, a numpy spectral centroid). Used by `npm run eval`.
#
#   scripts/build-eval-library.sh [OUT_DIR]     (default /tmp/encore-eval-library)
#
# Needs root for apt-get (installs ffmpeg, aubio-tools, python3-numpy and the soundtrack packages,
# about 900 MB of downloads). Never add wesnoth or warzone2100: reserved for independent checks.
# Idempotent and resumable: an existing OUT_DIR/manifest.json is kept (delete OUT_DIR to rebuild);
# an interrupted build picks up where it stopped.
set -euo pipefail
OUT=${1:-/tmp/encore-eval-library}
HERE=$(cd "$(dirname "$0")" && pwd)

pkgs=(ffmpeg aubio-tools python3-numpy hedgewars-data supertux-data freedroidrpg-data flare-game
  openclonk-data neverball-data extremetuxracer-data lincity-ng-data frozen-bubble-data asc-music
  drascula-music)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
exec nice /usr/bin/python3 "$HERE/eval/build_eval_library.py" "$OUT"
