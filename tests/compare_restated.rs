//! Restated links on our own two versions of a story: each headline pairs with the other
//! version's lead as well as with the other headline, a body sentence repeated in other words
//! shares its partner, and unrelated sentences gain nothing.

mod common;

use common::corpus;
use parallax::compare::{Comparison, LinkKind, SentRange};

fn one(s: u32) -> SentRange {
    SentRange::one(s)
}

const A: &str = "Velmar port authority sacks harbour master after ferry collision

The Velmar port authority dismissed its harbour master on Friday, two days after a ferry collision damaged the northern pier, officials said.

The ferry, carrying 212 passengers, hit the pier in thick fog on Wednesday evening.

Nobody was hurt, but the pier will stay closed for repairs until March.";

const B: &str = "Velmar harbour master sacked over ferry collision

The harbour master of Velmar was sacked by the port authority on Friday after a ferry collision at the northern pier, according to officials.

Wednesday's fog hid the pier from the ferry, which had 212 passengers aboard.

A local bakery reopened its doors in the old market square.";

#[test]
fn headlines_pair_with_the_other_lead_too() {
    let c = corpus(&[A, B]);
    let cmp = Comparison::build(&c);
    let links = &cmp.alignments()[0].links;
    let has = |a: u32, b: u32, kind: LinkKind| {
        links
            .iter()
            .any(|l| l.a == one(a) && l.b == one(b) && l.kind == kind)
    };
    // The chain pairs headline with headline and lead with lead ...
    assert!(
        links
            .iter()
            .any(|l| l.a == one(0) && l.b == one(0) && l.kind.in_order())
    );
    assert!(
        links
            .iter()
            .any(|l| l.a == one(1) && l.b == one(1) && l.kind.in_order())
    );
    // ... and each headline restates the other version's lead.
    assert!(has(0, 1, LinkKind::Restated), "{links:#?}");
    assert!(has(1, 0, LinkKind::Restated), "{links:#?}");
    // The unrelated last sentence of B gains no link.
    assert!(!links.iter().any(|l| l.b.contains(4)), "{links:#?}");
    // A restated sentence is counted once.
    let stats = &cmp.alignments()[0].stats;
    assert_eq!(
        stats.a.identical + stats.a.paraphrase + stats.a.moved + stats.a.unique,
        4
    );
}

#[test]
fn unrelated_versions_gain_no_restated_link() {
    let other = "Heavy snow closed three mountain passes in the north on Sunday.

Drivers were told to carry chains and wait for the ploughs.";
    let c = corpus(&[A, other]);
    let cmp = Comparison::build(&c);
    assert!(
        cmp.alignments()[0]
            .links
            .iter()
            .all(|l| l.kind != LinkKind::Restated)
    );
}
