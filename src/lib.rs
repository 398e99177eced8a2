//! parallax: compare versions of a news story sentence by sentence and word by word, and know
//! the claims, quotes and named entities in them. This crate is the engine; the reader sits
//! behind the `tui` feature.

pub mod analysis;
pub mod compare;
pub mod config;
pub mod document;
pub mod extract;
pub mod lexicon;
mod parallel;
pub mod report;
pub mod review;
mod sorted;
mod time;
#[cfg(feature = "tui")]
pub mod tui;
