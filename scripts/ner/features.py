"""The tagger's features, exactly as src/extract/tagger/features.rs computes them: each feature
is a string hashed with 64-bit FNV-1a into one of 2^BITS rows of weights (one per tag).
Any change here must be made there too; tests/tagger_parity checks the two agree."""

BITS = 18
MASK = (1 << BITS) - 1
TAGS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
M64 = (1 << 64) - 1

_cache = {}


def row(feature):
    r = _cache.get(feature)
    if r is None:
        h = FNV_OFFSET
        for b in feature.encode("utf-8"):
            h = ((h ^ b) * FNV_PRIME) & M64
        r = _cache[feature] = h & MASK
    return r


def shape(word):
    """Capitals X, lowercase x, digits d, other characters kept; runs collapsed: "McDonald's"
    → "XxXx'x", "1996-08-30" → "d-d-d"."""
    out = []
    for c in word:
        if "0" <= c <= "9":
            k = "d"
        elif c.isupper():
            k = "X"
        elif c.islower():
            k = "x"
        else:
            k = c
        if not out or out[-1] != k:
            out.append(k)
    return "".join(out)


def has_lower(w):
    return any(c.islower() for c in w)


def has_upper(w):
    return any(c.isupper() for c in w)


def shouting(words):
    """A sentence in capitals: letters but no lowercase in any word, at least two words."""
    alpha = [w for w in words if any(c.isalpha() for c in w)]
    return len(alpha) >= 2 and not any(has_lower(w) for w in alpha)


def doc_case(doc_words):
    """Per lowercased word, how the document writes it: 1 = capitalised after a sentence's
    first word (outside capitals-only sentences), 2 = in lowercase; both bits may be set."""
    seen = {}
    for words in doc_words:
        if shouting(words):
            continue
        for i, w in enumerate(words):
            lw = w.lower()
            if has_lower(w) and not has_upper(w):
                seen[lw] = seen.get(lw, 0) | 2
            elif i > 0 and w[:1].isupper():
                seen[lw] = seen.get(lw, 0) | 1
    return seen


def static(words, gaz, seen):
    """The rows of each token's features that do not depend on predicted tags."""
    n = len(words)
    lows = [w.lower() for w in words]
    shapes = [shape(w) for w in words]
    caps = shouting(words)

    def at(seq, i, pad):
        return seq[i] if 0 <= i < n else pad

    out = []
    for i, w in enumerate(words):
        lw = lows[i]
        s0 = shapes[i]
        f = [
            "b",
            "w=" + lw,
            "W=" + w,
            "s=" + s0,
            "p1=" + lw[:1],
            "p2=" + lw[:2],
            "p3=" + lw[:3],
            "x2=" + lw[-2:],
            "x3=" + lw[-3:],
            "x4=" + lw[-4:],
            "w-1=" + at(lows, i - 1, "<s>"),
            "w+1=" + at(lows, i + 1, "</s>"),
            "w-2=" + at(lows, i - 2, "<s>"),
            "w+2=" + at(lows, i + 2, "</s>"),
            "s-1=" + at(shapes, i - 1, "<s>"),
            "s+1=" + at(shapes, i + 1, "</s>"),
            "s-1s=" + at(shapes, i - 1, "<s>") + "|" + s0,
            "ss+1=" + s0 + "|" + at(shapes, i + 1, "</s>"),
            "w-1w=" + at(lows, i - 1, "<s>") + "|" + lw,
            "ww+1=" + lw + "|" + at(lows, i + 1, "</s>"),
            "dc=" + str(seen.get(lw, 0)) + "|" + s0,
            "g=" + gaz.get(w, "-"),
            "g-1=" + gaz.get(at(words, i - 1, ""), "-"),
            "g+1=" + gaz.get(at(words, i + 1, ""), "-"),
        ]
        if i == 0:
            f.append("first|" + s0)
        if caps:
            f.append("caps|" + lw)
            f.append("caps")
        out.append([row(x) for x in f])
    return out


def dynamic(words, i, t1, t2):
    """Rows of the features that read the two previous predicted tags."""
    lw = words[i].lower()
    return [row("t1=" + t1), row("t2t1=" + t2 + "|" + t1), row("t1w=" + t1 + "|" + lw)]


def gazetteer(lexicon_dir):
    """Word → flags from the project's lexicons: each word of a listed name gets the list's
    letter (f first name, p place, c country, o organisation, d demonym, t title word,
    O organisation head, P place head, M other head, r role noun), letters sorted."""
    import os

    lists = [
        ("first_names.txt", "f", True),
        ("places.txt", "p", False),
        ("countries.txt", "c", False),
        ("orgs.txt", "o", False),
        ("demonyms.txt", "d", False),
        ("titles.txt", "t", True),
        ("org_words.txt", "O", False),
        ("place_words.txt", "P", False),
        ("other_words.txt", "M", False),
        ("roles.txt", "r", True),
    ]
    flags = {}
    for name, letter, gendered in lists:
        with open(os.path.join(lexicon_dir, name), encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                if gendered and line[-2:] in (" m", " f"):
                    line = line[:-2]
                for alias in line.split(" | "):
                    for w in alias.split():
                        flags.setdefault(w, set()).add(letter)
    return {w: "".join(sorted(s)) for w, s in flags.items()}
