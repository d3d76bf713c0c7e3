//! The inset locator map: a small Equal Earth world map, centred on the main
//! map's central meridian, with the main map's frame outlined on it.

use super::basemap::Detail;
use super::frame::{Frame, MetreBox};
use super::labels::Rect;
use super::land::{self, Projector};
use super::projection::{GeoBox, Projection};
use super::style::Style;
use super::svg::{self, Svg};

/// Width and height of the inset box for a frame `frame_width` pixels wide.
pub fn size(frame_width: f64) -> (f64, f64) {
    let w = (frame_width * 0.2).clamp(140.0, 260.0);
    (w, (w - 8.0) * 0.487 + 8.0)
}

/// Draws the inset layer into `b`, outlining the main map's frame.
pub fn draw(svg: &mut Svg, b: Rect, main: &Projector, style: &Style) {
    let c = &style.colours;
    let lon0 = (main.projection.lon0() / 10.0).round() * 10.0;
    let projection = Projection::from_definition(&format!("+proj=eqearth +lon_0={lon0}"))
        .expect("Equal Earth is valid");
    let outline = projection.world_outline().unwrap_or_default();
    let points: Vec<(f64, f64)> = outline
        .iter()
        .filter_map(|&(rel, lat)| projection.forward_relative(rel, lat))
        .collect();
    let Some(globe_box) = MetreBox::around(&points) else {
        return;
    };
    let inner = b.inflate(-4.0);
    let frame = Frame::fit(
        globe_box,
        inner.x0,
        inner.y0,
        inner.width(),
        Some(inner.height()),
    );
    let projector = Projector {
        projection: &projection,
        frame: &frame,
    };
    svg.layer("inset", "Inset locator map", "");
    svg.rect(
        b,
        "fill=\"#ffffff\" stroke=\"#b0b0b0\" stroke-width=\"0.6\"",
    );
    if let Some(globe) = land::globe(&projector, b) {
        svg.element(&format!(
            "<path fill=\"{}\" d=\"{}\"/>",
            c.sea,
            svg::multipolygon_path(&globe)
        ));
    }
    let whole = GeoBox {
        west: -180.0,
        south: -90.0,
        east: 180.0,
        north: 90.0,
    };
    let countries = land::countries(Detail::Medium, &projector, whole, b, 0.5);
    let mut d = String::new();
    for country in &countries {
        d.push_str(&svg::multipolygon_path(&country.shape));
    }
    svg.element(&format!(
        "<path fill=\"{}\" fill-rule=\"evenodd\" d=\"{d}\"/>",
        c.land_with_incidents
    ));
    // The main frame, traced along its edge and carried onto the inset.
    let traced: Vec<(f64, f64)> = main
        .frame
        .edge(24)
        .into_iter()
        .filter_map(|p| {
            let m = main.frame.to_metres(p);
            let (lon, lat) = main.projection.inverse(m.0, m.1)?;
            projector.absolute(lon, lat)
        })
        .collect();
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in &traced {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let highlight = format!(
        "fill=\"{}\" fill-opacity=\"0.15\" stroke=\"{}\" stroke-width=\"1.3\" stroke-linejoin=\"round\"",
        c.inset_highlight, c.inset_highlight
    );
    if traced.len() >= 3 && (x1 - x0).max(y1 - y0) >= 6.0 {
        svg.element(&format!(
            "<path id=\"inset-frame\" {highlight} d=\"{}\"/>",
            svg::ring_path([traced.as_slice()])
        ));
    } else if !traced.is_empty() {
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        svg.rect(
            Rect::new(cx - 3.0, cy - 3.0, 6.0, 6.0),
            &format!("id=\"inset-frame\" {highlight}"),
        );
    }
    svg.end();
}
