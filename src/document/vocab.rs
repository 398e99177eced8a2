//! The corpus-wide term table: every normalised token form gets one `TermId`, so documents
//! compare by integers. Normalisation lowercases and folds typographic quotes and dashes.

use rustc_hash::FxHashMap;

/// An interned, normalised token form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermId(pub u32);

#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// Fx rather than SipHash: interning every token of every document is a hot path, and the
    /// keys are the documents' own words, not attacker-chosen to collide.
    ids: FxHashMap<Box<str>, TermId>,
    terms: Vec<Box<str>>,
    /// Reused for the normal form of tokens that are not already normal.
    scratch: String,
}

impl Vocab {
    /// The id of `raw`'s normalised form, adding it if new.
    pub fn intern(&mut self, raw: &str) -> TermId {
        if is_normal(raw) {
            return self.intern_normal(raw);
        }
        let mut norm = std::mem::take(&mut self.scratch);
        norm.clear();
        normalize_into(raw, &mut norm);
        let id = self.intern_normal(&norm);
        self.scratch = norm;
        id
    }

    fn intern_normal(&mut self, norm: &str) -> TermId {
        if let Some(&id) = self.ids.get(norm) {
            return id;
        }
        let id = TermId(self.terms.len() as u32);
        let boxed: Box<str> = norm.into();
        self.terms.push(boxed.clone());
        self.ids.insert(boxed, id);
        id
    }

    /// The id of `raw`'s normalised form if any document used it.
    pub fn lookup(&self, raw: &str) -> Option<TermId> {
        if is_normal(raw) {
            return self.ids.get(raw).copied();
        }
        self.ids.get(normalize(raw).as_str()).copied()
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

/// Whether `raw` is its own normal form: ASCII without capitals or backticks.
fn is_normal(raw: &str) -> bool {
    raw.bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'`')
}

fn normalize_into(raw: &str, out: &mut String) {
    if raw.is_ascii() {
        out.extend(raw.bytes().map(|b| char::from(fold_ascii(b))));
    } else {
        raw.chars().for_each(|c| fold_char(c, |c| out.push(c)));
    }
}

/// The normal form of one character, given to `f` one character at a time (lowercasing may
/// give more than one), so callers can hash or compare it without building a string.
pub(super) fn fold_char(c: char, mut f: impl FnMut(char)) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
            f('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => f('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => f('-'),
        c if c.is_ascii() => f(c.to_ascii_lowercase()),
        c => c.to_lowercase().for_each(f),
    }
}

/// [`fold_char`] for one ASCII byte.
pub(super) fn fold_ascii(b: u8) -> u8 {
    match b {
        b'`' => b'\'',
        b => b.to_ascii_lowercase(),
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
