//! Search across the panes: every match of a query in each document (smart case: a query with a
//! capital letter is case-sensitive), and stepping from one match to the next.

use super::app::App;
use crate::document::{Corpus, DocId, PerDoc, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    FocusedPane,
    AllPanes,
}

#[derive(Debug, Clone)]
pub struct Search {
    pub query: String,
    pub scope: Scope,
    /// Per document, the matches in text order (empty for documents out of scope).
    pub matches: PerDoc<Vec<Span>>,
    /// The match last stepped to: document and start byte.
    pub current: Option<(DocId, u32)>,
}

/// Where a step landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub doc: DocId,
    pub span: Span,
    pub sentence: u32,
    pub index: usize,
    pub of: usize,
    pub wrapped: bool,
}

impl Search {
    pub fn new(corpus: &Corpus, query: &str, scope: Scope, focus: DocId) -> Search {
        let matches = PerDoc::from_vec(
            corpus
                .documents
                .iter()
                .map(|doc| {
                    if scope == Scope::AllPanes || doc.id == focus {
                        find_all(&doc.text, query)
                    } else {
                        Vec::new()
                    }
                })
                .collect(),
        );
        Search {
            query: query.to_string(),
            scope,
            matches,
            current: None,
        }
    }

    pub fn total(&self) -> usize {
        self.matches.values().map(Vec::len).sum()
    }

    pub fn in_doc(&self, doc: DocId) -> &[Span] {
        self.matches.get(doc).map_or(&[], Vec::as_slice)
    }

    /// The next (or previous) match after position `from` (a document and a byte), in
    /// document then text order across every document searched, wrapping around the ends.
    /// With `inclusive`, a match starting exactly at `from` counts (the first step of a search).
    pub fn step(
        &self,
        corpus: &Corpus,
        from: (DocId, u32),
        forward: bool,
        inclusive: bool,
    ) -> Option<Hit> {
        let all: Vec<(DocId, Span)> = self
            .matches
            .iter()
            .flat_map(|(d, spans)| spans.iter().map(move |s| (d, *s)))
            .collect();
        let key = |&(d, s): &(DocId, Span)| (d, s.start);
        let (index, wrapped) = if forward {
            let i = all.partition_point(|m| {
                if inclusive {
                    key(m) < from
                } else {
                    key(m) <= from
                }
            });
            if i < all.len() { (i, false) } else { (0, true) }
        } else {
            match all.partition_point(|m| key(m) < from).checked_sub(1) {
                Some(i) => (i, false),
                None => (all.len().checked_sub(1)?, true),
            }
        };
        let (doc, span) = *all.get(index)?;
        let sentence = corpus.get(doc).map_or(0, |d| {
            d.sentences
                .partition_point(|s| s.span.end <= span.start)
                .min(d.sentences.len().saturating_sub(1)) as u32
        });
        Some(Hit {
            doc,
            span,
            sentence,
            index,
            of: all.len(),
            wrapped,
        })
    }
}

/// Every non-overlapping occurrence of `query`; ASCII case folded unless it has a capital.
fn find_all(text: &str, query: &str) -> Vec<Span> {
    if query.is_empty() {
        return Vec::new();
    }
    let sensitive = query.chars().any(char::is_uppercase);
    let (hay, needle) = if sensitive {
        (text.to_string(), query.to_string())
    } else {
        // ASCII folding keeps byte offsets equal to the original text's.
        (text.to_ascii_lowercase(), query.to_ascii_lowercase())
    };
    hay.match_indices(needle.as_str())
        .map(|(i, m)| Span::new(i, i + m.len()))
        .collect()
}

impl App {
    pub(super) fn run_search(&mut self, query: &str, scope: Scope) {
        if query.is_empty() {
            self.search = None;
            return;
        }
        let search = Search::new(&self.model.corpus, query, scope, self.screen.focus);
        let total = search.total();
        self.search = Some(search);
        if total == 0 {
            self.status.message = Some(format!("no match for “{query}”"));
            return;
        }
        self.search_step(true);
    }

    pub(super) fn search_step(&mut self, forward: bool) {
        let Some(search) = self.search.as_ref() else {
            self.status.message = Some("no search yet: press / to search".into());
            return;
        };
        let f = self.screen.focus;
        // From the match last visited while the cursor is still on it, else from the cursor.
        let here = (f, self.cursor_start(f));
        let on_current = search.current.filter(|&(d, at)| {
            d == f
                && self.model.corpus.get(d).is_some_and(|doc| {
                    let cur = self.cursor(d) as usize;
                    doc.sentences
                        .get(cur)
                        .is_some_and(|s| s.span.start <= at && at < s.span.end)
                })
        });
        let (from, inclusive) = match on_current {
            Some(at) => (at, false),
            None => (here, forward),
        };
        match search.step(&self.model.corpus, from, forward, inclusive) {
            Some(hit) => {
                let wrapped = hit.wrapped;
                if let Some(s) = self.search.as_mut() {
                    s.current = Some((hit.doc, hit.span.start));
                }
                let (index, total) = (hit.index + 1, hit.of);
                if hit.doc != f {
                    self.screen.focus = hit.doc;
                }
                self.set_cursor(hit.doc, hit.sentence);
                self.keep_focus_visible();
                self.status.message = Some(format!(
                    "match {index}/{total}{}",
                    if wrapped { " (wrapped)" } else { "" }
                ));
            }
            None => self.status.message = Some("no match".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case() {
        let t = "Dam and dam and DAM";
        assert_eq!(find_all(t, "dam").len(), 3);
        assert_eq!(find_all(t, "Dam"), vec![Span::new(0, 3)]);
        assert_eq!(find_all("Café café", "café").len(), 2);
        assert!(find_all(t, "").is_empty());
    }
}
