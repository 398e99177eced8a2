#!/usr/bin/env python3
"""Reduce Princeton WordNet 3.0 to the word relations alignment uses: assets/lexicon/related.txt.

usage: build_synonyms.py [WORDNET_DIR] [OUT]   (defaults: /usr/share/wordnet, assets/lexicon/related.txt)

Input: WordNet 3.0's index.* and data.* files (Debian package `wordnet-base`). Two single words
are related when they share a synset, or a derivational link joins them ("decide"/"decision"),
in a sense that is among the first MAX_SENSES (WordNet orders senses by frequency) of BOTH
words: "fire" and "sack" meet (to dismiss), while rare senses that would join unrelated common
words are left out. Output: one line per STEM, keyed and listed in the aligner's own stems
(`stem` below is `compare::terms::stem`), so the engine looks a stem up once and stems nothing:
`stem<TAB>related related ...`, sorted bytewise so the engine binary-searches the text as it
is. A stem stands for the dictionary forms it may have been cut from (the stem itself, and it
plus "e", "ate" or "ation": "fir" is "fire", "decor" is "decorate"), and lists the stems of
the words related to any of them. Plain stdlib.
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
    by_stem = collections.defaultdict(set)
    for w, rel in related.items():
        for s in forms_of(w):
            by_stem[s].update(stem(r) for r in rel)
    with open(out_path, 'w', encoding='utf-8') as out:
        out.write('# Stem relations from Princeton WordNet 3.0 (see scripts/lexicon/README.md); '
                  'built by scripts/lexicon/build_synonyms.py.\n')
        for s in sorted(by_stem, key=lambda w: w.encode()):
            rel = sorted(by_stem[s] - {s})
            if rel:
                out.write(s + '\t' + ' '.join(rel) + '\n')


# The endings a stem's dictionary forms may add to it (see the module's docstring).
FORM_ENDINGS = ('', 'e', 'ate', 'ation')
STEM_SUFFIXES = ('ations', 'ation', 'ings', 'ing', 'edly', 'ed', 'ies', 'es', 'ly', 's', 'e')


def forms_of(word):
    """The stems whose dictionary forms include `word`."""
    return {word[:len(word) - len(e)] for e in FORM_ENDINGS if word.endswith(e) and len(word) > len(e)}


def stem(word):
    """compare::terms::stem, the aligner's stemmer, on a lowercase word (keep the two in step:
    a cargo test checks that every key and listed stem of the table is its own stem)."""
    w = word
    while w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    if not w.isascii() or len(w) <= 3 or any(c.isdigit() for c in w):
        return w
    for suffix in STEM_SUFFIXES:
        rest = w[:-len(suffix)]
        if w.endswith(suffix) and len(rest) >= 3 and not (suffix == 's' and rest.endswith('s')):
            w = rest
            if suffix == 'ies':
                return w + 'y'
            break
    if w.endswith('is') and len(w) - 2 >= 4:
        return w[:-2] + 'iz'
    return w


if __name__ == '__main__':
    main()
