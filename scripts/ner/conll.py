"""CoNLL-2003 reading shared by the scorer and the trainer: documents of sentences of
(token, tag) pairs, tags converted from IOB1 to BIO, spans as (start, end, type) token ranges."""

DATA = "../shared/data/conll2003"


def read(path):
    """Documents as lists of sentences; a sentence is a list of (token, bio_tag)."""
    docs, doc, sent = [], [], []
    with open(path, encoding="utf-8", newline="") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                if sent:
                    doc.append(to_bio(sent))
                    sent = []
                continue
            cols = line.split(" ")
            if cols[0] == "-DOCSTART-":
                if doc:
                    docs.append(doc)
                doc = []
                continue
            sent.append((cols[0], cols[-1]))
    if sent:
        doc.append(to_bio(sent))
    if doc:
        docs.append(doc)
    return docs


def to_bio(sent):
    out, prev = [], "O"
    for tok, tag in sent:
        if tag != "O" and (tag.startswith("B-") or prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append((tok, tag))
        prev = tag
    return out


def spans(tags):
    """Entity spans (first, end, type) of a BIO tag sequence; a stray I- opens a span."""
    out, start, kind = [], None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != kind):
            if start is not None:
                out.append((start, i, kind))
                start, kind = None, None
            if t != "O":
                start, kind = i, t[2:]
    return out
