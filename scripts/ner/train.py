"""Train the entity tagger: a greedy left-to-right averaged perceptron over hashed features
(features.py) on CoNLL-2003 eng.train, choosing the epoch count on eng.testa, and write the
weights with the gazetteer to assets/tagger/ner.bin (format in assets/tagger/README.md).

    python3 scripts/ner/train.py ../shared/data/conll2003 assets/tagger/ner.bin
"""

import os
import random
import struct
import sys

sys.path.insert(0, os.path.dirname(__file__))
import conll  # noqa: E402
import features as F  # noqa: E402

NT = len(F.TAGS)
TAG = {t: i for i, t in enumerate(F.TAGS)}


def allowed(prev, cand):
    """BIO: an I- tag continues a span of its own type."""
    t = F.TAGS[cand]
    return not t.startswith("I-") or F.TAGS[prev][2:] == t[2:]


def prepare(docs, gaz):
    out = []
    for doc in docs:
        words = [[w for w, _ in s] for s in doc]
        seen = F.doc_case(words)
        for s in doc:
            ws = [w for w, _ in s]
            out.append((ws, F.static(ws, gaz, seen), [TAG[t] for _, t in s]))
    return out


def predict(W, ws, stat):
    tags = []
    t1 = t2 = "<s>"
    prev = 0
    for i in range(len(ws)):
        rows = stat[i] + F.dynamic(ws, i, t1, t2)
        scores = [0.0] * NT
        for r in rows:
            w = W.get(r)
            if w is not None:
                scores = [a + b for a, b in zip(scores, w)]
        best = max((k for k in range(NT) if allowed(prev, k)), key=lambda k: scores[k])
        tags.append(best)
        prev = best
        t2, t1 = t1, F.TAGS[best]
    return tags, None


class Perceptron:
    def __init__(self):
        self.w, self.total, self.stamp, self.n = {}, {}, {}, 0

    def update(self, rows, k, delta):
        for r in rows:
            key = r * NT + k
            last = self.stamp.get(key, 0)
            wr = self.w.setdefault(r, [0.0] * NT)
            self.total[key] = self.total.get(key, 0.0) + (self.n - last) * wr[k]
            self.stamp[key] = self.n
            wr[k] += delta

    def averaged(self):
        avg = {}
        for r, wr in self.w.items():
            out = []
            for k in range(NT):
                key = r * NT + k
                tot = self.total.get(key, 0.0) + (self.n - self.stamp.get(key, 0)) * wr[k]
                out.append(tot / max(self.n, 1))
            avg[r] = out
        return avg


def train_epoch(p, data, rng):
    rng.shuffle(data)
    for ws, stat, gold in data:
        t1 = t2 = "<s>"
        prev = 0
        for i in range(len(ws)):
            p.n += 1
            rows = stat[i] + F.dynamic(ws, i, t1, t2)
            scores = [0.0] * NT
            for r in rows:
                w = p.w.get(r)
                if w is not None:
                    scores = [a + b for a, b in zip(scores, w)]
            guess = max((k for k in range(NT) if allowed(prev, k)), key=lambda k: scores[k])
            g = gold[i]
            if guess != g:
                p.update(rows, g, 1.0)
                p.update(rows, guess, -1.0)
            # Train on the gold history: the model learns what each previous tag means.
            prev = g
            t2, t1 = t1, F.TAGS[g]


def evaluate(W, data):
    tp = npred = ngold = 0
    for ws, stat, gold in data:
        pred, _ = predict(W, ws, stat)
        g = set(conll.spans([F.TAGS[t] for t in gold]))
        p = set(conll.spans([F.TAGS[t] for t in pred]))
        tp += len(g & p)
        npred += len(p)
        ngold += len(g)
    pr = tp / npred if npred else 0
    rc = tp / ngold if ngold else 0
    return pr, rc, 2 * pr * rc / (pr + rc) if pr + rc else 0


def quantise(W):
    """i8 weights with one scale: w ≈ q * scale."""
    big = max(abs(x) for wr in W.values() for x in wr)
    scale = big / 127.0
    q = {}
    for r, wr in W.items():
        row = [max(-127, min(127, round(x / scale))) for x in wr]
        if any(row):
            q[r] = row
    return q, scale


def write(path, q, scale, gaz):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    table = bytearray((1 << F.BITS) * NT)
    for r, row in q.items():
        for k, x in enumerate(row):
            table[r * NT + k] = x & 0xFF
    gaz_text = "".join(f"{w}\t{flags}\n" for w, flags in sorted(gaz.items())).encode("utf-8")
    with open(path, "wb") as f:
        f.write(b"PXNER1\0\0")
        f.write(struct.pack("<IIfI", F.BITS, NT, scale, len(gaz_text)))
        f.write(gaz_text)
        f.write(bytes(table))


def main():
    data_dir, out = sys.argv[1], sys.argv[2]
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 12
    here = os.path.dirname(os.path.abspath(__file__))
    gaz = F.gazetteer(os.path.join(here, "..", "..", "assets", "lexicon"))
    train = prepare(conll.read(os.path.join(data_dir, "eng.train")), gaz)
    dev = prepare(conll.read(os.path.join(data_dir, "eng.testa")), gaz)
    rng = random.Random(17)
    p = Perceptron()
    best = (-1, None, 0)
    for e in range(1, epochs + 1):
        train_epoch(p, train, rng)
        W = p.averaged()
        f = evaluate(W, dev)
        print(f"epoch {e}: dev P {f[0]:.4f} R {f[1]:.4f} F1 {f[2]:.4f}", flush=True)
        if f[2] > best[0]:
            best = (f[2], W, e)
    q, scale = quantise(best[1])
    qw = {r: [x * scale for x in row] for r, row in q.items()}
    f = evaluate(qw, dev)
    print(f"best epoch {best[2]}; quantised: dev P {f[0]:.4f} R {f[1]:.4f} F1 {f[2]:.4f}")
    write(out, q, scale, gaz)


if __name__ == "__main__":
    main()
