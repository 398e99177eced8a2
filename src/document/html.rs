//! Article text out of an HTML page: a readability pass (dom_smoothie, html5ever underneath)
//! finds the main content; when it finds none, the whole body minus page furniture is used.

use dom_query::Document as Dom;
use dom_smoothie::{Config, Readability, TextMode};

/// The article as plain text: the title as first paragraph, then one paragraph per block.
pub struct Article {
    pub title: Option<String>,
    pub text: String,
    pub warnings: Vec<String>,
}

/// Elements that never hold article prose.
const FURNITURE: &str =
    "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button";

pub fn extract(html: &str) -> Article {
    let mut warnings = Vec::new();
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let readable = Readability::new(html, None, Some(config))
        .ok()
        .and_then(|mut r| r.parse().ok())
        .filter(|a| !a.text_content.trim().is_empty());
    let (title, body) = match readable {
        Some(article) => (
            article.title.trim().to_string(),
            article.text_content.to_string(),
        ),
        None => {
            warnings.push(
                "no main article found in the HTML; showing all of its body text".to_string(),
            );
            whole_body(html)
        }
    };
    let body = tidy(&body);
    // The page's own headline beats its <title>, which often carries the site's name.
    let title = headline(html).unwrap_or_else(|| without_site_name(&collapse_spaces(&title)));
    let text = if title.is_empty() || body.starts_with(&title) {
        body
    } else if body.is_empty() {
        title.clone()
    } else {
        format!("{title}\n\n{body}")
    };
    Article {
        title: (!title.is_empty()).then_some(title),
        text,
        warnings,
    }
}

/// The first `<h1>` of the page, when it reads like a headline (two words or more).
fn headline(html: &str) -> Option<String> {
    let dom = Dom::from(html);
    let h1 = collapse_spaces(&dom.select("body h1").first().text());
    (h1.split_whitespace().count() >= 2).then_some(h1)
}

/// "Dam release floods towns | Example News" → "Dam release floods towns": a trailing part
/// after " | ", " - " or " — " is the site's name when what precedes it is a real title.
fn without_site_name(title: &str) -> String {
    for sep in [" | ", " — ", " – ", " - "] {
        if let Some((head, _site)) = title.rsplit_once(sep)
            && head.split_whitespace().count() >= 3
        {
            return head.to_string();
        }
    }
    title.to_string()
}

fn whole_body(html: &str) -> (String, String) {
    let dom = Dom::from(html);
    let title = dom.select("title").text().to_string();
    dom.select(FURNITURE).remove();
    let body = dom.select("body");
    let text = if body.exists() {
        body.formatted_text().to_string()
    } else {
        dom.formatted_text().to_string()
    };
    (title, text)
}

/// One paragraph per non-empty line group, single spaces inside lines, blank line between blocks.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines().map(collapse_spaces).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line);
    }
    out
}

fn collapse_spaces(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_paragraphs_and_title_drops_furniture() {
        let html = r#"<!doctype html><html><head><title>Dam report</title>
            <style>p { color: red }</style><script>var x = "Do not show";</script></head>
            <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <article><h1>Dam report</h1>
            <p>The first paragraph has enough words to look like an article body to a reader.</p>
            <p>The second   paragraph
               continues the story with <b>more</b> detail.</p></article>
            <footer>Copyright</footer></body></html>"#;
        let a = extract(html);
        assert_eq!(a.title.as_deref(), Some("Dam report"));
        assert!(a.text.starts_with("Dam report\n\n"), "{}", a.text);
        assert!(
            a.text
                .contains("\n\nThe second paragraph continues the story with more detail.")
        );
        for furniture in ["Do not show", "color: red", "Home", "Copyright"] {
            assert!(
                !a.text.contains(furniture),
                "{furniture} leaked into {}",
                a.text
            );
        }
    }

    #[test]
    fn the_headline_is_the_title_and_leads_the_text() {
        let html = r#"<html><head><title>Dam report | Example News</title></head><body>
            <header><h1>Valley towns flooded after the dam release</h1></header>
            <article><p>The first paragraph has enough words to look like an article body.</p>
            <p>The second paragraph continues the story with more detail for readers.</p>
            </article></body></html>"#;
        let a = extract(html);
        assert_eq!(
            a.title.as_deref(),
            Some("Valley towns flooded after the dam release")
        );
        assert!(
            a.text
                .starts_with("Valley towns flooded after the dam release\n\nThe first")
        );
        assert_eq!(
            without_site_name("Dam release floods towns | Example News"),
            "Dam release floods towns"
        );
        assert_eq!(without_site_name("Short | Site"), "Short | Site");
    }

    #[test]
    fn fragment_without_article_still_yields_text() {
        let a = extract("<p>Just one line.</p>");
        assert!(a.text.contains("Just one line."), "{}", a.text);
    }
}
