#!/usr/bin/env bash
# Renders parallax's HTML pages in headless Chromium and checks them from the laid-out DOM:
# compare with two and with three versions, and the review export, each at 1400 and 400 px wide,
# in light and dark. A check that fails, or a page the check script never reported on, fails
# the run; a missing Chromium fails it too (never skipped).
#
#   scripts/browser_check.sh                  # pages from our own fixtures and samples
#   scripts/browser_check.sh --shared         # also the stories in ../shared/corpus when present
#   PARALLAX=target/release/parallax scripts/browser_check.sh
#   scripts/browser_check.sh --shots DIR      # also screenshots (PNG) and printed PDFs in DIR
set -euo pipefail
cd "$(dirname "$0")/.."

shared=0
shots=""
while [ $# -gt 0 ]; do
  case "$1" in
    --shared) shared=1 ;;
    --shots) shots="$2"; shift ;;
    *) echo "browser_check: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

chrome="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$chrome" ]; then
  echo "browser_check: FAIL: no chromium on PATH (apt-get install -y chromium)" >&2
  exit 1
fi
if [ -z "${PARALLAX:-}" ]; then
  cargo build --quiet --locked
  PARALLAX=target/debug/parallax
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PARALLAX_CONFIG=""

pages=()
page() { # name, then the parallax arguments
  local name="$1"; shift
  "$PARALLAX" "$@" > "$work/$name.html"
  pages+=("$name")
}
page compare-2 compare --format html tests/fixtures/compare/harbour-a.txt tests/fixtures/compare/harbour-b.txt
page compare-clause compare --format html tests/fixtures/compare/clause-a.txt tests/fixtures/compare/clause-b.txt
page compare-3 compare --format html assets/samples/1-wire.txt assets/samples/2-rewrite.txt assets/samples/3-roundtrip.txt
page compare-tricky compare --format html tests/fixtures/compare/harbour-a.txt tests/fixtures/compare/tricky.html tests/fixtures/compare/harbour-b.txt
page review review export --format html tests/fixtures/review/session-v1.json
if [ "$shared" = 1 ] && [ -d ../shared/corpus/stories ]; then
  for story in ../shared/corpus/stories/*/; do
    page "story-$(basename "$story")" compare --format html "$story"*.txt
  done
fi

chromium_run() { # the flags every run shares, then its own
  timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --force-device-scale-factor=1 \
    --user-data-dir="$work/profile" "$@" 2>>"$work/chromium.log"
}

# The page shown at `width` in an iframe (srcdoc, so the check can write to the outer page).
framed() { # page file, width, height
  printf '<!DOCTYPE html><html><body style="margin:0"><iframe style="border:0;width:%spx;height:%spx" srcdoc="' "$2" "$3"
  sed -e 's/&/\&amp;/g' -e 's/"/\&quot;/g' "$1"
  printf '"></iframe></body></html>\n'
}

failed=0
runs=0
for name in "${pages[@]}"; do
  # The check script goes in just before </body>, after the page's own script.
  checked="$work/$name.checked.html"
  html="$(cat "$work/$name.html")"
  printf '%s<script>%s</script></body>%s\n' "${html%"</body>"*}" "$(cat scripts/browser_check.js)" \
    "${html##*"</body>"}" > "$checked"
  for width in 1400 400; do
    framed "$checked" "$width" 900 > "$work/framed.html"
    for dark in 0 1; do
      flags=(--window-size=1400,900)
      [ "$dark" = 1 ] && flags+=(--force-dark-mode --blink-settings=preferredColorScheme=0)
      dom="$(chromium_run "${flags[@]}" --dump-dom "file://$work/framed.html#w=$width&dark=$dark" || true)"
      runs=$((runs + 1))
      verdict="$(printf '%s' "$dom" | sed -n '/<pre id="browser-check">/,/<\/pre>/p' \
        | sed -e 's/.*<pre id="browser-check">//' -e 's/<\/pre>.*//' \
          -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e 's/&amp;/\&/g')"
      if [ -z "$verdict" ]; then
        echo "FAIL $name ${width}px dark=$dark: the check never reported (chromium log: $(tail -3 "$work/chromium.log" | tr '\n' ' '))"
        failed=$((failed + 1))
      elif printf '%s' "$verdict" | grep -q '^FAIL'; then
        printf '%s\n' "$verdict" | sed "s/^/$name ${width}px dark=$dark: /"
        failed=$((failed + 1))
      else
        echo "$name: $verdict"
      fi
      if [ -n "$shots" ]; then
        mkdir -p "$shots"
        height=$((width < 500 ? 2400 : 1500))
        framed "$work/$name.html" "$width" "$height" > "$work/shot.html"
        chromium_run "${flags[@]}" --window-size="$((width < 500 ? 500 : width)),$height" \
          --screenshot="$shots/$name-$width$([ "$dark" = 1 ] && echo -dark).png" \
          "file://$work/shot.html" >/dev/null
      fi
    done
  done
  if [ -n "$shots" ]; then
    chromium_run --no-pdf-header-footer --print-to-pdf="$shots/$name.pdf" "file://$work/$name.html" >/dev/null
    if command -v pdftoppm >/dev/null; then
      pdftoppm -r 60 -png "$shots/$name.pdf" "$shots/$name-print"
    fi
  fi
done

if [ "$failed" -gt 0 ]; then
  echo "browser_check: FAILED: $failed of $runs runs" >&2
  exit 1
fi
echo "browser_check: all $runs runs passed (${#pages[@]} pages × 1400/400 px × light/dark)"
