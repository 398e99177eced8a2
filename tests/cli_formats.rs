//! PDF and Word documents through the real binary, from files this test writes: text read into
//! paragraphs with page furniture left out, formats told by their bytes, and every bad file
//! (scan, encrypted, damaged, zip bomb, impostor) refused in one line with exit code 2; the same
//! documents served by a loopback HTTP server this test starts.

mod loopback;

use std::fs;
use std::io::{Cursor, Write};
use std::path::Path;

use assert_cmd::Command;
use loopback::{Reply, Server};

fn parallax() -> Command {
    let mut cmd = Command::cargo_bin("parallax").expect("binary built");
    cmd.env("PARALLAX_CONFIG", "").env("NO_COLOR", "1");
    cmd
}

fn inspect(path: &Path) -> serde_json::Value {
    inspect_with(parallax(), path.as_os_str())
}

fn inspect_with(mut cmd: Command, input: impl AsRef<std::ffi::OsStr>) -> serde_json::Value {
    let out = cmd
        .args(["inspect", "--format", "json"])
        .arg(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    json["documents"][0].clone()
}

fn refused(args: &[&str], reason: &str) {
    let assert = parallax().args(args).assert().code(2).stdout("");
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(reason), "expected {reason:?} in {err}");
    assert!(!err.contains("panicked"), "{err}");
}

fn sentences(doc: &serde_json::Value) -> Vec<String> {
    doc["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap().to_string())
        .collect()
}

/// A PDF written object by object with a correct cross-reference table. `resources` is each
/// page's resource dictionary; `extra` lands in the trailer.
fn pdf(pages: &[&str], resources: &str, extra_objects: &[&str], extra: &str) -> Vec<u8> {
    let n = pages.len();
    let font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")),
        font.to_string(),
    ];
    for (i, content) in pages.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources {resources} \
             /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len() + 1
        ));
    }
    objects.extend(extra_objects.iter().map(|o| o.to_string()));
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        write!(out, "{} 0 obj\n{body}\nendobj\n", i + 1).unwrap();
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for o in offsets {
        writeln!(out, "{o:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R {extra} >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .unwrap();
    out
}

const FONT: &str = "<< /Font << /F1 3 0 R >> >>";

/// A page with a running head, a page number and body lines, 14 points apart; `None` leaves a
/// blank line's gap.
fn page(number: u32, lines: &[Option<&str>]) -> String {
    let mut s = format!(
        "BT /F1 9 Tf 72 760 Td (Tidewater Port Authority Bulletin) Tj ET\n\
         BT /F1 9 Tf 300 40 Td (Page {number}) Tj ET\nBT /F1 11 Tf 14 TL 72 700 Td\n"
    );
    for line in lines {
        match line {
            Some(text) => s.push_str(&format!("({text}) Tj T*\n")),
            None => s.push_str("T*\n"),
        }
    }
    s.push_str("ET");
    s
}

fn story_pdf() -> Vec<u8> {
    let one = page(
        1,
        &[
            Some("The port authority approved a new ferry schedule on Monday, adding"),
            Some("two evening crossings to the island route from the first of May."),
            None,
            Some("Councillor Ines Varga said the change would help night-shift work-"),
            Some("ers who had asked for a later boat for years, and that fares"),
        ],
    );
    let two = page(
        2,
        &[
            Some("would stay the same until the autumn review."),
            None,
            Some("The first late crossing leaves the harbour at ten past eleven."),
        ],
    );
    pdf(&[&one, &two], FONT, &[], "")
}

#[test]
fn a_text_pdf_reads_as_paragraphs_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = story_pdf();
    for name in ["story.pdf", "story.txt", "story"] {
        let path = dir.path().join(name);
        fs::write(&path, &bytes).unwrap();
        let doc = inspect(&path);
        assert_eq!(doc["format"], "pdf", "{name}");
        assert_eq!(doc["paragraphs"].as_array().unwrap().len(), 3, "{doc}");
        let text = sentences(&doc).join(" | ");
        assert!(
            text.contains("adding two evening crossings"),
            "lines joined: {text}"
        );
        assert!(
            text.contains("night-shift workers who"),
            "hyphen mended: {text}"
        );
        assert!(
            text.contains("fares would stay"),
            "joined across pages: {text}"
        );
        assert!(
            !text.contains("Bulletin") && !text.contains("Page 2"),
            "{text}"
        );
        let warnings = doc["warnings"].to_string();
        assert!(
            warnings.contains("4 lines repeated at the top or bottom"),
            "{warnings}"
        );
    }
}

#[test]
fn bad_pdfs_are_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = |name: &str| dir.path().join(name).to_str().unwrap().to_string();

    let image = "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray \
                 /BitsPerComponent 8 /Length 1 >>\nstream\n~\nendstream";
    let scan = pdf(
        &["q 612 0 0 792 0 0 cm /Im1 Do Q"],
        "<< /XObject << /Im1 6 0 R >> >>",
        &[image],
        "",
    );
    fs::write(d("scan.pdf"), scan).unwrap();
    refused(&["inspect", &d("scan.pdf")], "scan.pdf: no text layer");

    let encrypt = "<< /Filter /Standard /V 1 /R 2 /P -4 \
                   /O <0000000000000000000000000000000000000000000000000000000000000000> \
                   /U <1111111111111111111111111111111111111111111111111111111111111111> >>";
    let locked = pdf(
        &["BT /F1 11 Tf 72 700 Td (Secret) Tj ET"],
        FONT,
        &[encrypt],
        "/Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]",
    );
    fs::write(d("locked.pdf"), locked).unwrap();
    refused(&["inspect", &d("locked.pdf")], "locked.pdf: encrypted PDF");

    fs::write(
        d("broken.pdf"),
        b"%PDF-1.7\n\x00\x01garbage without objects\n%%EOF",
    )
    .unwrap();
    refused(&["inspect", &d("broken.pdf")], "broken.pdf: damaged PDF");

    // Cut off before its cross-reference table: what can be recovered is read, or refused.
    let whole = story_pdf();
    fs::write(d("cut.pdf"), &whole[..whole.len() * 2 / 3]).unwrap();
    let out = parallax()
        .args(["inspect", &d("cut.pdf")])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(2),
        "{err}"
    );
    assert!(
        err.lines().count() <= 1 && !err.contains("panicked"),
        "{err}"
    );

    // Text inside a form XObject is text all the same.
    let form = "<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Matrix [1 0 0 1 0 0] \
                /Resources << /Font << /F1 3 0 R >> >> /Length 48 >>\nstream\n\
                BT /F1 11 Tf 72 700 Td (Words in a form.) Tj ET\nendstream";
    let formed = pdf(&["/Fm1 Do"], "<< /XObject << /Fm1 6 0 R >> >>", &[form], "");
    fs::write(d("form.pdf"), formed).unwrap();
    let doc = inspect(&dir.path().join("form.pdf"));
    assert_eq!(sentences(&doc), ["Words in a form."]);

    fs::write(d("fake.pdf"), "Just words in a file called fake.pdf.").unwrap();
    refused(&["inspect", &d("fake.pdf")], "fake.pdf: not a PDF");
}

/// A Word document: the content types and `word/document.xml` holding `body`.
fn docx(body: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    write!(
        zip,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}\
         </w:body></w:document>"
    )
    .unwrap();
    zip.finish().unwrap().into_inner()
}

fn para(style: Option<&str>, text: &str) -> String {
    let style = style
        .map(|s| format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>"))
        .unwrap_or_default();
    format!("<w:p>{style}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

#[test]
fn a_word_document_reads_its_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let body = [
        para(Some("Title"), "Ferry Timetable Changes"),
        para(Some("Heading1"), "Evening crossings"),
        para(
            None,
            "Two crossings join the island route in May &amp; June.",
        ),
        para(None, "Fares stay the same."),
    ]
    .concat();
    for name in ["notes.docx", "notes.bin"] {
        let path = dir.path().join(name);
        fs::write(&path, docx(&body)).unwrap();
        let doc = inspect(&path);
        assert_eq!(doc["format"], "docx");
        assert_eq!(doc["title"], "Ferry Timetable Changes");
        assert_eq!(doc["paragraphs"].as_array().unwrap().len(), 4);
        assert!(
            sentences(&doc).contains(&"Two crossings join the island route in May & June.".into())
        );
    }
}

#[test]
fn bad_word_documents_are_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = |name: &str| dir.path().join(name).to_str().unwrap().to_string();

    // Three megabytes of one letter pack into a few kilobytes.
    let bomb = docx(&para(None, &"a".repeat(3 << 20)));
    assert!(bomb.len() < 64 << 10);
    fs::write(d("bomb.docx"), bomb).unwrap();
    refused(
        &["inspect", "--max-file-size", "1MiB", &d("bomb.docx")],
        "bomb.docx: too large once unpacked",
    );

    fs::write(d("plain.docx"), "Words, not a zip archive.").unwrap();
    refused(
        &["inspect", &d("plain.docx")],
        "plain.docx: not a Word document",
    );

    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"hello").unwrap();
    fs::write(d("other.zip"), zip.finish().unwrap().into_inner()).unwrap();
    refused(
        &["inspect", &d("other.zip")],
        "other.zip: a zip archive but not a Word document",
    );
}

const DOCX_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// PDF and Word documents from URLs read as the files do: by their Content-Type, by their bytes
/// when the server says only "bytes" or mislabels them, and again offline from the cache; a
/// page that only claims to be a PDF is refused in one line naming the URL.
#[test]
fn documents_from_urls_read_as_files_do() {
    let timetable = docx(
        &[
            para(Some("Title"), "Ferry Timetable Changes"),
            para(None, "Fares stay the same."),
        ]
        .concat(),
    );
    let mut server = Server::start(vec![
        ("/bulletin", Reply::page("application/pdf", &story_pdf())),
        (
            "/files/bulletin.pdf",
            Reply::page("application/octet-stream", &story_pdf()),
        ),
        ("/mislabelled", Reply::page("text/html", &story_pdf())),
        ("/timetable", Reply::page(DOCX_TYPE, &timetable)),
        (
            "/fake",
            Reply::page("application/pdf", b"<p>Not a PDF at all.</p>"),
        ),
    ]);
    let cache = tempfile::tempdir().unwrap();
    let fetch = || {
        let mut cmd = parallax();
        cmd.env("PARALLAX_CACHE_DIR", cache.path())
            .env("PARALLAX_FETCH_TIMEOUT", "5");
        for proxy in loopback::PROXY_VARS {
            cmd.env_remove(proxy);
        }
        cmd
    };
    let pdfs = ["/bulletin", "/files/bulletin.pdf", "/mislabelled"];
    for path in pdfs {
        let doc = inspect_with(fetch(), server.url(path));
        assert_eq!(doc["format"], "pdf", "{path}");
        let text = sentences(&doc).join(" | ");
        assert!(text.contains("night-shift workers who"), "{path}: {text}");
        assert!(!text.contains("Bulletin"), "{path}: {text}");
    }
    let doc = inspect_with(fetch(), server.url("/timetable"));
    assert_eq!(doc["format"], "docx");
    assert_eq!(doc["title"], "Ferry Timetable Changes");
    let url = server.url("/fake");
    let assert = fetch().args(["inspect", &url]).assert().code(2).stdout("");
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert_eq!(
        err.trim_end(),
        format!("parallax: {url}: not a PDF (no %PDF- header)")
    );
    // Offline: the documents come back from the cache as they were read.
    server.stop();
    let doc = inspect_with(fetch(), server.url("/bulletin"));
    assert_eq!(doc["format"], "pdf");
    assert!(doc["warnings"].to_string().contains("read from the cache"));
    assert_eq!(
        inspect_with(fetch(), server.url("/timetable"))["format"],
        "docx"
    );
}
