//! Label placement: each label tries positions around its point, nearest
//! first, then further out with a leader line; it takes the first position
//! that overlaps no marker, no other label, no reserved box (legend, scale
//! bar) and stays inside the frame. A label with no free position is not
//! drawn; it is returned so the caller can report it.

use super::font::Font;

/// An axis-aligned box in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left.
    pub x0: f64,
    /// Top.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub y1: f64,
}

impl Rect {
    /// A box from its left, top, width and height.
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect {
            x0: x,
            y0: y,
            x1: x + w,
            y1: y + h,
        }
    }

    /// The box around a circle.
    pub fn around(cx: f64, cy: f64, r: f64) -> Rect {
        Rect {
            x0: cx - r,
            y0: cy - r,
            x1: cx + r,
            y1: cy + r,
        }
    }

    /// Whether the two boxes share any area.
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    /// Whether `other` lies wholly inside this box.
    pub fn contains(&self, other: &Rect) -> bool {
        other.x0 >= self.x0 && other.x1 <= self.x1 && other.y0 >= self.y0 && other.y1 <= self.y1
    }

    /// The box grown by `d` on every side (shrunk for negative `d`).
    pub fn inflate(&self, d: f64) -> Rect {
        Rect {
            x0: self.x0 - d,
            y0: self.y0 - d,
            x1: self.x1 + d,
            y1: self.y1 + d,
        }
    }

    /// The smallest box around both.
    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }

    /// The centre point.
    pub fn centre(&self) -> (f64, f64) {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }

    /// Whether the point lies inside the box (edges included).
    pub fn contains_point(&self, (x, y): (f64, f64)) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }

    /// Whether the segment from `a` to `b` passes through the box's inside
    /// (Liang–Barsky clipping).
    pub fn crossed_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [
            (-dx, a.0 - self.x0),
            (dx, self.x1 - a.0),
            (-dy, a.1 - self.y0),
            (dy, self.y1 - a.1),
        ] {
            if p == 0.0 {
                if q <= 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        t1 - t0 > 1e-9
    }

    /// The distance between the two boxes (0 when they touch or overlap).
    pub fn gap(&self, other: &Rect) -> f64 {
        let dx = (other.x0 - self.x1).max(self.x0 - other.x1).max(0.0);
        let dy = (other.y0 - self.y1).max(self.y0 - other.y1).max(0.0);
        (dx * dx + dy * dy).sqrt()
    }

    /// Width.
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    /// Height.
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    /// How far `p` lies from the box (0 inside it).
    pub fn distance_to(&self, p: (f64, f64)) -> f64 {
        let (x, y) = self.nearest(p);
        (x - p.0).hypot(y - p.1)
    }

    /// The point of this box nearest to `p`.
    pub fn nearest(&self, p: (f64, f64)) -> (f64, f64) {
        (p.0.clamp(self.x0, self.x1), p.1.clamp(self.y0, self.y1))
    }
}

/// A label to place next to the markers of one place.
#[derive(Clone, Debug)]
pub struct LabelRequest {
    /// The text.
    pub text: String,
    /// The box around the place's markers; the label goes beside it.
    pub anchor: Rect,
}

/// A label in its place.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    /// The text.
    pub text: String,
    /// The box the text occupies.
    pub bbox: Rect,
    /// Where the text's baseline starts (text-anchor start).
    pub x: f64,
    /// Baseline.
    pub y: f64,
    /// A leader line from the anchor to the label, when the label sits away from it.
    pub leader: Option<((f64, f64), (f64, f64))>,
    /// The box around the markers the label names.
    pub anchor: Rect,
}

/// A segment in pixels, such as a leader line.
pub type Segment = ((f64, f64), (f64, f64));

/// Whether two segments cross (touching ends do not count).
pub fn segments_cross(a: Segment, b: Segment) -> bool {
    let cross = |o: (f64, f64), p: (f64, f64), q: (f64, f64)| {
        (p.0 - o.0) * (q.1 - o.1) - (p.1 - o.1) * (q.0 - o.0)
    };
    let d1 = cross(b.0, b.1, a.0);
    let d2 = cross(b.0, b.1, a.1);
    let d3 = cross(a.0, a.1, b.0);
    let d4 = cross(a.0, a.1, b.1);
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// Distances from the anchor tried in turn, for 12 px labels (those with a
/// leader scale with the label size); the first needs no leader line.
const GAPS: [f64; 6] = [3.0, 14.0, 28.0, 46.0, 70.0, 100.0];

/// Places labels in order (the most important first) around their anchors.
/// Each label takes the first free position, nearest first; a position away
/// from the anchor gets a leader line, which must not cross a marker, another
/// label or another leader, unless no position allows that (a leader may then
/// cross a marker, never a label). Returns the placed labels and the texts
/// that found no free position.
pub fn place(
    requests: &[LabelRequest],
    markers: &[Rect],
    reserved: &[Rect],
    frame: Rect,
    font: &Font,
    size: f64,
) -> (Vec<PlacedLabel>, Vec<String>) {
    place_at(requests, markers, reserved, frame, font, size, &GAPS)
}

/// Places labels as [`place`] does, but only right next to their anchors,
/// never at the end of a leader line: for names that are context, which
/// give way rather than move away.
pub fn place_beside(
    requests: &[LabelRequest],
    markers: &[Rect],
    reserved: &[Rect],
    frame: Rect,
    font: &Font,
    size: f64,
) -> (Vec<PlacedLabel>, Vec<String>) {
    place_at(requests, markers, reserved, frame, font, size, &GAPS[..1])
}

fn place_at(
    requests: &[LabelRequest],
    markers: &[Rect],
    reserved: &[Rect],
    frame: Rect,
    font: &Font,
    size: f64,
    gaps: &[f64],
) -> (Vec<PlacedLabel>, Vec<String>) {
    let obstacles: Vec<Rect> = markers.iter().chain(reserved).copied().collect();
    let ascent = font.ascent(size);
    let height = ascent + font.descent(size);
    let inside = frame.inflate(-3.0);
    let mut placed: Vec<PlacedLabel> = Vec::new();
    // The markers of each placed label's place.
    let mut owned: Vec<Vec<Rect>> = Vec::new();
    let mut unplaced = Vec::new();
    // Unit directions: right, left, above-right, below-right, above-left, below-left, above, below.
    let directions = [
        (1.0, 0.0),
        (-1.0, 0.0),
        (1.0, -1.0),
        (1.0, 1.0),
        (-1.0, -1.0),
        (-1.0, 1.0),
        (0.0, -1.0),
        (0.0, 1.0),
    ];
    for request in requests {
        let width = font.width(&request.text, size);
        let a = request.anchor;
        let (cx, cy) = a.centre();
        // Leaders as long as the labels are big: shorter on a small figure.
        let unit = size / 12.0;
        let candidates = gaps.iter().enumerate().flat_map(|(step, &gap)| {
            let gap = if step == 0 { gap } else { gap * unit };
            directions.iter().map(move |&(dx, dy)| {
                let x = match dx {
                    d if d > 0.0 => a.x1 + gap,
                    d if d < 0.0 => a.x0 - gap - width,
                    _ => cx - width / 2.0,
                };
                let y = match dy {
                    d if d > 0.0 => a.y1 + gap,
                    d if d < 0.0 => a.y0 - gap - height,
                    _ => cy - height / 2.0,
                };
                let bbox = Rect::new(x, y, width, height);
                let leader =
                    (step > 0).then(|| (a.nearest(bbox.centre()), bbox.nearest(a.centre())));
                (bbox, leader)
            })
        });
        let free: Vec<(Rect, Option<Segment>)> = candidates
            .filter(|(bbox, _)| {
                inside.contains(bbox)
                    && !obstacles.iter().any(|o| o.intersects(bbox))
                    && !placed.iter().any(|p| p.bbox.inflate(2.0).intersects(bbox))
            })
            .collect();
        let leader_clear = |leader: &Option<Segment>, strict: bool| {
            let Some((p, q)) = *leader else {
                return true;
            };
            let crosses_obstacle = obstacles
                .iter()
                .filter(|o| !a.inflate(0.01).contains(o))
                .any(|o| o.crossed_by(p, q));
            (!strict || !crosses_obstacle)
                && !placed.iter().any(|l| {
                    l.bbox.crossed_by(p, q) || l.leader.is_some_and(|s| segments_cross(s, (p, q)))
                })
        };
        // A label must not hug another place's marker, or a reader may take
        // it for that marker's: right next to its own markers it sits closer
        // to them than to any other; at the end of a leader it keeps clear
        // of other markers.
        let clear_of_others = |bbox: &Rect, leader: &Option<Segment>| {
            let own = if leader.is_some() {
                size
            } else {
                a.gap(bbox) + size / 2.0
            };
            markers
                .iter()
                .filter(|m| !a.inflate(0.01).contains(m))
                .all(|m| m.gap(bbox) > own)
        };
        // Nor may a reader pair a marker with the wrong label: each of this
        // place's markers lies nearer this label than any other, and no
        // labelled place's marker lies nearer this label than its own.
        let own: Vec<Rect> = markers
            .iter()
            .filter(|m| a.inflate(0.01).contains(m))
            .copied()
            .collect();
        let unambiguous = |bbox: &Rect| {
            own.iter().all(|m| {
                let d = bbox.distance_to(m.centre());
                placed.iter().all(|p| p.bbox.distance_to(m.centre()) >= d)
            }) && placed.iter().zip(&owned).all(|(p, theirs)| {
                theirs
                    .iter()
                    .all(|m| bbox.distance_to(m.centre()) >= p.bbox.distance_to(m.centre()))
            })
        };
        let chosen = free
            .iter()
            .find(|(bbox, leader)| {
                leader_clear(leader, true) && clear_of_others(bbox, leader) && unambiguous(bbox)
            })
            .or_else(|| {
                free.iter()
                    .find(|(bbox, leader)| leader_clear(leader, true) && unambiguous(bbox))
            });
        if chosen.is_some() {
            owned.push(own.clone());
        }
        match chosen {
            Some(&(bbox, leader)) => placed.push(PlacedLabel {
                text: request.text.clone(),
                bbox,
                x: bbox.x0,
                y: bbox.y0 + ascent,
                leader,
                anchor: a,
            }),
            None => unplaced.push(request.text.clone()),
        }
    }
    (placed, unplaced)
}

/// A name set inside an area (a country), one or two lines, centred.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaLabel {
    /// The name as given.
    pub text: String,
    /// The lines as drawn.
    pub lines: Vec<String>,
    /// Font size.
    pub size: f64,
    /// Extra space after each character.
    pub spacing: f64,
    /// The box the text occupies.
    pub bbox: Rect,
    /// Baselines of the lines, at the horizontal centre.
    pub baselines: Vec<(f64, f64)>,
}

/// The ways to set a name: one line, then two lines split at the space
/// nearest the middle; each at full size and a little smaller.
fn settings(text: &str, size: f64) -> Vec<(Vec<String>, f64)> {
    let mut lines = vec![vec![text.to_string()]];
    let spaces: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).collect();
    if let Some(&cut) = spaces
        .iter()
        .min_by_key(|&&i| (2 * i as i64 - text.len() as i64).abs())
    {
        lines.push(vec![text[..cut].to_string(), text[cut + 1..].to_string()]);
    }
    let mut out = Vec::new();
    for scale in [1.0, 0.85] {
        for l in &lines {
            out.push((l.clone(), size * scale));
        }
    }
    out
}

/// Places names inside their areas (biggest area first): each name goes
/// where it lies wholly inside the area, farthest from the area's edge, and
/// clear of the obstacles, the segments (leader lines) and the names already
/// placed. A name that fits nowhere is left out: an area name is context.
pub fn place_in_areas(
    areas: &[(String, geo::MultiPolygon<f64>)],
    obstacles: &[Rect],
    segments: &[Segment],
    frame: Rect,
    font: &Font,
    size: f64,
    spacing: f64,
) -> Vec<AreaLabel> {
    use geo::{Area, BoundingRect, Contains, Distance, Euclidean, Simplify};
    let inside = frame.inflate(-4.0);
    let mut order: Vec<(f64, usize, &geo::Polygon<f64>)> = areas
        .iter()
        .enumerate()
        .filter_map(|(k, (_, shape))| {
            let biggest = shape
                .iter()
                .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
            Some((biggest.unsigned_area(), k, biggest))
        })
        .collect();
    order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut placed: Vec<AreaLabel> = Vec::new();
    for (area, k, polygon) in order {
        let text = &areas[k].0;
        let Some(bounds) = polygon.bounding_rect() else {
            continue;
        };
        let ascent = font.ascent(size);
        if area < (ascent * 3.0).powi(2) || text.is_empty() {
            continue;
        }
        let (bw, bh) = (bounds.width(), bounds.height());
        let step = (bw.min(bh) / 12.0).max(2.0);
        // Candidate centres are found and ranked on the outline simplified to
        // a quarter of the grid step: far fewer edges to measure against, and
        // no point's depth is off by more than `slack`.
        let slack = step / 4.0;
        let coarse = polygon.simplify(slack);
        let mut centres = Vec::new();
        let mut y = bounds.min().y + step / 2.0;
        while y < bounds.max().y {
            let mut x = bounds.min().x + step / 2.0;
            while x < bounds.max().x {
                let point = geo::Point::new(x, y);
                if coarse.contains(&point) {
                    let depth = Euclidean.distance(&point, coarse.exterior());
                    let depth = coarse
                        .interiors()
                        .iter()
                        .map(|h| Euclidean.distance(&point, h))
                        .fold(depth, f64::min);
                    centres.push((depth, x, y));
                }
                x += step;
            }
            y += step;
        }
        centres.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(a.2.total_cmp(&b.2))
                .then(a.1.total_cmp(&b.1))
        });
        'settings: for (lines, sz) in settings(text, size) {
            let asc = font.ascent(sz);
            let line_height = sz * 1.2;
            let w = lines
                .iter()
                .map(|l| font.width(l, sz) + spacing * l.chars().count() as f64)
                .fold(0.0, f64::max);
            let h = asc + line_height * (lines.len() - 1) as f64;
            for &(depth, cx, cy) in &centres {
                let bbox = Rect::new(cx - w / 2.0, cy - h / 2.0, w, h);
                let free = inside.contains(&bbox)
                    && !obstacles.iter().any(|o| o.intersects(&bbox))
                    && !placed.iter().any(|p| p.bbox.inflate(6.0).intersects(&bbox))
                    && !segments.iter().any(|&(p, q)| bbox.crossed_by(p, q));
                if !free {
                    continue;
                }
                // The centre is inside the country; the box is too when no
                // border passes through it (certainly so when the box fits in
                // the circle of the centre's distance to the border).
                let r = bbox.inflate(1.0);
                let fits = (r.x1 - r.x0).hypot(r.y1 - r.y0) / 2.0 < depth - slack;
                if !fits && crosses_rings(polygon, &r) {
                    continue;
                }
                let baselines = (0..lines.len())
                    .map(|i| (cx, bbox.y0 + asc + line_height * i as f64))
                    .collect();
                placed.push(AreaLabel {
                    text: text.clone(),
                    lines,
                    size: sz,
                    spacing,
                    bbox,
                    baselines,
                });
                break 'settings;
            }
        }
    }
    placed
}

/// Whether any edge of the polygon's rings passes through the box.
fn crosses_rings(polygon: &geo::Polygon<f64>, r: &Rect) -> bool {
    std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .flat_map(|ring| ring.lines())
        .any(|l| r.crossed_by((l.start.x, l.start.y), (l.end.x, l.end.y)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::font;

    #[test]
    fn labels_avoid_each_other_and_obstacles() {
        let frame = Rect::new(0.0, 0.0, 400.0, 300.0);
        let requests: Vec<LabelRequest> = (0..6)
            .map(|i| LabelRequest {
                text: format!("Place {i}"),
                anchor: Rect::around(200.0 + i as f64 * 13.0, 150.0, 6.0),
            })
            .collect();
        let obstacles: Vec<Rect> = requests.iter().map(|r| r.anchor).collect();
        let (placed, unplaced) = place(&requests, &obstacles, &[], frame, &font::regular(), 12.0);
        assert_eq!(placed.len() + unplaced.len(), 6);
        assert!(placed.len() >= 5);
        for (i, a) in placed.iter().enumerate() {
            assert!(frame.contains(&a.bbox));
            assert!(!obstacles.iter().any(|o| o.intersects(&a.bbox)));
            for b in &placed[i + 1..] {
                assert!(
                    !a.bbox.intersects(&b.bbox),
                    "{} overlaps {}",
                    a.text,
                    b.text
                );
            }
        }
    }

    #[test]
    fn a_label_with_no_room_is_reported_not_drawn() {
        let frame = Rect::new(0.0, 0.0, 60.0, 20.0);
        let requests = [LabelRequest {
            text: "A name far too long for this frame".into(),
            anchor: Rect::around(30.0, 10.0, 3.0),
        }];
        let (placed, unplaced) = place(&requests, &[], &[], frame, &font::regular(), 12.0);
        assert!(placed.is_empty());
        assert_eq!(
            unplaced,
            vec!["A name far too long for this frame".to_string()]
        );
    }
}
