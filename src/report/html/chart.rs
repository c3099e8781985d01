//! Horizontal bar charts as inline SVG, drawn by hand: a few rectangles and
//! texts need no chart crate, and the texts take the page's own fonts (no
//! font to bundle). Each bar has its label above it and its figure as text
//! beside it; a range's bar is solid to its low end and hatched to its high
//! end; the parts of a stacked bar have a pattern each as well as a colour,
//! and their figures are written under the bar, so that colour never
//! carries the meaning alone.

use super::Mark;

/// The width of every chart, in SVG units (it scales to the page).
pub(super) const WIDTH: u32 = 480;
/// The longest bar.
const BAR_MAX: f64 = 290.0;
/// Where the bars start.
const LEFT: f64 = 4.0;
/// A bar's height.
const BAR: u32 = 16;
/// The height of a bar's row: its label, its bar and a gap.
const ROW: u32 = 44;
/// Labels longer than this many characters are shortened (the table gives them whole).
const LABEL_CHARS: usize = 48;

/// One part of a bar: its place and length, and how it is filled.
#[derive(Debug, Clone)]
pub(super) struct Segment {
    /// Where it starts.
    pub(super) x: String,
    /// Its length.
    pub(super) width: String,
    /// Its CSS class: `bar`, `range`, or a rating's (`r-achieved` …).
    pub(super) class: &'static str,
}

/// One bar: its label, its parts and its figure written beside it.
#[derive(Debug, Clone)]
pub(super) struct Bar {
    /// The label, shortened to fit.
    pub(super) label: String,
    /// The baseline of the label.
    pub(super) label_y: u32,
    /// The top of the bar.
    pub(super) bar_y: u32,
    /// The baseline of the figure's text.
    pub(super) text_y: u32,
    /// The parts.
    pub(super) segments: Vec<Segment>,
    /// Where the figure's text starts.
    pub(super) text_x: String,
    /// The figure as text.
    pub(super) text: String,
    /// Whether the figure is written under the bar, smaller, for want of room beside it.
    pub(super) small: bool,
    /// The figure in the summary's JSON, when the bar is one figure.
    pub(super) mark: Option<Mark>,
}

/// A legend entry: a swatch of a class, and what it means.
#[derive(Debug, Clone)]
pub(super) struct Key {
    /// The CSS class of the swatch.
    pub(super) class: &'static str,
    /// What it means.
    pub(super) text: String,
    /// Where the entry starts.
    pub(super) x: u32,
    /// The baseline of its words.
    pub(super) y: u32,
}

/// A chart: its title and description for screen readers and people, and its bars.
#[derive(Debug, Clone)]
pub(super) struct Chart {
    /// A unique id, for `aria-labelledby`.
    pub(super) id: String,
    /// The title.
    pub(super) title: String,
    /// A description: every bar's label and figure, in words.
    pub(super) desc: String,
    /// The bars.
    pub(super) bars: Vec<Bar>,
    /// The legend, under the bars.
    pub(super) keys: Vec<Key>,
    /// The height of the drawing.
    pub(super) height: u32,
}

impl Chart {
    /// The width of the drawing.
    pub(super) fn width(&self) -> u32 {
        WIDTH
    }
}

/// One value of a bar: the part drawn solid and the part drawn as a range
/// beyond it, in the same unit for every bar of a chart.
#[derive(Debug, Clone)]
pub(super) struct Value {
    /// The label.
    pub(super) label: String,
    /// Stacked parts, each with the class that draws it; one for a plain bar.
    pub(super) parts: Vec<(f64, &'static str)>,
    /// The figure as text, beside the bar.
    pub(super) text: String,
    /// The figure in the summary's JSON.
    pub(super) mark: Option<Mark>,
}

/// A label shortened to [`LABEL_CHARS`], with `…` when cut.
fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_owned();
    }
    let mut out: String = label.chars().take(LABEL_CHARS - 1).collect();
    out.push('…');
    out
}

/// About how wide a figure's text is (15 units a character's height, bold).
fn text_width(text: &str) -> f64 {
    #[allow(clippy::cast_precision_loss)] // a few characters
    let chars = text.chars().count() as f64;
    chars * 8.5
}

fn number(x: f64) -> String {
    format!("{x:.1}")
}

/// A chart of `values`, with a legend of `keys` (class and meaning) under it.
pub(super) fn chart(id: String, title: String, values: Vec<Value>, keys: Vec<(&'static str, String)>) -> Chart {
    let largest = values.iter().map(|v| v.parts.iter().map(|(x, _)| x).sum::<f64>()).fold(0.0, f64::max);
    let scale = if largest > 0.0 { BAR_MAX / largest } else { 0.0 };
    let mut desc = Vec::new();
    let mut bars = Vec::new();
    let mut y = 0;
    for value in values {
        desc.push(format!("{}: {}", value.label, value.text));
        let mut x = LEFT;
        let mut segments = Vec::new();
        for (amount, class) in &value.parts {
            let width = amount * scale;
            if width > 0.0 {
                // A part too small to see still shows: at least half a unit.
                let shown = width.max(0.5);
                segments.push(Segment { x: number(x), width: number(shown), class });
                x += shown;
            }
        }
        // The figure beside the bar, or under it when it would not fit beside.
        let beside = x + 6.0 + text_width(&value.text) <= f64::from(WIDTH);
        let (text_x, text_y, row) =
            if beside { (x + 6.0, y + 20 + BAR - 3, ROW) } else { (LEFT, y + 20 + BAR + 16, ROW + 20) };
        bars.push(Bar {
            label: short(&value.label),
            label_y: y + 14,
            bar_y: y + 20,
            text_y,
            segments,
            text_x: number(text_x),
            text: value.text,
            small: !beside,
            mark: value.mark,
        });
        y += row;
    }
    // The legend on one line, or an entry a line when one line is too narrow.
    let widths: Vec<u32> =
        keys.iter().map(|(_, text)| 24 + u32::try_from(text.chars().count()).unwrap_or(40) * 9 + 12).collect();
    let one_line = widths.iter().sum::<u32>() + 4 <= WIDTH;
    let (mut key_x, mut key_y) = (4, y + 14);
    let mut keys_height = if keys.is_empty() { 0 } else { 20 };
    let keys: Vec<Key> = keys
        .into_iter()
        .zip(widths)
        .enumerate()
        .map(|(i, ((class, text), width))| {
            if !one_line && i > 0 {
                key_y += 20;
                keys_height += 20;
            }
            let key = Key { class, text, x: key_x, y: key_y };
            if one_line {
                key_x += width;
            }
            key
        })
        .collect();
    Chart { id, title, desc: desc.join("; "), bars, keys, height: y + keys_height + 4 }
}
