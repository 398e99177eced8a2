//! The terminal reader: setup that can fail before the screen opens (keymap, theme), the event
//! loop with the analysis (and the reading of files changed on disk) on worker threads, and a
//! terminal restored on every way out — a signal too, after the review is saved.

mod action;
mod annotations;
mod app;
mod caches;
mod clipboard;
mod flow;
mod input;
mod items;
mod keymap;
mod keys;
mod markup;
mod model;
mod mouse;
mod nav;
mod panel;
mod reload;
mod render;
mod review;
mod search;
mod state;
mod theme;
mod view;
mod watch;
mod wrap;

use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind,
};
use crossterm::execute;

pub use app::{App, Effect};
pub use render::{Screen, parse_size, render};
pub use theme::Depth;

use crate::config::Config;
use crate::document::{Corpus, DocId, LoadOptions};

/// Everything checked before the screen opens: a bad key name or theme stops us here.
pub struct Setup {
    keymap: keymap::Keymap,
    theme: theme::Theme,
    config: Config,
    /// Where the review session lives; `None` for no review (render without `--session`).
    review: Option<crate::review::Place>,
}

impl Setup {
    pub fn new(
        config: &Config,
        theme_name: Option<&str>,
        depth: Option<theme::Depth>,
        review: Option<crate::review::Place>,
    ) -> Result<Setup, String> {
        let keymap = keymap::Keymap::from_config(config)?;
        let name = theme_name.unwrap_or(&config.display.theme);
        let depth = depth.unwrap_or_else(|| theme::Depth::detect(config.display.color));
        let theme = theme::load(name, depth).map_err(|e| {
            if theme_name.is_some() {
                e
            } else {
                format!("{}[display] theme: {e}", config.locate("theme"))
            }
        })?;
        Ok(Setup {
            keymap,
            theme,
            config: config.clone(),
            review,
        })
    }

    /// The app over a corpus, text only, with its review session open (and what to tell the
    /// user about it: recovered saves, edited documents, why it is read-only).
    fn app(self, corpus: Arc<Corpus>) -> App {
        let review = self.review.as_ref().map(|place| {
            let outcome =
                crate::review::Session::open(&corpus, place, &self.config.review.verdicts.0);
            let mut notes = outcome.notices;
            if let crate::review::Access::ReadOnly(reason) = outcome.session.access() {
                notes.push(format!("review is read-only: {reason}"));
            }
            if !outcome.orphaned.is_empty() {
                notes.push(format!(
                    "{} review mark(s) orphaned: their text is gone (kept; see the Review list)",
                    outcome.orphaned.len()
                ));
            }
            (outcome.session, notes)
        });
        let mut app = App::new(
            model::ReaderModel::unanalysed(corpus),
            self.keymap,
            self.theme,
            &self.config.display,
        );
        if let Some((session, notes)) = review {
            app.review.session = Some(session);
            if !notes.is_empty() {
                app.status.message = Some(notes.join(" · "));
            }
        }
        app
    }
}

/// Every theme name with where it comes from, for `parallax themes`.
pub fn theme_list() -> Vec<(String, String)> {
    theme::available(theme::user_dir().as_deref())
        .into_iter()
        .map(|(name, source)| (name, source.describe()))
        .collect()
}

enum Msg {
    Term(Event),
    Analysed(model::ReaderModel),
    /// The analysis panicked: the text stays readable without marks.
    Failed(String),
    /// Files of these documents changed on disk.
    Changed(Vec<DocId>),
    /// The changed files were read again.
    Reloaded(reload::Reloaded),
    Signal(i32),
}

/// The analysis thread's name; its panics are reported on screen, not by the terminal hook.
const WORKER: &str = "parallax-analysis";

/// How the reader ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal ended it; the terminal is restored and the review saved (or `message` says
    /// why not). The process should exit with 128 + `number`, as a shell reports it.
    Signal { number: i32, message: String },
}

/// Run the reader until the user quits or a signal arrives.
pub fn run(corpus: Corpus, setup: Setup) -> io::Result<Exit> {
    let corpus = Arc::new(corpus);
    let (tx, rx) = mpsc::channel::<Msg>();
    // SIGINT too, though raw mode turns Ctrl-C into a key (bound to quit): `kill -INT` still
    // comes as a signal.
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ])?;
    let options = setup.config.load_options();

    let mut terminal = ratatui::try_init()?;
    // ratatui's hook restores the terminal on a panic; a panic in the worker must not, since
    // the reader goes on without the analysis.
    let restore_and_report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if thread::current().name() != Some(WORKER) {
            restore_and_report(info);
        }
    }));
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let mut app = setup.app(Arc::clone(&corpus));
    app.terminal = clipboard::Terminal::detect();
    if app.screen.mouse {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
    if let Ok(size) = terminal.size() {
        app.resize(size.width, size.height);
    }
    app.status.progress = Some("aligning".to_string());
    if app.status.message.is_none()
        && let Some(d) = corpus.documents.iter().find(|d| !d.warnings.is_empty())
    {
        app.status.message = Some(format!("{}: {}", d.origin, d.warnings.join("; ")));
    }

    let events = tx.clone();
    thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if events.send(Msg::Term(ev)).is_err() {
                break;
            }
        }
    });
    let sig = tx.clone();
    thread::spawn(move || {
        if let Some(number) = signals.forever().next() {
            let _ = sig.send(Msg::Signal(number));
        }
    });
    let changes = tx.clone();
    let watch = watch::start(&corpus, move |docs| {
        changes.send(Msg::Changed(docs)).is_ok()
    });
    let _watch = match watch {
        Ok(w) => w,
        Err(e) => {
            app.status.message = Some(format!("files are not watched for changes: {e}"));
            None
        }
    };
    spawn_worker(&tx, corpus, None, options.clone())?;

    let result = event_loop(&mut terminal, &mut app, &rx, &tx, &options);
    let mut exit = result?;
    if let Exit::Signal { number, message } = &mut exit {
        let name = match *number {
            signal_hook::consts::SIGTERM => "SIGTERM",
            signal_hook::consts::SIGHUP => "SIGHUP",
            signal_hook::consts::SIGINT => "SIGINT",
            _ => "a signal",
        };
        *message = match app.review.session.as_mut().map(|s| s.save()) {
            None => format!("stopped by {name}"),
            Some(Ok(_)) => format!("stopped by {name}; the review session is saved"),
            Some(Err(e)) => format!("stopped by {name}; {e}"),
        };
    }
    if app.screen.mouse {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    // After a SIGHUP the terminal may be gone, and ratatui reports failures to restore it with
    // `eprintln!`, which panics when standard error is that terminal: the process would abort
    // instead of exiting with 129. So: `try_restore`, and a terminal whose cursor cannot be
    // shown again is not dropped (its drop would try again and report).
    let _ = ratatui::try_restore();
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    Ok(exit)
}

/// Analyse `corpus` on a worker thread; with `reload`, first read those documents again and
/// analyse the new corpus only if one of them changed.
fn spawn_worker(
    tx: &mpsc::Sender<Msg>,
    corpus: Arc<Corpus>,
    reload: Option<Vec<DocId>>,
    options: LoadOptions,
) -> io::Result<()> {
    let tx = tx.clone();
    thread::Builder::new()
        .name(WORKER.to_string())
        .spawn(move || {
            let corpus = match reload {
                Some(docs) => {
                    let read =
                        std::panic::catch_unwind(|| reload::read_again(&corpus, &docs, &options));
                    let reloaded = read.unwrap_or_else(|e| {
                        reload::Reloaded::failed(&corpus, &docs, &panic_text(e.as_ref()))
                    });
                    let changed = reloaded.changed();
                    let corpus = Arc::clone(&reloaded.corpus);
                    if tx.send(Msg::Reloaded(reloaded)).is_err() || !changed {
                        return;
                    }
                    corpus
                }
                None => corpus,
            };
            let outcome = std::panic::catch_unwind(|| analyse(corpus));
            let _ = tx.send(match outcome {
                Ok(model) => Msg::Analysed(model),
                Err(e) => Msg::Failed(panic_text(e.as_ref())),
            });
        })?;
    Ok(())
}

fn panic_text(e: &(dyn std::any::Any + Send)) -> String {
    e.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| e.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown error".to_string())
}

/// Write what the updates asked of the terminal.
fn flush_effects(app: &mut App) {
    for effect in app.effects.drain(..) {
        let _ = match effect {
            Effect::Write(escape) => {
                use std::io::Write;
                let mut out = io::stdout();
                out.write_all(escape.as_bytes()).and_then(|()| out.flush())
            }
            Effect::MouseCapture(true) => execute!(io::stdout(), EnableMouseCapture),
            Effect::MouseCapture(false) => execute!(io::stdout(), DisableMouseCapture),
        };
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    rx: &mpsc::Receiver<Msg>,
    tx: &mpsc::Sender<Msg>,
    options: &LoadOptions,
) -> io::Result<Exit> {
    const SPINNER: [&str; 4] = [
        "aligning ·  ",
        "aligning ·· ",
        "aligning ···",
        "aligning    ",
    ];
    let mut tick = 0usize;
    let mut dirty = true;
    // Documents changed on disk and not read yet; one reload runs at a time, so each starts
    // from the corpus the last one left.
    let mut waiting: Vec<DocId> = Vec::new();
    let mut reloading = false;
    loop {
        if dirty {
            terminal.draw(|f| view::draw(app, f))?;
            dirty = false;
        }
        match rx.recv_timeout(Duration::from_millis(250)) {
            Ok(Msg::Term(Event::Key(k))) if k.kind == KeyEventKind::Press => {
                app.handle_key(k);
                dirty = true;
            }
            Ok(Msg::Term(Event::Mouse(m))) => {
                app.handle_mouse(m);
                dirty = true;
            }
            Ok(Msg::Term(Event::Resize(w, h))) => {
                app.resize(w, h);
                dirty = true;
            }
            Ok(Msg::Term(Event::Paste(text))) => {
                app.handle_paste(&text);
                dirty = true;
            }
            Ok(Msg::Term(_)) => {}
            Ok(Msg::Analysed(model)) => {
                // An analysis of a corpus since replaced by a reload is dropped.
                if Arc::ptr_eq(&model.corpus, &app.model.corpus) {
                    app.install(model);
                    dirty = true;
                }
            }
            Ok(Msg::Failed(reason)) => {
                app.status.progress = None;
                app.status.message = Some(format!(
                    "the analysis failed ({reason}); the text is shown without marks — please report this"
                ));
                dirty = true;
            }
            Ok(Msg::Changed(docs)) => waiting.extend(docs),
            Ok(Msg::Reloaded(reloaded)) => {
                reloading = false;
                app.reloaded(reloaded);
                dirty = true;
            }
            Ok(Msg::Signal(number)) => {
                return Ok(Exit::Signal {
                    number,
                    message: String::new(),
                });
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // A terminal hung up without a SIGHUP reaching us (its shell ignores it, nohup)
                // is gone all the same, and crossterm's reader would spin on its end of file.
                // The reader starts only on a terminal: not one any more means hung up.
                if !io::stdout().is_terminal() {
                    return Ok(Exit::Signal {
                        number: signal_hook::consts::SIGHUP,
                        message: String::new(),
                    });
                }
                if app.status.progress.is_some() {
                    tick += 1;
                    app.status.progress = Some(SPINNER[tick % SPINNER.len()].to_string());
                    dirty = true;
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(Exit::Quit),
        }
        if !reloading && !waiting.is_empty() {
            waiting.sort();
            waiting.dedup();
            let docs = std::mem::take(&mut waiting);
            spawn_worker(
                tx,
                Arc::clone(&app.model.corpus),
                Some(docs),
                options.clone(),
            )?;
            reloading = true;
        }
        flush_effects(app);
        if app.quit {
            return Ok(Exit::Quit);
        }
    }
}

/// The comparison of every pair of documents, as the reader shows it.
fn analyse(corpus: Arc<Corpus>) -> model::ReaderModel {
    let analysis = crate::analysis::Analysis::build(&corpus);
    model::ReaderModel::from_analysis(corpus, analysis)
}

#[cfg(test)]
mod tests;
