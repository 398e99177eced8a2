#!/usr/bin/env python3
"""Writes a text PDF of a given size for timing `parallax inspect FILE.pdf` (see benches/README.md).

Pages of invented prose in Helvetica with its glyph widths, justified-looking lines set the way
word processors set them (one TJ per line), a running head and a page number on every page.
`--compress` deflates each page's content stream, as most generators do; then the same file size
holds about four times the text.

    python3 benches/make_pdf.py benches/corpus/5m.pdf --mb 5
    python3 benches/make_pdf.py benches/corpus/5m-deflate.pdf --mb 5 --compress
"""

import argparse
import random
import zlib

SYLLABLES = "ka lo ren tu mi sa vel dor an is po ter gal fin or ub que lit mar sen".split()
# Helvetica widths (thousandths of an em) for codes 32..126, from the standard font metrics.
WIDTHS = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
    722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
    667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
    556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
    500, 334, 260, 334, 584,
]


def word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


def sentence(rng):
    words = [word(rng) for _ in range(rng.randint(6, 22))]
    words[0] = words[0].capitalize()
    if rng.random() < 0.3:
        words.insert(rng.randint(1, len(words) - 1), str(rng.randint(2, 9000)))
    return " ".join(words) + rng.choice([".", ".", ".", "?"])


def width(text, size):
    return sum(WIDTHS[ord(c) - 32] for c in text) * size / 1000


def lines_of(paragraph, size, measure):
    line, out = [], []
    for w in paragraph.split():
        if line and width(" ".join(line + [w]), size) > measure:
            out.append(" ".join(line))
            line = []
        line.append(w)
    out.append(" ".join(line))
    return out


def escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def page(rng, number, carry):
    """One page's content stream; `carry` holds lines left from the page before."""
    ops = [
        "BT /F1 9 Tf 72 750 Td (Quarterly Report of the Invented Harbour Board) Tj ET",
        f"BT /F1 9 Tf 295 40 Td (Page {number}) Tj ET",
        "BT /F1 11 Tf 14 TL 72 700 Td",
    ]
    y = 700
    while y > 80:
        if not carry:
            carry = lines_of(" ".join(sentence(rng) for _ in range(rng.randint(2, 6))), 11, 468)
            carry.append("")
        line = carry.pop(0)
        # Words apart by TJ adjustments, no space glyphs, as word processors often write them.
        parts = " -250 ".join(f"({escape(w)})" for w in line.split())
        ops.append(f"[{parts}] TJ T*" if line else "T*")
        y -= 14
    ops.append("ET")
    return "\n".join(ops).encode("latin-1"), carry


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--compress", action="store_true")
    ap.add_argument("--seed", type=int, default=19)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    target = int(args.mb * 1024 * 1024)
    widths = " ".join(map(str, WIDTHS))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        None,  # the page tree, once the pages are known
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding "
        b"/FirstChar 32 /LastChar 126 /Widths [" + widths.encode() + b"] >>",
    ]
    kids, size, carry, number = [], 0, [], 0
    while size < target:
        number += 1
        content, carry = page(rng, number, carry)
        filt = b""
        if args.compress:
            content, filt = zlib.compress(content, 6), b" /Filter /FlateDecode"
        objects.append(
            b"<< /Length %d%s >>\nstream\n" % (len(content), filt) + content + b"\nendstream"
        )
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (len(objects))
        )
        kids.append(len(objects))
        size += len(content) + 160
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    with open(args.out, "wb") as f:
        f.write(out)
    print(f"{args.out}: {len(out)} bytes, {len(kids)} pages")


if __name__ == "__main__":
    main()
