//! The fast word-boundary path must cut text exactly as `unicode-segmentation` does: same pieces
//! at the same offsets, hence the same tokens (spans and kinds) in every document.

use parallax::document::load::from_bytes;
use parallax::document::words::pieces;
use parallax::document::{Corpus, Format, Origin, TokenKind};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// The pieces as `unicode-segmentation` gives them, whitespace left out.
fn reference(text: &str) -> Vec<(usize, &str)> {
    text.split_word_bound_indices()
        .filter(|(_, p)| !p.starts_with(char::is_whitespace))
        .collect()
}

fn fast(text: &str) -> Vec<(usize, &str)> {
    pieces(text).collect()
}

/// Tokens (span and kind) of each paragraph, cut by `unicode-segmentation` and classified the
/// way segmentation classifies them.
fn reference_tokens(
    text: &str,
    paragraph: std::ops::Range<usize>,
) -> Vec<(usize, usize, TokenKind)> {
    let invisible = |c: char| {
        matches!(
            c,
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        )
    };
    reference(&text[paragraph.clone()])
        .into_iter()
        .filter(|(_, p)| !p.chars().all(invisible))
        .map(|(i, p)| {
            let first = p.chars().next().unwrap_or(' ');
            let kind = if first.is_numeric() {
                TokenKind::Number
            } else if p.chars().any(char::is_alphanumeric) {
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            (paragraph.start + i, paragraph.start + i + p.len(), kind)
        })
        .collect()
}

/// ASCII weighted towards the characters that join or split words.
fn ascii_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9.,;:'_ \n\t\"?!()%$#-]{0,80}"
}

fn mixed_char() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => proptest::sample::select(
            "aZ09.,;:'_ -\n\t\r\"".chars().collect::<Vec<_>>()
        ),
        2 => proptest::sample::select(vec![
            'é', '’', '‘', '“', '”', '—', '–', '\u{301}', '\u{200B}', '\u{200D}', '\u{00A0}',
            '\u{3000}', '東', 'カ', 'א', 'ب', '١', '\u{1F600}', '\u{1F1FA}', '\u{1F3FD}', '\u{FE0F}',
            '·', '\u{85}', '\u{2028}', '\u{0B}', '\u{0C}', '\u{FEFF}', '\u{2060}',
        ]),
    ]
}

#[test]
fn every_short_string_of_ascii_and_curly_quotes_cuts_the_same() {
    let alphabet = [
        'a', '1', '_', '.', '\'', ',', ';', ':', ' ', '\n', '-', '’', '‘', '“', '”',
    ];
    let n = alphabet.len();
    for len in 1..=4u32 {
        for mut code in 0..n.pow(len) {
            let mut text = String::new();
            for _ in 0..len {
                text.push(alphabet[code % n]);
                code /= n;
            }
            assert_eq!(fast(&text), reference(&text), "{text:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn ascii_pieces_match_unicode_segmentation(text in ascii_text()) {
        prop_assert_eq!(fast(&text), reference(&text));
    }

    #[test]
    fn mixed_pieces_match_unicode_segmentation(chars in proptest::collection::vec(mixed_char(), 0..80)) {
        let text: String = chars.into_iter().collect();
        prop_assert_eq!(fast(&text), reference(&text));
    }

    #[test]
    fn document_tokens_match_unicode_segmentation(text in ascii_text()) {
        let Ok(loaded) = from_bytes(Origin::Stdin, text.as_bytes(), Some(Format::Text)) else {
            return Ok(()); // control characters: refused as binary
        };
        let mut corpus = Corpus::default();
        let id = corpus.push(loaded);
        let doc = corpus.get(id).unwrap();
        let expected: Vec<_> = doc
            .paragraphs
            .iter()
            .flat_map(|p| reference_tokens(&doc.text, p.span.range()))
            .collect();
        let actual: Vec<_> = doc
            .tokens
            .iter()
            .map(|t| (t.span.start as usize, t.span.end as usize, t.kind))
            .collect();
        prop_assert_eq!(actual, expected);
    }
}
