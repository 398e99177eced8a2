//! Segmentation on tricky news prose of our own: exact sentence boundaries, paragraphs, titles,
//! boilerplate, and a property test that spans always tile and nest on arbitrary input.

use parallax::document::load::from_bytes;
use parallax::document::{Corpus, Document, Format, Origin, TokenKind};
use proptest::prelude::*;

fn doc_with(text: &str, format: Option<Format>) -> Document {
    try_doc(text, format).expect("loads")
}

/// None when the loader refuses the text (control characters read as binary).
fn try_doc(text: &str, format: Option<Format>) -> Option<Document> {
    let mut corpus = Corpus::default();
    let loaded = from_bytes(Origin::Stdin, text.as_bytes(), format).ok()?;
    let id = corpus.push(loaded);
    corpus.get(id).cloned()
}

fn sentences(text: &str) -> Vec<String> {
    let doc = doc_with(text, Some(Format::Text));
    doc.sentences
        .iter()
        .map(|s| doc.slice(s.span).to_string())
        .collect()
}

#[test]
fn abbreviations_do_not_end_sentences() {
    assert_eq!(
        sentences(
            "Mr. Holt met Dr. Ames and Gen. Varo on Jan. 4 at St. Luke's. \
             Acme Inc. paid for it. The U.S. and the U.N. agreed. Gate No. 3 opened."
        ),
        vec![
            "Mr. Holt met Dr. Ames and Gen. Varo on Jan. 4 at St. Luke's.",
            "Acme Inc. paid for it.",
            "The U.S. and the U.N. agreed.",
            "Gate No. 3 opened.",
        ]
    );
}

#[test]
fn abbreviations_that_close_a_sentence() {
    assert_eq!(
        sentences("The parts were made in the U.S. The plant closed at 5 p.m. Then it rained."),
        vec![
            "The parts were made in the U.S.",
            "The plant closed at 5 p.m.",
            "Then it rained.",
        ]
    );
}

#[test]
fn initials_decimals_and_money() {
    assert_eq!(
        sentences(
            "John F. Kennedy Airport was closed. Costs rose 3.5% to $60.5 billion. \
             The figure, 1,240.5 tonnes, was revised."
        ),
        vec![
            "John F. Kennedy Airport was closed.",
            "Costs rose 3.5% to $60.5 billion.",
            "The figure, 1,240.5 tonnes, was revised.",
        ]
    );
}

#[test]
fn ellipses_inside_and_at_the_end() {
    assert_eq!(
        sentences("They had forty minutes... and less in town. It was over… Then the sirens came."),
        vec![
            "They had forty minutes... and less in town.",
            "It was over…",
            "Then the sirens came.",
        ]
    );
}

#[test]
fn sentences_ending_inside_quotation_marks() {
    assert_eq!(
        sentences(
            "“We will rebuild,” she said. “It will take years.” Nobody argued. \
             He asked, \"Who knew?\" Then he left. “Why now?” asked the mayor."
        ),
        vec![
            "“We will rebuild,” she said.",
            "“It will take years.”",
            "Nobody argued.",
            "He asked, \"Who knew?\"",
            "Then he left.",
            "“Why now?” asked the mayor.",
        ]
    );
}

#[test]
fn headlines_and_list_items_stand_alone() {
    let doc = doc_with(
        "Valley towns flooded after dam release\n\nKey facts:\n- The dam is 30 years old\n- Gate No. 3 opened first\n1. Shelters are open\nSTORM WARNINGS ISSUED\nThe river fell on Friday.\n",
        Some(Format::Text),
    );
    let got: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
    assert_eq!(
        got,
        vec![
            "Valley towns flooded after dam release",
            "Key facts:",
            "- The dam is 30 years old",
            "- Gate No. 3 opened first",
            "1. Shelters are open",
            "STORM WARNINGS ISSUED",
            "The river fell on Friday.",
        ]
    );
    assert_eq!(doc.paragraphs.len(), 7);
    assert_eq!(doc.title, "Valley towns flooded after dam release");
}

#[test]
fn hard_wrapped_paragraphs_are_joined() {
    let doc = doc_with(
        "The inquiry will look at the gates and\nat how the warning reached the towns. It\nreports in March.\n\nA second paragraph.\n",
        Some(Format::Text),
    );
    assert_eq!(doc.paragraphs.len(), 2);
    let got: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
    assert_eq!(
        got,
        vec![
            "The inquiry will look at the gates and\nat how the warning reached the towns.",
            "It\nreports in March.",
            "A second paragraph.",
        ]
    );
}

#[test]
fn markdown_title_and_headings() {
    let doc = doc_with(
        "Intro line\n\n# The real title\n\nBody text here.\n## Section\nMore text.",
        Some(Format::Markdown),
    );
    assert_eq!(doc.title, "The real title");
    let got: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
    assert_eq!(
        got,
        vec![
            "Intro line",
            "The real title",
            "Body text here.",
            "Section",
            "More text."
        ]
    );
}

#[test]
fn repeated_lines_and_furniture_are_boilerplate_and_skipped_for_title() {
    let doc = doc_with(
        "Share this article\n\nDam floods valley\n\nDam floods valley\n\nThe story starts.\n\nGoogle News\n",
        Some(Format::Text),
    );
    let flags: Vec<bool> = doc.paragraphs.iter().map(|p| p.boilerplate).collect();
    assert_eq!(flags, vec![true, true, true, false, true]);
    assert_eq!(doc.title, "Dam floods valley");
    assert!(doc.sentences.iter().filter(|s| s.boilerplate).count() == 4);
}

#[test]
fn tokens_are_normalised_across_documents() {
    let mut corpus = Corpus::default();
    for text in [
        "The agency’s “plan” — approved.",
        "THE AGENCY'S \"PLAN\" - approved.",
    ] {
        corpus.push(from_bytes(Origin::Stdin, text.as_bytes(), None).unwrap());
    }
    let terms = |d: &Document| d.tokens.iter().map(|t| t.term).collect::<Vec<_>>();
    assert_eq!(terms(&corpus.documents[0]), terms(&corpus.documents[1]));
    let kinds: Vec<TokenKind> = corpus.documents[0].tokens.iter().map(|t| t.kind).collect();
    assert_eq!(kinds[0], TokenKind::Word);
    assert_eq!(kinds[1], TokenKind::Word, "agency’s is one word");
    assert_eq!(kinds[2], TokenKind::Punct);
}

#[test]
fn one_enormous_line_is_cut_into_bounded_sentences() {
    let text = "word ".repeat(5000);
    let doc = doc_with(&text, Some(Format::Text));
    assert!(doc.sentences.len() >= 25);
    for s in &doc.sentences {
        assert!(s.tokens.len() <= parallax::document::segment::MAX_SENTENCE_TOKENS);
    }
}

#[test]
fn empty_and_blank_documents_have_no_sentences() {
    for text in ["", "\n\n  \n", "\u{200B}"] {
        let doc = doc_with(text, None);
        assert!(doc.sentences.is_empty(), "{text:?}");
    }
}

/// Checks the structural promises every later stage relies on.
fn check_invariants(doc: &Document) {
    let text = &doc.text;
    let mut last_end = 0;
    for p in &doc.paragraphs {
        assert!(p.span.start as usize >= last_end && p.span.end as usize <= text.len());
        assert!(text.is_char_boundary(p.span.start as usize));
        assert!(text.is_char_boundary(p.span.end as usize));
        last_end = p.span.end as usize;
    }
    let mut next_token = 0u32;
    for s in &doc.sentences {
        let para = doc.paragraphs[s.paragraph as usize];
        assert!(para.span.contains(s.span), "sentence outside its paragraph");
        assert_eq!(s.tokens.start, next_token, "sentences tile the tokens");
        assert!(s.tokens.start < s.tokens.end, "no empty sentence");
        next_token = s.tokens.end;
        let toks = doc.sentence_tokens(s);
        assert_eq!(toks.first().unwrap().span.start, s.span.start);
        assert_eq!(toks.last().unwrap().span.end, s.span.end);
    }
    assert_eq!(next_token as usize, doc.tokens.len());
    for w in doc.tokens.windows(2) {
        assert!(
            w[0].span.end <= w[1].span.start,
            "tokens in order, no overlap"
        );
    }
    for t in &doc.tokens {
        assert!(!t.span.is_empty());
        assert!(text.is_char_boundary(t.span.start as usize));
        assert!(text.is_char_boundary(t.span.end as usize));
        assert!(!text[t.span.range()].trim().is_empty());
    }
}

fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        Just(' '),
        Just('\n'),
        Just('.'),
        Just('"'),
        Just('“'),
        Just('”'),
        Just('’'),
        Just('…'),
        Just('\u{301}'),  // combining acute
        Just('\u{200B}'), // zero-width space
        Just('\u{200D}'), // zero-width joiner
        Just('\u{FEFF}'),
        Just('\u{FFFD}'),
        Just('👩'),
        Just('🏽'),
        Just('ש'), // RTL
        Just('\u{202E}'),
        Just('#'),
        Just('-'),
        Just('1'),
        proptest::char::range('a', 'e'),
        proptest::char::range('A', 'E'),
        any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn spans_tile_and_nest_on_arbitrary_text(chars in proptest::collection::vec(tricky_char(), 0..400)) {
        let text: String = chars.into_iter().collect();
        for format in [Format::Text, Format::Markdown] {
            if let Some(doc) = try_doc(&text, Some(format)) {
                check_invariants(&doc);
            }
        }
    }

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        // Lone surrogates in UTF-16 and broken UTF-8 are decoded lossily or refused, never panic.
        for prefix in [&[][..], &[0xFF, 0xFE][..], &[0xFE, 0xFF][..], &[0xEF, 0xBB, 0xBF][..]] {
            let input: Vec<u8> = prefix.iter().chain(bytes.iter()).copied().collect();
            if let Ok(loaded) = from_bytes(Origin::Stdin, &input, None) {
                let mut corpus = Corpus::default();
                let id = corpus.push(loaded);
                check_invariants(corpus.get(id).unwrap());
            }
        }
    }
}

#[test]
fn stray_punctuation_after_a_stop_stays_with_its_sentence() {
    assert_eq!(
        sentences("They counted the votes. , the tallies ”. Then it ended. . Done."),
        vec![
            "They counted the votes. , the tallies ”.",
            "Then it ended. .",
            "Done."
        ]
    );
}

#[test]
fn markdown_markup_is_not_text() {
    let md = doc_with(
        "# Flood report\n\nThe **dam** _failed_ on `Monday`.\n\n- one item\n> quoted line\n",
        Some(Format::Markdown),
    );
    let plain = doc_with(
        "Flood report\n\nThe dam failed on Monday.\n\none item\nquoted line\n",
        Some(Format::Text),
    );
    let words = |d: &Document| -> Vec<String> {
        d.tokens
            .iter()
            .map(|t| d.slice(t.span).to_string())
            .collect()
    };
    assert_eq!(words(&md), words(&plain));
    // The same characters in plain text stay tokens.
    let text = doc_with("Stars ** and - dashes.", Some(Format::Text));
    assert!(words(&text).contains(&"*".to_string()));
}
