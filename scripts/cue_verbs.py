#!/usr/bin/env python3
"""Count the one-word cues of direct quotations in PolNeAR's train split and write the verbs
met at least MIN times that the hand-made list lacks, as `assets/lexicon/cue_verbs.txt`.

usage: python3 scripts/cue_verbs.py ../shared/data/polnear/train > assets/lexicon/cue_verbs.txt

Only verb forms are kept (a word list, no text of the corpus): a cue is counted when its
attribution's content holds a quotation mark, so the verbs are those that introduce quotes.
Stdlib only; the output is sorted so a rerun gives the same file."""
import collections
import glob
import os
import re
import sys

MIN = 3
MARKS = '"“”«»'
# Cue words that are no verb of speech or writing, or that the rules read otherwise.
SKIP = {'according', 'as', 'is', 'was', 'be', 'are', 'were', 'has', 'have', 'had', 'in', 'to',
        'of', 'the', 'a', 'it', 'that', 'and', 'for', 'with', 'on', 'by', 'from',
        # nouns as often as verbs, or thinking rather than saying
        'comment', 'sees', 'includes', 'thought'}


def main(root):
    here = os.path.dirname(os.path.abspath(__file__))
    known = set()
    with open(os.path.join(here, '..', 'assets', 'lexicon', 'reporting_verbs.txt'), encoding='utf-8') as fh:
        for line in fh:
            line = line.split('#')[0].strip()
            if line:
                known.add(line.split()[0])
    counts = collections.Counter()
    for path in sorted(glob.glob(os.path.join(root, 'attributions', '*.ann'))):
        spans = {}
        events = []
        with open(path, encoding='utf-8') as fh:
            for line in fh:
                parts = line.rstrip('\n').split('\t')
                if len(parts) == 3 and parts[0].startswith('T'):
                    spans[parts[0]] = (parts[1].split()[0], parts[2])
                elif parts and parts[0].startswith('E') and len(parts) > 1:
                    events.append(dict(x.split(':', 1) for x in parts[1].split()))
        for e in events:
            content = spans.get(e.get('Content', ''), ('', ''))[1]
            cue = spans.get(e.get('Cue', ''), ('', ''))[1].strip().lower()
            if not any(m in content for m in MARKS) or not re.fullmatch(r"[a-z]+", cue):
                continue
            counts[cue] += 1
    print('# Cue verbs of direct quotations counted in PolNeAR v1.0 train (scripts/cue_verbs.py),')
    print(f'# met at least {MIN} times and missing from reporting_verbs.txt. They attribute a')
    print('# quotation in their clause only (" quote"): a claim needs the hand-made list.')
    for word, n in sorted(counts.items()):
        if n >= MIN and word not in known and word not in SKIP:
            print(f'{word} quote')


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
