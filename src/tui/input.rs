//! The one-line text input at the bottom of the screen (search today, notes later), with the
//! editing keys a terminal user expects: cursor moves, Backspace/Delete, Ctrl-W, Ctrl-U, paste.

use unicode_segmentation::UnicodeSegmentation;

use super::keymap::{Code, Key};
use super::search::Scope;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputLine {
    text: String,
    /// Byte offset of the cursor, always on a grapheme boundary.
    cursor: usize,
    scope: Scope,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputOutcome {
    Editing,
    Submit,
    Cancel,
    ToggleScope,
}

impl InputLine {
    pub fn new(scope: Scope) -> InputLine {
        InputLine {
            text: String::new(),
            cursor: 0,
            scope,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn scope(&self) -> Scope {
        self.scope
    }

    pub fn toggle_scope(&mut self) {
        self.scope = match self.scope {
            Scope::AllPanes => Scope::FocusedPane,
            Scope::FocusedPane => Scope::AllPanes,
        };
    }

    /// Insert text at the cursor; line breaks in pasted text become spaces.
    pub fn insert(&mut self, s: &str) {
        let clean: String = s
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    pub fn key(&mut self, key: Key) -> InputOutcome {
        match (key.code, key.ctrl) {
            (Code::Enter, _) => return InputOutcome::Submit,
            (Code::Esc, _) | (Code::Char('c'), true) | (Code::Char('g'), true) => {
                return InputOutcome::Cancel;
            }
            (Code::Tab, _) => return InputOutcome::ToggleScope,
            (Code::Backspace, _) | (Code::Char('h'), true) => {
                let p = self.prev_boundary();
                self.text.replace_range(p..self.cursor, "");
                self.cursor = p;
            }
            (Code::Delete, _) | (Code::Char('d'), true) => {
                let n = self.next_boundary();
                self.text.replace_range(self.cursor..n, "");
            }
            (Code::Left, _) | (Code::Char('b'), true) => self.cursor = self.prev_boundary(),
            (Code::Right, _) | (Code::Char('f'), true) => self.cursor = self.next_boundary(),
            (Code::Home, _) | (Code::Char('a'), true) => self.cursor = 0,
            (Code::End, _) | (Code::Char('e'), true) => self.cursor = self.text.len(),
            (Code::Char('w'), true) => {
                let before = &self.text[..self.cursor];
                let trimmed = before.trim_end();
                let start = trimmed
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            (Code::Char('u'), true) => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            (Code::Char('k'), true) => self.text.truncate(self.cursor),
            (Code::Char(c), false) => {
                let mut buf = [0u8; 4];
                self.insert(c.encode_utf8(&mut buf));
            }
            _ => {}
        }
        InputOutcome::Editing
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::parse_sequence;

    fn type_keys(line: &mut InputLine, keys: &str) {
        for k in parse_sequence(keys).unwrap() {
            line.key(k);
        }
    }

    #[test]
    fn editing_keys() {
        let mut l = InputLine::new(Scope::AllPanes);
        type_keys(&mut l, "dam release");
        assert_eq!(l.text(), "dam release");
        type_keys(&mut l, "<C-w>");
        assert_eq!(l.text(), "dam ");
        type_keys(&mut l, "<BS><Home><Del>D<End>s");
        assert_eq!(l.text(), "Dams");
        type_keys(&mut l, "<Left><Left><C-k>");
        assert_eq!(l.text(), "Da");
        l.insert("m\nwall");
        assert_eq!(l.text(), "Dam wall");
        type_keys(&mut l, "<C-u>");
        assert_eq!(l.text(), "");
        assert_eq!(l.key(Key::plain(Code::Esc)), InputOutcome::Cancel);
    }

    #[test]
    fn graphemes_are_deleted_whole() {
        let mut l = InputLine::new(Scope::AllPanes);
        l.insert("cafe\u{301}");
        type_keys(&mut l, "<BS>");
        assert_eq!(l.text(), "caf");
    }
}
