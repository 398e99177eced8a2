//! Headless renderings for scripts and reviewers: nothing here touches a terminal.

pub mod extract;
pub mod inspect;
