//! Headless renderings for scripts and reviewers: nothing here touches a terminal.

pub mod compare;
pub mod inspect;
