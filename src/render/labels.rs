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
}

/// Places labels in order (the most important first) around their anchors.
/// Returns the placed labels and the texts that found no free position.
pub fn place(
    requests: &[LabelRequest],
    obstacles: &[Rect],
    frame: Rect,
    font: &Font,
    size: f64,
) -> (Vec<PlacedLabel>, Vec<String>) {
    let ascent = font.ascent(size);
    let height = ascent + font.descent(size);
    let inside = frame.inflate(-3.0);
    let mut placed: Vec<PlacedLabel> = Vec::new();
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
        let mut found = None;
        'search: for (step, gap) in [3.0, 14.0, 28.0, 46.0, 70.0].into_iter().enumerate() {
            for (dx, dy) in directions {
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
                let clear = inside.contains(&bbox)
                    && !obstacles.iter().any(|o| o.intersects(&bbox))
                    && !placed.iter().any(|p| p.bbox.inflate(2.0).intersects(&bbox));
                if clear {
                    let leader =
                        (step > 0).then(|| (a.nearest(bbox.centre()), bbox.nearest(a.centre())));
                    found = Some(PlacedLabel {
                        text: request.text.clone(),
                        bbox,
                        x,
                        y: y + ascent,
                        leader,
                    });
                    break 'search;
                }
            }
        }
        match found {
            Some(label) => placed.push(label),
            None => unplaced.push(request.text.clone()),
        }
    }
    (placed, unplaced)
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
                anchor: Rect::around(200.0 + i as f64 * 4.0, 150.0, 6.0),
            })
            .collect();
        let obstacles: Vec<Rect> = requests.iter().map(|r| r.anchor).collect();
        let (placed, unplaced) = place(&requests, &obstacles, frame, font::regular(), 12.0);
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
        let (placed, unplaced) = place(&requests, &[], frame, font::regular(), 12.0);
        assert!(placed.is_empty());
        assert_eq!(
            unplaced,
            vec!["A name far too long for this frame".to_string()]
        );
    }
}
