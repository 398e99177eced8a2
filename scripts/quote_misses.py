#!/usr/bin/env python3
"""Show every quote whose speaker the quote scorer counts wrong, with the gold speaker, ours and
the text around the quote, so misses can be grouped by cause.

usage: python3 scripts/quote_misses.py PARALLAX_BIN DATA_DIR [SCORER]
  DATA_DIR is a quote set such as ../shared/data/quotes-polnear-dev; SCORER defaults to
  ../shared/tools/score_quotes.py, whose matching and speaker test are reused as they are, so
  the misses listed are exactly the ones it counts. Prints to stdout; nothing is written."""
import importlib.util, json, os, sys


def load_scorer(path):
    spec = importlib.util.spec_from_file_location('score_quotes', path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    binary, data = argv[0], argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    scorer = argv[2] if len(argv) == 3 else os.path.join(here, '..', '..', 'shared', 'tools', 'score_quotes.py')
    sq = load_scorer(scorer)
    gold = {}
    for line in open(os.path.join(data, 'gold.jsonl'), encoding='utf-8'):
        if line.strip():
            row = json.loads(line)
            gold[row['file']] = row
    files = sorted(f for f in os.listdir(data) if f.endswith('.txt'))
    paths = [os.path.join(data, f) for f in files]
    got, _ = sq.predict(binary, paths, lambda m: print(m, file=sys.stderr))
    n = 0
    for f, p in zip(files, paths):
        text = open(p, encoding='utf-8').read().replace('\r\n', '\n')
        text = text[1:] if text.startswith('\ufeff') else text
        d = got.get(p)
        pq = sq.char_spans(text, d.get('quotes')) if d else []
        gq = [q for q in gold.get(f, {}).get('quotes', []) if isinstance(q, dict)]
        pairs = sorted(((sq.overlap((a[0], a[1]), (q['start'], q['end'])), i, j)
                        for i, a in enumerate(pq) for j, q in enumerate(gq)), reverse=True)
        pm, gm = {}, {}
        for ov, i, j in pairs:
            if ov < 0.8:
                break
            if i not in pm and j not in gm:
                pm[i], gm[j] = j, i
        for j, q in enumerate(gq):
            if j not in gm:
                continue
            golds = [q.get('speaker') or '', q.get('reference') or '']
            ours = pq[gm[j]][2]
            if not any(golds) or sq.speaker_ok(ours, golds):
                continue
            n += 1
            a, b = q['start'], q['end']
            ctx = text[max(0, a - 200):a] + '[[' + text[a:b][:120] + ('…' if b - a > 120 else '') + ']]' + text[b:b + 120]
            print(f'--- {n}. {f}  @{a}')
            print(f'gold: {golds[0]!r} (ref {golds[1]!r}, src {text[q.get("source_start", 0):q.get("source_end", 0)]!r})   ours: {ours!r}')
            print('   ' + ctx.replace('\n', ' ¶ '))


if __name__ == '__main__':
    main(sys.argv[1:])
