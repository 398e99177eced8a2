//! Properties of the comparison on arbitrary text: it never panics, every op span lies inside
//! a sentence of its link on each side, no sentence is linked twice in a pair, and the rows
//! show every sentence of every document exactly once, in order.

use parallax::compare::{Comparison, LinkKind};
use parallax::document::{Corpus, Origin, load};
use proptest::prelude::*;

fn corpus(texts: &[String]) -> Corpus {
    let mut corpus = Corpus::default();
    for (i, text) in texts.iter().enumerate() {
        let loaded =
            load::from_bytes(Origin::File(format!("d{i}").into()), text.as_bytes(), None).unwrap();
        corpus.push(loaded);
    }
    corpus
}

/// Prose-like text from a small vocabulary, so documents share words and sentences often.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(vec![
            "river", "dam", "minister", "said", "the", "water", "rose", "Talden", "«quote»", "1,240",
            "homes", "flooded", "night", "Dr.", "engineers", "é", "naïve", "—", "U.S.",
        ]).prop_map(str::to_string),
        1 => prop::sample::select(vec![". ", "? ", ", ", "\n", "\n\n", " \"", "” "]).prop_map(str::to_string),
        1 => "[a-zA-Z\u{e9}\u{201c}\u{201d}.!? \n]{0,12}",
    ];
    prop::collection::vec(piece, 0..80).prop_map(|parts| parts.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn comparison_is_well_formed(texts in prop::collection::vec(text(), 2..4)) {
        let c = corpus(&texts);
        let cmp = Comparison::build(&c);
        prop_assert_eq!(cmp.alignments().len(), texts.len() * (texts.len() - 1) / 2);
        for al in cmp.alignments() {
            let (a, b) = (c.get(al.a).unwrap(), c.get(al.b).unwrap());
            let mut used_a = vec![false; a.sentences.len()];
            let mut used_b = vec![false; b.sentences.len()];
            for link in &al.links {
                prop_assert!(!link.a.is_empty() && !link.b.is_empty());
                prop_assert!((0.0..=1.0).contains(&link.similarity));
                // Only a restatement pairs a sentence a second time.
                let once = link.kind != LinkKind::Restated;
                for (used, range) in [(&mut used_a, link.a), (&mut used_b, link.b)] {
                    for s in range.range() {
                        prop_assert!(s < used.len() && !(once && used[s]), "sentence {} linked twice", s);
                        used[s] |= once;
                    }
                }
                for op in &link.ops {
                    let inside = |doc: &parallax::document::Document, r: parallax::compare::SentRange, span| {
                        doc.sentences[r.range()].iter().any(|s| s.span.contains(span))
                    };
                    prop_assert!(inside(a, link.a, op.a), "{:?} outside {:?}", op, link.a);
                    prop_assert!(inside(b, link.b, op.b), "{:?} outside {:?}", op, link.b);
                    if op.kind == parallax::compare::OpKind::Move {
                        let words = |doc: &parallax::document::Document, span: parallax::document::Span| {
                            doc.tokens
                                .iter()
                                .filter(|t| span.contains(t.span))
                                .map(|t| t.term)
                                .collect::<Vec<_>>()
                        };
                        prop_assert_eq!(words(a, op.a), words(b, op.b), "{:?}", op);
                    }
                }
            }
        }
        let rows = cmp.rows();
        for doc in &c.documents {
            let mut next = 0;
            for row in 0..rows.len() {
                if let Some(cell) = rows.cell(row, doc.id) {
                    prop_assert_eq!(cell.start as usize, next);
                    next = cell.end as usize;
                    prop_assert!(rows.support(row).any(|d| d == doc.id));
                }
            }
            prop_assert_eq!(next, doc.sentences.len());
        }
    }
}
