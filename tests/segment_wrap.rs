//! Hard-wrapped text segments as its unwrapped original does: wrapping a story of our own at
//! 60 to 80 columns (as `fold -s` does) changes none of its sentences, a dateline stays with
//! its lead, and verse, tables, one endless line and 20-column wrapping are not joined into
//! nonsense.

use parallax::document::load::from_bytes;
use parallax::document::{Corpus, Document, Format, Origin};

fn doc(text: &str) -> Document {
    let mut corpus = Corpus::default();
    let loaded = from_bytes(Origin::Stdin, text.as_bytes(), Some(Format::Text)).expect("loads");
    let id = corpus.push(loaded);
    corpus.get(id).cloned().expect("pushed")
}

/// Sentences with their inner whitespace folded, so wrapped and unwrapped texts compare.
fn sentences(text: &str) -> Vec<String> {
    let d = doc(text);
    d.sentences
        .iter()
        .map(|s| {
            d.slice(s.span)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn paragraphs(text: &str) -> usize {
    doc(text).paragraphs.len()
}

/// `fold -s -w width`: each line broken after its last space that fits, the space kept.
fn fold(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut rest = line;
        while rest.len() > width {
            let cut = rest[..=width]
                .rfind(' ')
                .map_or(width, |i| i + 1)
                .min(rest.len());
            out.push_str(&rest[..cut]);
            out.push('\n');
            rest = &rest[cut..];
        }
        out.push_str(rest);
        out.push('\n');
    }
    out
}

const STORY: &str = "Harbour board shuts Velmont ferry pier after pylon cracks found
KESTRIN BAY, Ore. (AP) — The harbour board of Velmont voted on Tuesday to close the old ferry pier after engineers found cracks in three of its pylons, ending a century of crossings from the town centre.
Repairs would cost more than the pier earns in ten years, the board's chair, Orla Fenwick, told reporters at the town hall.
NEXT STEPS FOR THE CREWS
Ferry crews will move to the north quay from next month:
- the morning timetable stays as it is
- the last crossing leaves at 9 p.m.
\"We looked at every other option and none of them kept passengers safe,\" Fenwick said. The U.S. Coast Guard, which inspected the pylons in March, agreed with the engineers' report.

Shops near the pier said they feared losing the trade of some 4,000 passengers a week – about a third of the town's visitors – and asked the board for help with rents.
";

#[test]
fn wrapping_at_60_to_80_columns_changes_no_sentence() {
    let original = sentences(STORY);
    for width in [60, 64, 72, 80] {
        assert_eq!(
            sentences(&fold(STORY, width)),
            original,
            "wrapped at {width}"
        );
    }
}

#[test]
fn a_dateline_stays_with_its_lead() {
    let all = sentences(STORY);
    assert!(
        all.iter()
            .any(|s| s.starts_with("KESTRIN BAY, Ore. (AP) — The harbour board")),
        "{all:#?}"
    );
}

#[test]
fn one_line_without_breaks_is_cut_only_at_sentences() {
    let line = STORY.replace('\n', " ");
    let all = sentences(&line);
    assert!(all.iter().any(|s| s.starts_with("Repairs would cost")));
    assert_eq!(paragraphs(&line), 1);
}

#[test]
fn twenty_columns_keep_the_sentences_of_the_prose() {
    let prose = "The harbour board of Velmont voted on Tuesday to close the old ferry pier after \
        engineers found cracks in three of its pylons. Repairs would cost more than the pier earns \
        in ten years, the chair said.\n";
    assert_eq!(sentences(&fold(prose, 20)), sentences(prose));
}

#[test]
fn verse_keeps_its_short_lines() {
    let verse = "Grey gulls over the quay\nturn with the turning tide,\nthe ferry bell at noon\n\
        and nobody aboard;\nthe lamps along the wall\ncome on before the dark\nand go out one by one\n";
    assert_eq!(paragraphs(verse), 7, "each line of verse stands alone");
    let stanzas = "Grey gulls over the quay\nturn with the turning tide\n\nThe ferry bell at noon\n\
        And nobody aboard\n\nThe lamps along the wall\nCome on before the dark\n";
    assert_eq!(paragraphs(stanzas), 6, "{:#?}", sentences(stanzas));
}

#[test]
fn a_table_of_figures_keeps_its_rows() {
    let table = "Passengers by quarter\nQuarter    Crossings    Passengers\n\
        First      1,204        40,100\nSecond     1,310        44,150\nThird      1,290        \
        47,170\nFourth     1,402        39,220\n";
    assert_eq!(paragraphs(table), 6);
}
