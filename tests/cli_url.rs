//! URLs through the real binary against a loopback server this test starts: pages load as HTML
//! files do (redirects, gzip, charsets), every failure is one line naming the URL with exit code
//! 2 and no hang, and a fetched page opens again offline from the cache until `--refresh`.
//! Nothing here reaches beyond 127.0.0.1.

mod loopback;

use std::io::Write;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use flate2::Compression;
use flate2::write::GzEncoder;
use loopback::{Reply, Server};
use tempfile::TempDir;

const STORY: &str = "<!doctype html><html><head><title>Harbour bridge opens | The Gull</title></head>\
<body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article><h1>Harbour bridge opens after four years</h1>\
<p>The new bridge over the harbour opened to traffic on Tuesday, the city council said.</p>\
<p>\"It took longer than we hoped,\" said the engineer Mira Tallis, who led the work.</p>\
<p>About 12,000 cars are expected to cross it every day, according to the council.</p>\
</article><footer>Share this story</footer></body></html>";

/// The binary with no user config, its cache in `cache`, a short fetch timeout and no proxy.
fn parallax(cache: &TempDir) -> Command {
    let mut cmd = Command::cargo_bin("parallax").expect("binary built");
    cmd.env("PARALLAX_CONFIG", "")
        .env("NO_COLOR", "1")
        .env("PARALLAX_CACHE_DIR", cache.path())
        .env("PARALLAX_FETCH_TIMEOUT", "5");
    for proxy in loopback::PROXY_VARS {
        cmd.env_remove(proxy);
    }
    cmd
}

fn inspect(cache: &TempDir, args: &[&str]) -> serde_json::Value {
    inspect_with(parallax(cache), args)
}

/// `inspect --format json` by a command the caller has set up (a proxy in its environment).
fn inspect_with(mut cmd: Command, args: &[&str]) -> serde_json::Value {
    let out = cmd
        .args(["inspect", "--format", "json"])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("inspect prints JSON")
}

fn text(doc: &serde_json::Value) -> String {
    doc["sentences"]
        .as_array()
        .expect("sentences")
        .iter()
        .map(|s| s["text"].as_str().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ")
}

fn refused(cmd: &mut Command, url: &str, reason: &str) {
    let assert = cmd.assert().code(2).stdout("");
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.starts_with(&format!("parallax: {url}: ")),
        "names the URL: {err}"
    );
    assert!(err.contains(reason), "expected {reason:?} in {err}");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[test]
fn pages_load_as_html_files_do_with_the_url_as_origin() {
    let gz = Reply::Fixed(
        200,
        vec![
            ("Content-Type".into(), "text/html; charset=utf-8".into()),
            ("Content-Encoding".into(), "gzip".into()),
        ],
        gzip(STORY.as_bytes()),
    );
    let server = Server::start(vec![
        ("/story", Reply::html(STORY)),
        ("/old/story", Reply::redirect("/story")),
        ("/zipped", gz),
        (
            "/notes.txt",
            Reply::page("text/plain", b"Plain notes. Two sentences."),
        ),
    ]);
    let cache = TempDir::new().unwrap();
    let (story, moved, zipped) = (
        server.url("/story"),
        server.url("/old/story"),
        server.url("/zipped"),
    );
    let notes = server.url("/notes.txt");
    let json = inspect(&cache, &[&story, &moved, &zipped, &notes]);
    let docs = json["documents"].as_array().unwrap();
    for (doc, url) in docs.iter().zip([&story, &moved, &zipped]) {
        assert_eq!(doc["path"], url.as_str());
        assert_eq!(doc["format"], "html");
        assert_eq!(doc["title"], "Harbour bridge opens after four years");
        let t = text(doc);
        assert!(t.contains("said the engineer Mira Tallis"), "{t}");
        assert!(!t.contains("Home"), "navigation dropped: {t}");
    }
    // An honest User-Agent: the program and its version.
    let agent = format!("parallax/{} (", env!("CARGO_PKG_VERSION"));
    let agents = server.agents();
    assert!(
        !agents.is_empty() && agents.iter().all(|a| a.starts_with(&agent)),
        "{agents:?}"
    );
    assert_eq!(docs[3]["format"], "text");
    assert_eq!(docs[3]["path"], notes.as_str());

    // The compare report names each document by its URL.
    let out = parallax(&cache)
        .args(["compare", "--stats", &story, &zipped])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&out).contains(&story));
}

#[test]
fn charsets_come_from_the_header_or_the_page() {
    let body = b"<html><body><article><h1>Caf\xE9 owners protest</h1>\
<p>The owners of the caf\xE9 said the new rule was \x93unfair\x94 to small shops.</p>\
<p>They will meet the mayor on Friday to discuss it again.</p></article></body></html>";
    let meta = [
        &b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"[..],
        &body[6..],
    ]
    .concat();
    let server = Server::start(vec![
        (
            "/header",
            Reply::page("text/html; charset=windows-1252", body),
        ),
        ("/meta", Reply::page("text/html", &meta)),
    ]);
    let cache = TempDir::new().unwrap();
    let json = inspect(&cache, &[&server.url("/header"), &server.url("/meta")]);
    let docs = json["documents"].as_array().unwrap();
    let header = text(&docs[0]);
    assert!(
        header.contains("caf\u{e9} said the new rule was \u{201C}unfair\u{201D}"),
        "{header}"
    );
    assert_eq!(docs[0]["warnings"], serde_json::json!([]));
    let meta = text(&docs[1]);
    // ISO-8859-1 is read as windows-1252, as browsers do: 0x93 is a curly quote there too.
    assert!(meta.contains("caf\u{e9} said"), "{meta}");
    assert_eq!(docs[1]["title"], "Caf\u{e9} owners protest");
}

#[test]
fn failures_are_one_line_naming_the_url() {
    let server = Server::start(vec![
        ("/loop", Reply::redirect("/loop")),
        ("/gone", Reply::status(404)),
        ("/broken", Reply::status(500)),
        (
            "/photo",
            Reply::page("image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ),
        ("/report", Reply::page("application/pdf", b"%PDF-1.7\n")),
        (
            "/nul",
            Reply::page("text/html", b"<p>a\x00\x01\x02\x03</p>"),
        ),
    ]);
    let cache = TempDir::new().unwrap();
    let cases = [
        ("/loop", "too many redirects"),
        ("/gone", "HTTP 404 Not Found"),
        ("/broken", "HTTP 500 Internal Server Error"),
        (
            "/photo",
            "not a web page, text, PDF or Word document (the server sent image/png)",
        ),
        // Read as the PDF it says it is, and found damaged.
        ("/report", "damaged PDF"),
        ("/nul", "looks like binary data"),
    ];
    for (path, reason) in cases {
        let url = server.url(path);
        refused(parallax(&cache).args(["inspect", &url]), &url, reason);
    }
    // No failure was kept: each is asked for again.
    for (path, reason) in [("/gone", "HTTP 404"), ("/nul", "binary")] {
        assert_eq!(server.hits(path), 1);
        let url = server.url(path);
        refused(parallax(&cache).args(["extract", &url]), &url, reason);
        assert_eq!(server.hits(path), 2);
    }

    for (url, reason) in [
        ("https:///story", "no host"),
        ("ftp://a.example/story", "unsupported URL scheme `ftp`"),
    ] {
        refused(parallax(&cache).args(["inspect", url]), url, reason);
    }
    // A port nobody listens on, and TLS spoken to a server that answers in plain HTTP.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let url = format!("http://{closed}/story");
    refused(
        parallax(&cache).args(["inspect", &url]),
        &url,
        "connection refused",
    );
    let url = server.url("/story").replacen("http:", "https:", 1);
    refused(parallax(&cache).args(["inspect", &url]), &url, "TLS");
}

#[test]
fn slow_endless_and_oversized_bodies_end_in_one_line() {
    let html = vec![("Content-Type".to_string(), "text/html".to_string())];
    let server = Server::start(vec![
        ("/slow", Reply::Trickle(html, Duration::from_millis(100))),
        ("/endless", Reply::EndlessChunks),
        ("/flood", Reply::EndlessClose),
        (
            "/big",
            Reply::html(&"<p>A long page of words.</p>".repeat(200)),
        ),
    ]);
    let cache = TempDir::new().unwrap();

    let url = server.url("/slow");
    let started = Instant::now();
    refused(
        parallax(&cache)
            .env("PARALLAX_FETCH_TIMEOUT", "1")
            .args(["inspect", &url]),
        &url,
        "timed out after 1 s",
    );
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );

    for path in ["/endless", "/flood"] {
        let url = server.url(path);
        refused(
            parallax(&cache).args(["--max-file-size", "64KiB", "inspect", &url]),
            &url,
            "too large (more than 65536 bytes",
        );
    }
    // A stated length over the limit is refused before the body is read.
    let url = server.url("/big");
    refused(
        parallax(&cache).args(["--max-file-size", "1KiB", "inspect", &url]),
        &url,
        "too large (5600 bytes; the limit is 1024 bytes",
    );
}

#[test]
fn a_fetched_page_opens_offline_until_refresh() {
    let mut server = Server::start(vec![("/story", Reply::html(STORY))]);
    let cache = TempDir::new().unwrap();
    let url = server.url("/story");

    let first = inspect(&cache, &[&url]);
    assert_eq!(first["documents"][0]["warnings"], serde_json::json!([]));
    let again = inspect(&cache, &[&url]);
    assert_eq!(
        server.hits("/story"),
        1,
        "the second open is served by the cache"
    );
    assert_eq!(text(&again["documents"][0]), text(&first["documents"][0]));
    let note = again["documents"][0]["warnings"][0].as_str().unwrap_or("");
    assert!(
        note.starts_with("read from the cache (fetched 20"),
        "{note}"
    );

    // --refresh fetches the edited page and keeps it.
    server.set(
        "/story",
        Reply::html(&STORY.replace("12,000 cars", "15,000 cars")),
    );
    let fresh = inspect(&cache, &["--refresh", &url]);
    assert_eq!(server.hits("/story"), 2);
    assert!(text(&fresh["documents"][0]).contains("15,000 cars"));

    server.stop();
    let offline = inspect(&cache, &[&url]);
    assert!(text(&offline["documents"][0]).contains("15,000 cars"));
    refused(
        parallax(&cache).args(["inspect", "--refresh", &url]),
        &url,
        "connection refused",
    );
}

#[test]
fn panes_and_review_sessions_name_the_url() {
    let server = Server::start(vec![
        ("/story", Reply::html(STORY)),
        (
            "/edited",
            Reply::html(&STORY.replace("12,000 cars", "15,000 cars")),
        ),
    ]);
    let cache = TempDir::new().unwrap();
    let session = cache.path().join("session.json");
    let (story, edited) = (server.url("/story"), server.url("/edited"));
    let out = parallax(&cache)
        .args([
            "render", &story, &edited, "--size", "120x20", "--keys", "]cv1",
        ])
        .arg("--session")
        .arg(&session)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let screen = String::from_utf8_lossy(&out);
    // Pane headers show the URL without its scheme.
    assert!(
        screen.contains(&format!("1:{}", &story["http://".len()..])),
        "{screen}"
    );
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&session).expect("a verdict was saved")).unwrap();
    assert_eq!(saved["documents"][0]["path"], story.as_str());
    assert_eq!(saved["documents"][1]["path"], edited.as_str());
}

/// The proxy named by HTTP_PROXY (or HTTPS_PROXY, ALL_PROXY) carries the fetch: here the loopback
/// server is the proxy, and the story's host is never looked up on this machine. NO_PROXY
/// exempts a host, and a proxy that cannot be reached is one line naming the URL.
#[test]
fn proxies_from_the_environment_carry_the_fetch() {
    let proxy = Server::start(vec![("/story", Reply::html(STORY))]);
    let cache = TempDir::new().unwrap();
    let url = "http://news.invalid/story";
    let mut cmd = parallax(&cache);
    cmd.env("HTTP_PROXY", proxy.url(""));
    let json = inspect_with(cmd, &[url]);
    assert!(text(&json["documents"][0]).contains("The new bridge over the harbour opened"));
    assert_eq!(
        proxy.hits("news.invalid:80"),
        1,
        "tunnelled through the proxy"
    );
    assert_eq!(proxy.hits("/story"), 1);

    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    refused(
        parallax(&cache)
            .env("HTTP_PROXY", &closed)
            .args(["inspect", "--refresh", url]),
        url,
        "connection refused",
    );
    // Exempt: fetched straight from the server, the dead proxy never asked.
    let direct = proxy.url("/story");
    parallax(&cache)
        .env("HTTP_PROXY", &closed)
        .env("NO_PROXY", "127.0.0.1,localhost")
        .args(["inspect", &direct])
        .assert()
        .success();
    assert_eq!(proxy.hits("/story"), 2);
}
