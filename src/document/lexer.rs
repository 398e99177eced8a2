//! Tokenizing paragraphs with a memory of the runs already seen. News prose repeats a small
//! vocabulary, so most runs between whitespace ("said,", "the") were met before: their tokens
//! are copied from the first time instead of being cut and interned again.

use rustc_hash::FxHashMap;

use super::segment::tokenize;
use super::vocab::load_short;
use super::words::{is_ascii_space, next_space, starts_context_free};
use super::{Format, Span, TermId, Token, TokenKind, Vocab};

/// A token of a remembered run, placed relative to the run's start.
#[derive(Clone, Copy)]
struct Memo {
    term: TermId,
    at: u8,
    len: u8,
    kind: TokenKind,
}

impl Memo {
    /// Token `t` of a run starting at byte `run_start`.
    fn of(t: &Token, run_start: usize) -> Memo {
        Memo {
            at: (t.span.start as usize - run_start) as u8,
            len: t.span.len() as u8,
            kind: t.kind,
            term: t.term,
        }
    }

    fn token(self, run_start: u32) -> Token {
        let start = run_start + u32::from(self.at);
        Token {
            span: Span {
                start,
                end: start + u32::from(self.len),
            },
            kind: self.kind,
            term: self.term,
        }
    }
}

/// A remembered run, in eight bytes so that many table entries share a cache line.
#[derive(Clone, Copy)]
enum Entry {
    /// A run of one token — most of them: "the", "mayor".
    One(Memo),
    /// A run of several ("said,"): an index into `Lexer::runs`.
    Several(u32),
}

const _: () = assert!(std::mem::size_of::<Entry>() == 8);

/// Where the memos of a run of several tokens are in `Lexer::memo`.
#[derive(Clone, Copy)]
struct Several {
    from: u32,
    count: u8,
}

impl Entry {
    /// The entry of a run cut into `tokens`, which start at byte `run_start`; the memos of
    /// several tokens go to `memo`, and where they are to `runs`.
    fn new(
        tokens: &[Token],
        run_start: usize,
        memo: &mut Vec<Memo>,
        runs: &mut Vec<Several>,
    ) -> Entry {
        if let [one] = tokens {
            return Entry::One(Memo::of(one, run_start));
        }
        runs.push(Several {
            from: memo.len() as u32,
            count: tokens.len() as u8,
        });
        memo.extend(tokens.iter().map(|t| Memo::of(t, run_start)));
        Entry::Several(runs.len() as u32 - 1)
    }

    fn push_tokens(self, lexer: &Lexer, run_start: u32, out: &mut Vec<Token>) {
        match self {
            Entry::One(m) => out.push(m.token(run_start)),
            Entry::Several(i) => {
                let Some(&Several { from, count }) = lexer.runs.get(i as usize) else {
                    return;
                };
                let from = from as usize;
                let tokens = lexer.memo.get(from..from + usize::from(count));
                out.extend(tokens.unwrap_or(&[]).iter().map(|m| m.token(run_start)));
            }
        }
    }
}

/// Bytes of prose per distinct short run (or term) to expect, to size the tables up front:
/// regrowing them moves every entry, several times over on the way to a megabyte's vocabulary.
const BYTES_PER_DISTINCT: usize = 64;

/// Runs of up to this many bytes are keyed by one `u64` (with their length).
const NARROW: usize = 7;

#[derive(Default)]
pub(super) struct Lexer {
    pub vocab: Vocab,
    /// Runs of up to [`NARROW`] bytes — most words of prose, and the commonest — in a table
    /// small enough to stay in the core's cache.
    narrow: FxHashMap<u64, Entry>,
    /// Longer runs, up to the interning keys' limit.
    wide: FxHashMap<[u64; 2], Entry>,
    /// The tokens of runs of more than one token.
    memo: Vec<Memo>,
    runs: Vec<Several>,
}

/// A run's bytes and length as a table key.
#[derive(Clone, Copy)]
enum Key {
    Narrow(u64),
    Wide([u64; 2]),
}

impl Lexer {
    /// A lexer sized for about `bytes` of text.
    pub fn for_bytes(bytes: usize) -> Lexer {
        let distinct = bytes / BYTES_PER_DISTINCT;
        Lexer {
            vocab: Vocab::with_capacity(distinct),
            narrow: FxHashMap::with_capacity_and_hasher(distinct / 2, Default::default()),
            wide: FxHashMap::with_capacity_and_hasher(distinct / 2, Default::default()),
            memo: Vec::new(),
            runs: Vec::new(),
        }
    }

    /// The tokens of a paragraph, with spans relative to its start, appended to `out`: exactly
    /// those of [`tokenize`] over the whole paragraph.
    pub fn tokenize(&mut self, para: &str, format: Format, out: &mut Vec<Token>) {
        if format == Format::Markdown {
            tokenize(para, 0..para.len(), format, &mut self.vocab, out);
            return;
        }
        let bytes = para.as_bytes();
        let mut pos = 0;
        while pos < bytes.len() {
            if is_ascii_space(bytes[pos]) {
                pos += 1;
                continue;
            }
            let start = pos;
            pos = next_space(bytes, start);
            let key = run_key(bytes, start, pos);
            let known = match key {
                Some(Key::Narrow(k)) => self.narrow.get(&k),
                Some(Key::Wide(k)) => self.wide.get(&k),
                None => None,
            };
            if let Some(&entry) = known {
                entry.push_tokens(self, start as u32, out);
                continue;
            }
            // From the whitespace byte before the run, as a run is segmented in its paragraph.
            let first = out.len();
            tokenize(
                para,
                start.saturating_sub(1)..pos,
                format,
                &mut self.vocab,
                out,
            );
            let Some(key) = key else { continue };
            let entry = Entry::new(&out[first..], start, &mut self.memo, &mut self.runs);
            match key {
                Key::Narrow(k) => self.narrow.insert(k, entry),
                Key::Wide(k) => self.wide.insert(k, entry),
            };
        }
    }
}

/// The bytes of the whitespace-free run `bytes[start..end]` and its length as a key, if it is
/// short enough to remember (the interning keys' limit) and segments the same wherever it
/// stands.
fn run_key(bytes: &[u8], start: usize, end: usize) -> Option<Key> {
    let len = end - start;
    if !starts_context_free(&bytes[start..end]) {
        return None;
    }
    let packed = load_short(bytes, start, len)?;
    let (lo, hi) = (packed as u64, (packed >> 64) as u64);
    Some(if len <= NARROW {
        Key::Narrow(lo | (len as u64) << 56)
    } else {
        Key::Wide([lo, hi | (len as u64) << 56])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_space_finds_each_kind_of_whitespace() {
        let text = b"abc\x01defghij\x1fkl\xc3\xa9mnopq rs\tt\nuvwxyz0123\x0b45\x0c6\r";
        for from in 0..=text.len() {
            let expected = (from..text.len())
                .find(|&k| is_ascii_space(text[k]))
                .unwrap_or(text.len());
            assert_eq!(next_space(text, from), expected, "from {from}");
        }
        assert_eq!(text.iter().filter(|&&b| is_ascii_space(b)).count(), 6);
    }

    fn plain(para: &str, format: Format) -> Vec<Token> {
        let mut out = Vec::new();
        tokenize(para, 0..para.len(), format, &mut Vocab::default(), &mut out);
        out
    }

    #[test]
    fn remembered_runs_give_the_same_tokens() {
        let paras = [
            "The mayor said, “We’re done.” The mayor said it twice: “We’re done.”",
            "  “Quote” and ’90s, e.g. 3.5% of 1,240 — done…\ttab\nnew line café café",
            "x\u{301} x\u{301} \u{301}x \u{301}x\n\u{301}x zero\u{200B}width \u{200B} \u{200B}",
            "a-very-long-hyphenated-run a-very-long-hyphenated-run end.",
            // Runs of eight to fifteen bytes (the wide table), one token or several.
            "Interstate, interstate, 3,000,000.50 3,000,000.50 (Wednesday) (Wednesday)",
        ];
        for format in [Format::Text, Format::Html, Format::Markdown] {
            let mut lexer = Lexer::default();
            for para in paras.iter().chain(&paras) {
                let mut out = Vec::new();
                lexer.tokenize(para, format, &mut out);
                let expected = plain(para, format);
                let show = |t: &[Token]| -> Vec<(String, TokenKind)> {
                    t.iter()
                        .map(|t| (para[t.span.range()].to_string(), t.kind))
                        .collect()
                };
                assert_eq!(show(&out), show(&expected), "{para:?}");
                for (t, e) in out.iter().zip(&expected) {
                    assert_eq!(lexer.vocab.term(t.term), plain_term(para, e));
                }
            }
        }
    }

    fn plain_term(para: &str, t: &Token) -> String {
        let mut vocab = Vocab::default();
        let id = vocab.intern(&para[t.span.range()]);
        vocab.term(id).to_string()
    }
}
