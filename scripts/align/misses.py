#!/usr/bin/env python3
"""List the gold sentence pairs `parallax compare` misses, and the links it makes that no gold
row supports, with both sentences: the working list for alignment recall.

usage: misses.py PARALLAX_BIN STORIES_DIR GOLD_TSV [--false]

Gold rows as for ../shared/tools/score_alignment.py (story, fileA, fileB, sentence of A,
sentence of B); sentences match by byte overlap the same way. With --false, the predicted pairs
no gold row supports are listed too. Plain stdlib; reads the corpus, writes nothing."""
import collections, json, os, subprocess, sys


def spans(doc, text):
    out, start, t = [], 0, text.encode()
    while (i := doc.find(t, start)) >= 0:
        out.append((i, i + len(t)))
        start = i + 1
    return out


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def m(p, gs):
    return any(overlap(p, s) * 2 >= min(s[1] - s[0], p[1] - p[0]) for s in gs)


def main():
    binary, root, gold_path = sys.argv[1:4]
    show_false = '--false' in sys.argv[4:]
    pairs = collections.OrderedDict()
    for line in open(gold_path, encoding='utf-8'):
        if line.strip():
            story, fa, fb, sa, sb = line.rstrip('\n').split('\t')
            pairs.setdefault((story, fa, fb), []).append((sa, sb))
    for (story, fa, fb), rows in pairs.items():
        pa, pb = os.path.join(root, story, fa), os.path.join(root, story, fb)
        a_bytes, b_bytes = open(pa, 'rb').read(), open(pb, 'rb').read()
        out = subprocess.run([binary, 'compare', '--format', 'json', pa, pb],
                             capture_output=True, text=True, timeout=120)
        data = json.loads(out.stdout)
        docs = data['documents']
        pair = data['pairs'][0]
        flip = pair['a'] != docs[0]['id']
        sent = {d['id']: {s['id']: (s['start'], s['end']) for s in d['sentences']} for d in docs}
        pred = []
        for link in pair['links']:
            la, lb = (link['b'], link['a']) if flip else (link['a'], link['b'])
            for x in la:
                for y in lb:
                    pred.append((sent[docs[0]['id']][x], sent[docs[1]['id']][y], link.get('similarity')))
        gold = [(spans(a_bytes, sa), spans(b_bytes, sb), sa, sb) for sa, sb in rows]
        hit = lambda p, g: m(p[0], g[0]) and m(p[1], g[1])
        print(f'== {story}: {fa} ~ {fb}')
        for g in gold:
            if not any(hit(p, g) for p in pred):
                print(f'MISS\n  A: {g[2]}\n  B: {g[3]}')
        if show_false:
            text = lambda b, s: b[s[0]:s[1]].decode('utf-8', 'replace').replace('\n', ' ')
            for p in pred:
                if not any(hit(p, g) for g in gold):
                    print(f'FALSE {p[2]}\n  A: {text(a_bytes, p[0])}\n  B: {text(b_bytes, p[1])}')


if __name__ == '__main__':
    main()
