#!/usr/bin/env bash
# Makes the speech fixtures in tests/fixtures/audio/ from text, with espeak-ng (speech), sox (resampling to
# phone audio) and ffmpeg (Ogg/Opus like a WhatsApp voice note). The outputs are committed: CI has none of
# these tools. Needs: apt-get install -y espeak-ng sox libsox-fmt-all ffmpeg
# Usage: scripts/make-audio-fixtures.sh [output directory]
set -euo pipefail

out="${1:-$(dirname "$0")/../tests/fixtures/audio}"
mkdir -p "$out"
for tool in espeak-ng sox ffmpeg; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y espeak-ng sox libsox-fmt-all ffmpeg" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# name|espeak voice|text
phrases=(
  'hi-loan|hi|मुझे दुकान के लिए लोन चाहिए'
  'hi-amount|hi|दो लाख'
  'ta-loan|ta|எனக்கு கடன் வேண்டும்'
)

for entry in "${phrases[@]}"; do
  IFS='|' read -r name voice text <<<"$entry"
  espeak-ng -v "$voice" -s 150 -w "$work/$name.raw.wav" "$text"
  # A phone recording: 8 kHz, mono, 16-bit signed PCM (LINEAR16) in a plain RIFF/WAVE file.
  sox "$work/$name.raw.wav" -r 8000 -c 1 -b 16 -e signed-integer "$out/$name.8k.wav"
  # A WhatsApp voice note: Ogg container, Opus codec, 16 kHz mono (OpusHead records 16000).
  ffmpeg -hide_banner -loglevel error -y -i "$work/$name.raw.wav" -ar 16000 -ac 1 \
    -c:a libopus -b:a 16k -application voip -fflags +bitexact -flags:a +bitexact -map_metadata -1 \
    "$out/$name.16k.ogg"
done

# Deliberately broken inputs: a WAV cut off inside its header, and text pretending to be a voice note.
head -c 30 "$out/hi-loan.8k.wav" >"$out/broken-truncated.wav"
printf 'this is not audio, just text saved with an .ogg name\n' >"$out/broken-not-audio.ogg"

ls -l "$out"
