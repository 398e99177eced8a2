"""Score parallax's entities on CoNLL-2003 (dev split): each document is rebuilt as plain text
(one paragraph per sentence, tokens joined the way news prints them), run through
`parallax extract --format json`, and every mention mapped back to CoNLL tokens by byte
offset. Prints exact-span precision/recall/F1, typed and untyped, per type.

    python3 scripts/ner/score_conll.py target/release/parallax ../shared/data/conll2003/eng.testa
"""

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter

sys.path.insert(0, os.path.dirname(__file__))
import conll  # noqa: E402

CLASS = {"person": "PER", "organization": "ORG", "place": "LOC", "other": "MISC"}
NO_SPACE_BEFORE = {",", ".", ":", ";", ")", "'s", "'S", "n't", "%", "?", "!", "]"}
NO_SPACE_AFTER = {"(", "[", "$"}


def rebuild(doc):
    """The document's text and, per sentence, each token's byte (start, end)."""
    parts, offsets, pos = [], [], 0
    for s, sent in enumerate(doc):
        if s:
            parts.append("\n\n")
            pos += 2
        offs, prev = [], None
        for tok, _ in sent:
            if prev is not None and tok not in NO_SPACE_BEFORE and prev not in NO_SPACE_AFTER:
                parts.append(" ")
                pos += 1
            b = len(tok.encode("utf-8"))
            parts.append(tok)
            offs.append((pos, pos + b))
            pos += b
            prev = tok
        offsets.append(offs)
    return "".join(parts), offsets


def predicted(binary, text, offsets):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(text + "\n")
        path = f.name
    try:
        out = subprocess.run([binary, "extract", "--format", "json", path],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(path)
    flat = [(s, i, a, b) for s, offs in enumerate(offsets) for i, (a, b) in enumerate(offs)]
    found = set()
    for ent in json.loads(out)["documents"][0]["entities"]:
        kind = CLASS.get(ent["class"], "MISC")
        for m in ent["mentions"]:
            toks = [(s, i) for s, i, a, b in flat if a < m["end"] and b > m["start"]]
            if not toks or len({s for s, _ in toks}) != 1:
                continue
            s = toks[0][0]
            first, last = toks[0][1], toks[-1][1]
            a, b = offsets[s][first][0], offsets[s][last][1]
            # A mention cutting a token (a hyphenated word's half) is not that token's span.
            exact = a == m["start"] and b == m["end"]
            found.add((s, first, last + 1, kind if exact else "CUT"))
    return found


def prf(tp, np_, ng):
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    binary, path = sys.argv[1], sys.argv[2]
    gold, pred = set(), set()
    for d, doc in enumerate(conll.read(path)):
        text, offsets = rebuild(doc)
        for s, sent in enumerate(doc):
            for a, b, k in conll.spans([t for _, t in sent]):
                gold.add((d, s, a, b, k))
        for s, a, b, k in predicted(binary, text, offsets):
            pred.add((d, s, a, b, k))
    untyped_gold = {g[:4] for g in gold}
    untyped_pred = {p[:4] for p in pred}
    gold_type = {g[:4]: g[4] for g in gold}
    pred_type = {p[:4]: p[4] for p in pred}
    print(f"{'type':6} {'P':>6} {'R':>6} {'F1':>6}   untyped: {'P':>6} {'R':>6} {'F1':>6}  gold  pred")
    for kind in ["PER", "ORG", "LOC", "MISC", None]:
        g = {x for x in gold if kind is None or x[4] == kind}
        p = {x for x in pred if kind is None or x[4] == kind}
        tp = len(g & p)
        ug = {x[:4] for x in g}
        up = {x[:4] for x in p}
        # Untyped per type: a gold span of this type found with any type; a predicted span
        # of this type matching any gold span.
        ur = len(ug & untyped_pred) / len(ug) if ug else 0.0
        upr = len(up & untyped_gold) / len(up) if up else 0.0
        uf = 2 * ur * upr / (ur + upr) if ur + upr else 0.0
        P, R, F = prf(tp, len(p), len(g))
        print(f"{kind or 'all':6} {P:6.3f} {R:6.3f} {F:6.3f}   untyped: {upr:6.3f} {ur:6.3f} {uf:6.3f}  {len(g):5} {len(p):5}")
    confusion = Counter((gold_type[k], pred_type[k]) for k in untyped_gold & untyped_pred
                        if gold_type[k] != pred_type[k])
    print("wrong type (gold→found):", ", ".join(f"{a}→{b} {n}" for (a, b), n in confusion.most_common(8)))


if __name__ == "__main__":
    main()
