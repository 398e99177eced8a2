//! Keys in: the input line takes them while it is open, the verdict picker takes one, and
//! otherwise they gather into a sequence that the keymap resolves to an action.

use crossterm::event::KeyEvent;

use super::app::{App, InputPurpose, Mode, Overlay};
use super::input::InputOutcome;
use super::keymap::{Key, Resolution};

impl App {
    pub fn handle_key(&mut self, event: KeyEvent) {
        let Some(key) = Key::from_event(event) else {
            return;
        };
        match &mut self.mode {
            Mode::Verdict => self.pick_verdict(key),
            Mode::Input { line, purpose } => {
                let purpose = *purpose;
                match line.key(key) {
                    InputOutcome::Editing if purpose == InputPurpose::Filter => {
                        self.panel.filter = line.text().to_string();
                        self.panel.selected = [0; 5];
                    }
                    InputOutcome::Editing => {}
                    InputOutcome::ToggleScope if purpose == InputPurpose::Search => {
                        line.toggle_scope()
                    }
                    InputOutcome::ToggleScope => {}
                    InputOutcome::Cancel => {
                        if purpose == InputPurpose::Filter {
                            self.panel.filter.clear();
                        }
                        self.close_input(purpose);
                    }
                    InputOutcome::Submit => {
                        let (text, scope) = (line.text().to_string(), line.scope());
                        self.close_input(purpose);
                        match purpose {
                            InputPurpose::Search => self.run_search(&text, scope),
                            InputPurpose::Note => self.finish_note(&text),
                            InputPurpose::Filter => {}
                        }
                    }
                }
            }
            Mode::Normal | Mode::Panel | Mode::Overlay(_) => self.sequence_key(key),
        }
    }

    /// Leave the input line: the panel's filter gives the keys back to the panel.
    fn close_input(&mut self, purpose: InputPurpose) {
        self.mode = if purpose == InputPurpose::Filter && self.panel.open {
            Mode::Panel
        } else {
            Mode::Normal
        };
    }

    /// A key of a sequence, resolved through the keymap.
    fn sequence_key(&mut self, key: Key) {
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
                match &self.mode {
                    // Any key closes the drift view; an unbound one too.
                    Mode::Overlay(Overlay::Drift { .. } | Overlay::Evidence { .. }) => {
                        self.mode = Mode::Normal
                    }
                    Mode::Overlay(Overlay::Help { over_panel, .. }) => {
                        self.mode = if *over_panel {
                            Mode::Panel
                        } else {
                            Mode::Normal
                        }
                    }
                    _ if key.code != super::keymap::Code::Esc => {
                        self.say(format!("{typed} is not bound (? shows the keys)"))
                    }
                    _ => {}
                }
            }
        }
    }

    /// Text pasted into the terminal goes to the input line, if one is open.
    pub fn handle_paste(&mut self, text: &str) {
        if let Mode::Input { line, .. } = &mut self.mode {
            line.insert(text);
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
