//! End to end: the real binary in a real terminal (tmux) on our samples. Keys go in with
//! `send-keys`, the screen comes back with `capture-pane`; after quitting, and after SIGTERM,
//! the terminal must be restored (main screen back, cooked mode with echo) and the exit code
//! be 128 + the signal's number. Files changed on disk are reloaded; mouse clicks and the wheel
//! go in as the terminal's own SGR mouse reports.

use std::path::PathBuf;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

struct Tmux {
    session: String,
}

impl Tmux {
    /// A detached 120×35 session running `command` (a shell line).
    fn start(name: &str, command: &str) -> Tmux {
        let session = format!("parallax-e2e-{name}-{}", std::process::id());
        let ok = Command::new("tmux")
            .args([
                "new-session",
                "-d",
                "-x",
                "120",
                "-y",
                "35",
                "-s",
                &session,
                command,
            ])
            .env("TERM", "xterm-256color")
            .status()
            .expect("tmux is installed (CI installs it)");
        assert!(ok.success(), "tmux could not start");
        Tmux { session }
    }

    fn keys(&self, keys: &[&str]) {
        let status = Command::new("tmux")
            .args(["send-keys", "-t", &self.session])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.session])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Wait until the screen shows `text`, or fail with what it shows.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited for {text:?}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.session])
            .status();
    }
}

/// A home of the test's own, so review sessions never land in the user's data directory and
/// tests running side by side do not share (and lock) one session.
fn scratch_home(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parallax-e2e-{name}-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_parallax"))
}

/// Run the reader in a shell that reports its exit code and the terminal mode afterwards.
fn shell_line(name: &str, args: &str) -> String {
    format!(
        "HOME={home} XDG_DATA_HOME= PARALLAX_CONFIG= NO_COLOR= {} {args}; echo \"EXIT=$?\"; stty -a | tr ' ' '\\n' | grep -x -e -icanon -e icanon -e -echo -e echo | tr '\\n' ' '; echo; echo DONE; sleep 60",
        binary().display(),
        home = scratch_home(name).display()
    )
}

fn assert_restored(screen: &str) {
    assert!(
        screen.contains(" icanon") || screen.contains("icanon "),
        "cooked mode: {screen}"
    );
    assert!(!screen.contains("-icanon"), "still raw: {screen}");
    assert!(!screen.contains("-echo"), "echo off: {screen}");
    assert!(
        !screen.contains("? help"),
        "alternate screen left behind: {screen}"
    );
}

#[test]
fn reader_runs_in_a_terminal_and_restores_it() {
    if Command::new("tmux").arg("-V").output().is_err() {
        panic!("tmux is required for the end-to-end test (CI installs it)");
    }
    let t = Tmux::start("quit", &shell_line("quit", ""));
    let first = t.wait_for("aligned · sync");
    assert!(first.contains("1:1-wire.txt"), "{first}");
    assert!(first.contains("2:2-rewrite.txt"), "{first}");
    t.keys(&["]", "c"]);
    let moved = t.wait_for("sentence 2/34");
    assert!(moved.contains("▶"), "cursor mark shown: {moved}");
    t.keys(&["?"]);
    t.wait_for("parallax help");
    t.keys(&["?"]);
    t.keys(&["/", "R", "e", "y", "l", "Enter"]);
    t.wait_for("match 1/");
    t.keys(&["q"]);
    let after = t.wait_for("DONE");
    assert!(after.contains("EXIT=0"), "{after}");
    assert_restored(&after);
}

/// Send `signal` to the reader, a child of the pane's shell.
fn signal_reader(t: &Tmux, signal: &str) {
    let shell = Command::new("tmux")
        .args(["display-message", "-p", "-t", &t.session, "#{pane_pid}"])
        .output()
        .unwrap();
    let shell = String::from_utf8_lossy(&shell.stdout).trim().to_string();
    let sent = Command::new("pkill")
        .args([signal, "-P", &shell, "parallax"])
        .status()
        .unwrap();
    assert!(sent.success(), "the reader was running");
}

#[test]
fn sigterm_saves_the_review_restores_the_terminal_and_exits_143() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("review.json");
    let arg = format!("--session {}", session.display());
    let t = Tmux::start("term", &shell_line("term", &arg));
    t.wait_for("aligned · sync");
    t.keys(&["]", "a", "v", "2"]);
    t.wait_for("claim: disputed (saved)");
    signal_reader(&t, "-TERM");
    let after = t.wait_for("DONE");
    assert!(after.contains("EXIT=143"), "{after}");
    assert!(
        after.contains("parallax: stopped by SIGTERM; the review session is saved"),
        "{after}"
    );
    assert_restored(&after);
    let saved = std::fs::read_to_string(&session).unwrap();
    assert!(saved.contains("\"disputed\""), "{saved}");
    assert!(
        !dir.path().join("review.json.lock").exists(),
        "the session's lock is released"
    );
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    // What an SSH drop sends.
    let t = Tmux::start("hup", &shell_line("hup", ""));
    t.wait_for("aligned · sync");
    signal_reader(&t, "-HUP");
    let after = t.wait_for("DONE");
    assert!(after.contains("EXIT=129"), "{after}");
    assert_restored(&after);
}

#[test]
fn resizing_keeps_working() {
    let t = Tmux::start("resize", &shell_line("resize", ""));
    t.wait_for("aligned · sync");
    for (w, h) in [("40", "10"), ("8", "2"), ("200", "50"), ("80", "24")] {
        let status = Command::new("tmux")
            .args(["resize-window", "-t", &t.session, "-x", w, "-y", h])
            .status()
            .unwrap();
        assert!(status.success());
        sleep(Duration::from_millis(300));
    }
    t.wait_for("sentence 1/");
    t.keys(&["q"]);
    let after = t.wait_for("DONE");
    assert!(after.contains("EXIT=0"), "{after}");
}

#[test]
fn jumps_to_a_quote_and_follows_an_entity_across_panes() {
    let t = Tmux::start("items", &shell_line("items", ""));
    t.wait_for("aligned · sync");
    t.keys(&["]", "q"]);
    let quote = t.wait_for("quote 1/");
    assert!(
        quote.contains("Ilse Marand"),
        "the first quote's speaker: {quote}"
    );
    // Find the minister by name, then follow her through every version.
    t.keys(&["/", "M", "a", "r", "a", "n", "d", "Enter"]);
    t.wait_for("match 1/");
    t.keys(&["[", "e", "]", "e"]);
    t.wait_for("entity");
    let mut panes = std::collections::BTreeSet::new();
    for _ in 0..8 {
        t.keys(&["*"]);
        sleep(Duration::from_millis(150));
        let screen = t.wait_for("Ilse Marand: mention");
        // The focused pane's header is the one showing a word count.
        let header = screen.lines().next().unwrap_or("").to_string();
        for (i, part) in header.split('│').enumerate() {
            if part.contains(" words") {
                panes.insert(i);
            }
        }
    }
    assert!(
        panes.len() >= 2,
        "following the entity moved focus across panes: {panes:?}"
    );
    t.keys(&["q"]);
    assert!(t.wait_for("DONE").contains("EXIT=0"));
}

#[test]
fn review_survives_kill_9_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("review.json");
    let arg = format!("--session {}", session.display());
    // After a kill -9 nothing restores the terminal: make it sane before the shell reports, so
    // its lines do not staircase.
    let killed_arg = format!("{arg}; rc=$?; stty sane; (exit $rc)");
    let t = Tmux::start("kill", &shell_line("kill", &killed_arg));
    t.wait_for("aligned · sync");
    t.keys(&["]", "a", "v", "2"]);
    t.wait_for("claim: disputed (saved)");
    // The reader is the child of the pane's shell.
    let shell = Command::new("tmux")
        .args(["display-message", "-p", "-t", &t.session, "#{pane_pid}"])
        .output()
        .unwrap();
    let shell = String::from_utf8_lossy(&shell.stdout).trim().to_string();
    let killed = Command::new("pkill")
        .args(["-9", "-P", &shell, "parallax"])
        .status()
        .unwrap();
    assert!(killed.success(), "the reader was running");
    assert!(t.wait_for("DONE").contains("EXIT=137"));
    let saved = std::fs::read_to_string(&session).expect("the session was saved before the kill");
    assert!(saved.contains("\"disputed\""), "{saved}");
    drop(t);

    let again = Tmux::start("reopen", &shell_line("kill", &arg));
    let screen = again.wait_for("aligned · sync");
    assert!(
        screen.contains("1/"),
        "progress counts the verdict: {screen}"
    );
    again.keys(&["p", "l", "l", "l"]);
    let list = again.wait_for("Review 1");
    assert!(list.contains("[disputed]"), "{list}");
    again.keys(&["q"]);
}

/// A mouse report as the terminal sends it (SGR encoding, 1-based cells): tmux writes the keys
/// to the reader's terminal as they are.
fn mouse(t: &Tmux, button: u8, column: u16, row: u16) {
    let report = format!("\x1b[<{button};{};{}M", column + 1, row + 1);
    t.keys(&["-l", &report]);
}

#[test]
fn a_file_saved_by_rename_is_reloaded_and_the_mouse_selects() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    let text = "The ferry to Nolde Island stopped running on Monday.\n\nHarbour master Pia \
                Venn said the pier needs repairs. Engineers will inspect it this week.\n";
    std::fs::write(&a, text).unwrap();
    std::fs::write(&b, text.replace("stopped running", "was halted")).unwrap();
    let args = format!("{} {}", a.display(), b.display());
    let t = Tmux::start("reload", &shell_line("reload", &args));
    t.wait_for("aligned · sync");
    // A click on the second pane's third line: focus there, the cursor on that sentence.
    mouse(&t, 0, 70, 3);
    let clicked = t.wait_for("sentence 2/3");
    assert!(clicked.contains("b.txt"), "{clicked}");
    // An editor's save: a new file renamed over the old one.
    let temp = dir.path().join(".a.txt.swp");
    std::fs::write(&temp, format!("A new first paragraph.\n\n{text}")).unwrap();
    std::fs::rename(&temp, &a).unwrap();
    let reloaded = t.wait_for("a.txt changed on disk: reloaded");
    assert!(reloaded.contains("A new first paragraph."), "{reloaded}");
    std::fs::remove_file(&a).unwrap();
    t.wait_for("a.txt: no such file — showing its last text");
    // The mouse off: clicks are the terminal's.
    t.keys(&["M"]);
    t.wait_for("mouse off");
    t.keys(&["q"]);
    assert!(t.wait_for("DONE").contains("EXIT=0"));
}

/// Close the pane under a reader run by `shell` (a shell line with `{reader}` for the reader's
/// command and `{rc}` for the file to write its exit code to), after a verdict; the exit code.
fn close_under(name: &str, shell: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("review.json");
    let rc = dir.path().join("rc");
    let reader = format!(
        "HOME={home} XDG_DATA_HOME= PARALLAX_CONFIG= {} --session {}",
        binary().display(),
        session.display(),
        home = scratch_home(name).display()
    );
    let line = shell
        .replace("{reader}", &reader)
        .replace("{rc}", &rc.display().to_string());
    let t = Tmux::start(name, &line);
    t.wait_for("aligned · sync");
    t.keys(&["]", "a", "v", "2"]);
    t.wait_for("claim: disputed (saved)");
    drop(t);
    let start = Instant::now();
    while !rc.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the reader did not end"
        );
        sleep(Duration::from_millis(100));
    }
    sleep(Duration::from_millis(100));
    let saved = std::fs::read_to_string(&session).unwrap();
    assert!(saved.contains("\"disputed\""), "{saved}");
    assert!(!dir.path().join("review.json.lock").exists());
    std::fs::read_to_string(&rc).unwrap().trim().to_string()
}

#[test]
fn a_closed_terminal_still_saves_the_review_and_exits_129() {
    // Closing the pane hangs up its terminal, as a dropped SSH connection does. The pane's shell
    // passes the SIGHUP on to the reader, as a login shell does with its jobs, and writes down
    // the exit code where the test can read it: the terminal and standard error are gone.
    let code = close_under(
        "closed",
        "trap 'kill -HUP $pid' HUP; {reader} & pid=$!; wait $pid; wait $pid; echo $? > {rc}",
    );
    assert_eq!(code, "129", "not an abort (134) on the lost terminal");
    // A shell that ignores the hangup passes nothing on: the reader notices its terminal gone.
    let code = close_under("ignored", "trap '' HUP; {reader}; echo $? > {rc}");
    assert_eq!(code, "129");
}
