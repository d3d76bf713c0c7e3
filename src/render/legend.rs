//! The legend (types with counts, hollow and shared-place markers, the size
//! key) and the scale bar.

use super::labels::Rect;
use super::style::Style;
use super::svg::{Svg, num};
use super::symbols::{self, Shape, SizeScale};

/// What the legend explains.
pub struct Legend {
    /// Each type: text (name and count), shape, colour; in rank order.
    pub types: Vec<(String, Shape, String)>,
    /// Some markers are hollow (located to a province or country only).
    pub hollow: bool,
    /// Some markers are spread around a shared place.
    pub spread: bool,
    /// Crowded places are drawn as one pie of their types: from how many
    /// incidents on.
    pub pies: Option<usize>,
    /// The size key, under `--size-by`.
    pub size: Option<SizeKey>,
    /// Columns the rows are set in (top to bottom, then left to right).
    pub columns: usize,
}

/// The size key: what marker area stands for and how.
#[derive(Clone, Debug, PartialEq)]
pub struct SizeKey {
    /// What the size shows ("Fatalities").
    pub title: String,
    /// Values to sizes.
    pub scale: SizeScale,
    /// The one shape every marker has, to draw the key in; `None` when
    /// markers have several shapes: the key is drawn in circles and says
    /// that areas match in every shape.
    pub shape: Option<Shape>,
    /// The key has a "0" entry (not for counts, which start at 1).
    pub zero: bool,
    /// Some markers lack the number: the key has an "n/a" entry of its own.
    pub unreported: bool,
    /// The smallest value the key shows (pies of crowded places start at
    /// a few incidents).
    pub least: u32,
}

/// One entry of the size key: its text, radius, and whether it is "n/a".
struct KeyEntry {
    text: String,
    radius: f64,
    unreported: bool,
}

/// One row of the legend: its symbol and its text.
enum Row<'a> {
    Type(Shape, &'a str, &'a str),
    Hollow,
    Spread,
    Pie(String),
}

impl Row<'_> {
    fn text(&self) -> &str {
        match self {
            Row::Type(_, text, _) => text,
            Row::Hollow => HOLLOW_TEXT,
            Row::Spread => SPREAD_TEXT,
            Row::Pie(text) => text,
        }
    }
}

const PAD: f64 = 12.0;
const COLUMN_GAP: f64 = 16.0;
const HOLLOW_TEXT: &str = "Province or country only";
const SPREAD_TEXT: &str = "Shared place, markers spread";
const NA_TEXT: &str = "n/a";
const EVERY_SHAPE_TEXT: &str = "Same area in every shape";
const HEADING: &str = "Incident type";

impl Legend {
    fn row_height(style: &Style) -> f64 {
        (style.sizes.legend * 1.65).max(2.0 * style.sizes.marker + 5.0)
    }

    fn symbol_column(style: &Style) -> f64 {
        2.0 * style.sizes.marker.max(5.0) + 10.0
    }

    fn key_height(&self) -> f64 {
        self.size.as_ref().map_or(0.0, |k| {
            let reach = k.shape.map_or(1.0, |s| s.reach());
            2.0 * k.scale.max_radius * reach + 2.0
        })
    }

    fn rows(&self) -> Vec<Row<'_>> {
        let mut rows: Vec<Row> = self
            .types
            .iter()
            .map(|(text, shape, colour)| Row::Type(*shape, text, colour))
            .collect();
        if self.hollow {
            rows.push(Row::Hollow);
        }
        if self.spread {
            rows.push(Row::Spread);
        }
        if let Some(from) = self.pies {
            rows.push(Row::Pie(format!("{from} or more at a place: by type")));
        }
        rows
    }

    /// The rows of each column.
    fn column_rows(&self) -> Vec<Vec<Row<'_>>> {
        let rows = self.rows();
        let per_column = rows.len().div_ceil(self.columns.max(1)).max(1);
        let mut columns: Vec<Vec<Row>> = Vec::new();
        for (i, row) in rows.into_iter().enumerate() {
            if i % per_column == 0 {
                columns.push(Vec::new());
            }
            if let Some(c) = columns.last_mut() {
                c.push(row);
            }
        }
        columns
    }

    /// Widths of the row columns.
    fn column_widths(&self, style: &Style) -> Vec<f64> {
        let f = &style.typeface;
        let s = style.sizes.legend;
        self.column_rows()
            .iter()
            .map(|rows| {
                rows.iter()
                    .map(|r| f.regular.width(r.text(), s))
                    .fold(0.0, f64::max)
                    + Legend::symbol_column(style)
            })
            .collect()
    }

    /// The size key's entries, largest first, then 0, then "n/a".
    fn key_entries(key: &SizeKey) -> Vec<KeyEntry> {
        let scale = &key.scale;
        let mut entries: Vec<KeyEntry> = scale
            .key_values()
            .into_iter()
            .filter(|&v| v >= key.least)
            .chain(key.zero.then_some(0))
            .map(|v| KeyEntry {
                text: v.to_string(),
                radius: scale.radius(Some(v)),
                unreported: false,
            })
            .collect();
        if key.unreported {
            entries.push(KeyEntry {
                text: NA_TEXT.to_string(),
                radius: scale.radius(None),
                unreported: true,
            });
        }
        entries
    }

    /// The width an entry of the size key takes.
    fn key_entry_width(key: &SizeKey, entry: &KeyEntry, style: &Style) -> f64 {
        let reach = key.shape.map_or(1.0, |s| s.reach().max(1.0));
        let text = style
            .typeface
            .regular
            .width(&entry.text, style.sizes.legend * 0.85);
        (2.0 * entry.radius * reach).max(text)
    }

    /// Width and height of the legend box.
    pub fn size(&self, style: &Style) -> (f64, f64) {
        let f = &style.typeface;
        let s = style.sizes.legend;
        let widths = self.column_widths(style);
        let mut width = (widths.iter().sum::<f64>()
            + COLUMN_GAP * widths.len().saturating_sub(1) as f64)
            .max(f.bold.width(HEADING, s));
        let rows = self.rows().len().div_ceil(self.columns.max(1)) as f64;
        let mut height = PAD + s * 1.4 + rows * Legend::row_height(style) + PAD * 0.5;
        if let Some(key) = &self.size {
            let key_width: f64 = Legend::key_entries(key)
                .iter()
                .map(|e| Legend::key_entry_width(key, e, style) + 8.0)
                .sum();
            width = width.max(key_width).max(f.bold.width(&key.title, s));
            height += s * 1.9 + self.key_height() + s * 1.3;
            if key.shape.is_none() {
                width = width.max(f.regular.width(EVERY_SHAPE_TEXT, s * 0.85));
                height += s * 1.2;
            }
        }
        (width + 2.0 * PAD, height)
    }

    /// One legend for maps drawn with the same keys (the panels of a
    /// faceted figure): their types, which are the same on each, and every
    /// kind of marker any of them shows. `None` for no legends.
    pub(crate) fn merge(legends: impl IntoIterator<Item = Legend>) -> Option<Legend> {
        let mut legends = legends.into_iter();
        let mut merged = legends.next()?;
        for l in legends {
            merged.hollow |= l.hollow;
            merged.spread |= l.spread;
            merged.pies = merged.pies.or(l.pies);
            merged.size = match (merged.size.take(), l.size) {
                (Some(mut a), Some(b)) => {
                    a.unreported |= b.unreported;
                    if a.shape != b.shape {
                        a.shape = None;
                    }
                    Some(a)
                }
                (a, b) => a.or(b),
            };
        }
        Some(merged)
    }

    /// Draws the legend layer inside `b`.
    pub fn draw(&self, svg: &mut Svg, b: Rect, style: &Style) {
        let c = &style.colours;
        let s = style.sizes.legend;
        let row = Legend::row_height(style);
        let ascent = open_panel(svg, ("legend", "Legend"), b, PAD, HEADING, style);
        let top = b.y0 + PAD + ascent + s * 0.4;
        let r = style.sizes.marker;
        let mut x = b.x0 + PAD;
        let mut bottom = top;
        for (rows, width) in self.column_rows().iter().zip(self.column_widths(style)) {
            let sx = x + Legend::symbol_column(style) / 2.0 - 5.0;
            let tx = x + Legend::symbol_column(style);
            for (i, entry) in rows.iter().enumerate() {
                let cy = top + row * (i as f64 + 0.5);
                svg.element(&match entry {
                    Row::Type(shape, _, colour) => symbols::marker(
                        *shape,
                        sx,
                        cy,
                        r,
                        &format!(
                            "fill=\"{colour}\" stroke=\"{}\" stroke-width=\"1\"",
                            c.marker_outline
                        ),
                        None,
                    ),
                    Row::Hollow => format!(
                        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"2.2\"/>",
                        num(sx),
                        num(cy),
                        num(r),
                        c.muted_text
                    ),
                    Row::Pie(_) => legend_pie(sx, cy, r * 1.2, &self.types, style),
                    Row::Spread => format!(
                        "<g><line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{}\" stroke-width=\"0.8\"/><circle cx=\"{}\" cy=\"{y}\" r=\"1.8\" fill=\"{}\"/></g>",
                        num(sx - 5.0),
                        num(sx + 7.0),
                        c.leaders,
                        num(sx - 5.0),
                        c.text,
                        y = num(cy)
                    ),
                });
                svg.text(tx, cy + ascent / 2.0, "", entry.text());
                bottom = bottom.max(cy + row / 2.0);
            }
            x += width + COLUMN_GAP;
        }
        if let Some(key) = &self.size {
            let y = bottom + s * 0.5 + ascent;
            svg.text(b.x0 + PAD, y, "font-weight=\"bold\"", &key.title);
            let base = y + s * 0.6 + self.key_height();
            let small = format!("font-size=\"{}\"", num(s * 0.85));
            let mut x = b.x0 + PAD;
            for entry in Legend::key_entries(key) {
                let w = Legend::key_entry_width(key, &entry, style);
                let shape = key.shape.unwrap_or(Shape::Circle);
                // Shapes stand on the key's base line.
                let cy = base - entry.radius * shape.reach().max(1.0);
                let dash = if entry.unreported {
                    symbols::UNREPORTED_DASH
                } else {
                    ""
                };
                svg.element(&symbols::marker(
                    shape,
                    x + w / 2.0,
                    cy,
                    entry.radius,
                    &format!(
                        "fill=\"{}\" fill-opacity=\"0.12\" stroke=\"{}\" stroke-width=\"1\"{dash}",
                        c.text, c.text
                    ),
                    None,
                ));
                svg.text(
                    x + w / 2.0,
                    base + s * 1.15,
                    &format!("{small} text-anchor=\"middle\""),
                    &entry.text,
                );
                x += w + 8.0;
            }
            if key.shape.is_none() {
                svg.text(
                    b.x0 + PAD,
                    base + s * 2.35,
                    &format!("{small} fill=\"{}\"", c.muted_text),
                    EVERY_SHAPE_TEXT,
                );
            }
        }
        svg.end();
    }
}

/// The legend's sample pie: a crowded place's symbol, in the first three
/// types' colours (one full disc when there is one type).
fn legend_pie(
    cx: f64,
    cy: f64,
    r: f64,
    types: &[(String, Shape, String)],
    style: &Style,
) -> String {
    let slices: Vec<(usize, usize)> = match types.len() {
        0 | 1 => vec![(0, 1)],
        2 => vec![(0, 3), (1, 2)],
        _ => vec![(0, 3), (1, 2), (2, 1)],
    };
    symbols::pie((cx, cy), r, &slices, style, "")
}

/// The scale bar's length in km and its text, fitting in `room` pixels.
pub fn scale_bar_length(px_per_km: f64, lat: f64, world: bool, room: f64) -> (f64, String) {
    let km = symbols::nice_floor((room / px_per_km).max(1e-3));
    let distance = if km >= 1.0 {
        format!("{km} km")
    } else {
        format!("{} m", km * 1000.0)
    };
    let text = if world && lat.abs() < 0.5 {
        format!("{distance} at the equator")
    } else if world {
        let hemisphere = if lat >= 0.0 { 'N' } else { 'S' };
        format!("{distance} at {:.0}°{hemisphere}", lat.abs())
    } else {
        distance
    };
    (km, text)
}

/// Draws the scale bar layer in `b`: a bar of `km` kilometres at `px_per_km`.
pub fn draw_scale_bar(svg: &mut Svg, b: Rect, px_per_km: f64, km: f64, text: &str, style: &Style) {
    svg.text_layer(
        "scalebar",
        "Scale bar",
        style,
        Some(11.0),
        &style.colours.text,
    );
    draw_bar(svg, b, km * px_per_km, text, style);
    svg.end();
}

/// The bar, `len` pixels long, and its text, in `b`, into the group open
/// (which sets the font).
pub(crate) fn draw_bar(svg: &mut Svg, b: Rect, len: f64, text: &str, style: &Style) {
    let c = &style.colours;
    let (x, y) = (b.x0 + 10.0, b.y1 - 10.0);
    svg.rect(
        Rect::new(x, y - 4.0, len, 4.0),
        &format!(
            "fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"0.8\"",
            c.text
        ),
    );
    svg.rect(
        Rect::new(x + len / 2.0, y - 3.2, len / 2.0 - 0.8, 2.4),
        "fill=\"#ffffff\"",
    );
    svg.text(
        x,
        y - 9.0,
        "stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
        text,
    );
}

/// The scale bar box size for a text.
pub fn scale_bar_size(text_width: f64, bar: f64) -> (f64, f64) {
    (bar.max(text_width) + 20.0, 34.0)
}

/// Opens a key's text layer (`id`, `label`), draws its white box over `b`
/// and its bold heading `pad` inside; returns the text's ascent. The layer
/// is left open for the key's rows.
pub(crate) fn open_panel(
    svg: &mut Svg,
    (id, label): (&str, &str),
    b: Rect,
    pad: f64,
    heading: &str,
    style: &Style,
) -> f64 {
    let s = style.sizes.legend;
    svg.text_layer(id, label, style, Some(s), &style.colours.text);
    svg.rect(
        b,
        "rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.92\" stroke=\"#b0b0b0\" stroke-width=\"0.6\"",
    );
    let ascent = style.typeface.regular.ascent(s);
    svg.text(
        b.x0 + pad,
        b.y0 + pad + ascent,
        "font-weight=\"bold\"",
        heading,
    );
    ascent
}
