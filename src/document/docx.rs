//! Word documents (DOCX): the paragraphs of `word/document.xml` as plain text, one paragraph per
//! `w:p` (headings and table cells included), separated by blank lines. The archive is read with
//! every size bounded by `max_file_size`, so a zip bomb posing as a document is refused.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

/// The text of a Word document and its title when a paragraph has the `Title` style.
#[derive(Debug)]
pub(super) struct Docx {
    pub text: String,
    pub title: Option<String>,
}

const BODY: &str = "word/document.xml";

/// Reads the document, or says in a few words why it cannot.
pub(super) fn read(bytes: &[u8], limit: u64) -> Result<Docx, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a Word document (not a readable zip archive: {e})"))?;
    let entry = archive
        .by_name(BODY)
        .map_err(|_| format!("a zip archive but not a Word document (no {BODY} in it)"))?;
    let too_large = || format!("too large once unpacked (over {limit} bytes; see `max_file_size`)");
    // The declared size may lie; the read is bounded whatever it says.
    if entry.size() > limit {
        return Err(too_large());
    }
    let mut xml = Vec::new();
    entry
        .take(limit.saturating_add(1))
        .read_to_end(&mut xml)
        .map_err(|e| format!("damaged Word document ({BODY}: {e})"))?;
    if xml.len() as u64 > limit {
        return Err(too_large());
    }
    paragraphs(&String::from_utf8_lossy(&xml))
}

/// Where the parser is inside a paragraph.
#[derive(Default)]
struct Para {
    text: String,
    /// Inside `w:t`, where character data is text (elsewhere it is layout whitespace).
    in_text: bool,
    title: bool,
}

fn paragraphs(xml: &str) -> Result<Docx, String> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<String> = Vec::new();
    let mut title = None;
    let mut para = Para::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("damaged Word document ({BODY}: {e})"))?;
        match event {
            Event::Start(e) => match e.name().as_ref() {
                "w:p" => para = Para::default(),
                "w:t" => para.in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "w:tab" => para.text.push('\t'),
                // A page break is no break in the prose; a line break is.
                "w:br" if !is_page_break(&e) => para.text.push('\n'),
                "w:cr" => para.text.push('\n'),
                "w:pStyle" => {
                    para.title |= e
                        .attributes()
                        .flatten()
                        .any(|a| a.key.as_ref() == "w:val" && a.value.as_ref() == "Title")
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:t" => para.in_text = false,
                "w:p" => {
                    let text = tidy(&para.text);
                    if !text.is_empty() {
                        if para.title && title.is_none() {
                            title = Some(text.replace('\n', " "));
                        }
                        out.push(text);
                    }
                    para = Para::default();
                }
                _ => {}
            },
            Event::Text(t) if para.in_text => para.text.push_str(&t.xml10_content()),
            Event::CData(t) if para.in_text => para.text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if para.in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    para.text.push(c);
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r) {
                    para.text.push_str(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(Docx {
        text: out.join("\n\n"),
        title,
    })
}

fn is_page_break(e: &quick_xml::events::BytesStart) -> bool {
    e.attributes()
        .flatten()
        .any(|a| a.key.as_ref() == "w:type" && a.value.as_ref() != "textWrapping")
}

/// Trims each line and drops blank ones, so that a line break never reads as a paragraph break.
fn tidy(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn paragraphs_tabs_breaks_and_title() {
        let xml = format!(
            r#"<?xml version="1.0"?><w:document {NS}><w:body>
            <w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Harbour Plan</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">Tide &amp; </w:t></w:r><w:r><w:t>wind</w:t></w:r><w:r><w:tab/><w:t>rose.</w:t></w:r></w:p>
            <w:p><w:r><w:t>Line one</w:t><w:br/><w:t>line two</w:t><w:br w:type="page"/></w:r></w:p>
            <w:p><w:r><w:delText>gone</w:delText><w:instrText>PAGE</w:instrText></w:r></w:p>
            </w:body></w:document>"#
        );
        let doc = paragraphs(&xml).unwrap();
        assert_eq!(
            doc.text,
            "Harbour Plan\n\nTide & wind\trose.\n\nLine one\nline two"
        );
        assert_eq!(doc.title.as_deref(), Some("Harbour Plan"));
    }

    #[test]
    fn not_a_zip_or_not_word() {
        assert!(
            read(b"PK\x03\x04 not really", 1 << 20)
                .unwrap_err()
                .contains("not a Word document")
        );
    }
}
