//! A page's content stream played just far enough to know where its text goes: the text and
//! graphics matrices, fonts and their widths, so that each shown string lands on a line with a
//! position and a size. Drawing, colours and clipping are ignored.

use std::collections::BTreeMap;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

/// One line of text on a page, in page coordinates (y grows upwards).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    pub y: f32,
    pub x0: f32,
    pub x1: f32,
    /// The font size as drawn.
    pub size: f32,
    pub text: String,
}

/// A TJ adjustment this far (in thousandths of an em) to the right stands for a space: word
/// processors that set every line in one TJ leave out the space glyphs.
const SPACE_ADJUST: f32 = 200.0;
/// Width of a glyph whose font states none, in ems.
const DEFAULT_WIDTH: f32 = 0.5;
/// Deepest graphics-state nesting kept; deeper `q` are counted but not stored.
const MAX_DEPTH: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self × other`, in PDF's row-vector convention (apply `self` first).
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }
}

/// What the text operators need of a font.
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    /// Glyph widths in thousandths of an em from `first` on (simple fonts only).
    first: i64,
    widths: Vec<f32>,
    /// Composite (Type0) fonts take two bytes per glyph in the usual Identity encodings.
    composite: bool,
}

impl Font<'_> {
    /// The advance of a shown string in ems, and how many of its codes were spaces.
    fn advance(&self, bytes: &[u8]) -> (f32, usize) {
        if self.composite {
            return (bytes.len().div_ceil(2) as f32 * DEFAULT_WIDTH, 0);
        }
        let width = |b: u8| {
            let i = i64::from(b) - self.first;
            usize::try_from(i)
                .ok()
                .and_then(|i| self.widths.get(i))
                .map_or(DEFAULT_WIDTH, |w| w / 1000.0)
        };
        (
            bytes.iter().map(|&b| width(b)).sum(),
            bytes.iter().filter(|&&b| b == b' ').count(),
        )
    }
}

type Fonts<'a> = BTreeMap<Vec<u8>, Font<'a>>;

/// The fonts of a `/Font` resource dictionary.
fn fonts<'a>(doc: &'a Document, dict: Option<&'a Dictionary>, limit: usize) -> Fonts<'a> {
    dict.into_iter()
        .flat_map(Dictionary::iter)
        .filter_map(|(name, font)| {
            let dict = doc.dereference(font).ok()?.1.as_dict().ok()?;
            Some((name.clone(), self::font(doc, dict, limit)))
        })
        .collect()
}

fn font<'a>(doc: &'a Document, dict: &'a Dictionary, limit: usize) -> Font<'a> {
    let number = |key: &[u8]| dict.get_deref(key, doc).ok().and_then(|o| o.as_i64().ok());
    let widths = dict
        .get_deref(b"Widths", doc)
        .and_then(Object::as_array)
        .map(|a| {
            a.iter()
                .map(|w| {
                    doc.dereference(w)
                        .map_or(0.0, |(_, w)| w.as_float().unwrap_or(0.0))
                })
                .collect()
        })
        .unwrap_or_default();
    Font {
        encoding: dict.get_font_encoding_with_limit(doc, limit).ok(),
        first: number(b"FirstChar").unwrap_or(0),
        widths,
        composite: dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"Type0"),
    }
}

/// The text state between operators.
struct State {
    ctm: Matrix,
    stack: Vec<Matrix>,
    tm: Matrix,
    tlm: Matrix,
    leading: f32,
    font: Option<Vec<u8>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    /// A TJ gap wide enough to be a space came before the next string.
    gap: bool,
}

/// The page's lines in content order, and whether it paints any image (a scan's page does).
pub(super) struct Page {
    pub lines: Vec<Line>,
    pub images: bool,
}

/// Forms inside forms are followed this deep.
const MAX_FORM_DEPTH: usize = 4;

/// Plays the page's content stream (bounded by `limit` bytes once decompressed), and the forms
/// it draws, where some generators put the text.
pub(super) fn page(doc: &Document, id: ObjectId, limit: usize) -> Result<Page, lopdf::Error> {
    let (inline, ids) = doc.get_page_resources(id)?;
    let resources: Vec<&Dictionary> = inline
        .into_iter()
        .chain(ids.iter().filter_map(|&r| doc.get_dictionary(r).ok()))
        .collect();
    let find = |key: &[u8]| {
        resources
            .iter()
            .find_map(|r| r.get_deref(key, doc).and_then(Object::as_dict).ok())
    };
    let fonts = fonts(doc, find(b"Font"), limit);
    let data = doc.get_page_content_with_limit(id, limit)?;
    let mut player = Player {
        doc,
        limit,
        budget: limit,
        state: State {
            ctm: Matrix::IDENTITY,
            stack: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            leading: 0.0,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            gap: false,
        },
        page: Page {
            lines: Vec::new(),
            images: false,
        },
    };
    player.play(&data, &fonts, find(b"XObject"), 0)?;
    Ok(player.page)
}

struct Player<'a> {
    doc: &'a Document,
    limit: usize,
    /// Operators left to play: forms drawn again and again cost no more than one stream of the
    /// size limit.
    budget: usize,
    state: State,
    page: Page,
}

impl<'a> Player<'a> {
    fn play(
        &mut self,
        data: &[u8],
        fonts: &Fonts<'a>,
        xobjects: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<(), lopdf::Error> {
        let content = Content::decode(data)?;
        let mut depth_q = 0usize;
        for op in &content.operations {
            self.budget = self
                .budget
                .checked_sub(1)
                .ok_or(lopdf::Error::RecursionLimit)?;
            let state = &mut self.state;
            let lines = &mut self.page.lines;
            let num = |i: usize| op.operands.get(i).and_then(|o| o.as_float().ok());
            match op.operator.as_str() {
                "q" => {
                    depth_q += 1;
                    if state.stack.len() < MAX_DEPTH {
                        state.stack.push(state.ctm);
                    }
                }
                "Q" => {
                    depth_q = depth_q.saturating_sub(1);
                    if let Some(ctm) = state.stack.pop() {
                        state.ctm = ctm;
                    }
                }
                "cm" => {
                    if let Some(m) = matrix(&op.operands) {
                        state.ctm = m.then(state.ctm);
                    }
                }
                "BT" => {
                    state.tm = Matrix::IDENTITY;
                    state.tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    state.font = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .map(<[u8]>::to_vec);
                    state.size = num(1).unwrap_or(state.size);
                }
                "TL" => state.leading = num(0).unwrap_or(state.leading),
                "Tc" => state.char_spacing = num(0).unwrap_or(0.0),
                "Tw" => state.word_spacing = num(0).unwrap_or(0.0),
                "Td" | "TD" => {
                    let (x, y) = (num(0).unwrap_or(0.0), num(1).unwrap_or(0.0));
                    if op.operator == "TD" {
                        state.leading = -y;
                    }
                    state.next_line(x, y);
                }
                "Tm" => {
                    if let Some(m) = matrix(&op.operands) {
                        state.tm = m;
                        state.tlm = m;
                    }
                }
                "T*" => state.next_line(0.0, -state.leading),
                "Tj" => show_all(state, fonts, &op.operands, lines),
                "TJ" => {
                    if let Some(Ok(items)) = op.operands.first().map(Object::as_array) {
                        show_all(state, fonts, items, lines);
                    }
                }
                "'" | "\"" => {
                    if op.operator == "\"" {
                        state.word_spacing = num(0).unwrap_or(state.word_spacing);
                        state.char_spacing = num(1).unwrap_or(state.char_spacing);
                    }
                    state.next_line(0.0, -state.leading);
                    if let Some(s) = op.operands.last() {
                        show_all(state, fonts, std::slice::from_ref(s), lines);
                    }
                }
                "BI" => self.page.images = true,
                "Do" => self.draw(op, fonts, xobjects, depth),
                _ => {}
            }
        }
        // A form restores the graphics state it was given, whatever it left pushed.
        for _ in 0..depth_q {
            if let Some(ctm) = self.state.stack.pop() {
                self.state.ctm = ctm;
            }
        }
        Ok(())
    }

    /// `Do`: an image is noted (a scan is images only); a form is played in place.
    fn draw(
        &mut self,
        op: &Operation,
        fonts: &Fonts<'a>,
        xobjects: Option<&'a Dictionary>,
        depth: usize,
    ) {
        let doc = self.doc;
        let Some(stream) = op
            .operands
            .first()
            .and_then(|o| o.as_name().ok())
            .and_then(|name| xobjects?.get_deref(name, doc).ok())
            .and_then(|o| o.as_stream().ok())
        else {
            return;
        };
        let subtype = stream.dict.get(b"Subtype").and_then(Object::as_name).ok();
        if subtype == Some(b"Image") {
            self.page.images = true;
            return;
        }
        if subtype != Some(b"Form") || depth >= MAX_FORM_DEPTH {
            return;
        }
        let Ok(data) = stream.get_plain_content_with_limit(self.limit) else {
            return;
        };
        let resources = stream
            .dict
            .get_deref(b"Resources", doc)
            .and_then(Object::as_dict)
            .ok();
        let find = |key: &[u8]| {
            resources?
                .get_deref(key, doc)
                .and_then(Object::as_dict)
                .ok()
        };
        let own = find(b"Font").map(|f| self::fonts(doc, Some(f), self.limit));
        let saved = self.state.ctm;
        let form_matrix = stream
            .dict
            .get_deref(b"Matrix", doc)
            .and_then(Object::as_array)
            .ok()
            .and_then(|m| matrix(m));
        if let Some(m) = form_matrix {
            self.state.ctm = m.then(self.state.ctm);
        }
        let xobjects = find(b"XObject").or(xobjects);
        // A damaged form loses its own text only.
        let _ = self.play(&data, own.as_ref().unwrap_or(fonts), xobjects, depth + 1);
        self.state.ctm = saved;
    }
}

fn matrix(operands: &[Object]) -> Option<Matrix> {
    let mut m = [0.0; 6];
    for (slot, o) in m.iter_mut().zip(operands) {
        *slot = o.as_float().ok()?;
    }
    (operands.len() == 6).then_some(Matrix(m))
}

impl State {
    fn next_line(&mut self, x: f32, y: f32) {
        self.tlm = Matrix::translate(x, y).then(self.tlm);
        self.tm = self.tlm;
    }
}

/// Shows the strings of a Tj, TJ, ' or " operand list; numbers are TJ adjustments.
fn show_all(
    state: &mut State,
    fonts: &BTreeMap<Vec<u8>, Font>,
    items: &[Object],
    out: &mut Vec<Line>,
) {
    let font = state.font.as_ref().and_then(|f| fonts.get(f));
    for item in items {
        match item {
            Object::String(bytes, _) => show(state, font, bytes, out),
            other => {
                if let Ok(n) = other.as_float() {
                    state.gap |= -n >= SPACE_ADJUST;
                    state.tm = Matrix::translate(-n / 1000.0 * state.size, 0.0).then(state.tm);
                }
            }
        }
    }
}

fn show(state: &mut State, font: Option<&Font>, bytes: &[u8], out: &mut Vec<Line>) {
    let text = match font.and_then(|f| f.encoding.as_ref()) {
        Some(encoding) => Document::decode_text(encoding, bytes).unwrap_or_default(),
        // No usable encoding: printable ASCII is still worth having.
        None => bytes
            .iter()
            .map(|&b| {
                if b.is_ascii_graphic() || b == b' ' {
                    char::from(b)
                } else {
                    ' '
                }
            })
            .collect(),
    };
    let (ems, spaces) = font.map_or((bytes.len() as f32 * DEFAULT_WIDTH, 0), |f| {
        f.advance(bytes)
    });
    let advance = ems * state.size
        + state.char_spacing * bytes.len() as f32
        + state.word_spacing * spaces as f32;
    let glyph = Matrix([state.size, 0.0, 0.0, state.size, 0.0, 0.0]);
    let [_, _, c, d, x, y] = glyph.then(state.tm).then(state.ctm).0;
    let size = (c * c + d * d).sqrt();
    state.tm = Matrix::translate(advance, 0.0).then(state.tm);
    let x1 = glyph.then(state.tm).then(state.ctm).0[4].max(x);
    let gap = std::mem::take(&mut state.gap);
    let text = clean(text);
    if text.trim().is_empty() && !text.is_empty() {
        if let Some(line) = out.last_mut()
            && !line.text.ends_with(' ')
        {
            line.text.push(' ');
        }
        return;
    }
    if text.is_empty() {
        return;
    }
    place(out, x, x1, y, size, &text, gap);
}

/// Adds a shown string to the current line when it sits on the same baseline, else starts one.
fn place(out: &mut Vec<Line>, x: f32, x1: f32, y: f32, size: f32, text: &str, gap: bool) {
    if let Some(line) = out.last_mut() {
        let scale = size.max(line.size).max(1.0);
        if (line.y - y).abs() < 0.4 * scale {
            let apart = gap || x - line.x1 > 0.15 * scale || x < line.x1 - scale;
            if apart && !line.text.ends_with(' ') && !text.starts_with(' ') {
                line.text.push(' ');
            }
            line.text.push_str(text);
            line.x0 = line.x0.min(x);
            line.x1 = line.x1.max(x1);
            line.size = line.size.max(size);
            return;
        }
    }
    out.push(Line {
        y,
        x0: x,
        x1,
        size,
        text: text.to_string(),
    });
}

/// Control characters (from fonts without a Unicode map) become spaces; the rest is kept.
fn clean(text: String) -> String {
    if !text.chars().any(char::is_control) {
        return text;
    }
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
