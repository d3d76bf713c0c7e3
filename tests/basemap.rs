//! The embedded Natural Earth basemap: decoding, antimeridian cutting, orientation, clipping.

use geo::{
    Area, BoundingRect, Contains, Coord, LineString, MultiPolygon, Point, Polygon, Rect, Winding,
};
use incimap::render::basemap::{Country, Detail, clip_to_rect, countries};

const DETAILS: [Detail; 2] = [Detail::Medium, Detail::Fine];

fn country(detail: Detail, name: &str) -> &'static Country {
    countries(detail)
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("{name} missing at {detail:?}"))
}

fn rings(shape: &MultiPolygon<f64>) -> impl Iterator<Item = &LineString<f64>> {
    shape
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
}

fn square(x0: f64, y0: f64, x1: f64, y1: f64) -> MultiPolygon<f64> {
    MultiPolygon::new(vec![rect(x0, y0, x1, y1).to_polygon()])
}

fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect<f64> {
    Rect::new(Coord { x: x0, y: y0 }, Coord { x: x1, y: y1 })
}

#[test]
fn medium_detail_decodes_countries_with_names_and_codes() {
    let all = countries(Detail::Medium);
    assert!((230..=250).contains(&all.len()), "{} countries", all.len());
    assert!(all.iter().all(|c| !c.name.is_empty()));
    assert!(all.iter().all(|c| !c.shape.0.is_empty()), "an empty shape");

    let tajikistan = country(Detail::Medium, "Tajikistan");
    assert_eq!(tajikistan.iso_numeric.as_deref(), Some("762"));
    let bounds = tajikistan.shape.bounding_rect().expect("non-empty");
    let close = |a: f64, b: f64| (a - b).abs() < 0.15;
    assert!(close(bounds.min().x, 67.3), "{bounds:?}");
    assert!(close(bounds.max().x, 75.2), "{bounds:?}");
    assert!(close(bounds.min().y, 36.6), "{bounds:?}");
    assert!(close(bounds.max().y, 41.1), "{bounds:?}");

    assert_eq!(country(Detail::Medium, "Kosovo").iso_numeric, None);
    assert_eq!(
        country(Detail::Medium, "Turkey").iso_numeric.as_deref(),
        Some("792")
    );
}

#[test]
fn fine_detail_decodes_more_countries() {
    let fine = countries(Detail::Fine);
    assert!(fine.len() > countries(Detail::Medium).len());
    assert_eq!(
        country(Detail::Fine, "Tajikistan").iso_numeric.as_deref(),
        Some("762")
    );
}

#[test]
fn cities_lie_in_their_countries() {
    for detail in DETAILS {
        // GeoNames coordinates of Istanbul: the brief's (28.97, 41.01) sits on the coast and
        // falls in the Bosphorus at 1:50m.
        let istanbul = Point::new(28.94966, 41.01384);
        let dushanbe = Point::new(68.78, 38.56);
        assert!(country(detail, "Turkey").shape.contains(&istanbul));
        assert!(country(detail, "Tajikistan").shape.contains(&dushanbe));
        assert!(!country(detail, "Turkey").shape.contains(&dushanbe));
    }
    let sultanahmet = Point::new(28.97, 41.01);
    assert!(country(Detail::Fine, "Turkey").shape.contains(&sultanahmet));
}

#[test]
fn shapes_are_cut_at_the_antimeridian() {
    for detail in DETAILS {
        for c in countries(detail) {
            for ring in rings(&c.shape) {
                for p in ring.coords() {
                    assert!((-180.0..=180.0).contains(&p.x), "{}: {p:?}", c.name);
                    assert!((-90.0..=90.0).contains(&p.y), "{}: {p:?}", c.name);
                }
                for line in ring.lines() {
                    let dx = (line.end.x - line.start.x).abs();
                    assert!(dx <= 90.0, "{} {detail:?}: {line:?}", c.name);
                }
            }
        }
        for name in ["Russia", "Fiji", "Antarctica"] {
            let shape = &country(detail, name).shape;
            let bounds = shape.bounding_rect().expect("non-empty");
            // Pieces on both sides of the line, each ending exactly at it.
            assert_eq!(bounds.min().x, -180.0, "{name} {detail:?}");
            assert_eq!(bounds.max().x, 180.0, "{name} {detail:?}");
        }
        let russia = &country(detail, "Russia").shape;
        assert!(
            russia.contains(&Point::new(-175.0, 66.0)),
            "Chukotka east of 180"
        );
        assert!(
            russia.contains(&Point::new(170.0, 66.0)),
            "Chukotka west of 180"
        );
        assert!(
            !russia.contains(&Point::new(0.0, 66.0)),
            "no streak across the map"
        );
        let fiji = &country(detail, "Fiji").shape;
        assert!(fiji.contains(&Point::new(178.0, -17.8)), "Viti Levu");
        assert!(
            !fiji.contains(&Point::new(0.0, -16.5)),
            "no streak across the map"
        );
    }
}

#[test]
fn antarctica_is_closed_down_to_the_south_pole() {
    for detail in DETAILS {
        let antarctica = &country(detail, "Antarctica").shape;
        for x in [-179.5, -90.0, 0.0, 90.0, 179.5] {
            assert!(antarctica.contains(&Point::new(x, -89.5)), "{detail:?} {x}");
            assert!(antarctica.contains(&Point::new(x, -86.0)), "{detail:?} {x}");
        }
        assert!(!antarctica.contains(&Point::new(0.0, -50.0)));
        assert_eq!(
            antarctica.bounding_rect().expect("non-empty").min().y,
            -90.0
        );
        // 360° x 5-25° of latitude, not a sliver nor the whole globe.
        let area = antarctica.unsigned_area();
        assert!((4000.0..8000.0).contains(&area), "{detail:?}: {area}");
    }
}

#[test]
fn exteriors_are_counter_clockwise_and_holes_clockwise() {
    for detail in DETAILS {
        for c in countries(detail) {
            for polygon in &c.shape {
                assert!(polygon.exterior().is_ccw(), "{} {detail:?}", c.name);
                assert!(polygon.interiors().iter().all(|h| h.is_cw()), "{}", c.name);
            }
        }
    }
    // Lesotho is a hole in South Africa.
    let south_africa = &country(Detail::Medium, "South Africa").shape;
    assert!(south_africa.iter().any(|p| !p.interiors().is_empty()));
}

#[test]
fn russia_has_about_the_same_area_at_both_details() {
    let medium = country(Detail::Medium, "Russia").shape.unsigned_area();
    let fine = country(Detail::Fine, "Russia").shape.unsigned_area();
    assert!(
        (medium - fine).abs() < 0.05 * fine,
        "50m {medium}, 10m {fine}"
    );
    // Square degrees: Russia is ~17 M km², far north, so well over 2000.
    assert!((2500.0..3500.0).contains(&fine), "{fine}");
}

#[test]
fn clip_to_overlapping_rect_keeps_the_overlap() {
    let clipped = clip_to_rect(&square(0.0, 0.0, 10.0, 10.0), rect(5.0, -5.0, 20.0, 8.0));
    assert!((clipped.unsigned_area() - 40.0).abs() < 1e-9, "{clipped:?}");
    let bounds = clipped.bounding_rect().expect("non-empty");
    assert_eq!(bounds, rect(5.0, 0.0, 10.0, 8.0));
}

#[test]
fn clip_keeps_inside_shapes_and_drops_outside_ones() {
    let shape = square(1.0, 1.0, 2.0, 2.0);
    assert_eq!(clip_to_rect(&shape, rect(0.0, 0.0, 5.0, 5.0)), shape);
    assert!(clip_to_rect(&shape, rect(3.0, 3.0, 5.0, 5.0)).0.is_empty());
    // Touching along an edge shares no area.
    assert!(clip_to_rect(&shape, rect(2.0, 0.0, 5.0, 5.0)).0.is_empty());
    // Mixed: one polygon inside kept as is, one outside dropped, one cut.
    let mixed = MultiPolygon::new(vec![
        rect(1.0, 1.0, 2.0, 2.0).to_polygon(),
        rect(10.0, 10.0, 12.0, 12.0).to_polygon(),
        rect(4.0, 4.0, 6.0, 6.0).to_polygon(),
    ]);
    let clipped = clip_to_rect(&mixed, rect(0.0, 0.0, 5.0, 5.0));
    assert_eq!(clipped.0.len(), 2);
    assert_eq!(clipped.0[0], rect(1.0, 1.0, 2.0, 2.0).to_polygon());
    assert!((clipped.unsigned_area() - 2.0).abs() < 1e-9);
}

#[test]
fn clip_keeps_holes_and_works_on_projected_units() {
    let outer = rect(-1e6, -1e6, 1e6, 1e6).to_polygon().exterior().clone();
    let hole = rect(-1e5, -1e5, 1e5, 1e5).to_polygon().exterior().clone();
    let shape = MultiPolygon::new(vec![Polygon::new(outer, vec![hole])]);
    let clipped = clip_to_rect(&shape, rect(0.0, 0.0, 2e6, 2e6));
    let expected = 1e12 - 1e10;
    assert!((clipped.unsigned_area() - expected).abs() < 1e-6 * expected);
}

#[test]
fn clip_a_real_country() {
    let russia = &country(Detail::Medium, "Russia").shape;
    let window = rect(160.0, 60.0, 180.0, 72.0);
    let clipped = clip_to_rect(russia, window);
    assert!(clipped.contains(&Point::new(170.0, 66.0)));
    assert!(!clipped.contains(&Point::new(100.0, 66.0)));
    let bounds = clipped.bounding_rect().expect("non-empty");
    assert!(bounds.min().x >= 160.0 && bounds.max().x <= 180.0);
    assert!(clipped.unsigned_area() < russia.unsigned_area() / 5.0);
}
