//! Quotes, claims and entities in the reader: jumps, the same item in other versions, following
//! an entity, the side panel, the drift view, and what is said when there is nothing to find.

use super::{app, app_with, corpus_of, cursor_text, press, samples, screen};
use crate::document::DocId;
use crate::tui::app::{Mode, Overlay};
use crate::tui::items::{Item, Kind};
use crate::tui::panel::{Status, Tab, Target};

#[test]
fn quote_jumps_visit_every_quote_in_order() {
    let mut a = app((120, 40));
    let total = a.items().list(Kind::Quote, DocId(0)).len();
    assert!(total >= 6, "the wire has quotes");
    let mut seen = Vec::new();
    for _ in 0..total {
        press(&mut a, "]q");
        let item = a.item.unwrap();
        assert_eq!((item.kind, item.doc), (Kind::Quote, DocId(0)));
        let span = a.items().span(item).unwrap();
        let d = &a.model.corpus.documents[0];
        let sentence = d.sentences[a.cursor(DocId(0)) as usize].span;
        assert!(sentence.start <= span.start && span.start < sentence.end);
        seen.push(span.start);
    }
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "in text order");
    press(&mut a, "]q");
    assert_eq!(a.status.message.as_deref(), Some("no more quotes below"));
    press(&mut a, "[q");
    assert_eq!(
        a.items().span(a.item.unwrap()).unwrap().start,
        seen[total - 2]
    );
}

#[test]
fn scare_quotes_are_skipped_by_quote_jumps() {
    let mut a = app((120, 40));
    for _ in 0..20 {
        press(&mut a, "]q");
        let item = a.item.unwrap();
        let q = &a.model.extraction.documents[0].quotes[item.index];
        assert!(!q.scare, "jumped to a scare quote");
    }
}

#[test]
fn claim_jumps_and_status_line() {
    let mut a = app((120, 40));
    press(&mut a, "]a]a");
    let item = a.item.unwrap();
    assert_eq!(item.kind, Kind::Claim);
    let shown = screen(samples(), (120, 40), "]a]a");
    assert!(shown.contains("claim 2/"), "{shown}");
    press(&mut a, "[a");
    assert_ne!(a.item, Some(item));
}

#[test]
fn same_quote_in_another_version() {
    let mut a = app((120, 40));
    press(&mut a, "/forty minutes<Enter>]q");
    let from = a.item.unwrap();
    assert!(cursor_text(&a, DocId(0)).contains("forty minutes"));
    press(&mut a, "O");
    let to = a.item.unwrap();
    assert_ne!(to.doc, from.doc);
    assert_eq!(a.screen.focus, to.doc);
    let d = &a.model.corpus.documents[to.doc.index()];
    assert!(
        d.slice(a.items().span(to).unwrap())
            .contains("forty minutes")
    );
}

#[test]
fn following_an_entity_crosses_versions_and_aliases() {
    let mut a = app((160, 40));
    press(&mut a, "/Ilse Marand<Enter>");
    // Put the item on the mention at the cursor.
    press(&mut a, "[e]e");
    let start = a.item.unwrap();
    let entity = a.items().entity_of(start).unwrap();
    let total = a.items().mentions_of(entity).len();
    let mut docs = std::collections::BTreeSet::new();
    let mut texts = std::collections::BTreeSet::new();
    for _ in 0..total {
        press(&mut a, "*");
        let m = a.item.unwrap();
        assert_eq!(a.items().entity_of(m), Some(entity));
        assert_eq!(a.screen.focus, m.doc, "the pane of the mention has focus");
        docs.insert(m.doc);
        let d = &a.model.corpus.documents[m.doc.index()];
        texts.insert(d.slice(a.items().span(m).unwrap()).to_string());
    }
    assert_eq!(a.item, Some(start), "cycles back to the start");
    assert_eq!(docs.len(), 3, "Marand is in every version");
    assert!(texts.contains("Marand"), "surname alias: {texts:?}");
    assert!(
        a.status
            .message
            .as_deref()
            .unwrap()
            .contains("in 3 versions")
    );
    press(&mut a, "#");
    assert_ne!(a.item, Some(start));
}

#[test]
fn panel_lists_and_jumps() {
    let mut a = app((160, 40));
    press(&mut a, "p");
    assert!(a.panel.open && a.mode == Mode::Panel);
    assert_eq!(a.panel.tab, Tab::Quotes);
    let quotes = a.panel_rows(Tab::Quotes);
    assert!(quotes.iter().all(|r| r.status.len() == 3));
    assert_eq!(quotes[0].status[0], Status::Here);
    press(&mut a, "jj<Enter>");
    assert!(
        a.mode == Mode::Normal && a.panel.open,
        "Enter jumps and leaves the panel open"
    );
    assert_eq!(Some(Target::Item(a.item.unwrap())), Some(quotes[2].target));
    // `p` on the open panel without the keys closes it; again opens it with the keys.
    press(&mut a, "p");
    assert!(!a.panel.open, "p closes the panel whichever has the keys");
    // Entities sorted by mentions, with counts per version.
    press(&mut a, "ph");
    assert_eq!(a.panel.tab, Tab::Entities);
    let entities = a.panel_rows(Tab::Entities);
    let totals: Vec<usize> = entities
        .iter()
        .map(|r| {
            r.status
                .iter()
                .map(|s| if let Status::Count(n) = s { *n } else { 0 })
                .sum()
        })
        .collect();
    assert!(totals.windows(2).all(|w| w[0] >= w[1]), "{totals:?}");
    // Filter by text as you type.
    press(&mut a, "/reyl");
    assert_eq!(a.panel.filter, "reyl");
    let rows = a.panel_rows(Tab::Entities);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].label, "Lena Reyl");
    press(&mut a, "<Enter><Enter>");
    let Target::Item(reyl) = rows[0].target else {
        panic!("entity rows target a mention")
    };
    assert_eq!(
        a.items().entity_of(a.item.unwrap()),
        a.items().entity_of(reyl)
    );
    press(&mut a, "pp<Esc>");
    assert!(a.panel.filter.is_empty(), "Esc clears the filter");
    press(&mut a, "p");
    assert!(!a.panel.open, "p closes the focused panel");
}

#[test]
fn drift_lists_changed_figures_and_reworded_quotes() {
    let a = app((160, 40));
    let drift = a.panel_rows(Tab::Drift);
    assert!(!drift.is_empty());
    // The wire's 1,240 homes become 1,200 in the rewrite.
    let homes = drift
        .iter()
        .find(|r| r.label.contains("1,240"))
        .expect("the changed figure is a drift finding");
    assert_eq!(homes.status[1], Status::FigureChanged);
    // Dr. Reyl's "careless in practice" is "reckless in practice" in the rewrite.
    let reyl = drift
        .iter()
        .find(|r| r.label.contains("careless in practice"))
        .expect("the reworded quote drifts");
    assert_eq!(reyl.status[1], Status::Reworded);
}

#[test]
fn drift_view_shows_every_wording() {
    let mut a = app((120, 40));
    press(&mut a, "/careless in practice<Enter>[q]q");
    press(&mut a, "d");
    assert!(matches!(a.mode, Mode::Overlay(Overlay::Drift { .. })));
    let shown = screen(samples(), (120, 40), "/careless in practice<Enter>[q]qd");
    assert!(shown.contains("careless in practice"), "{shown}");
    assert!(shown.contains("reckless in practice"), "{shown}");
    assert!(shown.contains("negligent in practice"), "{shown}");
    press(&mut a, "x");
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn annotations_toggle_and_gutter_signs() {
    let shown = screen(samples(), (120, 30), "]q");
    assert!(shown.contains("≠“") || shown.contains("≠"), "{shown}");
    let mut a = app((120, 30));
    press(&mut a, "A");
    assert!(!a.screen.annotations);
    let plain = screen(samples(), (120, 30), "A]q");
    assert!(
        !plain.contains('§') && !plain.contains('“') || plain.contains("“We"),
        "{plain}"
    );
}

#[test]
fn documents_without_quotes_or_names_say_so() {
    let text = "the water rose slowly. it kept rising all night. nobody was hurt.";
    let mut a = app_with(corpus_of(&[text, text]), (100, 20), "");
    press(&mut a, "]q");
    assert_eq!(
        a.status.message.as_deref(),
        Some("no quotes in this document")
    );
    press(&mut a, "]e");
    assert_eq!(
        a.status.message.as_deref(),
        Some("no named entities in this document")
    );
    press(&mut a, "*");
    assert!(
        a.status
            .message
            .as_deref()
            .unwrap()
            .starts_with("no named entity here")
    );
    press(&mut a, "O");
    assert!(
        a.status
            .message
            .as_deref()
            .unwrap()
            .starts_with("not on a quote or claim")
    );
    let panel = screen(corpus_of(&[text, text]), (100, 20), "p");
    assert!(panel.contains("no quotes in these documents"), "{panel}");
}

#[test]
fn snapshots_panel_and_drift() {
    insta::assert_snapshot!("panel_quotes_120x40", screen(samples(), (120, 40), "p"));
    insta::assert_snapshot!("panel_drift_120x40", screen(samples(), (120, 40), "phh"));
    insta::assert_snapshot!(
        "drift_view_120x40",
        screen(samples(), (120, 40), "/careless in practice<Enter>[q]qd")
    );
}

#[test]
fn item_jumps_start_from_the_cursor_after_other_moves() {
    let mut a = app((120, 40));
    press(&mut a, "]q]q]qgg]q");
    assert_eq!(
        a.items().ordinal(a.item.unwrap()).0,
        1,
        "from the top again"
    );
    let last = a.items().list(Kind::Quote, DocId(0)).len();
    press(&mut a, "G[q");
    assert_eq!(
        a.items().ordinal(a.item.unwrap()).0,
        last,
        "from the bottom"
    );
    press(&mut a, "gg]a]a]agg]a");
    assert_eq!(a.items().ordinal(a.item.unwrap()).0, 1);
}

#[test]
fn why_linked_shows_the_evidence_of_the_counterparts() {
    let mut a = app((120, 40));
    press(&mut a, "/careless in practice<Enter>");
    press(&mut a, "w");
    assert!(matches!(a.mode, Mode::Overlay(Overlay::Evidence { .. })));
    let shown = screen(samples(), (120, 40), "/careless in practice<Enter>w");
    assert!(shown.contains("why sentence"), "{shown}");
    assert!(shown.contains("shared"), "{shown}");
    assert!(shown.contains("score"), "{shown}");
    press(&mut a, "x");
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn a_pronoun_speaker_shows_the_name_and_the_words_of_the_text() {
    let text = "Mayor Ilsa Varn opened the new bridge on Monday.\n\n\
                “It took us nine years,” she said.";
    let a = app_with(corpus_of(&[text]), (100, 20), "");
    let quote = Item {
        kind: Kind::Quote,
        doc: DocId(0),
        index: 0,
    };
    let detail = a.item_detail(quote);
    assert!(
        detail.contains("Varn") && detail.contains("“she”"),
        "{detail}"
    );
}
