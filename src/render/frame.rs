//! The map frame: which part of the projected plane the map shows, and how
//! metres map to pixels inside it.

use super::labels::Rect;
use super::projection::{GeoBox, Projection, wrap};

/// Maps projected metres to pixels inside the frame.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    /// The frame on the page, in pixels.
    pub rect: Rect,
    /// Metres east at the left edge.
    pub x0: f64,
    /// Metres north at the top edge.
    pub y1: f64,
    /// Pixels per metre.
    pub scale: f64,
}

/// A box in projected metres.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MetreBox {
    /// Centre east.
    pub cx: f64,
    /// Centre north.
    pub cy: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl MetreBox {
    /// The box around points, or `None` for no points.
    pub fn around(points: &[(f64, f64)]) -> Option<MetreBox> {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in points {
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
        (x0 <= x1).then(|| MetreBox {
            cx: (x0 + x1) / 2.0,
            cy: (y0 + y1) / 2.0,
            w: x1 - x0,
            h: y1 - y0,
        })
    }

    /// The box with room around the points: a margin of 14% of the larger
    /// side, and at least 400 km across.
    pub fn padded(&self) -> MetreBox {
        let span = self.w.max(self.h).max(400_000.0);
        let pad = span * 0.14;
        MetreBox {
            w: self.w.max(span * 0.5) + 2.0 * pad,
            h: self.h.max(span * 0.3) + 2.0 * pad,
            ..*self
        }
    }

    /// The box grown in one direction so that height/width lies in `range`.
    pub fn with_aspect(&self, range: (f64, f64)) -> MetreBox {
        let aspect = (self.h / self.w).clamp(range.0, range.1);
        let mut b = *self;
        if b.h / b.w < aspect {
            b.h = b.w * aspect;
        } else {
            b.w = b.h / aspect;
        }
        b
    }
}

impl MetreBox {
    /// The box moved (and if need be shrunk) to lie within `outer`.
    pub fn within(&self, outer: &MetreBox) -> MetreBox {
        let fit = |c: f64, len: f64, oc: f64, olen: f64| {
            let len = len.min(olen);
            let lo = (c - len / 2.0)
                .max(oc - olen / 2.0)
                .min(oc + olen / 2.0 - len);
            (lo + len / 2.0, len)
        };
        let (cx, w) = fit(self.cx, self.w, outer.cx, outer.w);
        let (cy, h) = fit(self.cy, self.h, outer.cy, outer.h);
        MetreBox { cx, cy, w, h }
    }
}

impl Frame {
    /// The frame at `left`, `top`, `width` px wide that shows `area`: with no
    /// `height`, as tall as the area's shape asks; with one, the area is
    /// centred and shown whole.
    pub fn fit(area: MetreBox, left: f64, top: f64, width: f64, height: Option<f64>) -> Frame {
        let (h_px, scale) = match height {
            None => (area.h * width / area.w, width / area.w),
            Some(h) => (h, (width / area.w).min(h / area.h)),
        };
        Frame {
            rect: Rect::new(left, top, width, h_px),
            x0: area.cx - width / 2.0 / scale,
            y1: area.cy + h_px / 2.0 / scale,
            scale,
        }
    }

    /// Metres to pixels.
    pub fn to_px(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (
            self.rect.x0 + (x - self.x0) * self.scale,
            self.rect.y0 + (self.y1 - y) * self.scale,
        )
    }

    /// Pixels to metres.
    pub fn to_metres(&self, (px, py): (f64, f64)) -> (f64, f64) {
        (
            self.x0 + (px - self.rect.x0) / self.scale,
            self.y1 - (py - self.rect.y0) / self.scale,
        )
    }

    /// Points along the frame's edge, in pixels, clockwise from the top left.
    pub fn edge(&self, steps: usize) -> Vec<(f64, f64)> {
        let r = self.rect;
        let lerp = |a: f64, b: f64, t: f64| a + (b - a) * t;
        let mut out = Vec::with_capacity(4 * steps);
        for i in 0..steps {
            out.push((lerp(r.x0, r.x1, i as f64 / steps as f64), r.y0));
        }
        for i in 0..steps {
            out.push((r.x1, lerp(r.y0, r.y1, i as f64 / steps as f64)));
        }
        for i in 0..steps {
            out.push((lerp(r.x1, r.x0, i as f64 / steps as f64), r.y1));
        }
        for i in 0..steps {
            out.push((r.x0, lerp(r.y1, r.y0, i as f64 / steps as f64)));
        }
        out
    }

    /// The box of longitudes relative to the projection's central meridian
    /// (west, east in -180..180) and latitudes that covers the frame, with a
    /// margin of two degrees. The whole world when the frame holds a pole or
    /// the seam.
    pub fn relative_bounds(&self, projection: &Projection) -> GeoBox {
        let whole = GeoBox {
            west: -180.0,
            south: -90.0,
            east: 180.0,
            north: 90.0,
        };
        let inside = |lon: f64, lat: f64| {
            projection
                .forward(lon, lat)
                .map(|m| self.rect.inflate(1.0).contains_point(self.to_px(m)))
                .unwrap_or(false)
        };
        let lon0 = projection.lon0();
        let (mut south, mut north) = (f64::INFINITY, f64::NEG_INFINITY);
        let (mut west, mut east) = (f64::INFINITY, f64::NEG_INFINITY);
        let mut grid: Vec<(f64, f64)> = self.edge(32);
        // The interior too: a frame larger than the globe has no edge on it.
        for i in 1..16 {
            for j in 1..16 {
                let r = self.rect;
                grid.push((
                    r.x0 + (r.x1 - r.x0) * i as f64 / 16.0,
                    r.y0 + (r.y1 - r.y0) * j as f64 / 16.0,
                ));
            }
        }
        let mut any = false;
        for p in grid {
            let m = self.to_metres(p);
            if let Some((lon, lat)) = projection.inverse(m.0, m.1) {
                let rel = wrap(lon - lon0);
                west = west.min(rel);
                east = east.max(rel);
                south = south.min(lat);
                north = north.max(lat);
                any = true;
            }
        }
        if !any {
            return whole;
        }
        let mut b = GeoBox {
            west: (west - 2.0).max(-180.0),
            south: (south - 2.0).max(-90.0),
            east: (east + 2.0).min(180.0),
            north: (north + 2.0).min(90.0),
        };
        if inside(lon0, 90.0) {
            b.north = 90.0;
            (b.west, b.east) = (-180.0, 180.0);
        }
        if inside(lon0, -90.0) {
            b.south = -90.0;
            (b.west, b.east) = (-180.0, 180.0);
        }
        if b.east - b.west > 300.0 {
            (b.west, b.east) = (-180.0, 180.0);
        }
        b
    }

    /// Pixels per kilometre and the latitude where it is measured, along the
    /// parallel: at the centre of the frame, or for a map of the whole globe
    /// at the globe's centre (the central meridian at the equator). `None`
    /// if that point is off the projection.
    pub fn px_per_km(&self, projection: &Projection, globe: bool) -> Option<(f64, f64)> {
        let (lon, lat) = if globe {
            (projection.lon0(), 0.0)
        } else {
            let m = self.to_metres(self.rect.centre());
            projection.inverse(m.0, m.1)?
        };
        let a = self.to_px(projection.forward(lon - 0.05, lat)?);
        let b = self.to_px(projection.forward(lon + 0.05, lat)?);
        let px = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let km = crate::geocode::distance_km(lat, lon - 0.05, lat, lon + 0.05);
        Some((px / km, lat))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_keeps_the_area_whole_and_centred() {
        let area = MetreBox {
            cx: 1000.0,
            cy: -500.0,
            w: 2000.0,
            h: 1000.0,
        };
        let f = Frame::fit(area, 10.0, 20.0, 400.0, None);
        assert_eq!(f.rect, Rect::new(10.0, 20.0, 400.0, 200.0));
        assert_eq!(f.to_px((0.0, 0.0)), (10.0, 20.0));
        let f = Frame::fit(area, 0.0, 0.0, 400.0, Some(400.0));
        let (x, y) = f.to_px((1000.0, -500.0));
        assert!((x - 200.0).abs() < 1e-9 && (y - 200.0).abs() < 1e-9);
        let back = f.to_metres(f.to_px((123.0, 456.0)));
        assert!((back.0 - 123.0).abs() < 1e-6 && (back.1 - 456.0).abs() < 1e-6);
    }

    #[test]
    fn a_box_moves_inside_another() {
        let outer = MetreBox {
            cx: 0.0,
            cy: 0.0,
            w: 100.0,
            h: 50.0,
        };
        let b = MetreBox {
            cx: 40.0,
            cy: 20.0,
            w: 40.0,
            h: 80.0,
        };
        assert_eq!(
            b.within(&outer),
            MetreBox {
                cx: 30.0,
                cy: 0.0,
                w: 40.0,
                h: 50.0
            }
        );
    }

    #[test]
    fn padding_and_aspect() {
        let b = MetreBox {
            cx: 0.0,
            cy: 0.0,
            w: 1_000_000.0,
            h: 100_000.0,
        };
        let p = b.padded().with_aspect((0.55, 0.9));
        assert!(p.w > b.w && p.h > b.h);
        assert!((p.h / p.w - 0.55).abs() < 1e-9);
    }
}
