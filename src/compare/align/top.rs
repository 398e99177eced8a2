//! The top of a version: the first few live sentences, where a headline, standfirst and lead
//! tell the story's main fact. Found once per pair for the passes that pair them.

use crate::document::Document;
use crate::document::structure::{Role, roles_in_order};

/// Sentences at the top of a version that may be a headline, standfirst or lead.
pub(super) const TOP: usize = 3;

pub(super) struct Top {
    /// The first [`TOP`] live sentences, less any crosshead among them: a crosshead ("2020
    /// ELECTIONS UNDER FOREIGN THREATS") names the section after it rather than telling a fact.
    pub sentences: Vec<u32>,
    /// The first of them when it is the detected title and does not end as a sentence does: a
    /// first paragraph taken for the title that ends in a full stop is the lead itself.
    pub headline: Option<u32>,
}

pub(super) fn top(doc: &Document, live: &[u32]) -> Top {
    let first = live.get(..live.len().min(TOP)).unwrap_or(live);
    let paragraph = |i: u32| {
        doc.sentences
            .get(i as usize)
            .map_or(0, |s| s.paragraph as usize)
    };
    let last = first.iter().map(|&i| paragraph(i)).max().unwrap_or(0);
    let roles: Vec<Role> = roles_in_order(doc).take(last + 1).collect();
    let role = |i: u32| roles.get(paragraph(i)).copied();
    let headline = first.first().copied().filter(|&i| {
        let text = doc
            .sentences
            .get(i as usize)
            .map_or("", |s| doc.slice(s.span).trim_end());
        let ends_as_sentence = text
            .trim_end_matches(['"', '\'', '”', '’', ')'])
            .ends_with(['.', '!', '?']);
        role(i) == Some(Role::Title) && !ends_as_sentence
    });
    Top {
        sentences: first
            .iter()
            .copied()
            .filter(|&i| role(i) != Some(Role::Heading))
            .collect(),
        headline,
    }
}
