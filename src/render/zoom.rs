//! The zoom inset's geometry: which dropped labels form a cluster, where a
//! panel of it fits on the map, and the lines that join the panel to the
//! area it enlarges. The layer itself is `layers/zoom.rs`.

use super::PlacedMarker;
use super::labels::{PlacedLabel, Rect, Segment};

/// Whether a map may add a zoom inset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Zoom {
    /// A panel of the densest cluster whose labels cannot fit, when there is one.
    #[default]
    Auto,
    /// Never: labels that cannot fit are listed under the map.
    None,
}

impl Zoom {
    /// Parses `auto` or `none`.
    pub fn parse(text: &str) -> Result<Zoom, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Zoom::Auto),
            "none" | "off" => Ok(Zoom::None),
            other => Err(format!("`{other}` is not auto or none")),
        }
    }
}

/// Where the zoom inset went, for checking the figure without parsing it.
#[derive(Clone, Debug)]
pub struct ZoomLayout {
    /// The panel on the map.
    pub panel: Rect,
    /// The area of the main map the panel enlarges (outlined there).
    pub area: Rect,
    /// How many times larger the panel shows it.
    pub factor: f64,
    /// The markers in the panel.
    pub markers: Vec<PlacedMarker>,
    /// The place labels in the panel.
    pub labels: Vec<PlacedLabel>,
    /// The panel's scale bar.
    pub scale_bar: Option<Rect>,
    /// The lines from the outlined area to the panel.
    pub connectors: Vec<Segment>,
}

/// The points grouped by single linkage: two points `link` or less apart
/// share a group. Groups come largest first (ties: the one whose first
/// point comes first), each in the points' order.
pub fn clusters(points: &[(f64, f64)], link: f64) -> Vec<Vec<usize>> {
    let mut group: Vec<usize> = (0..points.len()).collect();
    fn root(group: &mut [usize], mut i: usize) -> usize {
        while group[i] != i {
            group[i] = group[group[i]];
            i = group[i];
        }
        i
    }
    for i in 0..points.len() {
        for j in i + 1..points.len() {
            let (a, b) = (points[i], points[j]);
            if (a.0 - b.0).hypot(a.1 - b.1) <= link {
                let (ri, rj) = (root(&mut group, i), root(&mut group, j));
                group[ri.max(rj)] = ri.min(rj);
            }
        }
    }
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut index_of_root: Vec<Option<usize>> = vec![None; points.len()];
    for i in 0..points.len() {
        let r = root(&mut group, i);
        match index_of_root[r] {
            Some(k) => out[k].push(i),
            None => {
                index_of_root[r] = Some(out.len());
                out.push(vec![i]);
            }
        }
    }
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    out
}

/// Where a panel of `size` may go inside `frame`, 10 px in from its edge:
/// along each side (the corners, and twelve steps between them), over none
/// of `blocked` and clear of `avoid` (the area it enlarges); nearest to
/// `avoid` first (ties: the first tried, bottom side first).
pub fn panel_places(frame: Rect, size: (f64, f64), blocked: &[Rect], avoid: Rect) -> Vec<Rect> {
    const STEPS: usize = 12;
    let (w, h) = size;
    let m = 10.0;
    let (left, right) = (frame.x0 + m, frame.x1 - m - w);
    let (top, bottom) = (frame.y0 + m, frame.y1 - m - h);
    let along = |a: f64, b: f64| (0..=STEPS).map(move |i| a + (b - a) * i as f64 / STEPS as f64);
    let spots = along(left, right)
        .map(|x| (x, bottom))
        .chain(along(bottom, top).map(|y| (right, y)))
        .chain(along(right, left).map(|x| (x, top)))
        .chain(along(top, bottom).map(|y| (left, y)));
    let mut free: Vec<(f64, Rect)> = Vec::new();
    for (x, y) in spots {
        let p = Rect::new(x, y, w, h);
        if frame.contains(&p)
            && !p.intersects(&avoid)
            && !blocked.iter().any(|b| b.intersects(&p.inflate(4.0)))
            && !free.iter().any(|(_, q)| *q == p)
        {
            free.push((p.distance_to(avoid.centre()), p));
        }
    }
    free.sort_by(|a, b| a.0.total_cmp(&b.0));
    free.into_iter().map(|(_, p)| p).collect()
}

/// The two lines that join the outlined `area` to its `panel`: from two
/// corners of the area to two corners of the panel, passing through
/// neither box and not crossing each other, the pair that opens widest (the
/// farthest apart at both ends). Fewer when no such pair exists.
pub fn connectors(area: Rect, panel: Rect) -> Vec<Segment> {
    let corners = |r: Rect| [(r.x0, r.y0), (r.x1, r.y0), (r.x1, r.y1), (r.x0, r.y1)];
    let (a, p) = (corners(area), corners(panel));
    let inside = |r: Rect, s: Segment| r.inflate(-0.5).crossed_by(s.0, s.1);
    let clear: Vec<(usize, usize, Segment)> = (0..4)
        .flat_map(|i| (0..4).map(move |j| (i, j, (a[i], p[j]))))
        .filter(|&(_, _, s)| !inside(area, s) && !inside(panel, s))
        .collect();
    let gap = |u: (f64, f64), v: (f64, f64)| (u.0 - v.0).hypot(u.1 - v.1);
    let mut best: Option<(f64, Segment, Segment)> = None;
    for (k, &(i, j, s)) in clear.iter().enumerate() {
        for &(i2, j2, t) in &clear[k + 1..] {
            if i == i2 || j == j2 || super::labels::segments_cross(s, t) {
                continue;
            }
            let spread = gap(s.0, t.0) + gap(s.1, t.1);
            if best.is_none_or(|(b, _, _)| spread > b + 1e-9) {
                best = Some((spread, s, t));
            }
        }
    }
    match best {
        Some((_, s, t)) => vec![s, t],
        None => clear.first().map(|&(_, _, s)| vec![s]).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_points_cluster_and_the_largest_comes_first() {
        let points = [
            (0.0, 0.0),
            (500.0, 0.0),
            (10.0, 0.0),
            (20.0, 5.0),
            (510.0, 0.0),
        ];
        let groups = clusters(&points, 15.0);
        assert_eq!(groups, vec![vec![0, 2, 3], vec![1, 4]]);
        assert_eq!(clusters(&points, 5.0).len(), 5);
    }

    #[test]
    fn the_panel_avoids_what_is_blocked_and_its_area() {
        let frame = Rect::new(0.0, 0.0, 1000.0, 600.0);
        let area = Rect::new(400.0, 200.0, 200.0, 100.0);
        // Every corner but the top right is blocked.
        let blocked = [
            Rect::new(20.0, 500.0, 10.0, 10.0),
            Rect::new(950.0, 550.0, 10.0, 10.0),
            Rect::new(20.0, 20.0, 10.0, 10.0),
            Rect::new(480.0, 560.0, 10.0, 10.0),
            Rect::new(480.0, 20.0, 10.0, 10.0),
            Rect::new(20.0, 300.0, 10.0, 10.0),
            Rect::new(950.0, 300.0, 10.0, 10.0),
        ];
        let places = panel_places(frame, (300.0, 150.0), &blocked, area);
        assert!(!places.is_empty());
        for p in &places {
            assert!(!p.intersects(&area));
            assert!(blocked.iter().all(|b| !b.intersects(p)));
            assert!(frame.contains(p));
        }
        let d = |p: &Rect| p.distance_to(area.centre());
        assert!(places.windows(2).all(|w| d(&w[0]) <= d(&w[1])));
        // Too big to keep clear of the area anywhere.
        assert!(panel_places(frame, (980.0, 400.0), &[], area).is_empty());
    }

    #[test]
    fn connectors_run_outside_both_boxes() {
        // Below right, and a large panel to the upper left of a small area.
        for (area, panel) in [
            (
                Rect::new(100.0, 100.0, 50.0, 40.0),
                Rect::new(300.0, 300.0, 200.0, 160.0),
            ),
            (
                Rect::new(820.0, 445.0, 40.0, 45.0),
                Rect::new(209.0, 92.0, 405.0, 405.0),
            ),
        ] {
            let lines = connectors(area, panel);
            assert_eq!(lines.len(), 2);
            for &(a, b) in &lines {
                assert!(!area.inflate(-0.5).crossed_by(a, b));
                assert!(!panel.inflate(-0.5).crossed_by(a, b));
            }
            assert!(!super::super::labels::segments_cross(lines[0], lines[1]));
        }
    }
}
