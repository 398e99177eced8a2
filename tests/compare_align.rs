//! Alignment on our own small texts, with the exact links a reader would expect: reordering,
//! split and merged sentences, identical and empty documents, three versions.

mod common;

use common::corpus;
use parallax::compare::{Comparison, LinkKind, OpKind, SentRange};
use parallax::document::DocId;

fn r(start: u32, end: u32) -> SentRange {
    SentRange { start, end }
}

/// `(a range, b range, kind)` of every link of the first pair.
fn links(cmp: &Comparison) -> Vec<(SentRange, SentRange, LinkKind)> {
    cmp.alignments()[0]
        .links
        .iter()
        .map(|l| (l.a, l.b, l.kind))
        .collect()
}

const P1: &str =
    "The river rose four metres overnight after three days of heavy rain in the hills.";
const P2: &str = "Farmers near Osk moved their cattle to higher ground before dawn on Tuesday.";
const P3: &str =
    "The regional council opened two schools as emergency shelters for displaced families.";
const P4: &str = "Forecasters expect the water to fall slowly over the weekend if the rain stops.";

#[test]
fn pure_reordering_is_all_identical_or_moved_with_nothing_deleted() {
    let a = [P1, P2, P3, P4].join("\n\n");
    let b = [P1, P3, P4, P2].join("\n\n");
    let c = corpus(&[&a, &b]);
    let cmp = Comparison::build(&c);
    assert_eq!(
        links(&cmp),
        vec![
            (r(0, 1), r(0, 1), LinkKind::Identical),
            (r(1, 2), r(3, 4), LinkKind::Moved),
            (r(2, 3), r(1, 2), LinkKind::Identical),
            (r(3, 4), r(2, 3), LinkKind::Identical),
        ]
    );
    let al = &cmp.alignments()[0];
    assert!(
        al.links
            .iter()
            .flat_map(|l| &l.ops)
            .all(|op| op.kind == OpKind::Equal)
    );
    assert_eq!((al.stats.a.unique, al.stats.b.unique), (0, 0));
    assert_eq!(al.stats.a.shared_share(), 1.0);
}

#[test]
fn a_split_sentence_links_one_to_two_and_a_merge_two_to_one() {
    let a = format!(
        "{P1}\n\nEngineers opened the spillway at midnight, and the water reached the first houses of Osk within an hour.\n\n{P4}"
    );
    let b = format!(
        "{P1}\n\nEngineers opened the spillway at midnight. The water reached the first houses of Osk within the hour.\n\n{P4}"
    );
    let c = corpus(&[&a, &b]);
    let cmp = Comparison::build(&c);
    assert_eq!(
        links(&cmp),
        vec![
            (r(0, 1), r(0, 1), LinkKind::Identical),
            (r(1, 2), r(1, 3), LinkKind::Paraphrase),
            (r(2, 3), r(3, 4), LinkKind::Identical),
        ]
    );
    let reversed = corpus(&[&b, &a]);
    let cmp = Comparison::build(&reversed);
    assert_eq!(cmp.alignments()[0].links[1].a, r(1, 3));
    assert_eq!(cmp.alignments()[0].links[1].b, r(1, 2));
}

#[test]
fn reworded_sentence_has_its_changed_words_as_ops() {
    let a = "The minister said the old dam was safe for another decade.";
    let b = "The minister said the old dam was sound for another decade.";
    let c = corpus(&[a, b]);
    let cmp = Comparison::build(&c);
    let link = &cmp.alignments()[0].links[0];
    assert_eq!(link.kind, LinkKind::Paraphrase);
    let doc_a = c.get(DocId(0)).unwrap();
    let doc_b = c.get(DocId(1)).unwrap();
    let ops: Vec<(OpKind, &str, &str)> = link
        .ops
        .iter()
        .map(|op| (op.kind, doc_a.slice(op.a), doc_b.slice(op.b)))
        .collect();
    assert_eq!(
        ops,
        vec![
            (
                OpKind::Equal,
                "The minister said the old dam was",
                "The minister said the old dam was"
            ),
            (OpKind::Replace, "safe", "sound"),
            (OpKind::Equal, "for another decade.", "for another decade."),
        ]
    );
}

#[test]
fn identical_documents_and_a_document_with_itself_link_every_sentence() {
    let text = [P1, P2, P3, P4].join("\n\n");
    let c = corpus(&[&text, &text]);
    let cmp = Comparison::build(&c);
    let expected: Vec<_> = (0..4)
        .map(|i| (r(i, i + 1), r(i, i + 1), LinkKind::Identical))
        .collect();
    assert_eq!(links(&cmp), expected);
    let stats = &cmp.alignments()[0].stats;
    assert_eq!(
        (stats.a.identical, stats.b.identical, stats.a.unique),
        (4, 4, 0)
    );
    assert!(
        cmp.alignments()[0]
            .links
            .iter()
            .all(|l| l.similarity == 1.0)
    );
    assert_eq!(cmp.rows().len(), 4);
}

#[test]
fn an_empty_document_shares_nothing() {
    let text = [P1, P2].join("\n\n");
    let c = corpus(&[&text, ""]);
    let cmp = Comparison::build(&c);
    assert!(links(&cmp).is_empty());
    let stats = &cmp.alignments()[0].stats;
    assert_eq!(
        (stats.a.unique, stats.b.sentences, stats.b.shared_share()),
        (2, 0, 0.0)
    );
    assert_eq!(cmp.rows().len(), 2);
    assert_eq!(cmp.rows().cell(0, DocId(1)), None);
}

#[test]
fn boilerplate_never_links() {
    let furniture = "Share this article";
    let a = format!("{furniture}\n\n{P1}\n\n{furniture}");
    let b = format!("{furniture}\n\n{P1}");
    let c = corpus(&[&a, &b]);
    let cmp = Comparison::build(&c);
    assert_eq!(links(&cmp), vec![(r(1, 2), r(1, 2), LinkKind::Identical)]);
}

#[test]
fn unrelated_articles_do_not_link() {
    let a = std::fs::read_to_string("tests/fixtures/compare/harbour-a.txt").unwrap();
    let b = std::fs::read_to_string("tests/fixtures/compare/unrelated.txt").unwrap();
    let c = corpus(&[&a, &b]);
    assert!(links(&Comparison::build(&c)).is_empty());
}

#[test]
fn rewrite_with_moves_and_rewording_finds_every_counterpart() {
    let a = std::fs::read_to_string("tests/fixtures/compare/harbour-a.txt").unwrap();
    let b = std::fs::read_to_string("tests/fixtures/compare/harbour-b.txt").unwrap();
    let c = corpus(&[&a, &b]);
    let cmp = Comparison::build(&c);
    assert_eq!(
        links(&cmp),
        vec![
            (r(0, 1), r(0, 1), LinkKind::Paraphrase),
            // A's headline says in brief what B's lead says in full.
            (r(0, 1), r(2, 3), LinkKind::Restated),
            (r(1, 2), r(2, 3), LinkKind::Paraphrase),
            (r(2, 3), r(3, 5), LinkKind::Paraphrase),
            (r(3, 4), r(6, 7), LinkKind::Moved),
            (r(4, 5), r(5, 6), LinkKind::Paraphrase),
            (r(5, 6), r(1, 2), LinkKind::Moved),
        ]
    );
}

#[test]
fn three_versions_share_rows_and_support() {
    let a = [P1, P2, P3].join("\n\n");
    let b = [P1, P3].join("\n\n");
    let c3 = [P1, P2, P3, P4].join("\n\n");
    let c = corpus(&[&a, &b, &c3]);
    let cmp = Comparison::build(&c);
    assert_eq!(cmp.alignments().len(), 3);
    let rows = cmp.rows();
    let table: Vec<(Vec<Option<SentRange>>, Vec<u32>)> = (0..rows.len())
        .map(|row| {
            let cells = (0..3).map(|d| rows.cell(row, DocId(d))).collect();
            (cells, rows.support(row).map(|d| d.0).collect())
        })
        .collect();
    assert_eq!(
        table,
        vec![
            (
                vec![Some(r(0, 1)), Some(r(0, 1)), Some(r(0, 1))],
                vec![0, 1, 2]
            ),
            (vec![Some(r(1, 2)), None, Some(r(1, 2))], vec![0, 2]),
            (
                vec![Some(r(2, 3)), Some(r(1, 2)), Some(r(2, 3))],
                vec![0, 1, 2]
            ),
            (vec![None, None, Some(r(3, 4))], vec![2]),
        ]
    );
    assert_eq!(rows.row_of(DocId(1), 1), Some(2));
    let counterparts: Vec<(u32, LinkKind)> = cmp
        .counterparts(DocId(1), 1)
        .map(|c| (c.doc.0, c.kind))
        .collect();
    assert_eq!(
        counterparts,
        vec![(0, LinkKind::Identical), (2, LinkKind::Identical)]
    );
}
