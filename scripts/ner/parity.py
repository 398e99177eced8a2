"""Tag the invented sentences of tests/fixtures/tagger/parity_words.txt with the shipped weights
(assets/tagger/ner.bin, integer weights as Rust reads them) and write the tags beside them, so
`cargo test` can check that the Rust features and decoding give the same tags.

    python3 scripts/ner/parity.py
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(__file__))
import features as F  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"PXNER1\0\0"
    bits, nt, _scale, glen = struct.unpack("<IIfI", data[8:24])
    gaz = dict(l.split("\t") for l in data[24:24 + glen].decode("utf-8").splitlines())
    raw = data[24 + glen:24 + glen + (nt << bits)]
    table = [b - 256 if b > 127 else b for b in raw]
    return table, nt, gaz


def tag_doc(doc, table, nt, gaz):
    seen = F.doc_case(doc)
    out = []
    for ws in doc:
        stat = F.static(ws, gaz, seen)
        tags, t1, t2, prev = [], "<s>", "<s>", 0
        for i in range(len(ws)):
            scores = [0] * nt
            for r in stat[i] + F.dynamic(ws, i, t1, t2):
                for k in range(nt):
                    scores[k] += table[r * nt + k]
            best = None
            for k in range(nt):
                t = F.TAGS[k]
                ok = not t.startswith("I-") or F.TAGS[prev][2:] == t[2:]
                if ok and (best is None or scores[k] > scores[best]):
                    best = k
            tags.append(F.TAGS[best])
            prev = best
            t2, t1 = t1, F.TAGS[best]
        out.append(tags)
    return out


def main():
    table, nt, gaz = load(os.path.join(ROOT, "assets", "tagger", "ner.bin"))
    src = os.path.join(ROOT, "tests", "fixtures", "tagger", "parity_words.txt")
    docs, doc = [], []
    for line in open(src, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#"):
            continue
        if not line.strip():
            if doc:
                docs.append(doc)
            doc = []
            continue
        doc.append(line.split(" "))
    if doc:
        docs.append(doc)
    lines = []
    for d in docs:
        for tags in tag_doc(d, table, nt, gaz):
            lines.append(" ".join(tags))
        lines.append("")
    dst = os.path.join(ROOT, "tests", "fixtures", "tagger", "parity_tags.txt")
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
