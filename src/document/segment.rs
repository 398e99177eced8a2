//! Segmentation: paragraphs, sentences and tokens of a loaded text, each a byte span, with the
//! tokens interned in the corpus vocabulary. Rules are tuned for news prose.

use std::ops::Range;

use super::{Format, Paragraph, Span, Token, TokenKind, Vocab, boilerplate, words, wrap};
use crate::lexicon::{self, Abbreviation};

/// Sentences longer than this many tokens are cut into chunks, so that one enormous line with no
/// sentence breaks costs no more downstream than many ordinary sentences.
pub const MAX_SENTENCE_TOKENS: usize = 200;

/// Titles longer than this (in characters) are shortened for headers.
const MAX_TITLE_CHARS: usize = 200;

/// The first Markdown heading, else the first paragraph that is not page furniture.
pub(super) fn find_title(text: &str, paragraphs: &[Paragraph], format: Format) -> String {
    let lines = paragraphs.iter().map(|p| &text[p.span.range()]);
    let heading = (format == Format::Markdown)
        .then(|| {
            lines
                .clone()
                .find_map(|l| l.strip_prefix("# ").map(str::trim))
        })
        .flatten();
    let first = || {
        paragraphs
            .iter()
            .map(|p| text[p.span.range()].lines().next().unwrap_or(""))
            .find(|l| {
                !boilerplate::is_furniture(&super::vocab::normalize(l.trim()))
                    && !boilerplate::is_date_line(l)
            })
            .map(|l| l.trim_start_matches('#').trim())
    };
    let title = heading.or_else(first).unwrap_or("");
    if title.chars().count() > MAX_TITLE_CHARS {
        let cut: String = title.chars().take(MAX_TITLE_CHARS - 1).collect();
        format!("{cut}…")
    } else {
        title.to_string()
    }
}

/// A line of text with its byte span (without the newline).
#[derive(Clone, Copy)]
struct Line<'a> {
    start: usize,
    text: &'a str,
}

impl Line<'_> {
    fn trimmed_span(&self) -> Span {
        let lead = self.text.len() - self.text.trim_start().len();
        let body = self.text.trim();
        Span::new(self.start + lead, self.start + lead + body.len())
    }

    /// List items and Markdown headings always stand alone.
    fn is_block_start(&self) -> bool {
        let t = self.text.trim_start();
        if t.starts_with('#') || t.starts_with("> ") {
            return true;
        }
        if ["- ", "* ", "+ ", "• ", "– ", "— "]
            .iter()
            .any(|m| t.starts_with(m))
        {
            return true;
        }
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0
            && digits < 4
            && matches!(t.as_bytes().get(digits), Some(b'.' | b')'))
            && t.as_bytes().get(digits + 1) == Some(&b' ')
    }

    fn opens_with_dash(&self) -> bool {
        let t = self.text.trim_start();
        t.starts_with("– ") || t.starts_with("— ")
    }

    fn ends_sentence(&self) -> bool {
        self.text.trim_end().chars().last().is_some_and(|c| {
            matches!(
                c,
                '.' | '!' | '?' | '…' | ':' | '"' | '”' | '’' | '»' | ')' | ']'
            )
        })
    }

    fn starts_lowercase(&self) -> bool {
        self.text
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
    }
}

/// Paragraph spans. Blank lines separate blocks; inside a block every line is a paragraph of
/// its own (news copy, headlines, lists) unless it continues hard-wrapped prose: the document
/// is wrapped at a width its lines run to ([`wrap::Width`]), or the block has a line that stops
/// mid-sentence and continues in lowercase on the next.
pub(super) fn paragraphs(text: &str, format: Format) -> Vec<Span> {
    let width = (format != Format::Html)
        .then(|| wrap::Width::detect(text))
        .flatten();
    let mut out = Vec::new();
    let mut block: Vec<Line> = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line = Line {
            start: offset,
            text: raw.trim_end_matches('\n'),
        };
        offset += raw.len();
        if line.text.trim().is_empty() {
            split_block(&block, format, width, &mut out);
            block.clear();
        } else {
            block.push(line);
        }
    }
    split_block(&block, format, width, &mut out);
    out
}

fn split_block(block: &[Line], format: Format, width: Option<wrap::Width>, out: &mut Vec<Span>) {
    let continues = |prev: &Line, line: &Line| {
        !prev.ends_sentence() && line.starts_lowercase() && !line.is_block_start()
    };
    // Without a wrap width, one lowercase continuation shows the whole block is wrapped prose
    // (wrapped by hand, unevenly). With one, each break is judged on its own: a block of news
    // copy may hold a heading and several wrapped paragraphs with no blank line between them.
    // Verse runs on in lowercase too, in short lines.
    let wrapped = format != Format::Html
        && width.is_none()
        && block.iter().any(|l| l.text.chars().count() >= wrap::NARROW)
        && block.windows(2).any(|w| continues(&w[0], &w[1]));
    let mut current: Option<Span> = None;
    for (i, line) in block.iter().enumerate() {
        let span = line.trimmed_span();
        let new_paragraph = match i.checked_sub(1).and_then(|p| block.get(p)) {
            None => true,
            Some(prev) if prev.text.trim_start().starts_with('#') => true,
            Some(prev) => match width {
                // A dash opening a wrapped line is prose ("Ukraine ⏎– some $60 billion"), not
                // a list item, when the line before runs to the width mid-sentence.
                Some(w) if w.wraps(prev.text, line.text) => {
                    line.is_block_start() && (prev.ends_sentence() || !line.opens_with_dash())
                }
                Some(_) => !continues(prev, line),
                None => !wrapped || line.is_block_start(),
            },
        };
        match current.as_mut() {
            Some(cur) if !new_paragraph => cur.end = span.end,
            _ => {
                out.extend(current.take());
                current = Some(span);
            }
        }
    }
    out.extend(current);
}

/// Tokens of `para[range]`, with spans relative to the paragraph's start; `range` starts at the
/// paragraph or at a whitespace byte. In Markdown the markup (emphasis, headings, block quotes,
/// code ticks, list bullets) is not text: it makes no tokens, so it neither counts as words nor
/// shows as a change against the same text in another format (Markdown is tokenized a whole
/// paragraph at a time: whether a mark is markup depends on where it stands).
pub(super) fn tokenize(
    para: &str,
    range: Range<usize>,
    format: Format,
    vocab: &mut Vocab,
    out: &mut Vec<Token>,
) {
    let first_token = out.len();
    let base = range.start;
    for (i, piece) in words::pieces(&para[range]) {
        let i = base + i;
        let first = match piece.as_bytes().first() {
            Some(&b) if b.is_ascii() => char::from(b),
            Some(_) => piece.chars().next().unwrap_or(' '),
            None => continue,
        };
        if !first.is_ascii() && is_invisible(first) && piece.chars().all(is_invisible) {
            continue;
        }
        if format == Format::Markdown && is_markup(para, i, piece, out.len() == first_token) {
            continue;
        }
        // `_emphasis_` segments as one word with its underscores; in Markdown they are markup.
        let (i, piece) = if format == Format::Markdown && piece.len() > 2 {
            let inner = piece.trim_matches('_');
            let lead = piece.len() - piece.trim_start_matches('_').len();
            if inner.is_empty() {
                (i, piece)
            } else {
                (i + lead, inner)
            }
        } else {
            (i, piece)
        };
        let kind = if first.is_numeric() {
            TokenKind::Number
        } else if first.is_ascii_alphabetic() || piece.chars().any(char::is_alphanumeric) {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        out.push(Token {
            span: Span::new(i, i + piece.len()),
            kind,
            term: vocab.intern_at(para, i..i + piece.len()),
        });
    }
}

/// Whether a piece at byte `at` of a Markdown paragraph is markup: a run of `*`, `_`, `#`,
/// `>`, `` ` `` or `~`, or a `-`/`+` list bullet opening a line.
fn is_markup(para: &str, at: usize, piece: &str, first_in_paragraph: bool) -> bool {
    if piece
        .chars()
        .all(|c| matches!(c, '*' | '_' | '#' | '>' | '`' | '~'))
    {
        return true;
    }
    let line_start = para[..at].rfind('\n').map_or(0, |i| i + 1);
    let opens_line = para[line_start..at].trim().is_empty();
    matches!(piece, "-" | "+")
        && (opens_line || first_in_paragraph)
        && para[at + 1..].starts_with(' ')
}

/// Zero-width characters that segment as their own pieces but carry no meaning.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

fn is_terminal(piece: &str) -> bool {
    matches!(
        piece,
        "." | "!" | "?" | "…" | "‼" | "⁇" | "⁈" | "⁉" | "。" | "！" | "？"
    )
}

fn is_closing(piece: &str) -> bool {
    matches!(
        piece,
        "\"" | "'" | "”" | "’" | "»" | "›" | ")" | "]" | "}" | "」" | "』"
    )
}

/// Split one paragraph's tokens into sentences; ranges index into `tokens`.
pub(super) fn sentence_ranges(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let piece = |i: usize| &text[tokens[i].span.range()];
    // Terminators start with `.`, `!`, `?` or a non-ASCII byte: the first byte rules out most
    // tokens without comparing strings.
    let terminal = |i: usize| match text.as_bytes().get(tokens[i].span.start as usize) {
        Some(b'.' | b'!' | b'?' | 0x80..) => is_terminal(piece(i)),
        _ => false,
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        // Terminators are punctuation: words and numbers are passed over without a look.
        if tokens[i].kind != TokenKind::Punct || !terminal(i) {
            i += 1;
            continue;
        }
        // The run of terminators and closing marks that touch each other: `?!”)`.
        let mut end = i + 1;
        while end < tokens.len()
            && tokens[end].span.start == tokens[end - 1].span.end
            && (terminal(end) || is_closing(piece(end)))
        {
            end += 1;
        }
        if end < tokens.len() && breaks_here(text, &tokens[start..], i - start, end - start) {
            out.push(start..end);
            start = end;
        }
        i = end;
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out.into_iter()
        .flat_map(|r| chunk(text, tokens, r))
        .collect()
}

/// Whether the terminator run `first..next` ends the sentence that began at `tokens[0]`, given
/// the token at `next`.
fn breaks_here(text: &str, tokens: &[Token], first: usize, next: usize) -> bool {
    let piece = |i: usize| &text[tokens[i].span.range()];
    let gap = &text[tokens[next - 1].span.end as usize..tokens[next].span.start as usize];
    if gap.is_empty() {
        return false; // "e.g.," or "3.5": no space, no break
    }
    let following = piece(next);
    let Some(c) = following.chars().next() else {
        return false;
    };
    if c.is_lowercase() {
        return false; // "…,” she said" or "forty minutes... and"
    }
    if tokens[next].kind == TokenKind::Punct && !is_opening(c) {
        return false; // "votes. , the tabulation": nothing starts with a comma or a stray stop
    }
    if first == 0 {
        return piece(0) != "."; // a lone "." cannot be a sentence; "?!" after nothing can
    }
    if first == 1 && tokens[0].kind == TokenKind::Number {
        return false; // a list number: "1. Shelters are open"
    }
    if piece(first) != "." || next - first > 1 && piece(first + 1) == "." {
        return true;
    }
    let before = piece(first - 1);
    let glued = tokens[first - 1].span.end == tokens[first].span.start;
    if !glued {
        return true;
    }
    if is_dateline_credit(text, tokens, next) {
        return false; // "WATERTOWN, Mass. (AP) — Police said": the dateline opens the lead
    }
    let starter = || lexicon::sentence_starters().contains(following.to_lowercase().as_str());
    let opens_quote = matches!(following, "\"" | "“" | "‘" | "«" | "(");
    match lexicon::abbreviation(before) {
        Some(Abbreviation::Inner) => false,
        Some(Abbreviation::MayEnd) => starter() || opens_quote,
        // A lone capital is an initial ("John F. Kennedy") unless a sentence plainly starts.
        None if is_initial(before) => starter(),
        None => true,
    }
}

/// Whether the tokens from `at` are an agency credit in brackets followed by a dash, as in a
/// dateline: `(AP) —`, `(Reuters) -`.
fn is_dateline_credit(text: &str, tokens: &[Token], at: usize) -> bool {
    let piece = |i: usize| tokens.get(i).map_or("", |t| &text[t.span.range()]);
    let credit = piece(at + 1);
    piece(at) == "("
        && credit.chars().next().is_some_and(char::is_uppercase)
        && credit.len() <= 12
        && piece(at + 2) == ")"
        && matches!(piece(at + 3), "-" | "–" | "—" | "--")
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '«'
            | '‹'
            | '('
            | '['
            | '{'
            | '¿'
            | '¡'
            | '-'
            | '–'
            | '—'
            | '•'
            | '「'
            | '『'
    )
}

fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Cut an over-long sentence into chunks of at most [`MAX_SENTENCE_TOKENS`], preferring to cut
/// after a comma, semicolon or colon in the last quarter of the chunk.
fn chunk(text: &str, tokens: &[Token], range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    while range.end - start > MAX_SENTENCE_TOKENS {
        let limit = start + MAX_SENTENCE_TOKENS;
        let soft = (limit - MAX_SENTENCE_TOKENS / 4..limit)
            .rev()
            .find(|&i| matches!(&text[tokens[i].span.range()], "," | ";" | ":"))
            .map_or(limit, |i| i + 1);
        out.push(start..soft);
        start = soft;
    }
    out.push(start..range.end);
    out
}
