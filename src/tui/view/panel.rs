//! The side panel: tabs with counts, the rows of the current tab with per-version status, and
//! the selection.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::tui::action::Action;
use crate::tui::app::{App, Mode};
use crate::tui::panel::{Status, Tab};
use crate::tui::wrap;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < 8 || area.height < 3 {
        return;
    }
    let t = &app.theme;
    for y in area.y..area.y + area.height {
        buf.set_string(area.x, y, "│", t.gutter);
    }
    let inner = Rect {
        x: area.x + 1,
        width: area.width - 1,
        ..area
    };
    let tabs: Vec<Span> = tabs(app, inner.width)
        .into_iter()
        .map(|(tab, label)| {
            let style = if tab == app.panel.tab {
                if app.mode == Mode::Panel {
                    t.header_focused
                } else {
                    t.header.add_modifier(Modifier::UNDERLINED)
                }
            } else {
                t.dim
            };
            Span::styled(label, style)
        })
        .collect();
    buf.set_line(inner.x, inner.y, &Line::from(tabs), inner.width);
    let mut y = inner.y + 1;
    if !app.panel.filter.is_empty() {
        buf.set_stringn(
            inner.x,
            y,
            format!(" filter: {}", app.panel.filter),
            usize::from(inner.width),
            t.search,
        );
        y += 1;
    }
    let counts: Vec<usize> = Tab::ALL
        .iter()
        .map(|&tab| app.panel_shown(tab).1.len())
        .collect();
    let (all, shown) = app.panel_shown(app.panel.tab);
    let rows: Vec<&crate::tui::panel::Row> = shown.iter().filter_map(|&i| all.get(i)).collect();
    // The last line says how the list is filtered and the keys that change it, whoever has the
    // keys: the panel's own bindings reach it from the panes too.
    let footer_y = inner.y + inner.height - 1;
    if footer_y > y {
        buf.set_stringn(
            inner.x + 1,
            footer_y,
            footer(app),
            usize::from(inner.width - 1),
            t.dim,
        );
    }
    let height = usize::from(footer_y.max(y) - y);
    if rows.is_empty() {
        let note = if !app.model.analysed() {
            "reading the documents…".to_string()
        } else if !app.panel.filter.is_empty() {
            "nothing matches the filter".to_string()
        } else if app.review.filter != crate::tui::review::ReviewFilter::All {
            // Say where the filtered items are, so an empty tab is not mistaken for none at all.
            let elsewhere: Vec<String> = Tab::ALL
                .iter()
                .zip(&counts)
                .filter(|&(&tab, &n)| tab != app.panel.tab && n > 0)
                .map(|(tab, n)| format!("{n} in {}", tab.title()))
                .collect();
            if elsewhere.is_empty() {
                format!("nothing for {} in any list", app.review.filter.label())
            } else {
                format!(
                    "nothing here for {}: {} (h/l switch lists)",
                    app.review.filter.label(),
                    elsewhere.join(", ")
                )
            }
        } else {
            match app.panel.tab {
                Tab::Entities => "no named entities in these documents",
                Tab::Quotes => "no quotes in these documents",
                Tab::Claims => "no claims in these documents",
                Tab::Drift => "no drift: every shared quote and claim has the same words",
                Tab::Review if app.review.session.is_none() => "no review session",
                Tab::Review => "nothing reviewed yet: v gives a verdict, i writes a note",
            }
            .to_string()
        };
        buf.set_stringn(inner.x + 1, y, note, usize::from(inner.width - 1), t.dim);
        return;
    }
    let selected = app.panel.selected[Tab::ALL
        .iter()
        .position(|&x| x == app.panel.tab)
        .unwrap_or(0)]
    .min(rows.len() - 1);
    // Keep the selection in view.
    let first = selected.saturating_sub(height.saturating_sub(1));
    let width = usize::from(inner.width);
    for (i, row) in rows.iter().enumerate().skip(first).take(height) {
        let status: String = row
            .status
            .iter()
            .map(|s| match s {
                Status::Here => "●".to_string(),
                Status::Same => "=".to_string(),
                Status::Reworded => "≠".to_string(),
                Status::FigureChanged => "#".to_string(),
                Status::FigureOneSided => "±".to_string(),
                Status::Absent => "·".to_string(),
                Status::Count(n) => n.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ");
        let flag = if i == selected {
            "▶ "
        } else if row.drift {
            "≠ "
        } else {
            "  "
        };
        let right = format!(" {status} ");
        let room = width.saturating_sub(wrap::width(&right) + 2);
        let text = format!("{} · {}", row.label, row.detail);
        let text: String = {
            let mut out = String::new();
            for c in text.chars() {
                if wrap::width(&out) + 1 >= room {
                    out.push('…');
                    break;
                }
                out.push(c);
            }
            out
        };
        let style = if i == selected {
            t.selection.add_modifier(Modifier::BOLD)
        } else {
            t.base
        };
        let line = Line::from(vec![
            Span::styled(flag.to_string(), t.changed),
            Span::styled(format!("{text:<room$}"), style),
            Span::styled(right, t.gutter),
        ]);
        buf.set_line(inner.x, y, &line, inner.width);
        y += 1;
    }
}

/// The tab labels with their counts, left to right as drawn from the panel's second column (the
/// first is its border); initials for the other tabs when the full titles do not fit.
pub fn tabs(app: &App, width: u16) -> Vec<(Tab, String)> {
    let counts: Vec<usize> = Tab::ALL
        .iter()
        .map(|&tab| app.panel_shown(tab).1.len())
        .collect();
    let full: usize = Tab::ALL
        .iter()
        .zip(&counts)
        .map(|(tab, n)| tab.title().len() + n.to_string().len() + 3)
        .sum();
    let short = full > usize::from(width);
    Tab::ALL
        .into_iter()
        .zip(counts)
        .map(|(tab, count)| {
            let title = if short && tab != app.panel.tab {
                &tab.title()[..1]
            } else {
                tab.title()
            };
            (tab, format!(" {title} {count} "))
        })
        .collect()
}

/// "F: all items · E export · p close", with the keys as bound.
fn footer(app: &App) -> String {
    let key = |action: Action| app.keymap.keys_for(action).into_iter().next();
    let mut parts = Vec::new();
    if let Some(k) = key(Action::ReviewFilter) {
        parts.push(format!("{k}: {}", app.review.filter.label()));
    }
    if app.review.session.is_some()
        && let Some(k) = key(Action::ExportReview)
    {
        parts.push(format!("{k} export"));
    }
    if let Some(k) = key(Action::TogglePanel) {
        parts.push(format!("{k} close"));
    }
    parts.join(" · ")
}
