#!/usr/bin/env python3
"""How far a link's similarity can be trusted: on hand-aligned pairs of real story versions,
the precision of `parallax compare`'s links by kind and by similarity band, and the recall.
It shows whether the link threshold (0.3) and the moved threshold (0.45) sit where links stop
being right, and which passes earn their links.

usage: calibrate.py PARALLAX_BIN STORIES_DIR GOLD_TSV [GOLD_TSV ...]

Gold rows as for ../shared/tools/score_alignment.py (story, fileA, fileB, sentence of A,
sentence of B); predicted and gold sentences match by byte overlap the same way. A link
counts once per sentence pair it covers. Plain stdlib; reads the corpus, writes nothing."""
import collections, json, os, subprocess, sys

from misses import m, spans  # the same matching as the miss list and the scorer

BANDS = [0.0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.8, 1.01]


def band(x):
    for lo, hi in zip(BANDS, BANDS[1:]):
        if lo <= x < hi:
            return f'{lo:.2f}-{min(hi, 1.0):.2f}'
    return 'other'


def main():
    binary, root, golds = sys.argv[1], sys.argv[2], sys.argv[3:]
    pairs = collections.OrderedDict()
    for path in golds:
        for line in open(path, encoding='utf-8'):
            if line.strip():
                story, fa, fb, sa, sb = line.rstrip('\n').split('\t')
                pairs.setdefault((story, fa, fb), []).append((sa, sb))
    by_kind = collections.Counter()
    by_kind_ok = collections.Counter()
    by_band = collections.Counter()
    by_band_ok = collections.Counter()
    gold_n = gold_hit = 0
    for (story, fa, fb), rows in pairs.items():
        pa, pb = os.path.join(root, story, fa), os.path.join(root, story, fb)
        a_bytes, b_bytes = open(pa, 'rb').read(), open(pb, 'rb').read()
        out = subprocess.run([binary, 'compare', '--format', 'json', pa, pb],
                             capture_output=True, check=True).stdout
        d = json.loads(out)
        sa_, sb_ = d['documents'][0]['sentences'], d['documents'][1]['sentences']
        gold = [(spans(a_bytes, x), spans(b_bytes, y)) for x, y in rows]
        gold = [g for g in gold if g[0] and g[1]]
        found = set()
        for link in d['pairs'][0]['links']:
            for i in link['a']:
                for j in link['b']:
                    p = (sa_[i]['start'], sa_[i]['end']), (sb_[j]['start'], sb_[j]['end'])
                    hits = [k for k, g in enumerate(gold) if m(p[0], g[0]) and m(p[1], g[1])]
                    found.update(hits)
                    kind, b = link['kind'], band(link['similarity'])
                    by_kind[kind] += 1
                    by_band[b] += 1
                    by_kind_ok[kind] += bool(hits)
                    by_band_ok[b] += bool(hits)
        gold_n += len(gold)
        gold_hit += len(found)
    print(f'{len(pairs)} pairs, {gold_n} gold sentence pairs, recall {gold_hit / max(gold_n, 1):.3f}')
    print('kind        links  right  precision')
    for k in sorted(by_kind):
        print(f'{k:10} {by_kind[k]:6} {by_kind_ok[k]:6}  {by_kind_ok[k] / by_kind[k]:.3f}')
    print('similarity  links  right  precision')
    for b in sorted(by_band):
        print(f'{b:10} {by_band[b]:6} {by_band_ok[b]:6}  {by_band_ok[b] / by_band[b]:.3f}')


if __name__ == '__main__':
    main()
