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
    /// The size key: what the size stands for, and the scale.
    pub size: Option<(String, SizeScale)>,
}

/// Markup for a legend symbol centred at a given height.
type MarkerAt = Box<dyn Fn(f64) -> String>;

const PAD: f64 = 12.0;
const HOLLOW_TEXT: &str = "Province or country only";
const SPREAD_TEXT: &str = "Shared place, markers spread";
const ZERO_TEXT: &str = "0 or n/a";

impl Legend {
    fn row_height(style: &Style) -> f64 {
        (style.sizes.legend * 1.65).max(2.0 * style.sizes.marker + 5.0)
    }

    fn symbol_column(style: &Style) -> f64 {
        2.0 * style.sizes.marker.max(5.0) + 10.0
    }

    fn key_height(&self) -> f64 {
        self.size
            .as_ref()
            .map_or(0.0, |(_, s)| 2.0 * s.max_radius + 2.0)
    }

    /// The size key's circles, largest first: (value text, radius).
    fn key_circles(scale: &SizeScale) -> Vec<(String, f64)> {
        let mut circles: Vec<(String, f64)> = scale
            .key_values()
            .into_iter()
            .map(|v| (v.to_string(), scale.radius(Some(v))))
            .collect();
        circles.push((ZERO_TEXT.to_string(), scale.min_radius));
        circles
    }

    /// Width and height of the legend box.
    pub fn size(&self, style: &Style) -> (f64, f64) {
        let f = &style.typeface;
        let s = style.sizes.legend;
        let row = Legend::row_height(style);
        let mut texts: Vec<(&str, f64)> = self.types.iter().map(|t| (t.0.as_str(), s)).collect();
        if self.hollow {
            texts.push((HOLLOW_TEXT, s));
        }
        if self.spread {
            texts.push((SPREAD_TEXT, s));
        }
        let mut width = texts
            .iter()
            .map(|(t, size)| f.regular.width(t, *size))
            .fold(f.bold.width("Incident type", s), f64::max)
            + Legend::symbol_column(style);
        let rows = texts.len() as f64;
        let mut height = PAD + s * 1.4 + rows * row + PAD * 0.5;
        if let Some((title, scale)) = &self.size {
            let circles = Legend::key_circles(scale);
            let key_width: f64 = circles
                .iter()
                .map(|(t, r)| (2.0 * r).max(f.regular.width(t, s * 0.85)) + 8.0)
                .sum();
            width = width.max(key_width).max(f.bold.width(title, s));
            height += s * 1.9 + self.key_height() + s * 1.3;
        }
        (width + 2.0 * PAD, height)
    }

    /// Draws the legend layer inside `b`.
    pub fn draw(&self, svg: &mut Svg, b: Rect, style: &Style) {
        let c = &style.colours;
        let s = style.sizes.legend;
        let row = Legend::row_height(style);
        svg.text_layer("legend", "Legend", style, Some(s), &c.text);
        svg.rect(
            b,
            "rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.92\" stroke=\"#b0b0b0\" stroke-width=\"0.6\"",
        );
        let ascent = style.typeface.regular.ascent(s);
        let mut y = b.y0 + PAD + ascent;
        svg.text(b.x0 + PAD, y, "font-weight=\"bold\"", "Incident type");
        y += s * 0.4;
        let sx = b.x0 + PAD + Legend::symbol_column(style) / 2.0 - 5.0;
        let tx = b.x0 + PAD + Legend::symbol_column(style);
        let r = style.sizes.marker;
        let mut rows: Vec<(MarkerAt, &str)> = Vec::new();
        for (text, shape, colour) in &self.types {
            let style = format!(
                "fill=\"{colour}\" stroke=\"{}\" stroke-width=\"1\"",
                c.marker_outline
            );
            let shape = *shape;
            rows.push((
                Box::new(move |cy| symbols::marker(shape, sx, cy, r, &style, None)),
                text,
            ));
        }
        if self.hollow {
            let stroke = c.muted_text.clone();
            rows.push((
                Box::new(move |cy| {
                    format!(
                        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" stroke=\"{stroke}\" stroke-width=\"2.2\"/>",
                        num(sx),
                        num(cy),
                        num(r)
                    )
                }),
                HOLLOW_TEXT,
            ));
        }
        if self.spread {
            let (leader, dot) = (c.leaders.clone(), c.text.clone());
            rows.push((
                Box::new(move |cy| {
                    format!(
                        "<g><line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{leader}\" stroke-width=\"0.8\"/><circle cx=\"{}\" cy=\"{y}\" r=\"1.8\" fill=\"{dot}\"/></g>",
                        num(sx - 5.0),
                        num(sx + 7.0),
                        num(sx - 5.0),
                        y = num(cy)
                    )
                }),
                SPREAD_TEXT,
            ));
        }
        for (marker, text) in rows {
            let centre = y + row / 2.0;
            svg.element(&marker(centre));
            svg.text(tx, centre + ascent / 2.0, "", text);
            y += row;
        }
        if let Some((title, scale)) = &self.size {
            y += s * 0.5 + ascent;
            svg.text(b.x0 + PAD, y, "font-weight=\"bold\"", title);
            let bottom = y + s * 0.6 + self.key_height();
            let mut x = b.x0 + PAD;
            for (text, radius) in Legend::key_circles(scale) {
                let w = (2.0 * radius).max(style.typeface.regular.width(&text, s * 0.85));
                let cx = x + w / 2.0;
                svg.element(&format!(
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" fill-opacity=\"0.12\" stroke=\"{}\" stroke-width=\"1\"/>",
                    num(cx),
                    num(bottom - radius),
                    num(radius),
                    c.text,
                    c.text
                ));
                svg.text(
                    cx,
                    bottom + s * 1.15,
                    &format!("font-size=\"{}\" text-anchor=\"middle\"", num(s * 0.85)),
                    &text,
                );
                x += w + 8.0;
            }
        }
        svg.end();
    }
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
    let c = &style.colours;
    let len = km * px_per_km;
    let (x, y) = (b.x0 + 10.0, b.y1 - 10.0);
    svg.text_layer("scalebar", "Scale bar", style, Some(11.0), &c.text);
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
    svg.end();
}

/// The scale bar box size for a text.
pub fn scale_bar_size(text_width: f64, bar: f64) -> (f64, f64) {
    (bar.max(text_width) + 20.0, 34.0)
}
