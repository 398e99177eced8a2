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
    at: u8,
    len: u8,
    kind: TokenKind,
    term: TermId,
}

#[derive(Default)]
pub(super) struct Lexer {
    pub vocab: Vocab,
    /// Run bytes (packed by [`run_key`]) to their tokens in `memo`.
    seen: FxHashMap<u128, (u32, u32)>,
    memo: Vec<Memo>,
}

impl Lexer {
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
            if let Some(&(from, to)) = key.and_then(|k| self.seen.get(&k)) {
                let start = start as u32;
                out.extend(self.memo[from as usize..to as usize].iter().map(|m| Token {
                    span: Span {
                        start: start + u32::from(m.at),
                        end: start + u32::from(m.at) + u32::from(m.len),
                    },
                    kind: m.kind,
                    term: m.term,
                }));
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
            if let Some(key) = key {
                let from = self.memo.len() as u32;
                self.memo.extend(out[first..].iter().map(|t| Memo {
                    at: (t.span.start as usize - start) as u8,
                    len: t.span.len() as u8,
                    kind: t.kind,
                    term: t.term,
                }));
                self.seen.insert(key, (from, self.memo.len() as u32));
            }
        }
    }
}

/// The bytes of the whitespace-free run `bytes[start..end]` and its length as one integer, if
/// it is short enough to remember (the interning keys' limit) and segments the same wherever
/// it stands.
fn run_key(bytes: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end - start;
    if !starts_context_free(&bytes[start..end]) {
        return None;
    }
    Some(load_short(bytes, start, len)? | (len as u128) << 120)
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
