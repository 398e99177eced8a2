//! Keys and key sequences: the notation used in config and `render --keys` ("gg", "]c",
//! "<C-d>"), and the keymap that resolves a pending sequence to an action, more keys, or nothing.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::config::Config;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

/// One key press, normalised: Shift is folded into the character (`G`, not Shift+g).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: Code,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: Code) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// The key a terminal event stands for, if it is one we can bind.
    pub fn from_event(event: KeyEvent) -> Option<Key> {
        let m = event.modifiers;
        let code = match event.code {
            KeyCode::Char(c) => Code::Char(c),
            KeyCode::Enter => Code::Enter,
            KeyCode::Esc => Code::Esc,
            KeyCode::Tab if m.contains(KeyModifiers::SHIFT) => Code::BackTab,
            KeyCode::Tab => Code::Tab,
            KeyCode::BackTab => Code::BackTab,
            KeyCode::Backspace => Code::Backspace,
            KeyCode::Delete => Code::Delete,
            KeyCode::Up => Code::Up,
            KeyCode::Down => Code::Down,
            KeyCode::Left => Code::Left,
            KeyCode::Right => Code::Right,
            KeyCode::Home => Code::Home,
            KeyCode::End => Code::End,
            KeyCode::PageUp => Code::PageUp,
            KeyCode::PageDown => Code::PageDown,
            KeyCode::F(n) => Code::F(n),
            _ => return None,
        };
        Some(Key {
            code,
            ctrl: m.contains(KeyModifiers::CONTROL),
            alt: m.contains(KeyModifiers::ALT),
        })
    }

    /// The terminal event this key would arrive as (for `render --keys` and tests).
    pub fn to_event(self) -> KeyEvent {
        let mut m = KeyModifiers::NONE;
        if self.ctrl {
            m |= KeyModifiers::CONTROL;
        }
        if self.alt {
            m |= KeyModifiers::ALT;
        }
        let code = match self.code {
            Code::Char(c) => KeyCode::Char(c),
            Code::Enter => KeyCode::Enter,
            Code::Esc => KeyCode::Esc,
            Code::Tab => KeyCode::Tab,
            Code::BackTab => {
                m |= KeyModifiers::SHIFT;
                KeyCode::BackTab
            }
            Code::Backspace => KeyCode::Backspace,
            Code::Delete => KeyCode::Delete,
            Code::Up => KeyCode::Up,
            Code::Down => KeyCode::Down,
            Code::Left => KeyCode::Left,
            Code::Right => KeyCode::Right,
            Code::Home => KeyCode::Home,
            Code::End => KeyCode::End,
            Code::PageUp => KeyCode::PageUp,
            Code::PageDown => KeyCode::PageDown,
            Code::F(n) => KeyCode::F(n),
        };
        KeyEvent::new(code, m)
    }
}

const NAMES: &[(&str, Code)] = &[
    ("enter", Code::Enter),
    ("cr", Code::Enter),
    ("return", Code::Enter),
    ("esc", Code::Esc),
    ("tab", Code::Tab),
    ("space", Code::Char(' ')),
    ("bs", Code::Backspace),
    ("backspace", Code::Backspace),
    ("del", Code::Delete),
    ("delete", Code::Delete),
    ("up", Code::Up),
    ("down", Code::Down),
    ("left", Code::Left),
    ("right", Code::Right),
    ("home", Code::Home),
    ("end", Code::End),
    ("pageup", Code::PageUp),
    ("pgup", Code::PageUp),
    ("pagedown", Code::PageDown),
    ("pgdn", Code::PageDown),
    ("lt", Code::Char('<')),
    ("gt", Code::Char('>')),
];

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.code {
            Code::Char(' ') => Some("Space".to_string()),
            Code::Char('<') => Some("lt".to_string()),
            Code::Char(c) if !self.ctrl && !self.alt => return write!(f, "{c}"),
            Code::Char(c) => Some(c.to_string()),
            Code::Enter => Some("Enter".into()),
            Code::Esc => Some("Esc".into()),
            Code::Tab => Some("Tab".into()),
            Code::BackTab => Some("S-Tab".into()),
            Code::Backspace => Some("BS".into()),
            Code::Delete => Some("Del".into()),
            Code::Up => Some("Up".into()),
            Code::Down => Some("Down".into()),
            Code::Left => Some("Left".into()),
            Code::Right => Some("Right".into()),
            Code::Home => Some("Home".into()),
            Code::End => Some("End".into()),
            Code::PageUp => Some("PageUp".into()),
            Code::PageDown => Some("PageDown".into()),
            Code::F(n) => Some(format!("F{n}")),
        };
        let ctrl = if self.ctrl { "C-" } else { "" };
        let alt = if self.alt { "A-" } else { "" };
        write!(f, "<{ctrl}{alt}{}>", name.unwrap_or_default())
    }
}

/// Display a key sequence in config notation.
pub fn sequence_string(keys: &[Key]) -> String {
    keys.iter().map(Key::to_string).collect()
}

/// Parse a key sequence in config notation: `gg`, `]c`, `<C-d>`, `<S-Tab>`, `<lt>`.
pub fn parse_sequence(notation: &str) -> Result<Vec<Key>, String> {
    let mut keys = Vec::new();
    let mut rest = notation;
    while let Some(c) = rest.chars().next() {
        let named = (c == '<')
            .then(|| rest.find('>'))
            .flatten()
            .filter(|&end| end > 1);
        match named {
            Some(end) => {
                keys.push(parse_named(&rest[1..end])?);
                rest = &rest[end + 1..];
            }
            None => {
                keys.push(Key::plain(Code::Char(c)));
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if keys.is_empty() {
        return Err("empty key sequence".to_string());
    }
    Ok(keys)
}

fn parse_named(inner: &str) -> Result<Key, String> {
    let mut key = Key::plain(Code::Esc);
    let mut name = inner;
    let mut shift = false;
    loop {
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("c-") && name.len() > 2 {
            key.ctrl = true;
        } else if (lower.starts_with("a-") || lower.starts_with("m-")) && name.len() > 2 {
            key.alt = true;
        } else if lower.starts_with("s-") && name.len() > 2 {
            shift = true;
        } else {
            break;
        }
        name = &name[2..];
    }
    let lower = name.to_ascii_lowercase();
    key.code = if let Some(&(_, code)) = NAMES.iter().find(|(n, _)| *n == lower) {
        code
    } else if let Some(n) = lower.strip_prefix('f').and_then(|d| d.parse::<u8>().ok()) {
        if !(1..=12).contains(&n) {
            return Err(format!("unknown key <{inner}>"));
        }
        Code::F(n)
    } else {
        let mut chars = name.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if key.ctrl || key.alt => Code::Char(c.to_ascii_lowercase()),
            _ => return Err(format!("unknown key <{inner}>")),
        }
    };
    if shift {
        key.code = match key.code {
            Code::Tab => Code::BackTab,
            Code::Char(c) => Code::Char(c.to_ascii_uppercase()),
            other => other,
        };
    }
    Ok(key)
}

/// What the keys pressed so far mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Matched(Action),
    /// A prefix of one or more bindings: these continuations are possible.
    Pending(Vec<(Vec<Key>, Action)>),
    NotFound,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<Vec<Key>, Action>,
}

impl Keymap {
    /// Build from the config's `[keys]` table; errors name the file, line and key.
    pub fn from_config(config: &Config) -> Result<Keymap, String> {
        let mut bindings = BTreeMap::new();
        for (notation, action) in &config.keys {
            let quoted = format!("\"{notation}\"");
            let at = || config.locate(&quoted);
            let keys =
                parse_sequence(notation).map_err(|e| format!("{}[keys] {quoted}: {e}", at()))?;
            if action == "none" {
                continue;
            }
            let action: Action = serde_json::from_value(serde_json::Value::String(action.clone()))
                .map_err(|_| format!("{}[keys] {quoted}: unknown action `{action}`", at()))?;
            bindings.insert(keys, action);
        }
        let keymap = Keymap { bindings };
        for seq in keymap.bindings.keys() {
            if let Some(longer) = keymap
                .bindings
                .keys()
                .find(|other| other.len() > seq.len() && other.starts_with(seq))
            {
                let (a, b) = (sequence_string(seq), sequence_string(longer));
                return Err(format!(
                    "{}[keys] \"{a}\" is the start of \"{b}\"; unbind one of them (= \"none\")",
                    config.locate(&format!("\"{a}\""))
                ));
            }
        }
        Ok(keymap)
    }

    pub fn resolve(&self, pressed: &[Key]) -> Resolution {
        if let Some(&action) = self.bindings.get(pressed) {
            return Resolution::Matched(action);
        }
        let pending: Vec<_> = self
            .bindings
            .range(pressed.to_vec()..)
            .take_while(|(seq, _)| seq.starts_with(pressed))
            .map(|(seq, &a)| (seq.clone(), a))
            .collect();
        if pending.is_empty() {
            Resolution::NotFound
        } else {
            Resolution::Pending(pending)
        }
    }

    /// The sequences bound to an action, shortest first.
    pub fn keys_for(&self, action: Action) -> Vec<String> {
        let mut keys: Vec<&Vec<Key>> = self
            .bindings
            .iter()
            .filter(|(_, a)| **a == action)
            .map(|(k, _)| k)
            .collect();
        // Shortest first, and plain keys before ones with Ctrl or Alt.
        keys.sort_by_key(|k| (k.len(), k.iter().any(|key| key.ctrl || key.alt)));
        keys.into_iter().map(|k| sequence_string(k)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keymap(user: &str) -> Result<Keymap, String> {
        let config = crate::config::from_str(user, "user.toml").map_err(|e| e.to_string())?;
        Keymap::from_config(&config)
    }

    #[test]
    fn notation_round_trips() {
        for n in [
            "gg", "]c", "<C-d>", "<S-Tab>", "<lt>", "<Space>", "<F5>", "<A-x>", "G",
        ] {
            let keys = parse_sequence(n).unwrap();
            assert_eq!(sequence_string(&keys), n);
        }
        assert_eq!(
            parse_sequence("<C-D>").unwrap(),
            parse_sequence("<c-d>").unwrap()
        );
        assert_eq!(
            parse_sequence("<").unwrap(),
            vec![Key::plain(Code::Char('<'))]
        );
        assert!(parse_sequence("<Nope>").is_err());
        assert!(parse_sequence("<F13>").is_err());
    }

    #[test]
    fn shipped_keymap_resolves_sequences() {
        let km = keymap("").unwrap();
        let k = |s: &str| parse_sequence(s).unwrap();
        assert_eq!(km.resolve(&k("q")), Resolution::Matched(Action::Quit));
        assert_eq!(
            km.resolve(&k("]c")),
            Resolution::Matched(Action::NextDifference)
        );
        assert!(matches!(km.resolve(&k("g")), Resolution::Pending(p) if p[0].1 == Action::Top));
        assert_eq!(km.resolve(&k("Q")), Resolution::NotFound);
        assert_eq!(km.keys_for(Action::Quit), vec!["q", "<C-c>"]);
    }

    #[test]
    fn user_bindings_override_and_bad_ones_are_refused() {
        let km = keymap("[keys]\n\"x\" = \"quit\"\n\"q\" = \"none\"\n").unwrap();
        assert_eq!(
            km.resolve(&[Key::plain(Code::Char('x'))]),
            Resolution::Matched(Action::Quit)
        );
        assert_eq!(
            km.resolve(&[Key::plain(Code::Char('q'))]),
            Resolution::NotFound
        );

        let e = keymap("[keys]\n\"<Nope>\" = \"quit\"\n").unwrap_err();
        assert!(
            e.starts_with("user.toml: line 2: [keys] \"<Nope>\": unknown key"),
            "{e}"
        );
        let e = keymap("[keys]\n\n\"x\" = \"fly\"\n").unwrap_err();
        assert!(
            e.starts_with("user.toml: line 3:") && e.contains("unknown action `fly`"),
            "{e}"
        );
        let e = keymap("[keys]\n\"g\" = \"top\"\n").unwrap_err();
        assert!(e.contains("\"g\" is the start of \"gg\""), "{e}");
    }
}
