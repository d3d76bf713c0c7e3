//! Map projections chosen from the extent, computed with proj4rs (a pure-Rust
//! port of PROJ): Lambert conformal conic for regional maps, Equal Earth for
//! world-wide ones, equidistant cylindrical near the equator.

use proj4rs::proj::Proj;

/// A projection from longitude/latitude degrees to metres.
pub struct Projection {
    definition: String,
    proj: Proj,
    geographic: Proj,
}

/// A longitude/latitude box in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GeoBox {
    /// Western edge.
    pub west: f64,
    /// Southern edge.
    pub south: f64,
    /// Eastern edge.
    pub east: f64,
    /// Northern edge.
    pub north: f64,
}

impl GeoBox {
    /// The smallest box around some points; `None` when there are none.
    pub fn around(points: impl IntoIterator<Item = (f64, f64)>) -> Option<GeoBox> {
        let mut b: Option<GeoBox> = None;
        for (lon, lat) in points {
            let g = b.get_or_insert(GeoBox {
                west: lon,
                south: lat,
                east: lon,
                north: lat,
            });
            g.west = g.west.min(lon);
            g.east = g.east.max(lon);
            g.south = g.south.min(lat);
            g.north = g.north.max(lat);
        }
        b
    }
}

impl Projection {
    /// Parses a PROJ string such as `+proj=lcc +lat_1=33 +lat_2=45 +lon_0=60`.
    pub fn from_definition(definition: &str) -> Result<Projection, String> {
        let full = if definition.contains("+ellps")
            || definition.contains("+datum")
            || definition.contains("+R=")
        {
            definition.to_string()
        } else {
            format!("{definition} +ellps=WGS84")
        };
        let proj =
            Proj::from_proj_string(&full).map_err(|e| format!("projection `{definition}`: {e}"))?;
        let geographic =
            Proj::from_proj_string("+proj=longlat +ellps=WGS84").map_err(|e| e.to_string())?;
        Ok(Projection {
            definition: full,
            proj,
            geographic,
        })
    }

    /// A projection that suits the extent: Equal Earth for (nearly) world-wide
    /// extents, a Lambert conformal conic with standard parallels at one sixth
    /// inside the extent for mid-latitude regions, and an equidistant
    /// cylindrical true at the centre near the equator.
    pub fn for_extent(extent: GeoBox) -> Projection {
        let lon_span = extent.east - extent.west;
        let lat_span = extent.north - extent.south;
        let lon0 = (extent.west + extent.east) / 2.0;
        let lat0 = (extent.south + extent.north) / 2.0;
        let definition = if lon_span > 150.0 || lat_span > 90.0 {
            format!("+proj=eqearth +lon_0={lon0:.2}")
        } else if extent.south > 10.0 || extent.north < -10.0 {
            let (mut lat1, mut lat2) =
                (extent.south + lat_span / 6.0, extent.north - lat_span / 6.0);
            if (lat2 - lat1).abs() < 1.0 {
                lat1 = lat0 - 0.5;
                lat2 = lat0 + 0.5;
            }
            format!("+proj=lcc +lat_1={lat1:.2} +lat_2={lat2:.2} +lat_0={lat0:.2} +lon_0={lon0:.2}")
        } else {
            format!("+proj=eqc +lat_ts={lat0:.2} +lon_0={lon0:.2}")
        };
        Projection::from_definition(&definition).expect("generated projection is valid")
    }

    /// The PROJ string of this projection.
    pub fn definition(&self) -> &str {
        &self.definition
    }

    /// Projects longitude/latitude degrees to metres east and north.
    pub fn forward(&self, lon: f64, lat: f64) -> Option<(f64, f64)> {
        let mut p = (lon.to_radians(), lat.to_radians(), 0.0);
        proj4rs::transform::transform(&self.geographic, &self.proj, &mut p).ok()?;
        (p.0.is_finite() && p.1.is_finite()).then_some((p.0, p.1))
    }

    /// Turns metres east and north back into longitude/latitude degrees.
    pub fn inverse(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        let mut p = (x, y, 0.0);
        proj4rs::transform::transform(&self.proj, &self.geographic, &mut p).ok()?;
        let (lon, lat) = (p.0.to_degrees(), p.1.to_degrees());
        (lon.is_finite() && lat.is_finite()).then_some((lon, lat))
    }
}
