//! The marks inside one cell of the compare page: its text cut into pieces, each knowing per
//! reference whether its words are changed or moved within their sentence, and written as
//! `<s>` (struck: the reference's own words), `<u>` (underlined: another version's words) and
//! `<i>` (moved), with classes per reference when the page carries several.

use std::fmt::Write as _;

use super::text;
use crate::compare::SentRange;
use crate::document::{Document, Span};

/// A piece of a cell's text; bit k of `changed`/`moved` says how it reads against view k. A
/// word both changed (against one version) and moved (against another) is changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Piece<'a> {
    pub text: &'a str,
    pub changed: u32,
    pub moved: u32,
}

impl Piece<'_> {
    fn marks(&self) -> (u32, u32) {
        (self.changed, self.moved)
    }
}

/// The text of a cell (sentences joined by a space) cut wherever a changed or moved span of any
/// view starts or ends. A gap of white space between two marks of the same kind takes that
/// kind too, so they read (and print) as one run.
pub(super) fn pieces<'a>(
    doc: &'a Document,
    sentences: SentRange,
    changed: &[&[Span]],
    moved: &[&[Span]],
) -> Vec<Piece<'a>> {
    let mut out: Vec<Piece<'a>> = Vec::new();
    let list = doc.sentences.get(sentences.range()).unwrap_or(&[]);
    for (n, s) in list.iter().enumerate() {
        if n > 0 {
            out.push(Piece {
                text: " ",
                changed: 0,
                moved: 0,
            });
        }
        let mut cuts: Vec<u32> = vec![s.span.start, s.span.end];
        for spans in changed.iter().chain(moved) {
            for c in spans.iter().filter(|c| s.span.contains(**c)) {
                cuts.extend([c.start, c.end]);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut next = [vec![0usize; changed.len()], vec![0usize; moved.len()]];
        for w in cuts.windows(2) {
            let piece = Span {
                start: w[0],
                end: w[1],
            };
            let changed_mask = mask(changed, &mut next[0], piece);
            let moved_mask = mask(moved, &mut next[1], piece) & !changed_mask;
            out.push(Piece {
                text: doc.slice(piece),
                changed: changed_mask,
                moved: moved_mask,
            });
        }
    }
    for at in 1..out.len().saturating_sub(1) {
        let (before, after) = (out[at - 1], out[at + 1]);
        let gap = &mut out[at];
        if gap.text.trim().is_empty() {
            gap.changed |= before.changed & after.changed;
            gap.moved |= before.moved & after.moved & !gap.changed;
        }
    }
    out
}

/// The bits of the views whose spans (`spans[k]`, sorted) cover `piece`; `next[k]` walks them.
fn mask(spans: &[&[Span]], next: &mut [usize], piece: Span) -> u32 {
    let mut mask = 0u32;
    for (k, list) in spans.iter().enumerate() {
        let Some(at) = next.get_mut(k) else { continue };
        while list.get(*at).is_some_and(|c| c.end <= piece.start) {
            *at += 1;
        }
        if list
            .get(*at)
            .is_some_and(|c| c.start <= piece.start && c.end >= piece.end)
        {
            mask |= 1 << k;
        }
    }
    mask
}

/// How a cell's marks are written.
pub(super) struct Marking<'r> {
    /// The reference (document index) of each view the page carries.
    pub references: &'r [u32],
    /// The view the marks show without script.
    pub default: usize,
    /// Whether the cell is the default reference's own column (its changes are struck).
    pub own: bool,
}

/// Writes the pieces, neighbours marked alike inside one element. With one view the element
/// says it all; with several, classes name per reference R the words changed (`mR`) or moved
/// (`oR`) against it, and a run that goes on from the previous element (`jR`) or into the
/// next (`kR`), so print brackets each run once (see style.rs); `a` for R when every
/// reference reads the run alike.
pub(super) fn write(pieces: &[Piece], how: &Marking, out: &mut String) {
    let mut groups: Vec<&[Piece]> = Vec::new();
    let mut from = 0;
    for at in 1..=pieces.len() {
        let same = pieces
            .get(at)
            .zip(pieces.get(at - 1))
            .is_some_and(|(p, q)| p.marks() == q.marks() && p.marks() != (0, 0));
        if !same {
            groups.extend(pieces.get(from..at));
            from = at;
        }
    }
    let marks = |g: Option<&&[Piece]>| g.and_then(|g| g.first()).map_or((0, 0), Piece::marks);
    for (at, group) in groups.iter().enumerate() {
        let (changed, moved) = marks(Some(group));
        if (changed, moved) == (0, 0) {
            group.iter().for_each(|p| out.push_str(&text(p.text)));
            continue;
        }
        let bit = 1 << how.default;
        let tag = if changed & bit != 0 {
            if how.own { "s" } else { "u" }
        } else if moved & bit != 0 {
            "i"
        } else {
            "span"
        };
        out.push('<');
        out.push_str(tag);
        if how.references.len() > 1 {
            let (before, after) = (
                marks(at.checked_sub(1).and_then(|b| groups.get(b))),
                marks(groups.get(at + 1)),
            );
            // Per reference R: changed (`m`) or moved (`o`), and whether the run goes on
            // from before (`j`) or into after (`k`).
            let mut each: Vec<(u32, char, bool, bool)> = Vec::new();
            for (k, &r) in how.references.iter().enumerate() {
                let kind = |(c, m): (u32, u32)| (c >> k & 1, m >> k & 1);
                let this = kind((changed, moved));
                if this != (0, 0) {
                    let letter = if this.0 == 1 { 'm' } else { 'o' };
                    each.push((r, letter, kind(before) == this, kind(after) == this));
                }
            }
            // The same under every reference (the common case) is named once, for all (`a`).
            let all = each.len() == how.references.len()
                && each
                    .windows(2)
                    .all(|w| (w[0].1, w[0].2, w[0].3) == (w[1].1, w[1].2, w[1].3));
            let mut names: Vec<String> = Vec::new();
            for (r, letter, j, k) in each {
                let r = if all { "a".to_string() } else { r.to_string() };
                names.push(format!("{letter}{r}"));
                if j {
                    names.push(format!("j{r}"));
                }
                if k {
                    names.push(format!("k{r}"));
                }
                if all {
                    break;
                }
            }
            match names.as_slice() {
                [one] => {
                    let _ = write!(out, " class={one}");
                }
                _ => {
                    let _ = write!(out, " class=\"{}\"", names.join(" "));
                }
            }
        }
        out.push('>');
        group.iter().for_each(|p| out.push_str(&text(p.text)));
        let _ = write!(out, "</{tag}>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::load::from_bytes;
    use crate::document::{Corpus, Format, Origin};

    fn doc(text: &str) -> Corpus {
        let mut corpus = Corpus::default();
        corpus.push(from_bytes(Origin::Stdin, text.as_bytes(), Some(Format::Text)).unwrap());
        corpus
    }

    fn piece(text: &str, changed: u32, moved: u32) -> Piece<'_> {
        Piece {
            text,
            changed,
            moved,
        }
    }

    #[test]
    fn pieces_carry_the_references_each_is_changed_or_moved_for() {
        let corpus = doc("The pier reopened on Tuesday.");
        let doc = &corpus.documents[0];
        // "pier" changed against views 0 and 1, "reopened" against 1; "on Tuesday" moved
        // against view 0 and "Tuesday" changed against view 2.
        let got = pieces(
            doc,
            SentRange::one(0),
            &[
                &[Span::new(4, 8)],
                &[Span::new(4, 17)],
                &[Span::new(21, 28)],
            ],
            &[&[Span::new(18, 28)], &[], &[]],
        );
        assert_eq!(
            got,
            [
                piece("The ", 0, 0),
                piece("pier", 0b011, 0),
                piece(" reopened", 0b010, 0),
                piece(" ", 0, 0),
                piece("on ", 0, 0b001),
                piece("Tuesday", 0b100, 0b001),
                piece(".", 0, 0),
            ]
        );
    }

    #[test]
    fn a_gap_between_two_marks_of_one_kind_joins_them() {
        let corpus = doc("The pier reopened on Tuesday.");
        let doc = &corpus.documents[0];
        let changed = [Span::new(4, 8), Span::new(9, 17)];
        let got = pieces(doc, SentRange::one(0), &[&changed], &[&[]]);
        let one = Marking {
            references: &[0],
            default: 0,
            own: false,
        };
        let mut html = String::new();
        write(&got, &one, &mut html);
        assert_eq!(html, "The <u>pier reopened</u> on Tuesday.");
        // A changed run touching a moved one keeps both, each in its own element.
        let got = pieces(
            doc,
            SentRange::one(0),
            &[&[Span::new(4, 8)]],
            &[&[Span::new(9, 17)]],
        );
        let mut html = String::new();
        write(&got, &Marking { own: true, ..one }, &mut html);
        assert_eq!(html, "The <s>pier</s> <i>reopened</i> on Tuesday.");
    }

    #[test]
    fn several_references_name_their_runs() {
        let corpus = doc("The pier reopened on Tuesday.");
        let doc = &corpus.documents[0];
        let got = pieces(
            doc,
            SentRange::one(0),
            &[&[Span::new(4, 8)], &[Span::new(4, 17)]],
            &[&[], &[]],
        );
        let mut html = String::new();
        let how = Marking {
            references: &[0, 2],
            default: 1,
            own: false,
        };
        write(&got, &how, &mut html);
        assert_eq!(
            html,
            "The <u class=\"m0 m2 k2\">pier</u><u class=\"m2 j2\"> reopened</u> on Tuesday."
        );
        // Changed alike against every reference: one class for all.
        let got = pieces(
            doc,
            SentRange::one(0),
            &[&[Span::new(4, 8)], &[Span::new(4, 8)]],
            &[&[], &[]],
        );
        let mut html = String::new();
        write(&got, &how, &mut html);
        assert_eq!(html, "The <u class=ma>pier</u> reopened on Tuesday.");
    }
}
