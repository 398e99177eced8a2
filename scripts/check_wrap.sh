#!/bin/sh
# Wrapping a text must change none of its sentences: each file given (default: the seeds and
# story versions in ../shared) is hard-wrapped with `fold -s` at several widths and compared with
# its original; the check fails unless every sentence links as identical and none is unique
# (boilerplate, never aligned, aside).
# usage: scripts/check_wrap.sh [PARALLAX_BIN] [FILE...]
set -u
bin=${1:-target/release/parallax}
[ $# -gt 0 ] && shift
if [ $# -eq 0 ]; then
    set -- ../shared/seeds/*.txt ../shared/corpus/stories/*/*.txt
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0
total=0
for file in "$@"; do
    for width in 60 64 72 80; do
        total=$((total + 1))
        fold -s -w "$width" "$file" > "$tmp/wrapped.txt"
        "$bin" compare --format json "$file" "$tmp/wrapped.txt" > "$tmp/out.json" || { echo "FAIL $file @$width: compare failed"; bad=$((bad + 1)); continue; }
        verdict=$(python3 - "$tmp/out.json" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
docs = data["documents"]
pair = data["pairs"][0]
linked = {d["id"]: set() for d in docs}
odd = []
for link in pair["links"]:
    linked[pair["a"]].update(link["a"]); linked[pair["b"]].update(link["b"])
    if link["kind"] != "identical" or len(link["a"]) != len(link["b"]):
        odd.append(link["kind"])
# Boilerplate (a repeated title, page furniture) is never aligned, wrapped or not.
live = {d["id"]: {s["id"] for s in d["sentences"] if not s.get("boilerplate")} for d in docs}
unique = sum(len(live[i] - linked[i]) for i in live)
sizes = [len(d["sentences"]) for d in docs]
print("ok" if not odd and unique == 0 and sizes[0] == sizes[1] else f"sentences {sizes} unique {unique} not identical {len(odd)}")
PY
)
        if [ "$verdict" != ok ]; then
            echo "FAIL $file @$width: $verdict"
            bad=$((bad + 1))
        fi
    done
done
echo "wrap check: $((total - bad)) of $total wrapped copies give the same sentences"
[ "$bad" -eq 0 ]
