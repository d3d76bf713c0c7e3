//! Map projections chosen from the extent, computed with proj4rs (a pure-Rust
//! port of PROJ): Lambert conformal conic for mid-latitude regions, Mercator
//! for regions across the equator, Equal Earth for world-wide extents. Names
//! (`lcc`, `albers`, `equalearth`, `robinson`, `mercator`...) take their
//! parameters from the extent; a PROJ string is used as given.

use proj4rs::proj::Proj;

/// A projection from longitude/latitude degrees to metres.
pub struct Projection {
    definition: String,
    proj: Proj,
    geographic: Proj,
    lon0: f64,
    world: bool,
}

/// A longitude/latitude box in degrees. `east` may exceed 180 when the box
/// crosses the antimeridian (`west` is then its western edge, in -180..180).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GeoBox {
    /// Western edge.
    pub west: f64,
    /// Southern edge.
    pub south: f64,
    /// Eastern edge (west + the span in longitude).
    pub east: f64,
    /// Northern edge.
    pub north: f64,
}

/// Wraps a longitude into [-180, 180).
pub fn wrap(lon: f64) -> f64 {
    (lon + 180.0).rem_euclid(360.0) - 180.0
}

impl GeoBox {
    /// The smallest box around some points, going the short way round: a set
    /// of points on both sides of 180° gets a box across the antimeridian.
    /// `None` when there are no points.
    pub fn around(points: impl IntoIterator<Item = (f64, f64)>) -> Option<GeoBox> {
        let mut lons = Vec::new();
        let (mut south, mut north) = (f64::INFINITY, f64::NEG_INFINITY);
        for (lon, lat) in points {
            lons.push(wrap(lon));
            south = south.min(lat);
            north = north.max(lat);
        }
        lons.sort_by(f64::total_cmp);
        let (&first, &last) = (lons.first()?, lons.last()?);
        // The widest empty arc between neighbours is what the box leaves out.
        let mut gap = first + 360.0 - last;
        let (mut west, mut east) = (first, last);
        for w in lons.windows(2) {
            if w[1] - w[0] > gap {
                gap = w[1] - w[0];
                west = w[1];
                east = w[0] + 360.0;
            }
        }
        Some(GeoBox {
            west,
            south,
            east,
            north,
        })
    }

    /// Span in longitude, degrees.
    pub fn lon_span(&self) -> f64 {
        self.east - self.west
    }

    /// Span in latitude, degrees.
    pub fn lat_span(&self) -> f64 {
        self.north - self.south
    }

    /// The central longitude, in -180..180.
    pub fn centre_lon(&self) -> f64 {
        wrap((self.west + self.east) / 2.0)
    }

    /// The central latitude.
    pub fn centre_lat(&self) -> f64 {
        (self.south + self.north) / 2.0
    }
}

/// Projections that show the whole world with finite coordinates, so the
/// map can show the globe's outline.
const WORLD_PROJECTIONS: [&str; 6] = ["eqearth", "robin", "moll", "eqc", "merc", "sinu"];

/// Names accepted by `--projection`, with the PROJ projection each stands for.
pub const NAMES: [(&str, &str); 13] = [
    ("lcc", "lcc"),
    ("lambert", "lcc"),
    ("albers", "aea"),
    ("aea", "aea"),
    ("equalearth", "eqearth"),
    ("eqearth", "eqearth"),
    ("robinson", "robin"),
    ("robin", "robin"),
    ("mollweide", "moll"),
    ("mercator", "merc"),
    ("merc", "merc"),
    ("platecarree", "eqc"),
    ("laea", "laea"),
];

fn round_to(v: f64, step: f64) -> f64 {
    let r = (v / step).round() * step;
    if r == 0.0 { 0.0 } else { r }
}

/// Whether an extent is too wide for a regional projection.
fn is_world_wide(extent: GeoBox) -> bool {
    extent.lon_span() > 120.0 || extent.lat_span() > 60.0
}

/// Standard parallels one sixth inside the extent; `None` when they would lie
/// on both sides of the equator (a conic cannot have that).
fn standard_parallels(extent: GeoBox) -> Option<(f64, f64)> {
    let span = extent.lat_span();
    let (mut lat1, mut lat2) = (
        round_to(extent.south + span / 6.0, 0.5),
        round_to(extent.north - span / 6.0, 0.5),
    );
    if lat2 - lat1 < 1.0 {
        let mid = round_to(extent.centre_lat(), 0.5);
        (lat1, lat2) = (mid - 0.5, mid + 0.5);
    }
    (lat1 * lat2 > 0.0 && (lat1 + lat2).abs() >= 10.0).then_some((lat1, lat2))
}

/// The parameters a named projection takes from the extent.
fn definition_for(proj: &str, extent: GeoBox) -> String {
    let world = is_world_wide(extent);
    let lon0 = round_to(extent.centre_lon(), if world { 10.0 } else { 0.5 });
    let lat0 = round_to(extent.centre_lat(), 0.5);
    match proj {
        "lcc" | "aea" => {
            let (lat1, lat2) = standard_parallels(extent).unwrap_or_else(|| {
                // One parallel, pulled away from the equator just enough for a cone.
                let one = if lat0 < 0.0 {
                    lat0.min(-5.0)
                } else {
                    lat0.max(5.0)
                };
                (one, one)
            });
            format!("+proj={proj} +lat_1={lat1} +lat_2={lat2} +lat_0={lat0} +lon_0={lon0}")
        }
        "laea" => format!("+proj=laea +lat_0={lat0} +lon_0={lon0}"),
        "eqc" => format!(
            "+proj=eqc +lat_ts={} +lon_0={lon0}",
            if world { 0.0 } else { lat0 }
        ),
        other => format!("+proj={other} +lon_0={lon0}"),
    }
}

impl Projection {
    /// Parses a PROJ string such as `+proj=lcc +lat_1=33 +lat_2=45 +lon_0=60`;
    /// without an ellipsoid, WGS84 is used.
    pub fn from_definition(definition: &str) -> Result<Projection, String> {
        let definition = definition.trim();
        let full = if definition.contains("+ellps")
            || definition.contains("+datum")
            || definition.contains("+R=")
            || definition.contains("+a=")
        {
            definition.to_string()
        } else {
            format!("{definition} +ellps=WGS84")
        };
        let proj =
            Proj::from_proj_string(&full).map_err(|e| format!("projection `{definition}`: {e}"))?;
        if proj.is_latlong() || proj.is_geocent() {
            return Err(format!(
                "projection `{definition}` is not a map projection; try one of {}",
                name_list()
            ));
        }
        let geographic =
            Proj::from_proj_string("+proj=longlat +ellps=WGS84").map_err(|e| e.to_string())?;
        let lon0 = proj.longitude_of_origin().to_degrees();
        let projection = Projection {
            world: WORLD_PROJECTIONS.contains(&proj.projname()),
            definition: full,
            proj,
            geographic,
            lon0: wrap(lon0),
        };
        // A scale factor such as `+k=1e-300` projects the world onto a
        // point: the frame, the scale bar and the figure size would be NaN.
        for lat in [0.0, 45.0, -45.0] {
            let a = projection.forward_relative(0.0, lat);
            let b = projection.forward_relative(1.0, lat);
            if let (Some(a), Some(b)) = (a, b) {
                let metres = (b.0 - a.0).hypot(b.1 - a.1);
                if !(1.0..=1e9).contains(&metres) {
                    return Err(format!(
                        "projection `{definition}` puts 1° of longitude at {metres:.1e} m, \
                         not a scale a map can be drawn at"
                    ));
                }
                break;
            }
        }
        Ok(projection)
    }

    /// `--projection`: a name from [`NAMES`] (parameters from the extent) or
    /// a PROJ string.
    pub fn from_choice(choice: &str, extent: GeoBox) -> Result<Projection, String> {
        let choice = choice.trim();
        if choice.starts_with('+') || choice.contains('=') {
            return Projection::from_definition(choice);
        }
        let key = choice.to_ascii_lowercase().replace(['-', '_', ' '], "");
        match NAMES.iter().find(|(name, _)| *name == key) {
            Some((_, proj)) => Projection::from_definition(&definition_for(proj, extent)),
            None => Err(format!(
                "unknown projection `{choice}`; use one of {} or a PROJ string such as \
                 `+proj=lcc +lat_1=33 +lat_2=45 +lon_0=60`",
                name_list()
            )),
        }
    }

    /// A projection that suits the extent: a polar azimuthal equal-area for
    /// points all north of 50°N (or south of 50°S) spread over more than 90°
    /// of longitude; Equal Earth for world-wide extents (more than 120° of
    /// longitude or 60° of latitude); a Lambert conformal
    /// conic with standard parallels one sixth inside the extent for regions
    /// north or south of the tropics, and Mercator for regions across the
    /// equator, where a conic has no good parallels.
    pub fn for_extent(extent: GeoBox) -> Projection {
        // Around a pole: an azimuthal equal-area map centred on it.
        if extent.lon_span() > 90.0 && (extent.south >= 50.0 || extent.north <= -50.0) {
            let pole = if extent.south >= 50.0 { 90 } else { -90 };
            let lon0 = round_to(extent.centre_lon(), 10.0);
            return Projection::from_definition(&format!("+proj=laea +lat_0={pole} +lon_0={lon0}"))
                .expect("generated projection is valid");
        }
        let proj = if is_world_wide(extent) {
            "eqearth"
        } else if standard_parallels(extent).is_some() {
            "lcc"
        } else {
            "merc"
        };
        Projection::from_definition(&definition_for(proj, extent))
            .expect("generated projection is valid")
    }

    /// The PROJ string of this projection.
    pub fn definition(&self) -> &str {
        &self.definition
    }

    /// The central meridian; the projection's seam is the meridian opposite.
    pub fn lon0(&self) -> f64 {
        self.lon0
    }

    /// Whether the projection shows the whole world in finite coordinates
    /// (Equal Earth, Robinson, Mollweide, Mercator...).
    pub fn is_world(&self) -> bool {
        self.world
    }

    /// Projects longitude/latitude degrees to metres east and north.
    pub fn forward(&self, lon: f64, lat: f64) -> Option<(f64, f64)> {
        let mut p = (lon.to_radians(), lat.to_radians(), 0.0);
        proj4rs::transform::transform(&self.geographic, &self.proj, &mut p).ok()?;
        (p.0.is_finite() && p.1.is_finite()).then_some((p.0, p.1))
    }

    /// Projects a point given by its longitude relative to the central
    /// meridian (-180..180, kept just inside the seam so that each side
    /// stays on its side).
    pub fn forward_relative(&self, rel: f64, lat: f64) -> Option<(f64, f64)> {
        let edge = 180.0 - 1e-7;
        self.forward(self.lon0 + rel.clamp(-edge, edge), lat.clamp(-90.0, 90.0))
    }

    /// Turns metres east and north back into longitude/latitude degrees.
    pub fn inverse(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        let mut p = (x, y, 0.0);
        proj4rs::transform::transform(&self.proj, &self.geographic, &mut p).ok()?;
        let (lon, lat) = (p.0.to_degrees(), p.1.to_degrees());
        // Some inverses answer for points off the globe; a round trip tells.
        let (bx, by) = self.forward(lon, lat)?;
        let tolerance = 1.0 + 1e-6 * x.abs().max(y.abs());
        ((bx - x).abs() < tolerance && (by - y).abs() < tolerance).then_some((lon, lat))
    }

    /// The outline of the whole world, as relative-longitude/latitude points
    /// to project, for projections that show it.
    pub fn world_outline(&self) -> Option<Vec<(f64, f64)>> {
        if !self.world {
            return None;
        }
        let limit = if self.proj.projname() == "merc" {
            85.0
        } else {
            90.0
        };
        let mut ring = Vec::new();
        let steps = 180;
        for i in 0..=steps {
            ring.push((180.0, -limit + 2.0 * limit * i as f64 / steps as f64));
        }
        for i in 0..=steps {
            ring.push((-180.0, limit - 2.0 * limit * i as f64 / steps as f64));
        }
        // Along the poles (a line in Mercator and Plate carrée, a point elsewhere).
        let mut closed = Vec::with_capacity(ring.len() + 2 * steps);
        closed.extend_from_slice(&ring[..=steps]);
        closed.extend((1..steps).map(|i| (180.0 - 360.0 * i as f64 / steps as f64, limit)));
        closed.extend_from_slice(&ring[steps + 1..]);
        closed.extend((1..steps).map(|i| (-180.0 + 360.0 * i as f64 / steps as f64, -limit)));
        Some(closed)
    }
}

fn name_list() -> String {
    let names: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_go_the_short_way_round() {
        let b = GeoBox::around([(177.5, 64.7), (-165.4, 64.5), (-173.2, 64.4)]).unwrap();
        assert_eq!(b.west, 177.5);
        assert!((b.east - 194.6).abs() < 1e-9, "{b:?}");
        assert!((b.lon_span() - 17.1).abs() < 1e-9);
        assert!((b.centre_lon() + 173.95).abs() < 1e-9);
        let b = GeoBox::around([(60.0, 40.0), (70.0, 30.0)]).unwrap();
        assert_eq!((b.west, b.east, b.south, b.north), (60.0, 70.0, 30.0, 40.0));
        assert!(GeoBox::around([]).is_none());
    }

    #[test]
    fn the_choice_follows_the_extent() {
        let central_asia = GeoBox {
            west: 28.9,
            south: 30.3,
            east: 73.0,
            north: 55.8,
        };
        let p = Projection::for_extent(central_asia);
        assert!(
            p.definition()
                .starts_with("+proj=lcc +lat_1=34.5 +lat_2=51.5")
        );
        let world = GeoBox {
            west: -158.0,
            south: -41.0,
            east: 175.0,
            north: 64.0,
        };
        assert!(Projection::for_extent(world).is_world());
        let equator = GeoBox {
            west: 29.0,
            south: -12.0,
            east: 42.0,
            north: 5.0,
        };
        assert!(
            Projection::for_extent(equator)
                .definition()
                .starts_with("+proj=merc")
        );
    }

    #[test]
    fn names_and_proj_strings_are_accepted() {
        let extent = GeoBox {
            west: 60.0,
            south: 35.0,
            east: 75.0,
            north: 43.0,
        };
        for name in [
            "lcc",
            "Albers",
            "equal-earth",
            "robinson",
            "mercator",
            "laea",
        ] {
            let p = Projection::from_choice(name, extent).unwrap();
            let (x, y) = p.forward(68.78, 38.56).unwrap();
            let (lon, lat) = p.inverse(x, y).unwrap();
            assert!(
                (lon - 68.78).abs() < 1e-6 && (lat - 38.56).abs() < 1e-6,
                "{name}"
            );
        }
        assert!(Projection::from_choice("+proj=eqearth +lon_0=150", extent).is_ok());
        let e = Projection::from_choice("gnomonicish", extent)
            .err()
            .unwrap();
        assert!(e.contains("lcc") && e.contains("PROJ string"), "{e}");
        assert!(Projection::from_choice("+proj=longlat", extent).is_err());
    }
}
