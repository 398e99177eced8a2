//! Two things alignment must see on our own small texts: a short sentence kept word for word
//! links where its neighbours' links place it (and a short sentence repeated everywhere does not
//! link at random), and a clause moved inside a sentence is a move, not a delete and an insert.

mod common;

use common::corpus;
use parallax::compare::{AlignedView, Comparison, LinkKind, OpKind, SentRange};
use parallax::document::{Corpus, DocId, Span};

fn r(start: u32, end: u32) -> SentRange {
    SentRange { start, end }
}

fn links(cmp: &Comparison) -> Vec<(SentRange, SentRange, LinkKind)> {
    cmp.alignments()[0]
        .links
        .iter()
        .map(|l| (l.a, l.b, l.kind))
        .collect()
}

/// Two versions of a short story told in long sentences, each edited, around short sentences
/// kept as they were, made of common words only (no content stem to search or score by).
const A: &str = "\
The ferry from Lusk left the quay at dawn with forty passengers and a hold full of timber.

And so it was. The captain blamed the fog that had settled over the strait during the night.

By noon the wind had turned and the crew could see the cliffs of the northern island clearly.

Not at all. Nobody aboard remembered a calmer crossing in all the years the boat had sailed.";

const B: &str = "\
The ferry from Lusk left the quay at sunrise with forty passengers and a hold of pine timber.

And so it was. The captain blamed the thick fog that had settled over the strait overnight.

By midday the wind had turned and the crew could make out the cliffs of the northern island.

Not at all. No one aboard recalled a calmer crossing in all the years the old boat had sailed.";

#[test]
fn short_identical_sentences_link_between_their_linked_neighbours() {
    let c = corpus(&[A, B]);
    let cmp = Comparison::build(&c);
    assert_eq!(
        links(&cmp),
        vec![
            (r(0, 1), r(0, 1), LinkKind::Paraphrase),
            (r(1, 2), r(1, 2), LinkKind::Identical),
            (r(2, 3), r(2, 3), LinkKind::Paraphrase),
            (r(3, 4), r(3, 4), LinkKind::Paraphrase),
            (r(4, 5), r(4, 5), LinkKind::Identical),
            (r(5, 6), r(5, 6), LinkKind::Paraphrase),
        ]
    );
    let stats = &cmp.alignments()[0].stats;
    assert_eq!((stats.a.unique, stats.b.unique), (0, 0));
}

#[test]
fn a_repeated_short_sentence_links_only_where_its_place_agrees() {
    // "Not yet." (common words only: nothing for the candidate search) opens every paragraph of
    // one version and only the last of the other: the one whose neighbours are linked around it
    // links, the others stay unique.
    let a = "\
Not yet. The harbour master ordered every trawler back to port before the storm arrived.

Not yet. Divers searched the wreck of the grain barge for a second day without finding the cargo.

Not yet. The insurers sent an assessor from the capital to value the damage to the pier.";
    let b = "\
The harbour master ordered every trawler back to port before the storm arrived.

Divers searched the wreck of the grain barge for a second day without finding the cargo.

Not yet. The insurers sent an assessor from the capital to value the damage to the pier.";
    let c = corpus(&[a, b]);
    let cmp = Comparison::build(&c);
    assert_eq!(
        links(&cmp),
        vec![
            (r(1, 2), r(0, 1), LinkKind::Identical),
            (r(3, 4), r(1, 2), LinkKind::Identical),
            (r(4, 5), r(2, 3), LinkKind::Identical),
            (r(5, 6), r(3, 4), LinkKind::Identical),
        ]
    );
}

#[test]
fn a_short_sentence_between_unlinked_text_stays_unique() {
    let a = "The mill on the river closed after ninety years of grinding flour for the valley.\n\nIt rained.";
    let b = "It rained.\n\nAn orchestra from the coast played three nights in the town hall to full rows.";
    let c = corpus(&[a, b]);
    // Nothing else links, so nothing places "It rained." and a lone exact repeat of a short
    // sentence is no evidence that two texts are related. It is the whole of both stretches
    // between the (missing) links, so patience matching pairs it; that is the one link allowed.
    assert!(links(&Comparison::build(&c)).len() <= 1);
}

/// The ops of the first link as `(kind, a text, b text)`.
fn ops<'c>(c: &'c Corpus, cmp: &Comparison) -> Vec<(OpKind, &'c str, &'c str)> {
    let (da, db) = (c.get(DocId(0)).unwrap(), c.get(DocId(1)).unwrap());
    cmp.alignments()[0].links[0]
        .ops
        .iter()
        .map(|op| (op.kind, da.slice(op.a), db.slice(op.b)))
        .collect()
}

/// The one move among `ops`, its two texts, which must be the same words.
fn the_move<'c>(found: &[(OpKind, &'c str, &'c str)]) -> (&'c str, &'c str) {
    let moves: Vec<(&str, &str)> = found
        .iter()
        .filter(|(k, _, _)| *k == OpKind::Move)
        .map(|&(_, x, y)| (x, y))
        .collect();
    assert_eq!(moves.len(), 1, "{found:?}");
    let (x, y) = moves[0];
    assert_eq!(x.to_lowercase(), y.to_lowercase());
    (x, y)
}

#[test]
fn a_clause_moved_inside_a_sentence_is_a_move_in_both_documents() {
    let a = "According to a report released on Monday, the council closed the northern bridge.";
    let b = "The council closed the northern bridge, according to a report released on Monday.";
    let c = corpus(&[a, b]);
    let cmp = Comparison::build(&c);
    let found = ops(&c, &cmp);
    // One clause stays in the word diff's order (equal), the other is the move.
    let (x, y) = the_move(&found);
    let clauses = [
        "according to a report released on monday",
        "the council closed the northern bridge",
    ];
    assert!(clauses.contains(&x.to_lowercase().as_str()), "{found:?}");
    // Every word is on both sides: none counts as changed.
    let al = &cmp.alignments()[0];
    assert_eq!(al.stats.a.shared_words, al.stats.a.words);
    assert!(
        found
            .iter()
            .filter(|(k, _, _)| !matches!(k, OpKind::Equal | OpKind::Move))
            .all(|(_, x, y)| !format!("{x}{y}").chars().any(char::is_alphanumeric)),
        "{found:?}"
    );
    // The aligned view marks the clause as moved, not as changed, in both documents.
    let view = AlignedView::build(&c, &cmp, DocId(0));
    let whole = |t: &str| Span {
        start: 0,
        end: t.len() as u32,
    };
    let moved = |d: u32, t: &str| -> Vec<&str> {
        let doc = c.get(DocId(d)).unwrap();
        view.moved(DocId(d), whole(t))
            .iter()
            .map(|s| doc.slice(*s))
            .collect()
    };
    assert_eq!((moved(0, a), moved(1, b)), (vec![x], vec![y]));
    let changed_words = |d: u32, t: &str| {
        let doc = c.get(DocId(d)).unwrap();
        view.changed(DocId(d), whole(t))
            .iter()
            .filter(|s| doc.slice(**s).chars().any(char::is_alphanumeric))
            .count()
    };
    assert_eq!((changed_words(0, a), changed_words(1, b)), (0, 0));
}

#[test]
fn two_words_in_another_place_are_no_move_and_real_changes_stay_changed() {
    // "the mayor" recurs but is two words: a coincidence, not a moved clause.
    let a = "On Friday the mayor opened the new library beside the old fish market.";
    let b = "The new library beside the old fish market was opened by the mayor's deputy.";
    let c = corpus(&[a, b]);
    let cmp = Comparison::build(&c);
    let found = ops(&c, &cmp);
    assert!(
        found.iter().all(|(k, _, _)| *k != OpKind::Move),
        "{found:?}"
    );
    assert!(found.iter().any(|(k, _, _)| *k != OpKind::Equal));
}

#[test]
fn a_move_in_a_split_sentence_stays_inside_one_sentence_on_each_side() {
    let a = "Under heavy rain on Sunday evening, rescuers reached the stranded climbers and brought them down the north face.";
    let b = "Rescuers reached the stranded climbers under heavy rain on Sunday evening. They brought them down the north face.";
    let c = corpus(&[a, b]);
    let cmp = Comparison::build(&c);
    let link = &cmp.alignments()[0].links[0];
    assert_eq!((link.a, link.b), (r(0, 1), r(0, 2)));
    let found = ops(&c, &cmp);
    let (x, _) = the_move(&found);
    assert!(
        [
            "rescuers reached the stranded climbers",
            "under heavy rain on sunday evening"
        ]
        .contains(&x.to_lowercase().as_str()),
        "{found:?}"
    );
    // "brought them down the north face" is in b's second sentence: the move never reaches it.
    let b_second = c.get(DocId(1)).unwrap().sentences[1].span;
    let mv = link.ops.iter().find(|op| op.kind == OpKind::Move).unwrap();
    assert!(mv.b.end <= b_second.start);
}
