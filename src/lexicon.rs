//! Word lists shipped in `assets/lexicon/`, embedded in the binary so it needs no files at run
//! time. Document segmentation and extraction both read them.

use std::sync::OnceLock;

// Fx rather than SipHash: the lists are ours, and some are looked up for every token.
use rustc_hash::{FxHashMap, FxHashSet};

/// Non-empty, non-comment lines of an embedded list.
fn entries(raw: &'static str) -> impl Iterator<Item = &'static str> {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn set(
    cell: &'static OnceLock<FxHashSet<&'static str>>,
    raw: &'static str,
) -> &'static FxHashSet<&'static str> {
    cell.get_or_init(|| entries(raw).collect())
}

/// How a known abbreviation's period behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abbreviation {
    /// Titles, months, "No.": always followed by more of the same sentence.
    Inner,
    /// "U.S.", "Inc.", "a.m.": may also close a sentence.
    MayEnd,
}

/// Look up a word (without its final period) in the abbreviation list.
pub fn abbreviation(word: &str) -> Option<Abbreviation> {
    static CELL: OnceLock<FxHashMap<&'static str, Abbreviation>> = OnceLock::new();
    let map = CELL.get_or_init(|| {
        entries(include_str!("../assets/lexicon/abbreviations.txt"))
            .map(|e| match e.strip_suffix(" +") {
                Some(word) => (word.trim(), Abbreviation::MayEnd),
                None => (e, Abbreviation::Inner),
            })
            .collect()
    });
    map.get(word).copied()
}

/// Lowercase words that start a new sentence when capitalised after an ambiguous abbreviation.
pub fn sentence_starters() -> &'static FxHashSet<&'static str> {
    static CELL: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    set(
        &CELL,
        include_str!("../assets/lexicon/sentence_starters.txt"),
    )
}

/// Patterns for whole lines of page furniture; `*` at either end matches anything.
pub fn boilerplate_patterns() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| entries(include_str!("../assets/lexicon/boilerplate.txt")).collect())
}

/// A person's gender as a title, role or given name tells it; used to resolve "he" and "she".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Female,
    Male,
}

/// What a known name (or title) in the name lexicon is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// Countries, cities, states, regions.
    Place,
    /// Nationalities, peoples, religious and political affiliations.
    Group,
    Organization,
    /// A title written before a person's name ("President", "Dr.").
    Title(Option<Gender>),
}

/// One entry of the name lexicon: its canonical form (aliases share it) and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameEntry {
    pub canonical: &'static str,
    pub kind: NameKind,
}

/// Every known name, alias and title, matched in one pass with Aho-Corasick.
pub struct NameLexicon {
    exact: aho_corasick::AhoCorasick,
    /// The same patterns ignoring ASCII case, for headlines in capitals.
    any_case: aho_corasick::AhoCorasick,
    entries: Vec<NameEntry>,
}

/// A lexicon name found in a text: byte range and entry.
#[derive(Debug, Clone, Copy)]
pub struct NameMatch {
    pub start: usize,
    pub end: usize,
    pub entry: NameEntry,
}

impl NameLexicon {
    /// Whole-word matches in `text`, leftmost-longest; `any_case` for text in capitals.
    pub fn find(&self, text: &str, any_case: bool) -> Vec<NameMatch> {
        let automaton = if any_case {
            &self.any_case
        } else {
            &self.exact
        };
        automaton
            .find_iter(text)
            .filter(|m| whole_word(text, m.start(), m.end()))
            .filter_map(|m| {
                let entry = *self.entries.get(m.pattern().as_usize())?;
                Some(NameMatch {
                    start: m.start(),
                    end: m.end(),
                    entry,
                })
            })
            .collect()
    }
}

/// True when `start..end` is not glued to letters or digits on either side.
pub fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Lines of the form `canonical | alias | alias`.
fn alias_lines(raw: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    entries(raw).map(|l| l.split(" | ").map(str::trim).collect())
}

/// `word g` lines: a word with an optional trailing gender letter.
fn gendered(raw: &'static str) -> impl Iterator<Item = (&'static str, Option<Gender>)> {
    entries(raw).map(|l| match l.rsplit_once(' ') {
        Some((w, "f")) => (w, Some(Gender::Female)),
        Some((w, "m")) => (w, Some(Gender::Male)),
        _ => (l, None),
    })
}

/// Countries, places, groups, organisations and titles, in one automaton.
pub fn names() -> &'static NameLexicon {
    static CELL: OnceLock<NameLexicon> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut entries = Vec::new();
        let lists = [
            (
                include_str!("../assets/lexicon/countries.txt"),
                NameKind::Place,
            ),
            (
                include_str!("../assets/lexicon/places.txt"),
                NameKind::Place,
            ),
            (
                include_str!("../assets/lexicon/demonyms.txt"),
                NameKind::Group,
            ),
            (
                include_str!("../assets/lexicon/orgs.txt"),
                NameKind::Organization,
            ),
        ];
        for (raw, kind) in lists {
            for names in alias_lines(raw) {
                let Some(&canonical) = names.first() else {
                    continue;
                };
                for name in names {
                    patterns.push(name);
                    entries.push(NameEntry { canonical, kind });
                }
            }
        }
        for (title, gender) in gendered(include_str!("../assets/lexicon/titles.txt")) {
            patterns.push(title);
            entries.push(NameEntry {
                canonical: title,
                kind: NameKind::Title(gender),
            });
        }
        let build = |any_case: bool| {
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .ascii_case_insensitive(any_case)
                .build(&patterns)
                .unwrap_or_else(|e| panic!("embedded name lexicon does not build: {e}"))
        };
        NameLexicon {
            exact: build(false),
            any_case: build(true),
            entries,
        }
    })
}

fn gender_map(
    cell: &'static OnceLock<FxHashMap<&'static str, Option<Gender>>>,
    raw: &'static str,
) -> &'static FxHashMap<&'static str, Option<Gender>> {
    cell.get_or_init(|| gendered(raw).collect())
}

/// A common given name (case-sensitive), with the gender it usually tells.
pub fn first_name(word: &str) -> Option<Option<Gender>> {
    static CELL: OnceLock<FxHashMap<&'static str, Option<Gender>>> = OnceLock::new();
    gender_map(&CELL, include_str!("../assets/lexicon/first_names.txt"))
        .get(word)
        .copied()
}

/// A lowercase noun naming a person's role ("spokeswoman", "lawmaker").
pub fn role_noun(word: &str) -> Option<Option<Gender>> {
    static CELL: OnceLock<FxHashMap<&'static str, Option<Gender>>> = OnceLock::new();
    gender_map(&CELL, include_str!("../assets/lexicon/roles.txt"))
        .get(word)
        .copied()
}

/// The class a final word gives a capitalised name ("Authority", "River", "Summit").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadWord {
    Organization,
    Place,
    Other,
}

pub fn head_word(word: &str) -> Option<HeadWord> {
    static CELL: OnceLock<FxHashMap<&'static str, HeadWord>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut map = FxHashMap::default();
        let lists = [
            (
                include_str!("../assets/lexicon/other_words.txt"),
                HeadWord::Other,
            ),
            (
                include_str!("../assets/lexicon/place_words.txt"),
                HeadWord::Place,
            ),
            (
                include_str!("../assets/lexicon/org_words.txt"),
                HeadWord::Organization,
            ),
        ];
        for (raw, head) in lists {
            map.extend(entries(raw).map(|w| (w, head)));
        }
        map
    })
    .get(word)
    .copied()
}

/// How a reporting verb attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reporting {
    /// "said", "concluded": attributes words or findings.
    Claim,
    /// "called", "described": attributes a quotation in its clause, nothing else.
    QuoteOnly,
}

/// A reporting verb form (lowercase).
pub fn reporting_verb(word: &str) -> Option<Reporting> {
    static CELL: OnceLock<FxHashMap<&'static str, Reporting>> = OnceLock::new();
    CELL.get_or_init(|| {
        entries(include_str!("../assets/lexicon/cue_verbs.txt"))
            .chain(entries(include_str!(
                "../assets/lexicon/reporting_verbs.txt"
            )))
            .map(|l| match l.strip_suffix(" quote") {
                Some(w) => (w.trim(), Reporting::QuoteOnly),
                None => (l, Reporting::Claim),
            })
            .collect()
    })
    .get(word)
    .copied()
}

fn phrases(
    cell: &'static OnceLock<aho_corasick::AhoCorasick>,
    raw: &'static str,
) -> &'static aho_corasick::AhoCorasick {
    cell.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(entries(raw))
            .unwrap_or_else(|e| panic!("embedded phrase list does not build: {e}"))
    })
}

/// Multi-word attribution cues whose source follows ("according to"), any case.
pub fn attribution_phrases() -> &'static aho_corasick::AhoCorasick {
    static CELL: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    phrases(
        &CELL,
        include_str!("../assets/lexicon/attribution_phrases.txt"),
    )
}

/// Hedging words and phrases ("likely", "believed to"), any case.
pub fn hedges() -> &'static aho_corasick::AhoCorasick {
    static CELL: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    phrases(&CELL, include_str!("../assets/lexicon/hedges.txt"))
}

/// The most frequent English function words (lowercase): they carry no topic, so alignment
/// skips them when weighing similarity, and their share tells English prose from other languages.
pub fn stopwords() -> &'static FxHashSet<&'static str> {
    static CELL: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    set(&CELL, include_str!("../assets/lexicon/stopwords.txt"))
}

/// Capitalised words that are never a name alone: days, months, caption words.
pub fn not_names() -> &'static FxHashSet<&'static str> {
    static CELL: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    set(&CELL, include_str!("../assets/lexicon/not_names.txt"))
}

/// The stems related in meaning to the stem `stem` (synonyms in a common sense, derivations
/// such as "decide" and "decision"), as [`crate::compare`]'s stemmer cuts them, from WordNet 3.0
/// by `scripts/lexicon/build_synonyms.py`. The table is keyed by stems, so one lookup serves
/// a stem. Its lines are sorted bytewise, so it is binary-searched as embedded through the
/// list of its line starts (one vectorised pass on first use) rather than parsed into a map.
pub fn related(stem: &str) -> impl Iterator<Item = &'static str> {
    static TABLE: &str = include_str!("../assets/lexicon/related.txt");
    static STARTS: OnceLock<Vec<u32>> = OnceLock::new();
    let starts = STARTS.get_or_init(|| line_starts(TABLE));
    related_in(TABLE, starts, stem)
        .split(' ')
        .filter(|w| !w.is_empty())
}

/// The offset of every line of `table`.
fn line_starts(table: &str) -> Vec<u32> {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', table.as_bytes()).map(|k| k as u32 + 1))
        .filter(|&k| (k as usize) < table.len())
        .collect()
}

/// The list of `key` in `table` (its lines start at `starts`), lines `key<TAB>list` sorted
/// bytewise by key (a line without a tab, such as a first comment line, must sort before the
/// keys), or "" when it has none.
fn related_in<'t>(table: &'t str, starts: &[u32], key: &str) -> &'t str {
    if key.is_empty() {
        return "";
    }
    let bytes = table.as_bytes();
    let line = |k: u32| bytes.get(k as usize..).unwrap_or(&[]);
    // A line's key ends at its tab, which sorts before any character of a key: comparing the
    // line with `key` and a tab orders the lines by key.
    let order = |k: u32| {
        let mut rest = line(k).iter();
        for &want in key.as_bytes().iter().chain(b"\t") {
            match rest.next() {
                Some(&got) if got == want => continue,
                Some(&got) if got != b'\n' => return got.cmp(&want),
                _ => return std::cmp::Ordering::Less,
            }
        }
        std::cmp::Ordering::Equal
    };
    let Ok(found) = starts.binary_search_by(|&k| order(k)) else {
        return "";
    };
    let Some(&at) = starts.get(found) else {
        return "";
    };
    let from = at as usize + key.len() + 1;
    let to = bytes
        .get(from..)
        .and_then(|b| memchr::memchr(b'\n', b))
        .map_or(bytes.len(), |k| from + k);
    table.get(from..to).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_stems_are_found_by_their_exact_form() {
        assert!(related("fir").any(|w| w == "sack"));
        assert_eq!(related("").count(), 0);
        assert_eq!(related("fir e").count(), 0);
    }

    #[test]
    fn every_line_of_a_sorted_table_is_found() {
        let table = "# comment\nab\tx y\nabc\tz\nb\tw\nbb\tv";
        let starts = line_starts(table);
        let find = |key| related_in(table, &starts, key);
        assert_eq!(find("ab"), "x y");
        assert_eq!(find("abc"), "z");
        assert_eq!(find("b"), "w");
        assert_eq!(find("bb"), "v");
        for missing in ["", "a", "abd", "c", "# comment", "zz"] {
            assert_eq!(find(missing), "", "{missing}");
        }
        assert_eq!(related_in("", &line_starts(""), "ab"), "");
    }

    #[test]
    fn lists_load_without_comments() {
        assert_eq!(abbreviation("Mr"), Some(Abbreviation::Inner));
        assert_eq!(abbreviation("U.S"), Some(Abbreviation::MayEnd));
        assert_eq!(abbreviation("Inc"), Some(Abbreviation::MayEnd));
        assert_eq!(abbreviation("the"), None);
        assert!(sentence_starters().contains("the"));
        assert!(boilerplate_patterns().contains(&"google news"));
        assert!(stopwords().contains("the"));
        assert!(!stopwords().contains("#"));
    }

    #[test]
    fn extraction_lists_load() {
        let found = names().find("Russian President Vladimir Putin met U.S. envoys", false);
        let kinds: Vec<_> = found.iter().map(|m| m.entry.kind).collect();
        assert_eq!(
            kinds,
            [NameKind::Group, NameKind::Title(None), NameKind::Place]
        );
        assert_eq!(found[2].entry.canonical, "United States");
        // Whole words only: "US" inside "USA" or "Bus" is no match.
        assert!(names().find("Busan", false).is_empty());
        assert_eq!(names().find("RUSSIA", true)[0].entry.canonical, "Russia");
        assert_eq!(first_name("Lena"), Some(Some(Gender::Female)));
        assert_eq!(role_noun("spokeswoman"), Some(Some(Gender::Female)));
        assert_eq!(head_word("Authority"), Some(HeadWord::Organization));
        assert_eq!(head_word("River"), Some(HeadWord::Place));
        assert_eq!(reporting_verb("said"), Some(Reporting::Claim));
        assert_eq!(reporting_verb("called"), Some(Reporting::QuoteOnly));
        assert!(attribution_phrases().is_match("According to"));
        assert!(hedges().is_match("is believed to have"));
        assert!(stopwords().contains("the"));
        assert!(not_names().contains("Tuesday"));
    }
}
