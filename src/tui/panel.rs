//! The side panel: lists of the entities, quotes and claims of the story, and the drift list of
//! those whose wording differs between versions. Rows say, per version, whether it carries the
//! item with the same words, other words, a changed figure, or not at all.

use std::collections::HashSet;
use std::rc::Rc;

use super::action::Action;
use super::app::{App, InputPurpose, Mode, Overlay, PanelRows};
use super::input::InputLine;
use super::items::{Item, Items, Kind};
use super::search::Scope;
use crate::document::DocId;
use crate::extract::{Via, Wording};
use crate::review::ItemKind;

use super::review::ReviewFilter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Entities,
    Quotes,
    Claims,
    Drift,
    /// Every verdict and note of the review session, orphans included.
    Review,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Entities,
        Tab::Quotes,
        Tab::Claims,
        Tab::Drift,
        Tab::Review,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Entities => "Entities",
            Tab::Quotes => "Quotes",
            Tab::Claims => "Claims",
            Tab::Drift => "Drift",
            Tab::Review => "Review",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    pub open: bool,
    pub tab: Tab,
    /// Selected row per tab.
    pub selected: [usize; 5],
    pub filter: String,
}

impl Default for Panel {
    fn default() -> Self {
        Panel {
            open: false,
            tab: Tab::Quotes,
            selected: [0; 5],
            filter: String::new(),
        }
    }
}

/// How a version carries an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The row's own version.
    Here,
    Same,
    Reworded,
    FigureChanged,
    /// Reworded, and a figure stated on one side only.
    FigureOneSided,
    Absent,
    /// For entities: mentions in that version.
    Count(usize),
}

/// Where selecting a row goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Item(Item),
    /// A sentence (a reviewed difference).
    Sentence {
        doc: DocId,
        sentence: u32,
    },
    /// Nowhere: an orphaned mark whose text is gone.
    Nowhere,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    /// Speaker, source or class; the verdict when reviewed.
    pub detail: String,
    pub status: Vec<Status>,
    pub target: Target,
    pub drift: bool,
    /// For reviewable rows, the verdict given (`Some(None)`: not yet); `None` for entities.
    pub verdict: Option<Option<String>>,
}

fn tab_index(tab: Tab) -> usize {
    Tab::ALL.iter().position(|&t| t == tab).unwrap_or(0)
}

/// Shorten to `n` characters for a list row.
fn clip(s: &str, n: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= n {
        flat
    } else {
        let cut: String = flat.chars().take(n.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

impl App {
    /// The rows of a tab, filtered by the panel's filter text.
    /// The rows of a tab as shown: the review filter and the text filter applied.
    pub fn panel_rows(&self, tab: Tab) -> Vec<Row> {
        let (rows, shown) = self.panel_shown(tab);
        shown
            .into_iter()
            .filter_map(|i| rows.get(i).cloned())
            .collect()
    }

    /// The cached rows of a tab and the indices of those the filters let through: what the
    /// view draws from each frame without copying rows.
    pub fn panel_shown(&self, tab: Tab) -> (PanelRows, Vec<usize>) {
        let filter = self.panel.filter.to_lowercase();
        let rows = self.panel_base_rows(tab);
        let shown = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| match (&self.review.filter, &r.verdict) {
                (_, None) | (ReviewFilter::All, _) => true,
                (ReviewFilter::Unreviewed, Some(v)) => v.is_none(),
                (ReviewFilter::Verdict(want), Some(v)) => v.as_ref() == Some(want),
            })
            .filter(|(_, r)| {
                filter.is_empty()
                    || r.label.to_lowercase().contains(&filter)
                    || r.detail.to_lowercase().contains(&filter)
            })
            .map(|(i, _)| i)
            .collect();
        (rows, shown)
    }

    /// How many quotes and claims there are to review, each counted once across versions
    /// (counted from the first document, so the total does not move with the focus).
    pub fn review_total(&self) -> usize {
        *self.review.total.get_or_init(|| {
            let items = self.items();
            self.item_rows(&items, Kind::Quote, false, DocId(0)).len()
                + self.item_rows(&items, Kind::Claim, false, DocId(0)).len()
        })
    }

    /// Every row of a tab, built once per focus and analysis (and after each review change).
    fn panel_base_rows(&self, tab: Tab) -> PanelRows {
        let key = (tab, self.screen.focus);
        if let Some(hit) = self.caches.panel.borrow().get(&key) {
            return Rc::clone(hit);
        }
        let rows = Rc::new(self.build_rows(tab));
        self.caches.panel.borrow_mut().insert(key, Rc::clone(&rows));
        rows
    }

    fn build_rows(&self, tab: Tab) -> Vec<Row> {
        let items = self.items();
        match tab {
            Tab::Entities => self.entity_rows(&items),
            Tab::Quotes => self.item_rows(&items, Kind::Quote, false, self.screen.focus),
            Tab::Claims => self.item_rows(&items, Kind::Claim, false, self.screen.focus),
            Tab::Drift => {
                let mut rows = self.item_rows(&items, Kind::Quote, true, self.screen.focus);
                rows.extend(self.item_rows(&items, Kind::Claim, true, self.screen.focus));
                rows
            }
            Tab::Review => self.review_rows(),
        }
    }

    fn entity_rows(&self, items: &Items) -> Vec<Row> {
        let n = self.model.doc_count();
        let mut rows: Vec<(usize, Row)> = items
            .0
            .entities
            .iter()
            .filter_map(|e| {
                let mut counts = vec![0usize; n];
                for m in &e.mentions {
                    if let Some(c) = counts.get_mut(m.doc.index()) {
                        *c += 1;
                    }
                }
                let first_here = e
                    .mentions
                    .iter()
                    .find(|m| m.doc == self.screen.focus)
                    .or(e.mentions.first())?;
                let doc = first_here.doc;
                let index = items
                    .0
                    .document(doc)?
                    .mentions
                    .iter()
                    .position(|m| m.span == first_here.span && m.entity == e.id)?;
                let class = e.class.name();
                Some((
                    e.mentions.len(),
                    Row {
                        label: e.name.clone(),
                        detail: class.to_string(),
                        status: counts.into_iter().map(Status::Count).collect(),
                        target: Target::Item(Item {
                            kind: Kind::Mention,
                            doc,
                            index,
                        }),
                        drift: false,
                        verdict: None,
                    },
                ))
            })
            .collect();
        // Most mentioned first; ties keep the order of first mention.
        rows.sort_by_key(|r| std::cmp::Reverse(r.0));
        rows.into_iter().map(|(_, r)| r).collect()
    }

    /// Quotes or claims: the focused version's in order, then those only other versions carry.
    /// With `drift_only`, only items some version words differently, each listed once.
    fn item_rows(&self, items: &Items, kind: Kind, drift_only: bool, first: DocId) -> Vec<Row> {
        let n = self.model.doc_count();
        let order: Vec<DocId> = std::iter::once(first)
            .chain(DocId::all(n).filter(|&d| d != first))
            .collect();
        let mut listed: HashSet<Item> = HashSet::new();
        let mut rows = Vec::new();
        for &doc in &order {
            for (index, _) in items.list(kind, doc) {
                let item = Item { kind, doc, index };
                if listed.contains(&item) {
                    continue;
                }
                let counterparts = items.counterparts(item);
                listed.insert(item);
                for c in counterparts {
                    listed.insert(Item {
                        kind,
                        doc: c.doc,
                        index: c.index,
                    });
                }
                let drift = items.drifts(item);
                if drift_only && !drift {
                    continue;
                }
                let review_kind = if kind == Kind::Quote {
                    ItemKind::Quote
                } else {
                    ItemKind::Claim
                };
                let Some(span) = items.span(item) else {
                    continue;
                };
                let mark = self.mark_for(review_kind, doc, span);
                // The verdict leads the row: the panel is narrow and cuts the end.
                let shown = mark
                    .map(|m| match &m.verdict {
                        Some(v) => format!("[{v}] "),
                        None => "[note] ".to_string(),
                    })
                    .unwrap_or_default();
                let status = DocId::all(n)
                    .map(|d| {
                        if d == doc {
                            return Status::Here;
                        }
                        match counterparts.iter().find(|c| c.doc == d) {
                            None => Status::Absent,
                            Some(c) => match c.wording {
                                Wording::Same => Status::Same,
                                Wording::Reworded if !c.figures.is_empty() => {
                                    Status::FigureOneSided
                                }
                                Wording::Reworded => Status::Reworded,
                                Wording::FigureChanged => Status::FigureChanged,
                            },
                        }
                    })
                    .collect();
                rows.push(Row {
                    label: format!("{shown}{}", self.item_label(item)),
                    detail: self.item_detail(item),
                    status,
                    target: Target::Item(item),
                    drift,
                    verdict: Some(mark.and_then(|m| m.verdict.clone())),
                });
            }
        }
        rows
    }

    /// Every mark of the review session, in document and position order; orphans last.
    fn review_rows(&self) -> Vec<Row> {
        let Some(session) = self.review.session.as_ref() else {
            return Vec::new();
        };
        let n = self.model.doc_count();
        let mut marks: Vec<&crate::review::Mark> = session.marks().iter().collect();
        marks.sort_by_key(|m| (m.orphaned, m.doc, m.start));
        marks
            .into_iter()
            .map(|m| {
                let doc = DocId::at(m.doc);
                let target = if m.orphaned || m.doc >= n {
                    Target::Nowhere
                } else {
                    self.model
                        .corpus
                        .get(doc)
                        .map(|d| d.sentences.partition_point(|s| s.span.end <= m.start) as u32)
                        .map_or(Target::Nowhere, |sentence| Target::Sentence {
                            doc,
                            sentence,
                        })
                };
                // The verdict leads: the panel is narrow and cuts the end of a row.
                let tag = m.verdict.as_deref().unwrap_or("note");
                let mut detail = m.kind.name().to_string();
                if !m.note.is_empty() {
                    detail.push_str(&format!(" · {}", clip(&m.note, 40)));
                }
                if m.orphaned {
                    detail.push_str(" · orphaned: its text is gone");
                }
                Row {
                    label: format!("[{tag}] {}", clip(&m.text, 70)),
                    detail,
                    status: DocId::all(n)
                        .map(|d| {
                            if d == doc {
                                Status::Here
                            } else if m.counterparts.iter().any(|c| c.doc == d.index()) {
                                Status::Reworded
                            } else {
                                Status::Absent
                            }
                        })
                        .collect(),
                    target,
                    drift: false,
                    verdict: Some(m.verdict.clone()),
                }
            })
            .collect()
    }

    /// The item's words, shortened, in quotation marks for quotes.
    pub fn item_label(&self, item: Item) -> String {
        let text = self
            .items()
            .span(item)
            .and_then(|s| Some(self.model.corpus.get(item.doc)?.slice(s)))
            .unwrap_or("");
        match item.kind {
            Kind::Quote => format!("“{}”", clip(text, 70)),
            _ => clip(text, 90),
        }
    }

    /// Who said it (quote), its source (claim), or the entity's class.
    pub fn item_detail(&self, item: Item) -> String {
        let Some(d) = self.model.extraction.document(item.doc) else {
            return String::new();
        };
        let attribution = match item.kind {
            Kind::Quote => d.quotes.get(item.index).and_then(|q| q.speaker.as_ref()),
            Kind::Claim => d.claims.get(item.index).and_then(|c| c.source.as_ref()),
            Kind::Mention => None,
        };
        let Some(a) = attribution else {
            return "unattributed".to_string();
        };
        // The resolved name, with the text's own words when they differ ("Ilse Marand (“she”)").
        let Some(doc) = self.model.corpus.get(item.doc) else {
            return a.name.clone();
        };
        let phrase = doc.slice(a.span).trim();
        match a.via {
            Via::Inherited => format!("{} (continued)", a.name),
            _ if !phrase.is_empty() && phrase != a.name && !a.name.contains(phrase) => {
                format!("{} (“{phrase}”)", a.name)
            }
            _ => a.name.clone(),
        }
    }

    /// Keys while the panel has focus. Movement keys move the selection, pane-focus keys
    /// switch tabs, Enter jumps to the item, Esc clears the filter or leaves the panel.
    pub(super) fn panel_apply(&mut self, action: Action) {
        let tab = tab_index(self.panel.tab);
        let len = self.panel_shown(self.panel.tab).1.len();
        let page = usize::from(self.geometry().body_height.max(2)) - 1;
        let sel = &mut self.panel.selected[tab];
        match action {
            Action::NextSentence | Action::ScrollDown => {
                *sel = (*sel + 1).min(len.saturating_sub(1))
            }
            Action::PrevSentence | Action::ScrollUp => *sel = sel.saturating_sub(1),
            Action::HalfPageDown | Action::PageDown => {
                *sel = (*sel + page / 2).min(len.saturating_sub(1))
            }
            Action::HalfPageUp | Action::PageUp => *sel = sel.saturating_sub(page / 2),
            Action::Top => *sel = 0,
            Action::Bottom => *sel = len.saturating_sub(1),
            Action::FocusNext | Action::ShowNextPanes => self.switch_tab(1),
            Action::FocusPrev | Action::ShowPrevPanes => self.switch_tab(-1),
            Action::Select | Action::Counterpart => {
                let rows = self.panel_rows(self.panel.tab);
                if let Some(row) = rows.get(self.panel.selected[tab]) {
                    match row.target {
                        Target::Item(item) => {
                            self.mode = Mode::Normal;
                            self.go_to_item(item);
                        }
                        Target::Sentence { doc, sentence } => {
                            self.mode = Mode::Normal;
                            self.screen.focus = doc;
                            self.keep_focus_visible();
                            self.set_cursor(doc, sentence);
                        }
                        Target::Nowhere => {
                            self.status.message =
                                Some("this mark's text is no longer in its document".into())
                        }
                    }
                } else {
                    self.status.message = Some(format!(
                        "no {} to jump to",
                        self.panel.tab.title().to_lowercase()
                    ));
                }
            }
            Action::Search => {
                self.mode = Mode::Input {
                    line: InputLine::new(Scope::FocusedPane),
                    purpose: InputPurpose::Filter,
                };
            }
            Action::Cancel if !self.panel.filter.is_empty() => self.panel.filter.clear(),
            Action::Cancel => self.mode = Mode::Normal,
            Action::TogglePanel => self.toggle_panel(),
            Action::Quit => self.quit = true,
            // The review keys act on what the panel lists, so they work here as in the panes.
            Action::ReviewFilter => self.cycle_review_filter(),
            Action::ExportReview => self.export_review(),
            // The clipboard and the mouse are the reader's, whoever has the keys.
            Action::Copy => self.copy(false),
            Action::CopyAllVersions => self.copy(true),
            Action::ToggleMouse => self.toggle_mouse(),
            Action::Help => {
                self.mode = Mode::Overlay(Overlay::Help {
                    scroll: 0,
                    over_panel: true,
                })
            }
            _ => {
                self.status.message = Some(
                    "in the panel: j/k move, h/l switch lists, Enter jumps, / filters, F review filter, p closes"
                        .into(),
                )
            }
        }
    }

    fn switch_tab(&mut self, delta: i64) {
        let i = tab_index(self.panel.tab) as i64;
        self.panel.tab = Tab::ALL[(i + delta).rem_euclid(Tab::ALL.len() as i64) as usize];
    }

    pub(super) fn toggle_panel(&mut self) {
        // Open and focused, or closed: `p` never leaves an open panel without the keys.
        self.panel.open = !self.panel.open;
        self.mode = if self.panel.open {
            Mode::Panel
        } else {
            Mode::Normal
        };
        self.reveal_cursor();
    }
}
