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

/// A fuller version: its fourth and sixth sentences tell what one sentence of the summary below
/// tells.
const FULL: &str = "Velmar council fires chief executive over budget gap

The Velmar town council dismissed its chief executive, Orla Brenn, on Friday after auditors found a budget gap of 4.2 million crowns, officials said.

Auditors said the gap had grown over three years while reports to councillors showed a balanced budget.

In 2019 the council had already rebuked Brenn for filing the accounts late.

The ferry company that serves the town said its timetable would not change.

In 2021 a second warning followed when the accounts were late again.

Brenn did not respond to requests for comment.";

const SUMMARY: &str = "Velmar chief executive sacked after budget gap

Velmar's council fired chief executive Orla Brenn on Friday over a budget gap of 4.2 million crowns that auditors uncovered.

Brenn had been warned over late accounts in 2019 and again in 2021, council records show.

She did not respond to requests for comment.";

#[test]
fn a_summary_sentence_pairs_with_each_sentence_it_stands_for() {
    let c = corpus(&[FULL, SUMMARY]);
    let cmp = Comparison::build(&c);
    let links = &cmp.alignments()[0].links;
    let linked = |a: u32, b: u32| links.iter().any(|l| l.a == one(a) && l.b == one(b));
    assert!(linked(3, 2), "{links:#?}");
    assert!(linked(5, 2), "{links:#?}");
    // The sentence the summary leaves out stays unlinked.
    assert!(!links.iter().any(|l| l.a.contains(4)), "{links:#?}");
    assert!(!links.iter().any(|l| l.a.contains(2)), "{links:#?}");
}

#[test]
fn a_crosshead_near_the_top_restates_nothing() {
    let with_crosshead = "Velmar council fires chief executive over budget gap

The Velmar town council dismissed its chief executive, Orla Brenn, on Friday after auditors found a budget gap of 4.2 million crowns, officials said.

AUDITORS FIND BUDGET GAP

Auditors said the gap had grown over three years while reports to councillors showed a balanced budget.";
    let c = corpus(&[with_crosshead, SUMMARY]);
    let cmp = Comparison::build(&c);
    let links = &cmp.alignments()[0].links;
    assert!(!links.iter().any(|l| l.a.contains(2)), "{links:#?}");
    // The headline still restates the other lead.
    assert!(
        links
            .iter()
            .any(|l| l.a == one(0) && l.b == one(1) && l.kind == LinkKind::Restated)
    );
}

const HEADLINE_A: &str = "Velmar council removes chief executive after auditors uncover hidden deficit

The Velmar town council dismissed its chief executive, Orla Brenn, on Friday after auditors found a hidden deficit of 4.2 million crowns, officials said.

Auditors said the deficit had grown over three years while reports to councillors showed a balanced budget.

Brenn, who led the council's staff since 2015, did not respond to requests for comment.

A new chief executive will be named in the spring, the council said.";

/// The same story under a headline that shares few words with the other.
const HEADLINE_B: &str = "Deficit scandal: embattled Velmar boss Brenn shown the door

Orla Brenn, chief executive of Velmar's town council, was dismissed on Friday once auditors found a deficit of 4.2 million crowns that had been kept hidden, according to officials.

The auditors said the deficit grew for three years while councillors were shown reports of a balanced budget.

Brenn, who had led the council's staff since 2015, did not respond to requests for comment.

The council said it would name a new chief executive in the spring.";

#[test]
fn freely_worded_headlines_pair_with_each_other_and_the_other_lead() {
    let c = corpus(&[HEADLINE_A, HEADLINE_B]);
    let cmp = Comparison::build(&c);
    let links = &cmp.alignments()[0].links;
    let linked = |a: u32, b: u32| links.iter().any(|l| l.a == one(a) && l.b == one(b));
    assert!(linked(0, 0), "{links:#?}");
    assert!(linked(0, 1), "{links:#?}");
    assert!(linked(1, 0), "{links:#?}");
}

#[test]
fn a_headline_on_another_story_pairs_with_nothing() {
    let other = HEADLINE_B.replacen(
        "Deficit scandal: embattled Velmar boss Brenn shown the door",
        "Ferry timetable for Velmar harbour to change in the spring",
        1,
    );
    let c = corpus(&[HEADLINE_A, &other]);
    let cmp = Comparison::build(&c);
    let links = &cmp.alignments()[0].links;
    assert!(!links.iter().any(|l| l.b.contains(0)), "{links:#?}");
}
