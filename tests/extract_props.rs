//! Property: extraction never panics, and every span it returns lies inside its document on
//! character boundaries, whatever the text.

use std::path::PathBuf;

use parallax::document::load::from_bytes;
use parallax::document::{Corpus, Format, Origin, Span};
use proptest::prelude::*;

fn pieces() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("'".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("„".to_string()),
        Just(" ".to_string()),
        Just("\n\n".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just("said ".to_string()),
        Just("according to ".to_string()),
        Just("Mr. ".to_string()),
        Just("President ".to_string()),
        Just("Donald Trump ".to_string()),
        Just("the ".to_string()),
        Just("of ".to_string()),
        Just("(NWA) ".to_string()),
        Just("U.S. ".to_string()),
        Just("$4.5 billion ".to_string()),
        Just("she ".to_string()),
        Just("ÉCOLE ".to_string()),
        Just("日本 ".to_string()),
        "[A-Za-zÀ-ÿ]{1,8}",
        "[A-Z]{2,9}",
    ];
    prop::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

fn check(text: &str, span: Span, what: &str) {
    let (s, e) = (span.start as usize, span.end as usize);
    assert!(
        s <= e && e <= text.len(),
        "{what} {span:?} outside {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(s) && text.is_char_boundary(e),
        "{what} {span:?} splits a character"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn spans_stay_inside_the_text(a in pieces(), b in pieces()) {
        let mut corpus = Corpus::default();
        for (i, t) in [&a, &b].iter().enumerate() {
            let origin = Origin::File(PathBuf::from(format!("d{i}.txt")));
            corpus.push(from_bytes(origin, t.as_bytes(), Some(Format::Text)).expect("loads"));
        }
        let found = parallax::extract::extract(&corpus);
        for (doc, x) in corpus.documents.iter().zip(&found.documents) {
            let text = doc.text.as_str();
            for q in &x.quotes {
                check(text, q.span, "quote");
                check(text, q.outer, "quote marks");
                prop_assert!(q.outer.contains(q.span));
                if let Some(s) = &q.speaker {
                    check(text, s.span, "speaker");
                }
            }
            for m in &x.mentions {
                check(text, m.span, "mention");
                prop_assert!(found.entity(m.entity).is_some());
            }
            for c in &x.claims {
                check(text, c.span, "claim");
                for cue in &c.cues {
                    check(text, cue.span, "cue");
                }
                for cp in &c.counterparts {
                    let other = &corpus.documents[cp.doc.index()].text;
                    for (ours, theirs) in &cp.changed_figures {
                        if let Some(s) = ours { check(text, *s, "figure"); }
                        if let Some(s) = theirs { check(other, *s, "their figure"); }
                    }
                }
            }
        }
    }
}
