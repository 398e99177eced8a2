#!/usr/bin/env python3
"""Reduce Princeton WordNet 3.0 to the word relations alignment uses: assets/lexicon/related.txt.

usage: build_synonyms.py [WORDNET_DIR] [OUT]   (defaults: /usr/share/wordnet, assets/lexicon/related.txt)

Input: WordNet 3.0's index.* and data.* files (Debian package `wordnet-base`). Two single words
are related when they share a synset, or a derivational link joins them ("decide"/"decision"),
in a sense that is among the first MAX_SENSES (WordNet orders senses by frequency) of BOTH
words: "fire" and "sack" meet (to dismiss), while rare senses that would join unrelated common
words are left out. Output: one line per word, sorted by word (bytewise, so the engine can
binary-search it without parsing it), `word<TAB>related related ...`, each pair written on
both words' lines. Plain stdlib.
"""
import collections, os, sys

MAX_SENSES = 4
POS = {'noun': 'n', 'verb': 'v', 'adj': 'a', 'adv': 'r'}
# Synsets with more single words than this are loose families ("go", "get"), not synonyms.
MAX_SYNSET_WORDS = 8


def single(lemma):
    return lemma.isalpha() and lemma.islower() or lemma.isalpha() and len(lemma) <= 5


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/wordnet'
    out_path = sys.argv[2] if len(sys.argv) > 2 else 'assets/lexicon/related.txt'
    # (pos, offset) -> rank of that sense for each lemma
    rank = {}
    for name, p in POS.items():
        for line in open(os.path.join(root, 'index.' + name), encoding='utf-8'):
            if line.startswith(' '):
                continue
            f = line.split()
            lemma, synset_cnt, p_cnt = f[0], int(f[2]), int(f[3])
            offsets = f[4 + p_cnt + 2:]
            for r, off in enumerate(offsets[:MAX_SENSES]):
                rank[(lemma, p, off)] = r
    pairs = set()
    for name, p in POS.items():
        for line in open(os.path.join(root, 'data.' + name), encoding='utf-8'):
            if line.startswith(' '):
                continue
            f = line.split(' | ')[0].split()
            off, w_cnt = f[0], int(f[3], 16)
            words = [f[4 + 2 * k].lower().split('(')[0] for k in range(w_cnt)]
            pos = 4 + 2 * w_cnt
            ptr_cnt = int(f[pos])
            ptrs = [f[pos + 1 + 4 * k: pos + 5 + 4 * k] for k in range(ptr_cnt)]
            dominant = [w for w in words if (w, p, off) in rank and single(w)]
            if len(dominant) <= MAX_SYNSET_WORDS:
                for x in dominant:
                    for y in dominant:
                        if x < y:
                            pairs.add((x, y))
            for sym, target, tpos, st in ptrs:
                if sym != '+':
                    continue
                src, dst = int(st[:2], 16), int(st[2:], 16)
                if not src or src > len(words):
                    continue
                w = words[src - 1]
                if (w, p, off) not in rank or not single(w):
                    continue
                tp = 'a' if tpos == 's' else tpos
                pairs.add(('\0' + w, tp, target, dst))
    # Resolve derivation targets: the word at position dst of synset target.
    want = collections.defaultdict(list)
    for item in [x for x in pairs if len(x) == 4]:
        pairs.discard(item)
        w, tp, target, dst = item
        want[(tp, target)].append((w[1:], dst))
    for name, p in POS.items():
        for line in open(os.path.join(root, 'data.' + name), encoding='utf-8'):
            if line.startswith(' '):
                continue
            f = line.split()
            key = (p, f[0])
            if key not in want:
                continue
            w_cnt = int(f[3], 16)
            words = [f[4 + 2 * k].lower().split('(')[0] for k in range(w_cnt)]
            for w, dst in want[key]:
                if 0 < dst <= len(words):
                    v = words[dst - 1]
                    if (v, p, f[0]) in rank and single(v) and v != w:
                        pairs.add((min(w, v), max(w, v)))
    related = collections.defaultdict(set)
    for x, y in pairs:
        related[x].add(y)
        related[y].add(x)
    with open(out_path, 'w', encoding='utf-8') as out:
        out.write('# Word relations from Princeton WordNet 3.0 (see scripts/lexicon/README.md); '
                  'built by scripts/lexicon/build_synonyms.py.\n')
        for w in sorted(related, key=lambda w: w.encode()):
            out.write(w + '\t' + ' '.join(sorted(related[w])) + '\n')


if __name__ == '__main__':
    main()
