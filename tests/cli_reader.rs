//! The reader's command-line surface through the real binary: `render`, `themes`, and the
//! refusals that must come before any screen opens (bad keys, themes, sizes).

use std::fs;

use assert_cmd::Command;

fn parallax() -> Command {
    let mut cmd = Command::cargo_bin("parallax").expect("binary built");
    cmd.env("PARALLAX_CONFIG", "").env("NO_COLOR", "1");
    cmd
}

fn one_line_error(cmd: &mut Command, expected: &str) {
    let out = cmd.assert().code(2).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(expected), "expected {expected:?} in {err}");
    assert!(out.stdout.is_empty(), "no screen output before the error");
}

#[test]
fn render_prints_the_screen_as_text() {
    let out = parallax()
        .args(["render", "--size", "100x20", "--keys", "]c"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let screen = String::from_utf8(out).unwrap();
    assert_eq!(screen.lines().count(), 20);
    assert!(screen.contains("1:1-wire.txt"));
    let status = screen.lines().last().unwrap();
    assert!(status.contains("sentence "), "the status line: {status}");
    assert!(!screen.contains('\x1b'), "plain text without --color");
    let colored = parallax()
        .args(["render", "--size", "60x10", "--color"])
        .env("COLORTERM", "truecolor")
        .env_remove("NO_COLOR")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(colored).unwrap().contains("\x1b[0;38;2;"));
}

#[test]
fn bad_reader_settings_are_refused_before_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    let cfg_arg = cfg.to_str().unwrap().to_string();

    fs::write(&cfg, "[keys]\n\"<Hyper-x>\" = \"quit\"\n").unwrap();
    one_line_error(
        parallax().args(["--config", &cfg_arg, "render", "--size", "80x24"]),
        "config.toml: line 2: [keys] \"<Hyper-x>\": unknown key",
    );
    fs::write(&cfg, "[keys]\n\"x\" = \"explode\"\n").unwrap();
    one_line_error(
        parallax().args(["--config", &cfg_arg, "render", "--size", "80x24"]),
        "unknown action `explode`",
    );
    fs::write(&cfg, "[display]\ntheme = \"nope\"\n").unwrap();
    one_line_error(
        parallax().args(["--config", &cfg_arg, "render", "--size", "80x24"]),
        "config.toml: line 2: [display] theme: unknown theme `nope`",
    );
    one_line_error(
        parallax().args(["--theme", "nope", "render", "--size", "80x24"]),
        "unknown theme `nope`",
    );
    let broken = dir.path().join("broken.tmTheme");
    fs::write(&broken, "<?xml version=\"1.0\"?><plist><dict><key>").unwrap();
    one_line_error(
        parallax().args([
            "--theme",
            broken.to_str().unwrap(),
            "render",
            "--size",
            "80x24",
        ]),
        "broken.tmTheme: not a usable theme",
    );
    one_line_error(
        parallax().args(["render", "--size", "80by24"]),
        "expected COLSxROWS",
    );
    one_line_error(
        parallax().args(["render", "--size", "80x24", "--keys", "<Nope>"]),
        "--keys: unknown key <Nope>",
    );
    // The reader itself refuses a missing file before opening the screen.
    one_line_error(
        parallax().arg("/no/such/file.txt"),
        "/no/such/file.txt: no such file",
    );
}

#[test]
fn the_reader_needs_a_terminal() {
    one_line_error(&mut parallax(), "the reader needs a terminal");
}

#[test]
fn themes_lists_ours_and_builtins() {
    let out = parallax()
        .arg("themes")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let list = String::from_utf8(out).unwrap();
    assert!(list.contains("* parallax-dark"), "{list}");
    assert!(list.contains("parallax-light"));
    assert!(list.contains("InspiredGitHub"));
    let out = parallax()
        .args(["--theme", "parallax-light", "themes"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(out).unwrap().contains("* parallax-light"));
}

#[test]
fn shipped_config_parses_and_every_shipped_theme_renders() {
    parallax::config::from_str("", "x").unwrap();
    for theme in [
        "parallax-dark",
        "parallax-light",
        "base16-ocean.dark",
        "Solarized (light)",
    ] {
        parallax()
            .args(["--theme", theme, "render", "--size", "80x24", "--color"])
            .assert()
            .success();
    }
}
