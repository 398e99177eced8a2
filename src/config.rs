//! Settings: the embedded `config/default.toml` with the user's file merged over it. The user
//! file is found via `--config`, then `PARALLAX_CONFIG`, then the platform config directory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::document::{FetchOptions, LoadOptions};

pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub input: InputConfig,
    pub display: DisplayConfig,
    pub review: ReviewConfig,
    /// Key sequence → action name; checked by the reader, which owns the action list.
    pub keys: BTreeMap<String, String>,
    /// The user's file (path and text) when one was read, to point errors at its lines.
    #[serde(skip)]
    pub source: Option<(String, String)>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisplayConfig {
    pub theme: String,
    pub color: ColorSetting,
    pub layout: LayoutSetting,
    pub sync_scroll: bool,
    pub panes: PaneCount,
    pub fold_identical: bool,
    pub min_fold_run: usize,
    /// Widest line of prose in a pane, in columns; 0 for the pane's full width.
    pub max_width: u16,
    /// The reader captures the mouse (wheel, clicks); `M` toggles it.
    pub mouse: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorSetting {
    Auto,
    Truecolor,
    #[serde(rename = "256")]
    Ansi256,
    #[serde(rename = "16")]
    Ansi16,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LayoutSetting {
    Aligned,
    Reading,
}

/// How many panes stand side by side at most: 2 to 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaneCount(pub usize);

impl<'de> Deserialize<'de> for PaneCount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = usize::deserialize(d)?;
        if (2..=4).contains(&n) {
            Ok(PaneCount(n))
        } else {
            Err(serde::de::Error::custom(format!(
                "panes must be 2, 3 or 4, not {n}"
            )))
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewConfig {
    pub verdicts: Verdicts,
    /// Sessions directory; empty for the platform data directory.
    pub dir: String,
}

/// The verdicts a reviewer can give: at least one, none blank, no two alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdicts(pub Vec<String>);

impl<'de> Deserialize<'de> for Verdicts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let list = Vec::<String>::deserialize(d)?;
        if list.is_empty() {
            return Err(serde::de::Error::custom(
                "verdicts must list at least one verdict",
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for v in &list {
            if v.trim().is_empty() {
                return Err(serde::de::Error::custom("a verdict cannot be blank"));
            }
            if !seen.insert(v.trim().to_lowercase()) {
                return Err(serde::de::Error::custom(format!(
                    "verdict `{v}` is listed twice"
                )));
            }
        }
        Ok(Verdicts(list))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputConfig {
    pub max_file_size: ByteSize,
    pub cache_size: ByteSize,
    /// Fetch URLs again rather than open their cached copies: `--refresh`, never a file's.
    #[serde(skip)]
    pub refresh: bool,
}

impl Config {
    pub fn load_options(&self) -> LoadOptions {
        LoadOptions {
            max_bytes: self.input.max_file_size.0,
            fetch: FetchOptions {
                refresh: self.input.refresh,
                cache_limit: self.input.cache_size.0,
                ..FetchOptions::default()
            },
        }
    }
}

/// A size in bytes, written as a number or a string with a unit ("64MiB").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteSize(pub u64);

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Int(u64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Int(n) => Ok(ByteSize(n)),
            Raw::Text(s) => s.parse().map_err(serde::de::Error::custom),
        }
    }
}

impl std::str::FromStr for ByteSize {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let (digits, unit) = s.split_at(split);
        let n: u64 = digits
            .parse()
            .map_err(|_| format!("`{s}` is not a size (try \"64MiB\")"))?;
        let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
            "" | "b" => 1,
            "k" | "kib" => 1 << 10,
            "m" | "mib" => 1 << 20,
            "g" | "gib" => 1 << 30,
            "kb" => 1_000,
            "mb" => 1_000_000,
            "gb" => 1_000_000_000,
            other => return Err(format!("unknown size unit `{other}` in `{s}`")),
        };
        n.checked_mul(scale)
            .map(ByteSize)
            .ok_or_else(|| format!("`{s}` is too large"))
    }
}

/// A config file that could not be used, in one line naming the file and the place.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{path}: cannot read config file: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{path}: {location}{message}")]
    Invalid {
        path: String,
        location: String,
        message: String,
    },
}

/// Where the user's config file is expected when neither `--config` nor the environment says.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "parallax").map(|d| d.config_dir().join("config.toml"))
}

/// The config in force: `explicit` (from `--config`) or `PARALLAX_CONFIG` must exist; the
/// platform file is used only if present.
pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
    let env = std::env::var_os("PARALLAX_CONFIG").filter(|v| !v.is_empty());
    let (path, required) = match (explicit, env) {
        (Some(p), _) => (Some(p.to_path_buf()), true),
        (None, Some(p)) => (Some(PathBuf::from(p)), true),
        (None, None) => (default_path(), false),
    };
    let user = match path {
        Some(path) => match std::fs::read_to_string(&path) {
            Ok(text) => Some((path, text)),
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(ConfigError::Unreadable {
                    path: path.display().to_string(),
                    reason: e.to_string(),
                });
            }
        },
        None => None,
    };
    match user {
        Some((path, text)) => from_str(&text, &path.display().to_string()),
        None => from_str("", "(defaults)"),
    }
}

/// The defaults with `user` (TOML text from `path`) merged over them.
pub fn from_str(user: &str, path: &str) -> Result<Config, ConfigError> {
    let mut merged: toml::Table = DEFAULT_TOML
        .parse()
        .map_err(|e| invalid("config/default.toml", DEFAULT_TOML, &e))?;
    let overlay: toml::Table = user.parse().map_err(|e| invalid(path, user, &e))?;
    merge(&mut merged, overlay);
    // Errors are located in the user's own text: checked alone, it may only lack fields.
    if let Err(e) = toml::from_str::<Config>(user)
        && !e.message().starts_with("missing field")
    {
        return Err(invalid(path, user, &e));
    }
    Config::deserialize(toml::Value::Table(merged))
        .map_err(|e| ConfigError::Invalid {
            path: path.to_string(),
            location: String::new(),
            message: e.message().trim().replace('\n', " "),
        })
        .map(|mut config| {
            config.source = (!user.is_empty()).then(|| (path.to_string(), user.to_string()));
            config
        })
}

impl Config {
    /// "file: line N: " for the line of the user's file that mentions `needle`, to prefix an
    /// error found after parsing (a bad key name, an unknown theme).
    pub fn locate(&self, needle: &str) -> String {
        let Some((path, text)) = &self.source else {
            return "config: ".to_string();
        };
        match text.lines().position(|l| l.contains(needle)) {
            Some(i) => format!("{path}: line {}: ", i + 1),
            None => format!("{path}: "),
        }
    }
}

fn merge(base: &mut toml::Table, overlay: toml::Table) {
    for (key, value) in overlay {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(key, v);
            }
        }
    }
}

fn invalid(path: &str, text: &str, e: &toml::de::Error) -> ConfigError {
    let location = e
        .span()
        .map(|span| {
            let before = text.get(..span.start).unwrap_or("");
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            format!("line {line}, column {column}: ")
        })
        .unwrap_or_default();
    ConfigError::Invalid {
        path: path.to_string(),
        location,
        message: e.message().trim().replace('\n', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_defaults_parse() {
        let c = from_str("", "x").unwrap();
        assert_eq!(c.input.max_file_size, ByteSize(64 << 20));
    }

    #[test]
    fn user_values_override() {
        let c = from_str("[input]\nmax_file_size = \"2KB\"\n", "x").unwrap();
        assert_eq!(c.input.max_file_size, ByteSize(2000));
        let c = from_str("input.max_file_size = 10", "x").unwrap();
        assert_eq!(c.input.max_file_size, ByteSize(10));
    }

    #[test]
    fn bad_files_name_line_and_key() {
        let e = from_str("[input]\nmax_file_sise = 3\n", "my.toml").unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("my.toml: line 2"), "{msg}");
        assert!(msg.contains("max_file_sise"), "{msg}");

        let e = from_str("[input]\nmax_file_size = \"lots\"\n", "my.toml").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        assert!(e.to_string().contains("lots"), "{e}");

        let e = from_str("[input\n", "my.toml").unwrap_err();
        assert!(e.to_string().starts_with("my.toml: line 1"), "{e}");
    }

    #[test]
    fn display_values_are_checked() {
        let e = from_str("[display]\npanes = 7\n", "my.toml").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        assert!(e.to_string().contains("panes must be 2, 3 or 4"), "{e}");
        let e = from_str("[display]\ncolor = \"pink\"\n", "my.toml").unwrap_err();
        assert!(e.to_string().contains("pink"), "{e}");
        let c = from_str(
            "[display]\ncolor = \"256\"\n[keys]\nx = \"quit\"\n",
            "my.toml",
        )
        .unwrap();
        assert_eq!(c.display.color, ColorSetting::Ansi256);
        assert_eq!(c.keys.get("x").map(String::as_str), Some("quit"));
        assert_eq!(
            c.keys.get("q").map(String::as_str),
            Some("quit"),
            "defaults kept"
        );
        assert_eq!(c.locate("\"quit\""), "my.toml: line 4: ");
    }

    #[test]
    fn review_verdicts_are_checked() {
        let c = from_str("", "x").unwrap();
        assert_eq!(
            c.review.verdicts.0.first().map(String::as_str),
            Some("verified")
        );
        let c = from_str("[review]\nverdicts = [\"ok\", \"wrong\"]\n", "x").unwrap();
        assert_eq!(c.review.verdicts.0, ["ok", "wrong"]);
        let e = from_str("[review]\nverdicts = []\n", "my.toml").unwrap_err();
        assert!(e.to_string().contains("at least one"), "{e}");
        let e = from_str("[review]\nverdicts = [\"ok\", \"OK\"]\n", "my.toml").unwrap_err();
        assert!(
            e.to_string().contains("line 2") && e.to_string().contains("twice"),
            "{e}"
        );
    }

    #[test]
    fn sizes_parse() {
        assert_eq!("64MiB".parse(), Ok(ByteSize(64 << 20)));
        assert_eq!("1 kb".parse(), Ok(ByteSize(1000)));
        assert!("12 parsecs".parse::<ByteSize>().is_err());
        assert!("99999999999GiB".parse::<ByteSize>().is_err());
    }
}
