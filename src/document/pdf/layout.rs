//! From a PDF's lines to prose: lines repeated at the top or bottom of the pages (running heads,
//! footers, page numbers) are dropped as page furniture, and the remaining lines are joined into
//! paragraphs by their spacing, size, indentation and sentence ends, hyphenated breaks mended.

use rustc_hash::FxHashMap;

use super::content::Line;

/// Lines at each end of a page that may be furniture.
const EDGE_LINES: usize = 2;
/// A gap between baselines this many times the usual one ends a paragraph.
const PARAGRAPH_GAP: f32 = 1.4;
/// Sizes differing by more than this share are different kinds of text (heading, body).
const SIZE_CHANGE: f32 = 0.1;
/// A line ending before this share of the page's text width is short: a paragraph's last.
const SHORT_LINE: f32 = 0.8;

/// The text of the pages as paragraphs separated by blank lines, and how many furniture lines
/// were dropped.
pub(super) fn prose(pages: Vec<Vec<Line>>) -> (String, usize) {
    let furniture = furniture(&pages);
    let mut dropped = 0;
    let pages: Vec<Vec<Line>> = pages
        .into_iter()
        .map(|mut lines| {
            if furniture.is_empty() {
                return lines;
            }
            // Furniture is found among the lines at a page's edges, so only those are dropped
            // (and only their keys are worth computing).
            let edges = edges(&lines);
            let mut index = 0;
            let before = lines.len();
            lines.retain(|l| {
                let at_edge = edges.contains(&index);
                index += 1;
                !(at_edge && furniture.binary_search(&key(&l.text)).is_ok())
            });
            dropped += before - lines.len();
            lines
        })
        .collect();
    (paragraphs(&pages).join("\n\n"), dropped)
}

/// A line's form for recognising it on other pages: case, spacing and figures (page numbers,
/// dates) do not matter.
fn key(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        // A run of digits is one figure: page 9 and page 10 are the same line.
        for c in word.chars() {
            if !c.is_ascii_digit() {
                out.push(c.to_ascii_lowercase());
            } else if !out.ends_with('#') {
                out.push('#');
            }
        }
    }
    out
}

/// Indices of the lines nearest the top and the bottom of a page, by height (the order they
/// were drawn in need not be the order on the page).
fn edges(lines: &[Line]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by(|&a, &b| lines[b].y.total_cmp(&lines[a].y));
    let n = order.len();
    let mut edges: Vec<usize> = order[..n.min(EDGE_LINES)]
        .iter()
        .chain(&order[n - n.min(EDGE_LINES)..])
        .copied()
        .collect();
    edges.sort_unstable();
    edges.dedup();
    edges
}

/// Keys of lines found among the top or bottom lines of at least half the pages (and of two).
fn furniture(pages: &[Vec<Line>]) -> Vec<String> {
    if pages.len() < 2 {
        return Vec::new();
    }
    let mut counts: FxHashMap<String, usize> = FxHashMap::default();
    for lines in pages {
        let mut keys: Vec<String> = edges(lines)
            .into_iter()
            .map(|i| key(&lines[i].text))
            .filter(|k| !k.is_empty())
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
    }
    let mut keys: Vec<String> = counts
        .into_iter()
        .filter(|&(_, n)| n >= 2 && 2 * n >= pages.len())
        .map(|(k, _)| k)
        .collect();
    keys.sort();
    keys
}

/// The usual distance between consecutive baselines of one size: the lower quartile, since
/// the gaps between paragraphs may be as many as those inside them in short documents.
fn line_gap(pages: &[Vec<Line>]) -> f32 {
    let mut gaps: Vec<f32> = pages
        .iter()
        .flat_map(|lines| lines.windows(2))
        .filter_map(|w| {
            let [a, b] = w else { return None };
            let gap = a.y - b.y;
            (gap > 0.0 && gap < 3.0 * a.size.max(1.0) && same_size(a, b)).then_some(gap)
        })
        .collect();
    gaps.sort_by(f32::total_cmp);
    gaps.get(gaps.len() / 4).copied().unwrap_or(0.0)
}

fn same_size(a: &Line, b: &Line) -> bool {
    (a.size - b.size).abs() <= SIZE_CHANGE * a.size.max(b.size)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with(['.', '!', '?', ':'])
}

fn paragraphs(pages: &[Vec<Line>]) -> Vec<String> {
    let gap = line_gap(pages);
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut prev: Option<&Line> = None;
    for lines in pages {
        let left = lines.iter().map(|l| l.x0).fold(f32::INFINITY, f32::min);
        let right = lines.iter().map(|l| l.x1).fold(f32::NEG_INFINITY, f32::max);
        let width = (right - left).max(1.0);
        // Lines carry over from the page before: only the sentence decides there.
        let mut on_page = false;
        for line in lines {
            let text = line.text.split_whitespace().collect::<Vec<_>>().join(" ");
            if text.is_empty() {
                continue;
            }
            let breaks = match prev {
                None => true,
                Some(p) if !on_page => ends_sentence(&p.text),
                Some(p) => {
                    let sentence = ends_sentence(&p.text);
                    let dy = p.y - line.y;
                    !same_size(p, line)
                        || (gap > 0.0 && dy > PARAGRAPH_GAP * gap)
                        || (dy <= 0.0 && sentence)
                        || (sentence && line.x0 > left + 0.8 * line.size)
                        || (sentence && p.x1 - left < SHORT_LINE * width)
                }
            };
            if breaks && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            join(&mut current, &text);
            prev = Some(line);
            on_page = true;
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Appends a line to a paragraph: a word hyphenated across the break is mended, else a space.
fn join(paragraph: &mut String, line: &str) {
    if paragraph.is_empty() {
        paragraph.push_str(line);
        return;
    }
    let hyphenated = paragraph.ends_with('-')
        && paragraph
            .chars()
            .rev()
            .nth(1)
            .is_some_and(char::is_alphabetic)
        && line.chars().next().is_some_and(char::is_lowercase);
    // A soft hyphen marks a break inside a word whatever follows.
    if hyphenated || paragraph.ends_with('\u{AD}') {
        paragraph.pop();
    } else {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(y: f32, x0: f32, x1: f32, size: f32, text: &str) -> Line {
        Line {
            y,
            x0,
            x1,
            size,
            text: text.to_string(),
        }
    }

    fn page(n: u32, body: &[(f32, f32, f32, &str)]) -> Vec<Line> {
        let mut lines = vec![line(780.0, 72.0, 300.0, 9.0, "Harbour Board Quarterly")];
        lines.extend(body.iter().map(|&(y, x0, x1, t)| line(y, x0, x1, 11.0, t)));
        lines.push(line(40.0, 290.0, 300.0, 9.0, &format!("Page {n} of 12")));
        lines
    }

    #[test]
    fn furniture_dropped_and_lines_joined() {
        let pages = vec![
            page(
                1,
                &[
                    (
                        700.0,
                        72.0,
                        520.0,
                        "The harbour board met on Tuesday and voted to re-",
                    ),
                    (
                        686.0,
                        72.0,
                        521.0,
                        "pair the eastern pier before the winter storms,",
                    ),
                    (672.0, 72.0, 300.0, "members said."),
                    (
                        658.0,
                        90.0,
                        520.0,
                        "A second vote on the ferry timetable was put",
                    ),
                ],
            ),
            page(
                10,
                &[
                    (700.0, 72.0, 520.0, "off until spring."),
                    (672.0, 72.0, 520.0, "Fishing crews welcomed the news."),
                ],
            ),
        ];
        let (text, dropped) = prose(pages);
        assert_eq!(dropped, 4);
        assert_eq!(
            text,
            "The harbour board met on Tuesday and voted to repair the eastern pier before the \
             winter storms, members said.\n\nA second vote on the ferry timetable was put off \
             until spring.\n\nFishing crews welcomed the news."
        );
    }

    #[test]
    fn headings_by_size_and_one_page_keeps_all() {
        let pages = vec![vec![
            line(760.0, 72.0, 300.0, 18.0, "Pier Repairs Approved"),
            line(730.0, 72.0, 520.0, 11.0, "Work starts in March."),
        ]];
        let (text, dropped) = prose(pages);
        assert_eq!(dropped, 0);
        assert_eq!(text, "Pier Repairs Approved\n\nWork starts in March.");
    }
}
