//! What each paragraph is in the article's structure — its title, a crosshead, the byline, a list
//! item, a block quote, or body text — and where a lead's dateline ends, told from the text
//! alone so the reader can set them apart. One look at each paragraph's first line.

use super::{Document, Format, Span};

/// The part a paragraph plays in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    /// A heading or crosshead inside the article.
    Heading,
    Byline,
    ListItem,
    BlockQuote,
    Body,
}

/// Longest line that can be a heading or a byline.
const SHORT_LINE: usize = 90;
/// How far into a lead paragraph a dateline may run ("WATERTOWN, Mass. (AP) —").
const DATELINE_MAX: usize = 60;

/// The role of every paragraph of `doc`, in order.
pub fn roles(doc: &Document) -> Vec<Role> {
    roles_in_order(doc).collect()
}

/// The roles of `doc`'s paragraphs, from the first, each found when asked for: a caller that
/// looks only at the top reads only the top.
pub fn roles_in_order(doc: &Document) -> impl Iterator<Item = Role> + '_ {
    let title = doc.title.trim();
    let mut title_seen = false;
    doc.paragraphs.iter().enumerate().map(move |(i, p)| {
        let text = doc.slice(p.span).trim();
        // The detected title, where it stands near the top (not a later repeat of it).
        if !title_seen && i < 4 && !title.is_empty() && clean(text) == title {
            title_seen = true;
            return Role::Title;
        }
        role(text, doc.format)
    })
}

/// A paragraph's text without Markdown heading marks.
fn clean(text: &str) -> &str {
    text.trim_start_matches('#').trim()
}

fn role(text: &str, format: Format) -> Role {
    let first = text.lines().next().unwrap_or("").trim();
    if format == Format::Markdown && first.starts_with('#') {
        return Role::Heading;
    }
    if first.starts_with("> ") || first == ">" {
        return Role::BlockQuote;
    }
    if is_list_item(first) {
        return Role::ListItem;
    }
    // Most paragraphs are long prose: no need to look further (nor to count their characters).
    if text.len() > SHORT_LINE * 4 {
        return Role::Body;
    }
    let one_line = !text.contains('\n');
    if one_line && text.chars().count() <= SHORT_LINE {
        if is_byline(text) {
            return Role::Byline;
        }
        if is_heading(text) {
            return Role::Heading;
        }
    }
    Role::Body
}

/// "- item", "* item", "• item", "1. item", "2) item".
fn is_list_item(line: &str) -> bool {
    if let Some(rest) = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .or_else(|| line.strip_prefix("• "))
        .or_else(|| line.strip_prefix("+ "))
    {
        return !rest.trim().is_empty();
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && line[digits..]
            .strip_prefix(". ")
            .or_else(|| line[digits..].strip_prefix(") "))
            .is_some_and(|rest| rest.starts_with(char::is_alphabetic))
}

/// "By Jane Doe", "By Jane Doe and John Roe, Reuters".
fn is_byline(line: &str) -> bool {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
        .or_else(|| line.strip_prefix("Written by "));
    rest.is_some_and(|r| r.starts_with(char::is_uppercase) && !r.ends_with('.'))
}

/// A short line without sentence punctuation at its end: a crosshead in capitals ("2020
/// ELECTIONS UNDER FOREIGN THREATS"), in title case, or a short one in sentence case ("Russia's
/// influence operations") — prose paragraphs end in punctuation.
fn is_heading(line: &str) -> bool {
    if line.ends_with(['.', ',', ';', ':', '?', '!', '"', '”', '’', '\'', ')']) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 12 {
        return false;
    }
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 3 {
        return false;
    }
    let all_caps = letters.iter().all(|c| !c.is_lowercase());
    let capitalised = words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        .count();
    let short = words.len() <= 8 && line.starts_with(|c: char| c.is_uppercase());
    all_caps || short || (words.len() >= 2 && capitalised * 4 >= words.len() * 3)
}

/// The dateline opening a lead paragraph ("WATERTOWN, Mass. (AP) —"), through its dash.
pub fn dateline(doc: &Document, para: Span) -> Option<Span> {
    let text = doc.slice(para);
    let head = text.get(..text.len().min(DATELINE_MAX + 4))?;
    let place: String = text
        .chars()
        .take_while(|c| !matches!(c, ',' | ' '))
        .collect();
    let caps = place.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && place.chars().all(|c| !c.is_lowercase());
    if !caps {
        return None;
    }
    let end = ["—", "–", " -- ", " - "]
        .iter()
        .filter_map(|dash| head.find(dash).map(|at| at + dash.len()))
        .min()?;
    (end <= DATELINE_MAX + 4).then(|| Span::new(para.start as usize, para.start as usize + end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::load::from_bytes;
    use crate::document::{Corpus, Origin};

    fn doc(text: &str) -> Document {
        let mut corpus = Corpus::default();
        corpus.push(from_bytes(Origin::Stdin, text.as_bytes(), None).unwrap());
        corpus.documents.remove(0)
    }

    #[test]
    fn parts_of_an_article_are_told_apart() {
        let d = doc("Harbour wall cracks after spring tides\n\n\
                     By Mara Quill and Tom Eske\n\n\
                     PORT VELMAR, Ostreland (Wire) — The harbour wall cracked in two places on \
                     Friday, engineers said.\n\n\
                     WHAT HAPPENS NEXT\n\n\
                     - the north pier stays closed\n\n\
                     2. Repairs start in May\n\n\
                     > We will not take risks with the wall.\n\n\
                     Officials said the repairs would take a month.");
        assert_eq!(
            roles(&d),
            vec![
                Role::Title,
                Role::Byline,
                Role::Body,
                Role::Heading,
                Role::ListItem,
                Role::ListItem,
                Role::BlockQuote,
                Role::Body,
            ]
        );
        let lead = d.paragraphs[2].span;
        let dl = dateline(&d, lead).unwrap();
        assert_eq!(d.slice(dl), "PORT VELMAR, Ostreland (Wire) —");
        assert_eq!(dateline(&d, d.paragraphs[7].span), None);
    }

    #[test]
    fn sentences_and_short_quotes_stay_body_text() {
        let d = doc(
            "A title here\n\nThe mayor spoke.\n\n“We got him,” the mayor wrote.\n\n\
                     Russia's influence operations\n\nBy the end of the day, it was over.\n\n\
                     and then a line that starts in lower case",
        );
        let r = roles(&d);
        assert_eq!(
            &r[1..],
            &[
                Role::Body,
                Role::Body,
                Role::Heading,
                Role::Body,
                Role::Body
            ]
        );
    }
}
