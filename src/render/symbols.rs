//! Marker symbols: a colour and a shape per incident type, in a fixed order.

use std::fmt::Write;

use super::svg::num;

/// The Okabe–Ito colour-blind-safe palette, in the order types receive them.
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
];

/// Marker shapes, in the order types receive them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// ●
    Circle,
    /// ■
    Square,
    /// ▲
    Triangle,
    /// ◆
    Diamond,
    /// ▼
    TriangleDown,
    /// ⬢
    Hexagon,
    /// ★
    Star,
    /// ✚
    Cross,
}

/// All shapes in order.
pub const SHAPES: [Shape; 8] = [
    Shape::Circle,
    Shape::Square,
    Shape::Triangle,
    Shape::Diamond,
    Shape::TriangleDown,
    Shape::Hexagon,
    Shape::Star,
    Shape::Cross,
];

/// The look of one incident type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Symbol {
    /// Fill colour.
    pub colour: &'static str,
    /// Marker shape.
    pub shape: Shape,
}

/// The symbol of the type at `rank` (0 = most frequent). Past eight types the
/// shapes shift against the colours so every pair stays distinct.
pub fn symbol(rank: usize) -> Symbol {
    Symbol {
        colour: PALETTE[rank % PALETTE.len()],
        shape: SHAPES[(rank + rank / SHAPES.len()) % SHAPES.len()],
    }
}

fn polygon(cx: f64, cy: f64, r: f64, points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        let _ = write!(
            d,
            "{}{},{}",
            if i == 0 { 'M' } else { 'L' },
            num(cx + x * r),
            num(cy + y * r)
        );
    }
    d.push('Z');
    d
}

fn regular(n: usize, start: f64, inner: Option<f64>) -> Vec<(f64, f64)> {
    let steps = if inner.is_some() { 2 * n } else { n };
    (0..steps)
        .map(|i| {
            let a = start + i as f64 * std::f64::consts::TAU / steps as f64;
            let r = if i % 2 == 1 {
                inner.unwrap_or(1.0)
            } else {
                1.0
            };
            (r * a.cos(), r * a.sin())
        })
        .collect()
}

/// SVG markup for a marker of `shape` centred at (cx, cy) with radius `r`,
/// with `style` attributes (fill, stroke) added, and a tooltip when `title`
/// is given (escaped here).
pub fn marker(shape: Shape, cx: f64, cy: f64, r: f64, style: &str, title: Option<&str>) -> String {
    let element = outline(shape, cx, cy, r, style);
    match title {
        Some(t) => {
            let name = if shape == Shape::Circle {
                "circle"
            } else {
                "path"
            };
            let open = element.trim_end_matches("/>");
            format!("{open}><title>{}</title></{name}>", super::svg::escape(t))
        }
        None => element,
    }
}

fn outline(shape: Shape, cx: f64, cy: f64, r: f64, style: &str) -> String {
    let up = -std::f64::consts::FRAC_PI_2;
    let d = match shape {
        Shape::Circle => {
            return format!(
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {style}/>",
                num(cx),
                num(cy),
                num(r)
            );
        }
        Shape::Square => polygon(
            cx,
            cy,
            r * 0.88,
            &[(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)],
        ),
        Shape::Triangle => polygon(cx, cy + r * 0.2, r * 1.3, &regular(3, up, None)),
        Shape::Diamond => polygon(cx, cy, r * 1.2, &regular(4, up, None)),
        Shape::TriangleDown => polygon(cx, cy - r * 0.2, r * 1.3, &regular(3, -up, None)),
        Shape::Hexagon => polygon(cx, cy, r * 1.05, &regular(6, 0.0, None)),
        Shape::Star => polygon(cx, cy, r * 1.35, &regular(5, up, Some(0.45))),
        Shape::Cross => polygon(
            cx,
            cy,
            r,
            &[
                (-0.35, -1.0),
                (0.35, -1.0),
                (0.35, -0.35),
                (1.0, -0.35),
                (1.0, 0.35),
                (0.35, 0.35),
                (0.35, 1.0),
                (-0.35, 1.0),
                (-0.35, 0.35),
                (-1.0, 0.35),
                (-1.0, -0.35),
                (-0.35, -0.35),
            ],
        ),
    };
    format!("<path d=\"{d}\" {style}/>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_types_get_distinct_colours_and_shapes() {
        let symbols: Vec<Symbol> = (0..16).map(symbol).collect();
        for (i, a) in symbols.iter().enumerate() {
            for b in &symbols[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(symbol(0).colour, "#0072B2");
        assert_eq!(symbol(0).shape, Shape::Circle);
    }
}
