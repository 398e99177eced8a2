#!/usr/bin/env bash
# How long a parallax HTML page takes to open in headless Chromium: a script appended to a copy
# of the page reports, once the page has loaded and been laid out, the time since navigation
# began (performance.now() after forcing layout, at the load event); the whole Chromium process
# is timed too (it includes starting the browser). Prints the size of the page and both times.
#
#   scripts/browser_load_time.sh PAGE.html [runs]
set -euo pipefail
page="$1"
runs="${2:-3}"
chrome="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[ -n "$chrome" ] || { echo "browser_load_time: no chromium on PATH" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$page" "$work/page.html"
# After </html> the parser still appends the script to the body; it runs when the page loads.
cat >> "$work/page.html" <<'EOF'
<script>addEventListener('load',()=>{document.body.getBoundingClientRect();
const p=document.createElement('pre');p.id='load-time';
p.textContent=Math.round(performance.now());document.body.append(p)})</script>
EOF
echo "$(basename "$page"): $(wc -c < "$page") bytes"
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  ms="$(timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --window-size=1400,900 --dump-dom "file://$work/page.html" \
    2>/dev/null | sed -n 's/.*<pre id="load-time">\([0-9]*\)<\/pre>.*/\1/p')"
  end=$(date +%s%N)
  [ -n "$ms" ] || { echo "browser_load_time: the page never reported" >&2; exit 1; }
  echo "  loaded and laid out in $ms ms (whole chromium run $(( (end - start) / 1000000 )) ms)"
done
