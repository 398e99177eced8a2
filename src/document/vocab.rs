//! The corpus-wide term table: every normalised token form gets one `TermId`, so documents
//! compare by integers. Normalisation lowercases and folds typographic quotes and dashes.

use rustc_hash::FxHashMap;

/// An interned, normalised token form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermId(pub u32);

impl TermId {
    /// One step of a running hash of a term sequence (FxHash's mixing step): fast and
    /// non-cryptographic, so users compare the terms themselves where a collision matters.
    pub fn mix_into(self, hash: u64) -> u64 {
        (hash.rotate_left(5) ^ u64::from(self.0)).wrapping_mul(0x517c_c1b7_2722_0a95)
    }
}

/// Interning every token of every document is a hot path: maps hash with Fx rather than SipHash
/// (the keys are the documents' own words, not attacker-chosen to collide), and the normal forms
/// of most words — ASCII, up to [`SHORT`] bytes — are keyed by one integer, so looking them up
/// neither builds a string nor compares bytes.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// Normal forms of up to [`SHORT`] ASCII bytes, packed by [`pack`].
    short: FxHashMap<u128, TermId>,
    /// Every other normal form.
    long: FxHashMap<Box<str>, TermId>,
    /// Every normal form, one after another, in id order: one allocation for all of them.
    text: String,
    /// Where each term's form ends in `text`.
    ends: Vec<u32>,
    /// Reused for the normal form of tokens that are not ASCII.
    scratch: String,
}

/// Longest normal form keyed by an integer: 15 bytes and a length byte fill a `u128`.
const SHORT: usize = 15;

/// The normal form of an ASCII `raw` of up to [`SHORT`] bytes, packed with its length; `None`
/// for anything else. For ASCII, normalising is folding each byte.
fn pack(raw: &str) -> Option<u128> {
    let bytes = raw.as_bytes();
    if bytes.len() > SHORT {
        return None;
    }
    // Built in two registers: bytes stored one by one into an array and read back whole stall
    // the processor on every call.
    let (mut lo, mut hi) = (0u64, (bytes.len() as u64) << 56);
    for (i, &b) in bytes.iter().enumerate() {
        if !b.is_ascii() {
            return None;
        }
        let folded = u64::from(fold_ascii(b));
        if i < 8 {
            lo |= folded << (8 * i);
        } else {
            hi |= folded << (8 * (i - 8));
        }
    }
    Some(u128::from(hi) << 64 | u128::from(lo))
}

/// The `len` (at most [`SHORT`]) bytes at `start` of `bytes` as one little-endian integer, the
/// rest zero: one load when 16 bytes can be read there (the usual case: a word inside a
/// paragraph), a copy near the end.
pub(super) fn load_short(bytes: &[u8], start: usize, len: usize) -> Option<u128> {
    if len > SHORT {
        return None;
    }
    let word = match bytes.get(start..start + 16) {
        Some(window) => u128::from_le_bytes(window.try_into().ok()?),
        None => {
            let mut buf = [0u8; 16];
            buf[..len].copy_from_slice(bytes.get(start..start + len)?);
            u128::from_le_bytes(buf)
        }
    };
    Some(word & ((1u128 << (8 * len)) - 1))
}

/// [`pack`] for the `len` bytes at `start` of `text`, with word operations on
/// [`load_short`]'s integer instead of a loop over the bytes.
fn pack_at(text: &[u8], start: usize, len: usize) -> Option<u128> {
    const ONES: u128 = u128::MAX / 0xFF;
    let bytes = load_short(text, start, len)?;
    let mask = (1u128 << (8 * len)) - 1;
    if bytes & (ONES * 0x80) != 0 {
        return None;
    }
    // A backtick folds to an apostrophe: rare, left to the byte loop.
    let tick = bytes ^ (ONES * b'`' as u128);
    if tick.wrapping_sub(ONES) & !tick & (ONES * 0x80) & mask != 0 {
        return pack(std::str::from_utf8(text.get(start..start + len)?).ok()?);
    }
    // Per byte, the top bit of `b + 0x80 - x` says `b >= x` (no byte carries into the next).
    let at_least_a = bytes + ONES * u128::from(0x80 - b'A');
    let past_z = bytes + ONES * u128::from(0x80 - b'Z' - 1);
    let upper = at_least_a & !past_z & (ONES * 0x80) & mask;
    Some((bytes | upper >> 2) | (len as u128) << 120)
}

impl Vocab {
    /// A vocabulary with room for `terms` short terms before its table grows.
    pub(super) fn with_capacity(terms: usize) -> Vocab {
        Vocab {
            short: FxHashMap::with_capacity_and_hasher(terms, Default::default()),
            ends: Vec::with_capacity(terms),
            ..Vocab::default()
        }
    }

    /// Room for `terms` more short terms.
    pub(super) fn reserve(&mut self, terms: usize) {
        self.short.reserve(terms);
        self.ends.reserve(terms);
    }

    /// The id of `raw`'s normalised form, adding it if new.
    pub fn intern(&mut self, raw: &str) -> TermId {
        if let Some(key) = pack(raw) {
            if let Some(&id) = self.short.get(&key) {
                return id;
            }
            return self.add_short(key);
        }
        let mut norm = std::mem::take(&mut self.scratch);
        norm.clear();
        normalize_into(raw, &mut norm);
        let id = self.intern_normal(&norm);
        self.scratch = norm;
        id
    }

    /// [`Vocab::intern`] for the token at `span` of `text`, which the fast path may read past.
    pub(super) fn intern_at(&mut self, text: &str, span: std::ops::Range<usize>) -> TermId {
        let raw = &text[span.clone()];
        match pack_at(text.as_bytes(), span.start, span.len()) {
            Some(key) => match self.short.get(&key) {
                Some(&id) => id,
                None => self.add_short(key),
            },
            None => self.intern(raw),
        }
    }

    /// The id of a form already normalised (a term of another vocabulary), adding it if new.
    pub(super) fn intern_normal(&mut self, norm: &str) -> TermId {
        if let Some(key) = pack(norm) {
            return match self.short.get(&key) {
                Some(&id) => id,
                None => self.add_short(key),
            };
        }
        if let Some(&id) = self.long.get(norm) {
            return id;
        }
        let id = self.add(norm);
        self.long.insert(norm.into(), id);
        id
    }

    /// Adds the term `key` packs: its low bytes are the normal form.
    fn add_short(&mut self, key: u128) -> TermId {
        let len = (key >> 120) as usize;
        let bytes = key.to_le_bytes();
        let id = self.add(std::str::from_utf8(&bytes[..len]).unwrap_or_default());
        self.short.insert(key, id);
        id
    }

    fn add(&mut self, norm: &str) -> TermId {
        let id = TermId(self.ends.len() as u32);
        self.text.push_str(norm);
        self.ends.push(self.text.len() as u32);
        id
    }

    /// The id of `raw`'s normalised form if any document used it.
    pub fn lookup(&self, raw: &str) -> Option<TermId> {
        if let Some(key) = pack(raw) {
            return self.short.get(&key).copied();
        }
        let norm = normalize(raw);
        match pack(&norm) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(norm.as_str()).copied(),
        }
    }

    /// The normalised form of a term.
    pub fn term(&self, id: TermId) -> &str {
        let i = id.0 as usize;
        let Some(&end) = self.ends.get(i) else {
            return "";
        };
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p]);
        &self.text[start as usize..end as usize]
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// Lowercase, with curly quotes, primes and the dash family folded to their ASCII forms.
pub fn normalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    normalize_into(raw, &mut out);
    out
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

    #[test]
    fn packing_in_place_matches_packing_alone() {
        let words = [
            "",
            "a",
            "A",
            "Zebra",
            "`tick`",
            "@[`{",
            "ABCDEFGHIJKLMNO",
            "abcdefghijklmnop",
            "Café",
            "x\u{7f}y",
            "Don’t",
            "0-9_AZaz",
        ];
        for w in words {
            for pad in ["", "tail that is long enough", "Ü"] {
                let text = format!("{w}{pad}");
                assert_eq!(
                    pack_at(text.as_bytes(), 0, w.len()),
                    pack(w),
                    "{w:?}+{pad:?}"
                );
                let text = format!("..{text}");
                assert_eq!(
                    pack_at(text.as_bytes(), 2, w.len()),
                    pack(w),
                    "..{w:?}+{pad:?}"
                );
            }
        }
        for b in 0..=127u8 {
            let w = char::from(b).to_string();
            let text = format!("{w}{}", "z".repeat(20));
            assert_eq!(pack_at(text.as_bytes(), 0, 1), pack(&w), "{b}");
        }
    }

    #[test]
    fn short_and_long_forms_meet_across_the_packing_limit() {
        let mut v = Vocab::default();
        let short = v.intern("Don’t"); // not ASCII, but its normal form is short ASCII
        assert_eq!(v.intern("don't"), short);
        assert_eq!(v.intern_normal("don't"), short);
        let long = v.intern("Internationalisation");
        assert_eq!(v.intern("internationalisation"), long);
        assert_eq!(v.intern_normal("internationalisation"), long);
        assert_eq!(v.lookup("INTERNATIONALISATION"), Some(long));
        let fifteen = v.intern("ABCDEFGHIJKLMNO");
        let sixteen = v.intern("ABCDEFGHIJKLMNOP");
        assert_ne!(fifteen, sixteen);
        assert_eq!(v.term(fifteen), "abcdefghijklmno");
        assert_eq!(v.lookup("abcdefghijklmnop"), Some(sixteen));
        assert_ne!(v.intern("a"), v.intern("a\0"));
        let cafe = v.intern("Café");
        assert_eq!(v.intern("café"), cafe);
        assert_eq!(v.len(), 7);
    }
}
