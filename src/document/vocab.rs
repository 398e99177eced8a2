//! The corpus-wide term table: every normalised token form gets one `TermId`, so documents
//! compare by integers. Normalisation lowercases and folds typographic quotes and dashes.

use std::collections::HashMap;

/// An interned, normalised token form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermId(pub u32);

#[derive(Debug, Clone, Default)]
pub struct Vocab {
    ids: HashMap<Box<str>, TermId>,
    terms: Vec<Box<str>>,
}

impl Vocab {
    /// The id of `raw`'s normalised form, adding it if new.
    pub fn intern(&mut self, raw: &str) -> TermId {
        let mut norm = String::with_capacity(raw.len());
        normalize_into(raw, &mut norm);
        if let Some(&id) = self.ids.get(norm.as_str()) {
            return id;
        }
        let id = TermId(self.terms.len() as u32);
        let boxed: Box<str> = norm.into_boxed_str();
        self.terms.push(boxed.clone());
        self.ids.insert(boxed, id);
        id
    }

    /// The id of `raw`'s normalised form if any document used it.
    pub fn lookup(&self, raw: &str) -> Option<TermId> {
        let mut norm = String::with_capacity(raw.len());
        normalize_into(raw, &mut norm);
        self.ids.get(norm.as_str()).copied()
    }

    /// The normalised form of a term.
    pub fn term(&self, id: TermId) -> &str {
        self.terms.get(id.0 as usize).map_or("", |s| s)
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Lowercase, with curly quotes, primes and the dash family folded to their ASCII forms.
pub fn normalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    normalize_into(raw, &mut out);
    out
}

fn normalize_into(raw: &str, out: &mut String) {
    for c in raw.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
                out.push('\'')
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => out.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_quotes_and_dashes() {
        let mut v = Vocab::default();
        let a = v.intern("Trump’s");
        let b = v.intern("trump's");
        assert_eq!(a, b);
        assert_eq!(v.term(a), "trump's");
        assert_eq!(v.intern("—"), v.intern("-"));
        assert_eq!(v.intern("“"), v.intern("\""));
        assert_ne!(v.intern("Trump"), a);
        assert_eq!(v.lookup("TRUMP"), Some(v.intern("trump")));
        assert_eq!(v.lookup("absent"), None);
    }
}
