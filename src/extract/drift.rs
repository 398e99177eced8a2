//! Figure drift between counterparts: each figure classed by the kind of quantity it states
//! (a count, an amount of money, a percentage, a date, a clock time, an age, a duration), and
//! the figures of two counterparts compared kind by kind, so that only the same kind of quantity
//! with another value is a changed figure and a figure on one side only is missing or added.

use super::{FigureDrift, FigureKind, Wording};
use crate::document::{Document, Span};

/// One figure of a quote or claim.
#[derive(Debug, Clone)]
pub struct Figure {
    pub span: Span,
    /// The figure's words normalised, for equality across documents.
    pub key: String,
    pub kind: FigureKind,
    /// A duration in seconds, so "four decades" and "40 years" are the same figure.
    pub seconds: Option<u64>,
    /// What a count counts ("homes" in "1,240 homes", singular), when a noun follows it.
    pub counted: Option<String>,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

const UNITS_OF_TIME: [&str; 9] = [
    "second", "minute", "hour", "day", "week", "month", "year", "decade", "century",
];

fn lower_word(s: &str) -> String {
    s.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The kind of quantity the figure at `span` states, from its words and the word after it.
pub fn kind_of(doc: &Document, span: Span) -> FigureKind {
    let text = doc.slice(span);
    let lower = text.to_lowercase();
    let rest = doc
        .text
        .get(span.end as usize..)
        .unwrap_or("")
        .chars()
        .take(24)
        .collect::<String>()
        .to_lowercase();
    // "19-year-old", "19 years old", "aged 19".
    let next: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .take(3)
        .collect();
    let unit = next.first().map(|w| lower_word(w)).unwrap_or_default();
    let before = doc
        .text
        .get(..span.start as usize)
        .and_then(|b| b.split_whitespace().next_back())
        .map(lower_word)
        .unwrap_or_default();
    if text.starts_with(['$', '€', '£', '¥'])
        || matches!(unit.as_str(), "dollars" | "euros" | "pounds" | "yen")
    {
        FigureKind::Amount
    } else if lower.contains('%')
        || lower.contains("percent")
        || lower.contains("per cent")
        || unit.starts_with("percent")
        || rest.starts_with('%')
    {
        FigureKind::Percentage
    } else if matches!(unit.as_str(), "year" | "years")
        && next.get(1).is_some_and(|w| lower_word(w) == "old")
        || before == "aged"
    {
        FigureKind::Age
    } else if UNITS_OF_TIME
        .iter()
        .any(|u| unit == *u || unit.strip_suffix('s') == Some(u) || unit == "centuries")
    {
        FigureKind::Duration
    } else if lower.contains(':') || matches!(unit.as_str(), "a.m" | "p.m" | "am" | "pm") {
        FigureKind::Time
    } else if MONTHS.iter().any(|m| lower.starts_with(m))
        || MONTHS.iter().any(|m| unit.starts_with(m))
        || is_year(text)
    {
        FigureKind::Date
    } else {
        FigureKind::Count
    }
}

/// The noun a count is followed by, singular and lowercase ("homes" → "home"); none when a
/// stopword or nothing follows ("four of them", "rose to 12.").
pub fn counted(doc: &Document, span: Span) -> Option<String> {
    let next = doc
        .text
        .get(span.end as usize..)?
        .split_whitespace()
        .next()?;
    if !next.chars().next()?.is_alphabetic() {
        return None;
    }
    let word = lower_word(next);
    if word.is_empty() || crate::lexicon::stopwords().contains(word.as_str()) {
        return None;
    }
    Some(word.strip_suffix('s').map_or(word.clone(), str::to_string))
}

/// Spelled numbers a duration is often written with.
const SPELLED: [&str; 13] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
];

/// Seconds in each unit of [`UNITS_OF_TIME`], in the same order.
const UNIT_SECONDS: [u64; 9] = [
    1,
    60,
    3_600,
    86_400,
    604_800,
    2_629_800,
    31_557_600,
    315_576_000,
    3_155_760_000,
];

/// The length of a duration figure ("four decades", "40 years", "24-hour") in seconds.
pub fn duration_seconds(doc: &Document, span: Span) -> Option<u64> {
    let text = doc.slice(span).to_lowercase().replace(',', "");
    let value = text
        .parse::<u64>()
        .ok()
        .or_else(|| SPELLED.iter().position(|w| *w == text).map(|n| n as u64))?;
    let rest = doc.text.get(span.end as usize..)?;
    let unit = lower_word(
        rest.split(|c: char| c.is_whitespace() || c == '-')
            .find(|w| !w.is_empty())?,
    );
    let unit = if unit == "centuries" {
        "century"
    } else {
        unit.strip_suffix('s').unwrap_or(&unit)
    };
    let k = UNITS_OF_TIME.iter().position(|u| *u == unit)?;
    value.checked_mul(*UNIT_SECONDS.get(k)?)
}

/// A bare four-digit number that reads as a year of recent history.
fn is_year(text: &str) -> bool {
    text.len() == 4
        && text
            .parse::<u32>()
            .is_ok_and(|y| (1800..=2100).contains(&y))
}

/// How two counterparts' figures compare: the figures both state are dropped one for one; of
/// the rest, the same kind on both sides is a changed figure (paired in order), and anything
/// else is missing or added. Only a changed figure makes the wording [`Wording::FigureChanged`].
pub fn compare(
    same_words: bool,
    ours: &[Figure],
    theirs: &[Figure],
) -> (Wording, Vec<FigureDrift>) {
    if same_words {
        return (Wording::Same, Vec::new());
    }
    let mut left: Vec<&Figure> = ours.iter().collect();
    let mut right: Vec<&Figure> = theirs.iter().collect();
    let same =
        |a: &Figure, b: &Figure| a.key == b.key || a.seconds.is_some() && a.seconds == b.seconds;
    left.retain(|f| match right.iter().position(|r| same(f, r)) {
        Some(p) => {
            right.remove(p);
            false
        }
        None => true,
    });
    let mut out = Vec::new();
    for f in &left {
        // "four others" and "five people" count different things: no change of one figure.
        let paired = right.iter().position(|r| {
            r.kind == f.kind
                && (f.kind != FigureKind::Count
                    || f.counted.is_none()
                    || r.counted.is_none()
                    || f.counted == r.counted)
        });
        let theirs = paired.map(|p| right.remove(p).span);
        out.push(FigureDrift {
            kind: f.kind,
            ours: Some(f.span),
            theirs,
        });
    }
    out.extend(right.iter().map(|r| FigureDrift {
        kind: r.kind,
        ours: None,
        theirs: Some(r.span),
    }));
    let changed = out.iter().any(FigureDrift::changed);
    let wording = if changed {
        Wording::FigureChanged
    } else {
        Wording::Reworded
    };
    (wording, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(start: u32, key: &str, kind: FigureKind) -> Figure {
        Figure {
            span: Span {
                start,
                end: start + 1,
            },
            key: key.to_string(),
            kind,
            seconds: None,
            counted: None,
        }
    }

    #[test]
    fn a_figure_on_one_side_only_is_not_a_change() {
        let ours = [fig(0, "2019", FigureKind::Date)];
        let (wording, drift) = compare(false, &ours, &[]);
        assert_eq!(wording, Wording::Reworded);
        assert_eq!(drift.len(), 1);
        assert!(!drift[0].changed());
    }

    #[test]
    fn different_kinds_never_pair() {
        let ours = [fig(0, "19", FigureKind::Age)];
        let theirs = [fig(5, "24", FigureKind::Duration)];
        let (wording, drift) = compare(false, &ours, &theirs);
        assert_eq!(wording, Wording::Reworded);
        assert_eq!(drift.len(), 2);
    }

    #[test]
    fn counts_of_different_things_are_not_one_changed_figure() {
        let counting = |start, key: &str, noun: &str| Figure {
            counted: Some(noun.to_string()),
            ..fig(start, key, FigureKind::Count)
        };
        let (wording, drift) = compare(
            false,
            &[counting(0, "four", "other")],
            &[counting(3, "five", "people")],
        );
        assert_eq!(wording, Wording::Reworded);
        assert_eq!(drift.len(), 2);
        let (wording, _) = compare(
            false,
            &[counting(0, "1240", "home")],
            &[counting(3, "1200", "home")],
        );
        assert_eq!(wording, Wording::FigureChanged);
    }

    #[test]
    fn the_same_kind_with_another_value_is_a_change() {
        let ours = [
            fig(0, "$60billion", FigureKind::Amount),
            fig(9, "3", FigureKind::Count),
        ];
        let theirs = [
            fig(2, "3", FigureKind::Count),
            fig(7, "$50billion", FigureKind::Amount),
        ];
        let (wording, drift) = compare(false, &ours, &theirs);
        assert_eq!(wording, Wording::FigureChanged);
        assert_eq!(drift.len(), 1);
        assert!(drift[0].changed());
    }
}
