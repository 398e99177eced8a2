//! Everything the reader can do, as one enum. It is the vocabulary of the `[keys]` config table
//! (`"]c" = "next_difference"`), and the help overlay lists it; bindings live only in config.

use serde::Deserialize;

macro_rules! actions {
    ($($variant:ident => $name:literal, $help:literal;)*) => {
        /// A reader command. Names are the snake_case strings used in the config file.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $(#[doc = $help] $variant,)*
        }

        impl Action {
            /// Every action, in the order the help overlay lists them.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            pub fn help(self) -> &'static str {
                match self { $(Action::$variant => $help,)* }
            }
        }
    };
}

actions! {
    NextSentence => "next_sentence", "Move the cursor to the next sentence";
    PrevSentence => "prev_sentence", "Move the cursor to the previous sentence";
    ScrollDown => "scroll_down", "Scroll down one line";
    ScrollUp => "scroll_up", "Scroll up one line";
    HalfPageDown => "half_page_down", "Scroll down half a screen";
    HalfPageUp => "half_page_up", "Scroll up half a screen";
    PageDown => "page_down", "Scroll down a screen";
    PageUp => "page_up", "Scroll up a screen";
    Top => "top", "Go to the start of the document";
    Bottom => "bottom", "Go to the end of the document";
    FocusNext => "focus_next", "Focus the pane to the right";
    FocusPrev => "focus_prev", "Focus the pane to the left";
    ShowNextPanes => "show_next_panes", "Shift the visible panes right (more documents than panes)";
    ShowPrevPanes => "show_prev_panes", "Shift the visible panes left";
    MorePanes => "more_panes", "Show one more pane side by side (up to 4)";
    FewerPanes => "fewer_panes", "Show one pane fewer";
    NextDifference => "next_difference", "Next sentence that differs (reworded, moved or unique)";
    PrevDifference => "prev_difference", "Previous sentence that differs";
    Counterpart => "counterpart", "Jump to the counterpart of this sentence in the next pane";
    NextQuote => "next_quote", "Next quote in this pane (scare quotes skipped)";
    PrevQuote => "prev_quote", "Previous quote in this pane";
    NextClaim => "next_claim", "Next claim in this pane";
    PrevClaim => "prev_claim", "Previous claim in this pane";
    NextMention => "next_mention", "Next named-entity mention in this pane";
    PrevMention => "prev_mention", "Previous named-entity mention in this pane";
    FollowEntity => "follow_entity", "Follow this entity: its next mention in any version, aliases included";
    FollowEntityBack => "follow_entity_back", "Follow this entity backwards";
    ItemCounterpart => "item_counterpart", "Jump to the same quote or claim in the next version that has it";
    ShowDrift => "show_drift", "Show this quote or claim in every version, differing words highlighted";
    ShowEvidence => "show_evidence", "Why linked: what this sentence shares with its counterparts (words, related words, names, figures, score)";
    TogglePanel => "toggle_panel", "Open and focus the side panel (entities, quotes, claims, drift); again to close";
    Select => "select", "In the panel: jump to the selected item (in a pane: go to the counterpart)";
    ToggleAnnotations => "toggle_annotations", "Show or hide the styling of entities, quotes and claims";
    SetVerdict => "set_verdict", "Review: give the claim, quote or difference here a verdict";
    EditNote => "edit_note", "Review: write or edit the note on the item here";
    ClearMark => "clear_mark", "Review: clear the verdict and note on the item here";
    ReviewFilter => "review_filter", "Review: panel shows all / unreviewed / one verdict's items";
    ExportReview => "export_review", "Review: export the review as Markdown beside the session file";
    Search => "search", "Search (Tab in the prompt: this pane / all panes; in the panel: filter)";
    SearchNext => "search_next", "Next search match";
    SearchPrev => "search_prev", "Previous search match";
    ToggleFold => "toggle_fold", "Fold or unfold the run of identical sentences here";
    FoldAll => "fold_all", "Fold every run of identical sentences";
    UnfoldAll => "unfold_all", "Unfold everything";
    ToggleLayout => "toggle_layout", "Switch between aligned rows and natural reading flow";
    ToggleSync => "toggle_sync", "Toggle synchronised scrolling of the other panes";
    ToggleMeasure => "toggle_measure", "Wrap prose at the reading measure ([display] max_width) or the full pane width";
    Copy => "copy", "Copy the quote, claim or sentence here, with its document's title and origin (OSC 52: works over SSH and in tmux)";
    CopyAllVersions => "copy_all_versions", "Copy the quote, claim or sentence here as every version words it";
    ToggleMouse => "toggle_mouse", "Mouse on (wheel scrolls, click selects) or off (the terminal selects text)";
    Help => "help", "Show or hide this help";
    Cancel => "cancel", "Close the overlay, clear the search or the pending keys";
    Quit => "quit", "Quit";
}

impl Action {
    /// Actions that compare versions: with one document they are left out of the help (and say
    /// why when pressed).
    pub fn needs_versions(self) -> bool {
        matches!(
            self,
            Action::FocusNext
                | Action::FocusPrev
                | Action::ShowNextPanes
                | Action::ShowPrevPanes
                | Action::MorePanes
                | Action::FewerPanes
                | Action::NextDifference
                | Action::PrevDifference
                | Action::Counterpart
                | Action::ItemCounterpart
                | Action::ShowDrift
                | Action::ShowEvidence
                | Action::ToggleFold
                | Action::FoldAll
                | Action::UnfoldAll
                | Action::ToggleLayout
                | Action::ToggleSync
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_serde() {
        for &a in Action::ALL {
            let parsed: Action = serde_json::from_value(serde_json::json!(a.name())).unwrap();
            assert_eq!(parsed, a);
            assert!(!a.help().is_empty());
        }
    }
}
