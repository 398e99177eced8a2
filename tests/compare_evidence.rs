//! Why two sentences link: the evidence of a link names the words both sides share, the words
//! related in meaning, and the names and figures in both (texts of our own).

use parallax::compare::{Comparison, evidence};
use parallax::document::load::from_bytes;
use parallax::document::{Corpus, Origin};

#[test]
fn a_reworded_sentence_links_with_its_evidence() {
    let mut corpus = Corpus::default();
    for text in [
        "The harbour board of Velmont fired its chief engineer, Orla Fenwick, on Friday after 12 pylons cracked.\n",
        "Orla Fenwick, the chief engineer, was sacked by the Velmont harbour board on Friday when 12 pylons cracked.\n",
    ] {
        let loaded = from_bytes(Origin::Stdin, text.as_bytes(), None).expect("loads");
        corpus.push(loaded);
    }
    let cmp = Comparison::build(&corpus);
    let al = cmp.alignments().first().expect("one pair");
    let link = al.links.first().expect("the sentences link");
    let (a, b) = (
        corpus.get(al.a).expect("doc a"),
        corpus.get(al.b).expect("doc b"),
    );
    let ev = evidence(a, b, link);
    assert!(ev.shared.iter().any(|w| w == "harbour"), "{ev:?}");
    assert!(
        ev.related
            .iter()
            .any(|(x, y)| x == "fired" && y == "sacked"),
        "{ev:?}"
    );
    assert!(ev.names.iter().any(|n| n == "Fenwick"), "{ev:?}");
    assert_eq!(ev.figures, ["12"]);
    assert!((ev.score - link.similarity).abs() < f32::EPSILON);
}
