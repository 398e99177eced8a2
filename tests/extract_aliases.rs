//! Names merged the way a reader merges them: surnames and given names with the full name, in
//! the same document and across documents; two people sharing a surname (the nearest full
//! mention wins); titles, possessives and acronyms. Our own invented story.

mod common;

use common::corpus;

use parallax::document::Corpus;
use parallax::extract::{self, Extraction};

/// The entity name each mention of `doc` lands on, with the mention's text, in order.
fn landings<'a>(c: &'a Corpus, x: &'a Extraction, doc: usize) -> Vec<(&'a str, &'a str)> {
    x.documents[doc]
        .mentions
        .iter()
        .map(|m| {
            (
                c.documents[doc].slice(m.span),
                x.entity(m.entity).expect("entity").name.as_str(),
            )
        })
        .collect()
}

const FIRST: &str = "The brothers Tomas Velk and Arvid Velk run a ferry company on the Orsa River. \
    Tomas Velk, 52, said on Monday that the company would stop its night crossings. \
    Velk said the decision was forced by the cost of fuel.\n\n\
    Arvid Velk, his younger brother, disagreed. \"We have never missed a crossing,\" Velk said. \
    Arvid said the Harbour Safety Board (HSB) had not been told.\n\n\
    The HSB said it would review the case. Mr. Velk's lawyer, Dana Orrin, declined to comment.";

const SECOND: &str = "Ferry operator Tomas Velk will appear before the Harbour Safety Board next \
    week. Orrin said her client had done nothing wrong.";

#[test]
fn every_mention_lands_on_the_right_entity() {
    let c = corpus(&[FIRST, SECOND]);
    let x = extract::extract(&c);
    let first = landings(&c, &x, 0);
    let want = [
        ("Tomas Velk", "Tomas Velk"),
        ("Arvid Velk", "Arvid Velk"),
        ("Orsa River", "Orsa River"),
        ("Tomas Velk", "Tomas Velk"),
        // The nearest full name before it is Tomas's.
        ("Velk", "Tomas Velk"),
        ("Arvid Velk", "Arvid Velk"),
        // After "Arvid Velk, his younger brother", "Velk" is Arvid.
        ("Velk", "Arvid Velk"),
        ("Arvid", "Arvid Velk"),
        ("Harbour Safety Board", "Harbour Safety Board"),
        ("HSB", "Harbour Safety Board"),
        ("HSB", "Harbour Safety Board"),
        // "Mr. Velk's": the title and the possessive are not part of the name.
        ("Velk", "Arvid Velk"),
        ("Dana Orrin", "Dana Orrin"),
    ];
    assert_eq!(first, want);
    let second = landings(&c, &x, 1);
    assert_eq!(
        second,
        [
            ("Tomas Velk", "Tomas Velk"),
            ("Harbour Safety Board", "Harbour Safety Board"),
            // A surname with one person of that name in the corpus joins them across documents.
            ("Orrin", "Dana Orrin"),
        ]
    );
    let tomas = x
        .entities
        .iter()
        .find(|e| e.name == "Tomas Velk")
        .expect("Tomas");
    assert!(tomas.mentions.iter().any(|m| m.doc.0 == 1));
}

/// An organisation named with its country ("U.S. Coast Guard") is the same body as the name
/// without it, in the same document and in another version.
#[test]
fn a_body_named_with_its_country_joins_the_name_without_it() {
    let c = corpus(&[
        "A U.S. Coast Guard cutter reached the wreck on Friday. The Coast Guard said the crew of \
         the trawler Marit Ann had been found.",
        "Rescuers from the Coast Guard found the crew, officials said.",
    ]);
    let x = extract::extract(&c);
    let first = landings(&c, &x, 0);
    assert!(
        first.contains(&("U.S. Coast Guard", "U.S. Coast Guard"))
            && first.contains(&("Coast Guard", "U.S. Coast Guard")),
        "{first:?}"
    );
    assert_eq!(landings(&c, &x, 1), [("Coast Guard", "U.S. Coast Guard")]);
}

/// "Ann Boyle of the Harbour Authority" is a person and the body she speaks for: the person's
/// surname alone then lands on her, and the body stays a name of its own.
#[test]
fn a_full_name_followed_by_of_and_a_body_is_two_names() {
    let c = corpus(&[
        "Rear Admiral Ann Boyle of the Harbour Authority said the channel would reopen on Monday. \
         Boyle said divers had cleared the wreck.",
    ]);
    let x = extract::extract(&c);
    let first = landings(&c, &x, 0);
    assert!(
        first.contains(&("Ann Boyle", "Ann Boyle"))
            && first.contains(&("Harbour Authority", "Harbour Authority"))
            && first.contains(&("Boyle", "Ann Boyle")),
        "{first:?}"
    );
}
