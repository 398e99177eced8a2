//! Copying to the clipboard of the terminal the user sits at, even over SSH: the text goes out
//! as an OSC 52 escape (base64), which the terminal emulator on the user's machine handles.
//! `y` copies the quote, claim or sentence at the cursor with its document's title and origin,
//! `Y` the same as every version words it.
//!
//! Inside tmux the escape goes out twice, plain and wrapped for tmux's passthrough: tmux handles
//! an application's plain OSC 52 only with `set-clipboard on` (its default, `external`, drops
//! it), and forwards a wrapped one only with `allow-passthrough on` (tmux 3.3 and later; always
//! before). Which of the two a user has set cannot be asked without a reply on the terminal, and
//! both reaching the clipboard sets it twice to the same text, so both are sent.

use base64::Engine;

use super::app::{App, Effect};
use crate::document::Document;
use crate::review::{Item, ItemKind};

/// Terminals commonly cut OSC 52 payloads above about 100 kB (xterm's default); longer copies
/// are refused with that reason rather than arriving truncated.
const MAX_ENCODED: usize = 100_000;

/// What the clipboard escape must suit, read from the environment once at start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terminal {
    /// Running inside tmux (`$TMUX` set).
    pub tmux: bool,
    /// `$TERM`, for the consoles known to ignore OSC 52.
    pub term: String,
}

impl Terminal {
    pub fn detect() -> Terminal {
        Terminal {
            tmux: std::env::var_os("TMUX").is_some_and(|v| !v.is_empty()),
            term: std::env::var("TERM").unwrap_or_default(),
        }
    }

    /// Why the copy probably did not reach a clipboard, for terminals known not to support it.
    fn doubt(&self) -> Option<&'static str> {
        match self.term.as_str() {
            "" => Some("TERM is not set"),
            "dumb" => Some("TERM=dumb"),
            "linux" => Some("the Linux console has no clipboard escape"),
            t if t.starts_with("vt") => Some("a VT terminal has no clipboard escape"),
            _ => None,
        }
    }
}

/// The OSC 52 escape that puts `text` on the clipboard (`c`), and in tmux its passthrough
/// wrapping too (every ESC inside doubled), as the module comment explains.
pub fn osc52(text: &str, tmux: bool) -> String {
    let payload = base64::engine::general_purpose::STANDARD.encode(text);
    let plain = format!("\x1b]52;c;{payload}\x07");
    if tmux {
        format!("{plain}\x1bPtmux;\x1b{plain}\x1b\\")
    } else {
        plain
    }
}

/// `title (origin)`: where a copied text comes from.
fn source(d: &Document) -> String {
    if d.title.is_empty() {
        d.origin.to_string()
    } else {
        format!("{} ({})", d.title, d.origin)
    }
}

/// A quote keeps its quotation marks; a claim or sentence is copied as it stands.
fn wording(kind: ItemKind, text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match kind {
        ItemKind::Quote => format!("“{text}”"),
        _ => text,
    }
}

/// The clipboard text of an item: alone with its source, or in every version in document order,
/// a version that lacks it said so.
pub fn clip_text(item: &Item, docs: &[Document], all_versions: bool) -> String {
    let Some(own) = docs.get(item.doc.index()) else {
        return String::new();
    };
    if !all_versions {
        return format!("{}\n— {}\n", wording(item.kind, &item.text), source(own));
    }
    let mut out = String::new();
    for d in docs {
        let text = if d.id == item.doc {
            Some(item.text.as_str())
        } else {
            item.counterparts
                .iter()
                .find(|(doc, _, _)| *doc == d.id)
                .map(|(_, _, t)| t.as_str())
        };
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("{}: {}\n", d.id.number(), source(d)));
        match text {
            Some(t) => out.push_str(&wording(item.kind, t)),
            None => out.push_str("(not in this version)"),
        }
        out.push('\n');
    }
    out
}

impl App {
    /// The quote or claim at the cursor (as the review picks it), else the cursor sentence.
    fn copy_target(&self) -> Option<Item> {
        let f = self.screen.focus;
        let kinds = [super::items::Kind::Quote, super::items::Kind::Claim];
        if let Some(it) = self.item_here(&kinds) {
            return self.quote_or_claim(it);
        }
        self.difference(f, self.cursor(f))
    }

    pub(super) fn copy(&mut self, all_versions: bool) {
        let Some(item) = self.copy_target() else {
            self.say("nothing to copy: this document has no text");
            return;
        };
        let text = clip_text(&item, &self.model.corpus.documents, all_versions);
        let escape = osc52(&text, self.terminal.tmux);
        let what = match item.kind {
            ItemKind::Difference => "sentence",
            other => other.name(),
        };
        if escape.len() > 2 * MAX_ENCODED {
            self.say(format!(
                "not copied: the {what} is too long for the terminal's clipboard escape ({} bytes)",
                text.len()
            ));
            return;
        }
        self.effects.push(Effect::Write(escape));
        let versions = if all_versions {
            let n = 1 + item.counterparts.len();
            format!(" in {n} of {} versions", self.model.doc_count())
        } else {
            String::new()
        };
        let origin = self
            .model
            .corpus
            .get(item.doc)
            .map(|d| d.origin.to_string())
            .unwrap_or_default();
        let name = origin.rsplit('/').next().unwrap_or(&origin);
        let mut message = format!(
            "copied the {what}{versions} from {}:{name} (OSC 52)",
            item.doc.number()
        );
        if let Some(doubt) = self.terminal.doubt() {
            message.push_str(&format!(
                " — it may not reach a clipboard: {doubt}; turn the mouse off (M) and select"
            ));
        } else if self.terminal.tmux {
            message.push_str(" — in tmux it needs set-clipboard on or allow-passthrough on");
        }
        self.say(message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_bytes_are_exact() {
        assert_eq!(osc52("hi", false), "\x1b]52;c;aGk=\x07");
        assert_eq!(
            osc52("“ok”\n", false).as_bytes(),
            b"\x1b]52;c;4oCcb2vigJ0K\x07"
        );
        assert_eq!(
            osc52("hi", true),
            "\x1b]52;c;aGk=\x07\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"
        );
    }

    #[test]
    fn consoles_without_the_escape_are_doubted() {
        let t = |term: &str| Terminal {
            tmux: false,
            term: term.to_string(),
        };
        assert!(t("linux").doubt().is_some());
        assert!(t("dumb").doubt().is_some());
        assert!(t("").doubt().is_some());
        assert!(t("xterm-256color").doubt().is_none());
        assert!(t("tmux-256color").doubt().is_none());
    }
}
