//! Marker symbols: a colour and a shape per incident type, in a fixed order.

use std::fmt::Write;

use super::svg::num;

/// The colours types receive, in order: the Okabe–Ito colour-blind-safe
/// palette without its yellow (lost on the beige land) and black (which
/// outweighs every other marker), and with Paul Tol's wine and a mid grey
/// in their place; the grey is last, so "Other types" gets it.
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#882255", "#666666",
];

/// The legend entry of the rarest types, grouped past `--max-types`.
pub const OTHER_TYPES: &str = "Other types";

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

/// Outline width of a filled marker, in pixels.
pub const OUTLINE_WIDTH: f64 = 1.0;
/// The inside of a hollow marker (a point that stands for an area).
pub const HOLLOW_FILL: &str = "#ffffff";
/// The outline width of a hollow marker, drawn in its type's colour.
pub const HOLLOW_WIDTH: f64 = 2.2;

/// The outline dashes of a marker whose size number is not reported.
pub const UNREPORTED_DASH: &str = " stroke-dasharray=\"2,1.5\"";

/// How the map draws one incident type: what a QGIS style or another
/// renderer needs to draw it the same way.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeSymbol {
    /// The type as the legend names it ("Unspecified" for no type).
    pub name: String,
    /// How many incidents have it.
    pub count: usize,
    /// Marker shape.
    pub shape: Shape,
    /// Fill colour, `#rrggbb`.
    pub colour: String,
    /// Marker radius in pixels (1/96 inch), before `--size-by`.
    pub radius: f64,
    /// Outline colour.
    pub outline: String,
}

impl Shape {
    /// How far the shape reaches from its centre, in marker radii (for a
    /// square, half its side): each shape is scaled so that its area is that
    /// of a circle of the marker's radius, so a value reads the same in every
    /// shape.
    pub fn reach(self) -> f64 {
        match self.unit_outline() {
            None => 1.0,
            Some(points) => (std::f64::consts::PI / polygon_area(&points)).sqrt(),
        }
    }

    /// The shape's corners at reach 1 (`None` for the circle).
    fn unit_outline(self) -> Option<Vec<(f64, f64)>> {
        let up = -std::f64::consts::FRAC_PI_2;
        Some(match self {
            Shape::Circle => return None,
            Shape::Square => vec![(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)],
            Shape::Triangle => regular(3, up, None),
            Shape::Diamond => regular(4, up, None),
            Shape::TriangleDown => regular(3, -up, None),
            Shape::Hexagon => regular(6, 0.0, None),
            Shape::Star => regular(5, up, Some(0.45)),
            Shape::Cross => vec![
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
        })
    }
}

/// The area of a simple polygon (shoelace formula).
pub fn polygon_area(points: &[(f64, f64)]) -> f64 {
    let n = points.len();
    let twice: f64 = (0..n)
        .map(|i| {
            let (a, b) = (points[i], points[(i + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum();
    twice.abs() / 2.0
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

/// The shape of the type at `rank` (0 = most frequent) when the palette has
/// `colours` colours. Types take the colours in order; each time the palette
/// starts over, the shapes shift by one, so every (colour, shape) pair stays
/// distinct for the first `8 * colours` types.
pub fn shape(rank: usize, colours: usize) -> Shape {
    let colours = colours.max(1);
    SHAPES[(rank % colours + rank / colours) % SHAPES.len()]
}

/// Marker sizes for `--size-by`: the marker's area grows in proportion to
/// the number, on top of the area of the smallest marker, which stands for 0
/// or "not reported".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SizeScale {
    /// Radius for 0 or no number.
    pub min_radius: f64,
    /// Radius for the largest number.
    pub max_radius: f64,
    /// The largest number in the data (at least 1).
    pub top: u32,
}

impl SizeScale {
    /// The radius for a number; `None` (not reported) gets the smallest marker.
    pub fn radius(&self, value: Option<u32>) -> f64 {
        let v = f64::from(value.unwrap_or(0).min(self.top));
        let (a, b) = (self.min_radius.powi(2), self.max_radius.powi(2));
        (a + (b - a) * v / f64::from(self.top.max(1))).sqrt()
    }

    /// Round numbers for the size key, largest first: a round number near
    /// the top, then about a third and a fifteenth of it, each kept when its
    /// marker differs enough from the others to tell apart.
    pub fn key_values(&self) -> Vec<u32> {
        let first = round_floor(
            f64::from(self.top.max(1)),
            &[1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0],
        );
        let mut values: Vec<u32> = Vec::new();
        for v in [
            first,
            nice_floor((first / 3.0).max(1.0)),
            nice_floor((first / 15.0).max(1.0)),
        ] {
            let r = self.radius(Some(v as u32));
            let last = values.last().map(|&l| self.radius(Some(l)));
            if last.is_none_or(|l| l - r >= 3.0) && r - self.min_radius >= 2.0 {
                values.push(v as u32);
            }
        }
        values
    }
}

/// The largest of `steps` times a power of ten that is not above `x` (x ≥ 1).
fn round_floor(x: f64, steps: &[f64]) -> f64 {
    let power = 10f64.powf(x.log10().floor());
    steps
        .iter()
        .rev()
        .map(|m| m * power)
        .find(|d| *d <= x * (1.0 + 1e-12))
        .unwrap_or(power)
}

/// The largest 1, 2 or 5 times a power of ten that is not above `x` (x ≥ 1).
pub fn nice_floor(x: f64) -> f64 {
    round_floor(x, &[1.0, 2.0, 5.0])
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
    let Some(points) = shape.unit_outline() else {
        return format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {style}/>",
            num(cx),
            num(cy),
            num(r)
        );
    };
    // Triangles sit a little off their centroid so they look centred.
    let dy = match shape {
        Shape::Triangle => 0.2,
        Shape::TriangleDown => -0.2,
        _ => 0.0,
    };
    let d = polygon(cx, cy + r * dy, r * shape.reach(), &points);
    format!("<path d=\"{d}\" {style}/>")
}

/// A pie of type counts centred at `centre` (slices `(type rank, count)`,
/// clockwise from the top), with a tooltip unless `title` is empty; one
/// type makes a full disc.
pub fn pie(
    centre: (f64, f64),
    r: f64,
    slices: &[(usize, usize)],
    style: &super::style::Style,
    title: &str,
) -> String {
    let total: usize = slices.iter().map(|s| s.1).sum();
    let outline = &style.colours.marker_outline;
    let mut out = if title.is_empty() {
        "<g>".to_string()
    } else {
        format!("<g><title>{}</title>", super::svg::escape(title))
    };
    let (cx, cy) = centre;
    if slices.len() <= 1 || total == 0 {
        let colour = style.type_colour(slices.first().map_or(0, |s| s.0));
        out.push_str(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{colour}\" stroke=\"{outline}\" stroke-width=\"1\"/>",
            num(cx),
            num(cy),
            num(r)
        ));
    } else {
        let mut angle = -std::f64::consts::FRAC_PI_2;
        for &(rank, n) in slices {
            let sweep = std::f64::consts::TAU * n as f64 / total as f64;
            let (x0, y0) = (cx + r * angle.cos(), cy + r * angle.sin());
            angle += sweep;
            let (x1, y1) = (cx + r * angle.cos(), cy + r * angle.sin());
            let large = if sweep > std::f64::consts::PI { 1 } else { 0 };
            out.push_str(&format!(
                "<path d=\"M{},{}L{},{}A{},{} 0 {large} 1 {},{}Z\" fill=\"{}\" stroke=\"{outline}\" stroke-width=\"0.6\"/>",
                num(cx),
                num(cy),
                num(x0),
                num(y0),
                num(r),
                num(r),
                num(x1),
                num(y1),
                style.type_colour(rank)
            ));
        }
    }
    out.push_str("</g>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_and_shape_pairs_stay_distinct() {
        for colours in 1..=10 {
            let pairs: Vec<(usize, Shape)> = (0..8 * colours)
                .map(|r| (r % colours, shape(r, colours)))
                .collect();
            for (i, a) in pairs.iter().enumerate() {
                assert!(
                    !pairs[i + 1..].contains(a),
                    "{colours} colours: {a:?} twice"
                );
            }
        }
        assert_eq!(shape(0, 8), Shape::Circle);
        assert_eq!(shape(7, 8), Shape::Cross);
        assert_eq!(shape(8, 8), Shape::Square);
    }

    /// The area of a marker as drawn, from its SVG (a circle or a path of
    /// straight segments).
    fn drawn_area(svg: &str) -> f64 {
        let attr = |name: &str| -> &str {
            let start = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            &svg[start..start + svg[start..].find('"').unwrap()]
        };
        if svg.starts_with("<circle") {
            return std::f64::consts::PI * attr("r").parse::<f64>().unwrap().powi(2);
        }
        let points: Vec<(f64, f64)> = attr("d")
            .trim_end_matches('Z')
            .split(['M', 'L'])
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect();
        polygon_area(&points)
    }

    #[test]
    fn every_shape_has_the_area_of_its_circle() {
        for r in [4.0, 6.5, 22.0] {
            let circle = std::f64::consts::PI * r * r;
            for shape in SHAPES {
                let area = drawn_area(&marker(shape, 50.0, 50.0, r, "", None));
                assert!(
                    (area / circle - 1.0).abs() < 0.01,
                    "{shape:?} at r={r}: {area:.1} against {circle:.1}"
                );
            }
        }
    }

    #[test]
    fn size_scale_grows_area_in_proportion() {
        let s = SizeScale {
            min_radius: 4.0,
            max_radius: 20.0,
            top: 145,
        };
        assert_eq!(s.radius(None), 4.0);
        assert_eq!(s.radius(Some(0)), 4.0);
        assert!((s.radius(Some(145)) - 20.0).abs() < 1e-9);
        let area = |v| s.radius(Some(v)).powi(2) - 16.0;
        assert!((area(100) / area(50) - 2.0).abs() < 1e-9);
        let key = s.key_values();
        assert_eq!(key, vec![100, 20]);
        let s = SizeScale { top: 40, ..s };
        assert_eq!(s.key_values()[0], 40);
        assert!(key.windows(2).all(|w| w[0] > w[1]), "{key:?}");
        assert_eq!(nice_floor(730.0), 500.0);
        assert_eq!(nice_floor(199.0), 100.0);
        assert_eq!(nice_floor(2.5), 2.0);
    }
}
