//! Keys in: the input line takes them while it is open, the verdict picker takes one, and
//! otherwise they gather into a sequence that the keymap resolves to an action.

use crossterm::event::KeyEvent;

use super::app::{App, InputPurpose};
use super::input::InputOutcome;
use super::keymap::{Key, Resolution};

impl App {
    pub fn handle_key(&mut self, event: KeyEvent) {
        let Some(key) = Key::from_event(event) else {
            return;
        };
        if self.picking_verdict {
            self.pick_verdict(key);
            return;
        }
        if let Some(input) = self.input.as_mut() {
            let filtering = self.input_purpose == InputPurpose::Filter;
            match input.key(key) {
                InputOutcome::Editing if filtering => {
                    self.panel.filter = input.text().to_string();
                    self.panel.selected = [0; 5];
                }
                InputOutcome::Editing => {}
                InputOutcome::Cancel => {
                    if filtering {
                        self.panel.filter.clear();
                    }
                    self.input = None;
                }
                InputOutcome::ToggleScope if self.input_purpose == InputPurpose::Search => {
                    input.toggle_scope()
                }
                InputOutcome::ToggleScope => {}
                InputOutcome::Submit => {
                    if let Some(line) = self.input.take() {
                        match self.input_purpose {
                            InputPurpose::Search => self.run_search(line.text(), line.scope()),
                            InputPurpose::Note => self.finish_note(line.text()),
                            InputPurpose::Filter => {}
                        }
                    }
                }
            }
            if self.input.is_none() {
                self.input_purpose = InputPurpose::Search;
            }
            return;
        }
        self.pending.push(key);
        match self.keymap.resolve(&self.pending) {
            Resolution::Matched(action) => {
                self.pending.clear();
                self.apply(action);
            }
            Resolution::Pending(_) => {}
            Resolution::NotFound => {
                let typed = super::keymap::sequence_string(&self.pending);
                self.pending.clear();
                if key.code != super::keymap::Code::Esc {
                    self.message = Some(format!("{typed} is not bound (? shows the keys)"));
                }
                if self.overlay.is_some() {
                    self.overlay = None;
                }
            }
        }
    }

    /// Text pasted into the terminal goes to the input line, if one is open.
    pub fn handle_paste(&mut self, text: &str) {
        if let Some(input) = self.input.as_mut() {
            input.insert(text);
        }
    }

    /// Keys waiting for the rest of a sequence, and what they could become.
    pub fn pending_hint(&self) -> Option<String> {
        if self.pending.is_empty() {
            return None;
        }
        let Resolution::Pending(options) = self.keymap.resolve(&self.pending) else {
            return None;
        };
        let typed = super::keymap::sequence_string(&self.pending);
        let rest: Vec<String> = options
            .iter()
            .map(|(seq, a)| {
                format!(
                    "{} {}",
                    super::keymap::sequence_string(&seq[self.pending.len()..]),
                    a.name().replace('_', " ")
                )
            })
            .collect();
        Some(format!("{typed}…  {}", rest.join(" · ")))
    }
}
