//! Hard-wrapped text (e-mail, wire copy, `fold`/`fmt` output): the wrap width of a document and
//! which line breaks are wraps, so a wrapped paragraph is one paragraph whatever its
//! continuation lines start with, while short lines (verse, headings), list items and tables
//! keep their own lines.

/// Below this width lines are as likely verse as wrapped prose.
pub(super) const NARROW: usize = 30;
/// Fewest wraps, and share of breaks that must look like wraps, in a document narrower than
/// [`NARROW`].
const NARROW_MIN_WRAPS: usize = 6;
const NARROW_WRAP_SHARE: f32 = 0.95;
/// Widths above this are not hard wraps: lines that long are paragraphs of their own.
const MAX_WIDTH: usize = 200;
/// Narrowest width taken for a wrap (a column of single words is not wrapped prose).
const MIN_WIDTH: usize = 12;
/// Fewest line breaks that must look like wraps before a document is taken as wrapped.
const MIN_WRAPS: usize = 3;
/// Share of the line breaks inside blocks that must look like wraps: in wrapped prose nearly
/// every break inside a paragraph is one, while ragged short lines (verse) reach it by chance on
/// about one break in three.
const MIN_WRAP_SHARE: f32 = 0.6;

/// The width a document is wrapped at, counted both in bytes and in characters: `fold` counts
/// bytes, `fmt` and editors count characters, and a line with curly quotes or accents differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Width {
    bytes: usize,
    chars: usize,
}

impl Width {
    /// The wrap width of `text`, if its line breaks inside blocks look like wraps: a line
    /// broken there because the next word would not have fitted.
    pub(super) fn detect(text: &str) -> Option<Width> {
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        let width = Width {
            bytes: lines.iter().map(|l| l.len()).max()?,
            chars: lines.iter().map(|l| l.chars().count()).max()?,
        };
        if width.chars > MAX_WIDTH || width.chars < MIN_WIDTH {
            return None;
        }
        let (mut breaks, mut wraps) = (0usize, 0usize);
        for pair in lines.windows(2) {
            let [line, next] = pair else { continue };
            if line.trim().is_empty() || next.trim().is_empty() || !joinable(line, next) {
                continue;
            }
            breaks += 1;
            wraps += usize::from(width.runs_to(line, next));
        }
        // Narrow lines are verse as often as prose: they must all look wrapped.
        let (least, share) = if width.chars < NARROW {
            (NARROW_MIN_WRAPS, NARROW_WRAP_SHARE)
        } else {
            (MIN_WRAPS, MIN_WRAP_SHARE)
        };
        (wraps >= least && wraps as f32 >= share * breaks as f32).then_some(width)
    }

    /// Whether `line` was broken before `next` because `next`'s first word would not have fitted.
    pub(super) fn wraps(&self, line: &str, next: &str) -> bool {
        joinable(line, next) && self.runs_to(line, next)
    }

    fn runs_to(&self, line: &str, next: &str) -> bool {
        let line = line.trim_end();
        let word = next.split_whitespace().next().unwrap_or("");
        // `fmt` balances its lines a little short of the width: allow it a few columns.
        let slack = |w: usize| w / 16;
        line.len() + 1 + word.len() + slack(self.bytes) > self.bytes
            || line.chars().count() + 1 + word.chars().count() + slack(self.chars) > self.chars
    }
}

/// Whether two lines could be one wrapped paragraph: neither is a table row, both or neither
/// are a heading in capitals, and the first does not end a sentence before a lowercase line.
fn joinable(line: &str, next: &str) -> bool {
    !opens_dateline(next)
        && !is_table_row(line)
        && !is_table_row(next)
        && is_caps_heading(next) == is_caps_heading(line)
        && (!ends_sentence(line) || !starts_lowercase(next))
}

/// A dateline ("KESTRIN BAY, Ore. (AP) —", "WASHINGTON, July 9") opens a story's lead: the
/// line before it is a headline however long.
fn opens_dateline(line: &str) -> bool {
    let head = line.split(',').next().unwrap_or("");
    line.contains(',')
        && head.len() <= 40
        && head.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && head
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-')
}

/// A sentence end before a line opening in lowercase ("…against Biden.⏎google news") is a
/// break between two lines of page text: wrapped prose goes on with a capital.
fn ends_sentence(line: &str) -> bool {
    let last = line.split_whitespace().next_back().unwrap_or("");
    // "U.S." or "Mr." end in a stop without ending anything.
    last.strip_suffix(['.', '!', '?'])
        .is_some_and(|word| word.chars().count() >= 4 && !word.contains('.'))
}

fn starts_lowercase(line: &str) -> bool {
    line.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// A row of a table of figures: cells set apart by tabs, bars or runs of spaces.
fn is_table_row(line: &str) -> bool {
    let body = line.trim();
    body.contains('\t') || body.contains("  ") || body.matches('|').count() >= 2
}

/// A heading set in capitals ("2020 ELECTIONS UNDER FOREIGN THREATS") stands alone.
fn is_caps_heading(line: &str) -> bool {
    let letters = line.chars().filter(|c| c.is_alphabetic());
    let (mut upper, mut all) = (0, 0);
    for c in letters {
        all += 1;
        upper += usize::from(c.is_uppercase());
    }
    all >= 4 && upper == all
}

#[cfg(test)]
mod tests {
    use super::Width;

    fn wrap(text: &str, width: usize) -> String {
        let mut out = String::new();
        for para in text.split("\n\n") {
            let mut line = String::new();
            for word in para.split_whitespace() {
                if !line.is_empty() && line.len() + 1 + word.len() > width {
                    out.push_str(&line);
                    out.push('\n');
                    line.clear();
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            out.push_str(&line);
            out.push_str("\n\n");
        }
        out
    }

    const PROSE: &str = "The harbour board of Velmont voted on Tuesday to close the old \
        ferry pier after engineers found cracks in three of its pylons. Repairs would cost more \
        than the pier earns in ten years, the board's chair said.\n\nFerry crews will move to \
        the north quay from next month, and the timetable stays as it is.";

    #[test]
    fn a_wrapped_text_has_its_width() {
        let width = Width::detect(&wrap(PROSE, 40)).expect("wrapped");
        assert!(width.chars <= 40);
    }

    #[test]
    fn long_lines_and_verse_are_not_wrapped() {
        assert_eq!(Width::detect(PROSE), None);
        let verse = "Grey gulls over the quay\nturn with the turning tide\nthe ferry \
            bell at noon\nand nobody aboard\nthe lamps along the wall\ncome on before the dark\n";
        assert_eq!(Width::detect(verse), None);
    }

    #[test]
    fn a_table_is_not_wrapped() {
        let table = "Quarter    Income    Costs\nFirst      1,204     1,100\nSecond     \
            1,310     1,150\nThird      1,290     1,170\nFourth     1,402     1,220\n";
        assert_eq!(Width::detect(table), None);
    }
}
