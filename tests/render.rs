//! The map as a figure: projections against PROJ, layouts without overlaps,
//! every incident visible, the antimeridian cut, layers, formats, styles.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use incimap::gazetteer::Gazetteer;
use incimap::geocode::{self, Geocoded};
use incimap::incident::{self, ReadOptions};
use incimap::render::labels::{Rect, segments_cross};
use incimap::render::projection::Projection;
use incimap::render::{self, Layout, Map, MapOptions, SizeBy, Style};

fn path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::embedded)
}

fn geocoded(relative: &str) -> Geocoded {
    let read = incident::read_path(&path(relative), &ReadOptions::default()).unwrap();
    geocode::geocode(read, gazetteer())
}

fn geocoded_text(csv: &str) -> Geocoded {
    let read = incident::read(csv.as_bytes(), "test.csv", &ReadOptions::default()).unwrap();
    geocode::geocode(read, gazetteer())
}

fn draw(g: &Geocoded, options: &MapOptions) -> Map {
    render::render(g, options).unwrap_or_else(|e| panic!("render failed: {e}"))
}

fn full_options() -> MapOptions {
    MapOptions {
        size_by: Some(SizeBy::Fatalities),
        timeline: true,
        inset: true,
        source: Some("Press reports".into()),
        ..MapOptions::default()
    }
}

/// Asserts the figure's rules on a layout: every located row is in one
/// marker (its own, or its crowded place's pie) inside the frame; no marker covers another; nothing covers a marker; no
/// label overlaps another label, a marker, the legend, the scale bar or the
/// inset, or leaves the frame; leader lines do not cross markers.
fn assert_clean(layout: &Layout, located_lines: &[u64]) {
    let frame = layout.frame;
    let mut lines: Vec<u64> = layout
        .markers
        .iter()
        .flat_map(|m| m.lines.iter().copied())
        .collect();
    lines.sort_unstable();
    let mut expected = located_lines.to_vec();
    expected.sort_unstable();
    assert_eq!(lines, expected, "every located row in one marker");

    let reserved = layout.reserved();
    for (i, a) in layout.markers.iter().enumerate() {
        assert!(
            frame.contains(&a.bbox()),
            "marker of line {} leaves the frame",
            a.line
        );
        for b in &layout.markers[i + 1..] {
            let d = ((a.centre.0 - b.centre.0).powi(2) + (a.centre.1 - b.centre.1).powi(2)).sqrt();
            assert!(
                d >= a.extent + b.extent,
                "markers of lines {} and {} overlap ({d:.1} px apart)",
                a.line,
                b.line
            );
        }
        for r in &reserved {
            assert!(
                !r.intersects(&a.bbox()),
                "line {}: marker under {r:?}",
                a.line
            );
        }
    }
    let marker_boxes: Vec<Rect> = layout.markers.iter().map(|m| m.bbox()).collect();
    let mut texts: Vec<(String, Rect)> = layout
        .labels
        .iter()
        .map(|l| (l.text.clone(), l.bbox))
        .collect();
    texts.extend(
        layout
            .country_labels
            .iter()
            .map(|l| (l.text.clone(), l.bbox)),
    );
    for (i, (text, bbox)) in texts.iter().enumerate() {
        assert!(frame.contains(bbox), "label {text} leaves the frame");
        for m in &marker_boxes {
            assert!(!m.intersects(bbox), "label {text} covers a marker");
        }
        for r in &reserved {
            assert!(
                !r.intersects(bbox),
                "label {text} overlaps the legend, scale bar or inset"
            );
        }
        for (other, b) in &texts[i + 1..] {
            assert!(!bbox.intersects(b), "labels {text} and {other} overlap");
        }
    }
    for l in &layout.labels {
        if let Some((p, q)) = l.leader {
            for b in &marker_boxes {
                let own = l.anchor.inflate(0.01).contains(b);
                assert!(
                    own || !b.crossed_by(p, q),
                    "the leader of {} crosses a marker",
                    l.text
                );
            }
            for other in &layout.labels {
                if let Some(s) = other.leader.filter(|_| other.text != l.text) {
                    assert!(
                        !segments_cross(s, (p, q)),
                        "leaders of {} and {} cross",
                        l.text,
                        other.text
                    );
                }
            }
        }
    }
    if let Some(t) = layout.timeline {
        assert!(
            t.y0 >= frame.y1 && t.y1 <= layout.height,
            "timeline outside the figure"
        );
    }
}

fn located_lines(g: &Geocoded) -> Vec<u64> {
    g.located().map(|(i, _)| i.line).collect()
}

#[test]
fn projections_match_proj_cs2cs() {
    let text = std::fs::read_to_string(path("tests/data/render/projection-fixtures.csv")).unwrap();
    let mut checked = 0;
    let mut cache: Vec<(String, Projection)> = Vec::new();
    for line in text.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        let [definition, lon, lat, x, y] = fields[..] else {
            panic!("bad fixture line {line}");
        };
        let (lon, lat, x, y): (f64, f64, f64, f64) = (
            lon.parse().unwrap(),
            lat.parse().unwrap(),
            x.parse().unwrap(),
            y.parse().unwrap(),
        );
        if !cache.iter().any(|(d, _)| d == definition) {
            cache.push((
                definition.to_string(),
                Projection::from_definition(definition).unwrap(),
            ));
        }
        let projection = &cache.iter().find(|(d, _)| d == definition).unwrap().1;
        let (px, py) = projection
            .forward(lon, lat)
            .unwrap_or_else(|| panic!("{definition}: ({lon}, {lat}) did not project"));
        assert!(
            (px - x).abs() < 0.01 && (py - y).abs() < 0.01,
            "{definition}: ({lon}, {lat}) -> ({px:.4}, {py:.4}), cs2cs says ({x}, {y})"
        );
        let (blon, blat) = projection.inverse(px, py).unwrap();
        // proj4rs inverts Robinson by iteration, to a few metres near the edge
        // of the map (it is used for the frame's bounds, with a margin of 2°).
        let tolerance = if definition.contains("robin") {
            1e-4
        } else {
            1e-8
        };
        assert!(
            (blon - lon).abs() < tolerance && (blat - lat).abs() < tolerance,
            "{definition}: ({lon}, {lat}) comes back as ({blon}, {blat})"
        );
        checked += 1;
    }
    assert_eq!(checked, 180);
}

#[test]
fn the_example_with_every_option_is_clean() {
    let g = geocoded("examples/incidents.csv");
    let map = draw(&g, &full_options());
    assert_clean(&map.layout, &located_lines(&g));
    assert!(
        map.projection.starts_with("+proj=lcc"),
        "{}",
        map.projection
    );
    assert_eq!(
        map.layout.labels.len(),
        10,
        "every place labelled: {:?}",
        map.notes
    );
    assert!(map.layout.inset.is_some() && map.layout.timeline.is_some());
    let names: Vec<&str> = map
        .layout
        .country_labels
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    for country in ["RUSSIA", "IRAN", "TURKEY", "KAZAKHSTAN"] {
        assert!(names.contains(&country), "{country} not named: {names:?}");
    }
    // Area, not radius, follows fatalities: Moscow (145) against Vahdat (32).
    let marker = |line| map.layout.markers.iter().find(|m| m.line == line).unwrap();
    let min = 6.5 * 0.75;
    let ratio = (marker(10).radius.powi(2) - min * min) / (marker(4).radius.powi(2) - min * min);
    assert!((ratio - 145.0 / 32.0).abs() < 1e-6, "{ratio}");
}

#[test]
fn the_world_map_is_clean_and_shows_the_globe() {
    let g = geocoded("examples/world.csv");
    for options in [MapOptions::default(), full_options()] {
        let map = draw(&g, &options);
        assert_clean(&map.layout, &located_lines(&g));
        assert!(map.layout.globe);
        assert!(
            map.projection.starts_with("+proj=eqearth"),
            "{}",
            map.projection
        );
        // South Africa keeps its hole where Lesotho is.
        let at = map
            .svg
            .find("inkscape:label=\"South Africa\"")
            .expect("South Africa drawn");
        let path = &map.svg[at..at + map.svg[at..].find("/>").unwrap()];
        assert!(path.matches('M').count() >= 2, "South Africa has no hole");
    }
}

#[test]
fn crowded_places_keep_every_marker_visible() {
    let mut csv = String::from("date,place,type,fatalities,latitude,longitude\n");
    let places = [
        ("Dushanbe", 38.5598, 68.787),
        ("Vahdat", 38.5563, 69.0135),
        ("Hisor", 38.5263, 68.5513),
    ];
    for k in 0..30 {
        let (name, lat, lon) = places[k % 3];
        let kind = ["Armed attack", "Arrests", "Bombing", "Arson"][k % 4];
        csv.push_str(&format!(
            "2023-{:02}-01,{name},{kind},{},{lat},{lon}\n",
            k % 12 + 1,
            k * 3
        ));
    }
    let g = geocoded_text(&csv);
    for options in [MapOptions::default(), full_options()] {
        let map = draw(&g, &options);
        assert_clean(&map.layout, &located_lines(&g));
        // Ten at each place: one pie each, on the place itself.
        assert_eq!(map.layout.markers.len(), 3);
        for m in &map.layout.markers {
            assert_eq!(m.lines.len(), 10);
            assert!(
                !m.displaced(),
                "the pie of line {} moved off its place",
                m.line
            );
        }
    }
    // Four at a place are still markers of their own, spread around it.
    let four: String = csv.lines().take(13).collect::<Vec<_>>().join("\n");
    let g = geocoded_text(&four);
    let map = draw(&g, &MapOptions::default());
    assert_clean(&map.layout, &located_lines(&g));
    assert_eq!(map.layout.markers.len(), 12);
}

/// For each marker whose place is labelled: how many other places' labels
/// lie nearer to it than its own.
fn nearer_other_labels(layout: &Layout) -> Vec<(u64, String, String)> {
    let mut found = Vec::new();
    for m in &layout.markers {
        let own_box = m.bbox();
        let Some(own) = layout
            .labels
            .iter()
            .find(|l| l.anchor.inflate(0.01).contains(&own_box))
        else {
            continue;
        };
        let distance = |r: &Rect| {
            let (x, y) = r.nearest(m.centre);
            (x - m.centre.0).hypot(y - m.centre.1)
        };
        let d = distance(&own.bbox);
        for other in layout.labels.iter().filter(|l| l.text != own.text) {
            if distance(&other.bbox) < d {
                found.push((m.line, own.text.clone(), other.text.clone()));
            }
        }
    }
    found
}

/// A made-up dense set: 63 incidents at 22 places of Afghanistan, 16 of
/// them in Kabul and nine towns within 60 km of it.
#[test]
fn crowded_places_are_one_symbol_nearer_their_own_label_than_any_other() {
    let g = geocoded("tests/data/render/afghanistan-dense.csv");
    assert_eq!(located_lines(&g).len(), 63);
    let by_fatalities = MapOptions {
        size_by: Some(SizeBy::Fatalities),
        ..MapOptions::default()
    };
    for options in [MapOptions::default(), by_fatalities] {
        let map = draw(&g, &options);
        assert_clean(&map.layout, &located_lines(&g));
        let kabul = map
            .layout
            .markers
            .iter()
            .find(|m| m.lines.len() == 16)
            .expect("Kabul's 16 incidents are one symbol");
        assert!(!kabul.displaced(), "Kabul's pie is off Kabul");
        // Places with five or more are pies; the others keep their markers.
        assert_eq!(
            map.layout.markers.len(),
            4 + (63 - 16 - 6 - 5 - 5),
            "{:?}",
            map.layout
                .markers
                .iter()
                .map(|m| m.lines.len())
                .collect::<Vec<_>>()
        );
        let ambiguous = nearer_other_labels(&map.layout);
        assert!(ambiguous.is_empty(), "{:?}: {ambiguous:?}", options.size_by);
        assert!(map.svg.contains("5 or more at a place: by type"));
        assert!(
            map.svg.contains(">16</text>"),
            "Kabul's count is written on its pie"
        );
    }
}

/// Path data of the country shapes in the SVG, as polylines of points.
fn country_rings(svg: &str) -> Vec<Vec<(f64, f64)>> {
    let start = svg.find("<g id=\"countries\"").expect("a countries group");
    let end = start + svg[start..].find("</g>").unwrap();
    let mut rings = Vec::new();
    for chunk in svg[start..end].split(" d=\"").skip(1) {
        let d = &chunk[..chunk.find('"').unwrap()];
        for ring in d.split('M').filter(|r| !r.is_empty()) {
            let points = ring
                .trim_end_matches('Z')
                .split('L')
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect();
            rings.push(points);
        }
    }
    rings
}

/// The longest segment of any country outline that does not run along the
/// frame's edge (where clipping draws straight lines on purpose) or along the
/// South Pole, which Equal Earth and Robinson draw as a straight line at the
/// bottom of the globe.
fn longest_country_segment(map: &Map) -> f64 {
    let f = map.layout.frame.inflate(2.0);
    let rings = country_rings(&map.svg);
    let bottom = rings.iter().flatten().map(|p| p.1).fold(f64::MIN, f64::max);
    let on_edge = |a: (f64, f64), b: (f64, f64)| {
        let near = |u: f64, v: f64| (u - v).abs() < 0.02;
        (near(a.0, b.0) && (near(a.0, f.x0) || near(a.0, f.x1)))
            || (near(a.1, b.1) && (near(a.1, f.y0) || near(a.1, f.y1)))
            || (map.layout.globe && near(a.1, bottom) && near(b.1, bottom))
    };
    let mut longest: f64 = 0.0;
    for ring in rings {
        for w in ring.windows(2) {
            if !on_edge(w[0], w[1]) {
                longest =
                    longest.max(((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt());
            }
        }
    }
    longest
}

#[test]
fn countries_do_not_streak_across_the_antimeridian() {
    let bering = geocoded("tests/data/render/bering.csv");
    let world = geocoded("examples/world.csv");
    let pacific = MapOptions {
        projection: Some("+proj=eqearth +lon_0=150".into()),
        ..MapOptions::default()
    };
    let robinson = MapOptions {
        projection: Some("robinson".into()),
        ..MapOptions::default()
    };
    for (name, g, options) in [
        ("bering", &bering, MapOptions::default()),
        ("world", &world, MapOptions::default()),
        ("pacific", &world, pacific),
        ("robinson", &world, robinson),
    ] {
        let map = draw(g, &options);
        let rings = country_rings(&map.svg);
        assert!(rings.len() > 20, "{name}: only {} rings", rings.len());
        let longest = longest_country_segment(&map);
        let half = map.layout.frame.width() / 2.0;
        assert!(
            longest < half,
            "{name}: a border segment {longest:.0} px long (frame {half:.0} px half-width)"
        );
        assert!(
            longest < 100.0,
            "{name}: a border segment {longest:.0} px long"
        );
    }
    // Across the Bering Strait, Russia is drawn on both sides of 180°.
    let map = draw(&bering, &MapOptions::default());
    assert_clean(&map.layout, &located_lines(&bering));
    let russia = map
        .svg
        .find("inkscape:label=\"Russia\"")
        .expect("Russia drawn");
    assert!(
        map.svg
            .contains("inkscape:label=\"United States of America\"")
    );
    assert!(map.projection.contains("+lon_0=-17"), "{}", map.projection);
    assert!(russia > 0);
}

/// The ids of the Inkscape layers, in document order. (Well-formedness is
/// checked where the SVG is parsed for PNG and PDF.)
#[test]
fn points_around_a_pole_get_a_polar_map() {
    let g = geocoded("tests/data/render/arctic.csv");
    let map = draw(&g, &MapOptions::default());
    assert!(
        map.projection.starts_with("+proj=laea +lat_0=90"),
        "{}",
        map.projection
    );
    assert_clean(&map.layout, &located_lines(&g));
    assert!(longest_country_segment(&map) < 100.0);
    for country in ["Greenland", "Norway", "Russia", "Canada"] {
        assert!(
            map.svg.contains(&format!("inkscape:label=\"{country}\"")),
            "{country} missing"
        );
    }
}

fn layer_ids(svg: &str) -> Vec<String> {
    svg.split("<g ")
        .skip(1)
        .map(|tag| &tag[..tag.find('>').unwrap()])
        .filter(|tag| tag.contains("inkscape:groupmode=\"layer\""))
        .map(|tag| {
            let id = &tag[tag.find("id=\"").expect("a layer has an id") + 4..];
            id[..id.find('"').unwrap()].to_string()
        })
        .collect()
}

#[test]
fn layers_are_named_and_text_stays_text() {
    let g = geocoded("examples/incidents.csv");
    let map = draw(&g, &full_options());
    let ids = layer_ids(&map.svg);
    for layer in [
        "basemap",
        "graticule",
        "incidents",
        "labels",
        "legend",
        "scalebar",
        "credits",
        "inset",
        "timeline",
        "title",
    ] {
        assert_eq!(
            ids.iter().filter(|i| *i == layer).count(),
            1,
            "layer {layer} in {ids:?}"
        );
    }
    assert!(map.svg.contains(">Khujand</text>"));
    assert!(map.svg.contains(">KAZAKHSTAN</text>"));
    assert!(map.svg.contains("Gazetteer: GeoNames"));
    assert!(map.svg.contains("Data: Press reports."));
    assert!(map.svg.contains("fill-rule=\"evenodd\""));
    // The timeline is plotters' drawing inside our layer, not a document of its own.
    let timeline = &map.svg[map.svg.find("<g id=\"timeline\"").unwrap()..];
    assert!(!timeline[..timeline.find("</g>\n<g id=").unwrap_or(timeline.len())].contains("<svg"));
    assert!(timeline.contains(">2024</text>"));
    // Same input, same bytes.
    assert_eq!(map.svg, draw(&g, &full_options()).svg);
}

/// The objects of a PDF by number: the dictionary as text, and the stream's
/// data, inflated.
fn pdf_objects(pdf: &[u8]) -> std::collections::BTreeMap<u32, (String, Vec<u8>)> {
    use std::io::Read;
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let mut objects = std::collections::BTreeMap::new();
    let mut at = 0;
    while let Some(i) = find(&pdf[at..], b" 0 obj\n") {
        let head = at + i;
        let digits = pdf[..head]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let number: u32 = std::str::from_utf8(&pdf[head - digits..head])
            .unwrap()
            .parse()
            .unwrap();
        let body = &pdf[head + 7..];
        let body = &body[..find(body, b"\nendobj").unwrap()];
        let (dict, data) = match find(body, b"\nstream\n") {
            Some(s) => {
                let data = &body[s + 8..find(body, b"\nendstream").unwrap()];
                let dict = String::from_utf8_lossy(&body[..s]).to_string();
                let mut inflated = Vec::new();
                if dict.contains("/FlateDecode") {
                    flate2::read::ZlibDecoder::new(data)
                        .read_to_end(&mut inflated)
                        .unwrap();
                } else {
                    inflated = data.to_vec();
                }
                (dict, inflated)
            }
            None => (String::from_utf8_lossy(body).to_string(), Vec::new()),
        };
        objects.insert(number, (dict, data));
        at = head + 7;
    }
    objects
}

/// The number `N` of the first `KEY N 0 R` in `dict`.
fn pdf_ref(dict: &str, key: &str) -> Option<u32> {
    let rest = &dict[dict.find(key)? + key.len()..];
    rest.split_whitespace().next()?.parse().ok()
}

/// The text of a PDF as a reader extracts it, without a PDF library: the
/// glyphs every content stream shows, in order, each decoded through the
/// ToUnicode map of its font.
fn pdf_text(pdf: &[u8]) -> String {
    let objects = pdf_objects(pdf);
    // A dictionary's fonts by resource name, each as its glyphs' text.
    let fonts_of = |dict: &str| {
        let mut fonts: std::collections::BTreeMap<String, std::collections::BTreeMap<u16, String>> =
            Default::default();
        let Some(start) = dict.find("/Font <<") else {
            return fonts;
        };
        let entries = &dict[start + 8..];
        let entries = &entries[..entries.find(">>").unwrap()];
        let words: Vec<&str> = entries.split_whitespace().collect();
        for entry in words.chunks(4) {
            let font: u32 = entry[1].parse().unwrap();
            let cmap = pdf_ref(&objects[&font].0, "/ToUnicode").expect("a ToUnicode map");
            let cmap = String::from_utf8_lossy(&objects[&cmap].1).to_string();
            let mut map = std::collections::BTreeMap::new();
            for line in cmap.lines().filter(|l| l.starts_with('<')) {
                let hex: Vec<&str> = line
                    .split(['<', '>', ' '])
                    .filter(|h| !h.is_empty())
                    .collect();
                if let [cid, text] = hex[..] {
                    let units: Vec<u16> = (0..text.len() / 4)
                        .map(|i| u16::from_str_radix(&text[i * 4..i * 4 + 4], 16).unwrap())
                        .collect();
                    map.insert(
                        u16::from_str_radix(cid, 16).unwrap(),
                        String::from_utf16_lossy(&units),
                    );
                }
            }
            fonts.insert(entry[0].trim_start_matches('/').to_string(), map);
        }
        fonts
    };
    let mut text = String::new();
    for (&number, (dict, data)) in &objects {
        // A form's fonts are in its own dictionary, the page's in the page's.
        let page = objects
            .values()
            .find(|(d, _)| pdf_ref(d, "/Contents") == Some(number))
            .map_or("", |(d, _)| d.as_str());
        let fonts = fonts_of(if dict.contains("/Font <<") {
            dict
        } else {
            page
        });
        let content = String::from_utf8_lossy(data);
        let mut font = "";
        for line in content.lines() {
            if let Some(name) = line
                .strip_suffix(" Tf")
                .and_then(|l| l.split_whitespace().next())
            {
                font = name.trim_start_matches('/');
            } else if let Some(string) = line.strip_suffix(" Tj") {
                // A literal string of two-byte glyph numbers, with escapes.
                let mut bytes = Vec::new();
                let inner = string.strip_prefix('(').and_then(|s| s.strip_suffix(')'));
                let inner = inner.expect("a literal string").as_bytes();
                let mut i = 0;
                while i < inner.len() {
                    if inner[i] == b'\\' && inner.get(i + 1).is_some_and(u8::is_ascii_digit) {
                        let octal = std::str::from_utf8(&inner[i + 1..i + 4]).unwrap();
                        bytes.push(u8::from_str_radix(octal, 8).unwrap());
                        i += 4;
                    } else if inner[i] == b'\\' {
                        bytes.push(match inner[i + 1] {
                            b'n' => b'\n',
                            b'r' => b'\r',
                            b't' => b'\t',
                            b'b' => 8,
                            b'f' => 12,
                            other => other,
                        });
                        i += 2;
                    } else {
                        bytes.push(inner[i]);
                        i += 1;
                    }
                }
                for pair in bytes.chunks(2) {
                    let cid = u16::from_be_bytes([pair[0], pair[1]]);
                    let glyph = fonts.get(font).and_then(|f| f.get(&cid));
                    text.push_str(glyph.unwrap_or_else(|| {
                        panic!("object {number}: glyph {cid} of font {font} has no text ({string}; {:?})", fonts.keys().collect::<Vec<_>>())
                    }));
                }
            }
        }
    }
    text
}

#[test]
fn png_and_pdf_come_from_the_svg() {
    let g = geocoded("examples/incidents.csv");
    let options = MapOptions {
        width: 600.0,
        ..full_options()
    };
    let map = draw(&g, &options);
    let typeface = &options.style.typeface;
    let png = render::formats::png(&map.svg, 192.0, typeface).unwrap();
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!(width, 1200);
    assert_eq!(height, (map.layout.height * 2.0).ceil() as u32);
    // Opaque to the last row although the figure is not a whole number of
    // pixels tall: written as 8-bit RGB (colour type 2).
    assert!(map.layout.height.fract() != 0.0);
    assert_eq!((png[24], png[25]), (8, 2));
    let pdf = render::formats::pdf(&map.svg, typeface).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // Real text: the title, a label and the credits come back out.
    let text = pdf_text(&pdf);
    for expected in ["Incidents, 2018–2024", "Khujand", "GeoNames"] {
        assert!(
            text.contains(expected),
            "{expected} not in the PDF's text: {text}"
        );
    }
    assert!(
        pdf == render::formats::pdf(&map.svg, typeface).unwrap(),
        "PDF bytes differ"
    );
    assert!(
        png == render::formats::png(&map.svg, 192.0, typeface).unwrap(),
        "PNG bytes differ"
    );
}

#[test]
fn size_in_millimetres_and_a_fixed_height() {
    let g = geocoded("examples/incidents.csv");
    let options = MapOptions {
        width: render::parse_length("180mm").unwrap(),
        height: Some(render::parse_length("180mm").unwrap()),
        ..full_options()
    };
    let map = draw(&g, &options);
    assert!((map.layout.height - 680.31).abs() < 0.01);
    assert!(map.svg.contains("width=\"680.31\" height=\"680.31\""));
    assert_clean(&map.layout, &located_lines(&g));
    // Everything stays on the page: the legend (here beside the map), the
    // timeline and the credits.
    let legend = map.layout.legend.unwrap();
    assert!(legend.x1 <= map.layout.width && legend.y1 <= map.layout.timeline.unwrap().y0);
    assert!(!legend.intersects(&map.layout.frame) || map.layout.frame.contains(&legend));
    // 60 mm is too short for the map, its legend and the timeline: an error, not a mess.
    let too_small = MapOptions {
        height: Some(render::parse_length("60mm").unwrap()),
        ..options
    };
    let e = render::render(&g, &too_small).unwrap_err();
    assert!(e.to_string().contains("taller"), "{e}");
}

/// The font size of a group of the SVG, by its id.
fn group_font_size(svg: &str, id: &str) -> f64 {
    let tag = &svg[svg.find(&format!("id=\"{id}\"")).unwrap()..];
    let tag = &tag[..tag.find('>').unwrap()];
    let size = &tag[tag.find("font-size=\"").unwrap() + 11..];
    size[..size.find('"').unwrap()].parse().unwrap()
}

#[test]
fn a_journal_column_keeps_labels_legible_and_symbols_in_proportion() {
    let g = geocoded("tests/data/render/afghanistan-dense.csv");
    let screen = draw(&g, &MapOptions::default());
    let seven_points = 7.0 * 96.0 / 72.0;
    for size_by in [None, Some(SizeBy::Fatalities)] {
        let options = MapOptions {
            width: render::parse_length("180mm").unwrap(),
            size_by,
            ..MapOptions::default()
        };
        let map = draw(&g, &options);
        assert_clean(&map.layout, &located_lines(&g));
        let labels = group_font_size(&map.svg, "place-labels");
        assert!(labels >= seven_points - 0.01, "labels at {labels} px");
        assert!(group_font_size(&map.svg, "legend") >= seven_points - 0.01);
        // Smaller than on screen, so the map keeps its room.
        assert!(labels < group_font_size(&screen.svg, "place-labels"));
        let radius = map
            .layout
            .markers
            .iter()
            .map(|m| m.radius)
            .fold(f64::MAX, f64::min);
        assert!(
            radius >= 1.1 * 96.0 / 25.4 * 0.75 - 1e-9,
            "markers of {radius} px"
        );
        assert!(nearer_other_labels(&map.layout).is_empty());
        assert!(
            map.layout.labels.len() + 2 >= screen.layout.labels.len(),
            "{} labels at 180 mm, {} on screen: {:?}",
            map.layout.labels.len(),
            screen.layout.labels.len(),
            map.notes
        );
    }
}

#[test]
fn projection_names_and_bad_projections() {
    let g = geocoded("examples/incidents.csv");
    for (name, proj) in [
        ("albers", "+proj=aea"),
        ("mercator", "+proj=merc"),
        ("robinson", "+proj=robin"),
    ] {
        let options = MapOptions {
            projection: Some(name.into()),
            ..MapOptions::default()
        };
        let map = draw(&g, &options);
        assert!(
            map.projection.starts_with(proj),
            "{name}: {}",
            map.projection
        );
        assert_clean(&map.layout, &located_lines(&g));
    }
    let options = MapOptions {
        projection: Some("azimuthal-ish".into()),
        ..MapOptions::default()
    };
    assert!(
        render::render(&g, &options)
            .unwrap_err()
            .to_string()
            .contains("unknown projection")
    );
}

#[test]
fn a_style_file_changes_colours_and_layers() {
    let g = geocoded("examples/incidents.csv");
    let style = Style::from_toml(
        "[colours]\nsea = \"#123456\"\npalette = [\"#aa0000\", \"#00aa00\", \"#0000aa\"]\n\
         [layers]\ngraticule = false\ncountry_names = false\ntimeline = true\n",
        "test.toml",
        Path::new("."),
    )
    .unwrap();
    let options = MapOptions {
        style,
        ..MapOptions::default()
    };
    let map = draw(&g, &options);
    let ids = layer_ids(&map.svg);
    assert!(!ids.contains(&"graticule".to_string()) && ids.contains(&"timeline".to_string()));
    assert!(map.layout.country_labels.is_empty());
    assert!(map.svg.contains("fill=\"#123456\""));
    assert!(map.svg.contains("fill=\"#aa0000\"") && map.svg.contains("fill=\"#0000aa\""));
    assert!(!map.svg.contains("#0072B2"));
}

#[test]
fn the_readme_documents_every_style_key_with_its_default() {
    let readme = std::fs::read_to_string(path("README.md")).unwrap();
    let start = readme
        .find("```toml\n[colours]")
        .expect("a style block in the README")
        + 8;
    let block = &readme[start..start + readme[start..].find("```").unwrap()];
    let documented: toml::Table = toml::from_str(block).unwrap();
    let defaults: toml::Table = toml::from_str(&Style::default().to_toml()).unwrap();
    for (section, keys) in &defaults {
        let doc = documented[section].as_table().unwrap();
        for (key, value) in keys.as_table().unwrap() {
            let number = |v: &toml::Value| v.as_float().or(v.as_integer().map(|i| i as f64));
            match (doc.get(key), number(value)) {
                (Some(d), Some(v)) => assert_eq!(number(d), Some(v), "README: [{section}] {key}"),
                (d, _) => assert_eq!(d, Some(value), "README: [{section}] {key}"),
            }
        }
    }
    for (section, keys) in &documented {
        for key in keys.as_table().unwrap().keys() {
            let known = defaults[section].as_table().unwrap().contains_key(key);
            assert!(
                known || (section == "fonts" && ["regular", "bold"].contains(&key.as_str())),
                "[{section}] {key}"
            );
        }
    }
    // The font keys work: the embedded font's own file, by path.
    let style = Style::from_toml(
        "[fonts]\nregular = \"fonts/DejaVuSans.ttf\"\n",
        "test.toml",
        Path::new(env!("CARGO_MANIFEST_DIR")),
    )
    .unwrap();
    assert_eq!(style.typeface.family, "DejaVu Sans");
}

#[test]
fn input_text_never_becomes_markup() {
    let csv = "date,place,type,latitude,longitude\n\
               2024-01-01,\"Tom & Jerry <b>\",\"<script>alert(1)</script>\",38.56,68.78\n\
               2024-01-02,\"Bell\u{7}town\",Arson,40.28,69.62\n";
    let g = geocoded_text(csv);
    let options = MapOptions {
        title: Some("Title </text><script>".into()),
        source: Some("\"><g onload=\"x\">".into()),
        timeline: true,
        ..MapOptions::default()
    };
    let map = draw(&g, &options);
    assert!(
        !map.svg.contains("<script") && !map.svg.contains("<b>") && !map.svg.contains("<g onload")
    );
    assert!(
        map.svg
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; (1)")
    );
    assert!(map.svg.contains(">Belltown</text>"));
    // The document parses (resvg reads it as strict XML).
    render::formats::png(&map.svg, 24.0, &options.style.typeface).unwrap();
}

#[test]
fn province_and_country_rows_are_hollow() {
    let csv = "date,place,country,type\n2024-01-01,Sughd,TJ,Arrests\n2024-02-01,Khatlon,TJ,Arrests\n2024-03-01,Khujand,TJ,Arrests\n";
    let g = geocoded_text(csv);
    let map = draw(&g, &MapOptions::default());
    let hollow: Vec<bool> = map.layout.markers.iter().map(|m| m.hollow).collect();
    assert_eq!(hollow, vec![true, true, false]);
    assert!(map.svg.contains("Province or country only"));
    assert_clean(&map.layout, &located_lines(&g));
}

#[test]
fn the_command_line_writes_every_format_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_incimap"))
        .args([
            "map",
            path("examples/incidents.csv").to_str().unwrap(),
            "-o",
        ])
        .arg(dir.path())
        .args([
            "--format",
            "svg,png,pdf",
            "--size-by",
            "fatalities",
            "--timeline",
            "--inset",
        ])
        .args(["--width", "180mm", "--height", "180mm", "--dpi", "150"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(dir.path().join("map.png")).unwrap();
    // 180 mm at 150 dpi.
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1063);
    assert!(
        std::fs::read(dir.path().join("map.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
    let svg = std::fs::read_to_string(dir.path().join("map.svg")).unwrap();
    assert!(svg.contains("id=\"timeline\"") && svg.contains("id=\"inset\""));

    let usage = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_incimap"))
            .args([
                "map",
                path("examples/incidents.csv").to_str().unwrap(),
                "-o",
            ])
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    for bad in [
        ["--format", "jpg"],
        ["--width", "wide"],
        ["--size-by", "cost"],
        ["--dpi", "0"],
    ] {
        let out = usage(&bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
    let style = dir.path().join("bad.toml");
    std::fs::write(&style, "[colours]\nsea = \"blue\"\n").unwrap();
    let out = usage(&["--style", style.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("colours.sea"));
}

/// On an aggregated map the labels go to the clusters with most incidents,
/// not to the first names in the alphabet.
#[test]
fn aggregated_maps_label_the_largest_clusters() {
    let small = [
        "Accra",
        "Berlin",
        "Cairo",
        "Dakar",
        "Freetown",
        "Hanoi",
        "Islamabad",
        "Jakarta",
        "Lima",
        "Madrid",
        "Nairobi",
        "Oslo",
        "Quito",
        "Riga",
        "Santiago",
        "Tokyo",
        "Ulaanbaatar",
        "Warsaw",
        "Yerevan",
        "Abuja",
        "Bogota",
        "Caracas",
        "Dhaka",
        "Havana",
        "Lusaka",
        "Manila",
        "Luanda",
        "Canberra",
    ];
    let mut csv = String::from("date,place,type\n");
    for place in small {
        for _ in 0..10 {
            csv.push_str(&format!("2024-01-01,{place},Attack\n"));
        }
    }
    for _ in 0..150 {
        csv.push_str("2024-01-01,Zahedan,Attack\n");
    }
    let map = draw(&geocoded_text(&csv), &MapOptions::default());
    let labels: Vec<&str> = map.layout.labels.iter().map(|l| l.text.as_str()).collect();
    assert!(labels.contains(&"Zahedan"), "{labels:?}");
    // Every cluster is labelled, or listed as left out.
    let clusters = map.layout.markers.len();
    let left_out = map
        .notes
        .iter()
        .filter(|n| n.starts_with("label `"))
        .count();
    assert_eq!(
        labels.len() + left_out,
        clusters,
        "{labels:?} {:?}",
        map.notes
    );
    // A cluster of several places is named after the one it sits on.
    assert!(
        labels.iter().any(|l| l.ends_with(" and 1 place")),
        "{labels:?}"
    );
    // The size key offers counts: no 0, no n/a.
    let legend = legend_svg(&map);
    assert!(legend.contains(">Incidents</text>"));
    assert!(
        !legend.contains(">0</text>") && !legend.contains(">n/a</text>"),
        "{legend}"
    );
}

/// The countries drawn in the incidents' shade, by their Natural Earth name.
fn shaded(map: &Map) -> Vec<String> {
    let shade = format!("fill=\"{}\"", Style::default().colours.land_with_incidents);
    map.svg
        .lines()
        .flat_map(|l| l.split("<path "))
        .filter(|p| p.contains(&shade))
        .filter_map(|p| p.split("inkscape:label=\"").nth(1)?.split('"').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn country_shading_follows_the_geocoded_countries() {
    // Beirut and Amman lie at the coarse basemap's edges; Khorugh sits on
    // the Panj, a few hundred metres from Afghanistan.
    let g = geocoded_text(
        "date,place,country,type\n\
         2024-01-02,Beirut,LB,Attack\n\
         2024-01-03,Amman,JO,Attack\n\
         2024-01-04,Khorugh,TJ,Attack\n",
    );
    let mut names = shaded(&draw(&g, &MapOptions::default()));
    names.sort();
    assert_eq!(names, ["Jordan", "Lebanon", "Tajikistan"]);
}

#[test]
fn one_day_is_said_once_and_labels_drop_the_province_after_a_comma() {
    let g = geocoded_text(
        "date,place,country,type,latitude,longitude\n\
         2024-03-22,\"Shakar Dara, Kabul\",AF,Attack,34.69,69.03\n",
    );
    let map = draw(&g, &MapOptions::default());
    assert!(
        map.svg.contains("2024-03-22"),
        "the date is in the subtitle"
    );
    assert!(!map.svg.contains("2024-03-22 to 2024-03-22"));
    assert!(
        map.svg.contains(">Shakar Dara<"),
        "label without the province"
    );
}

/// The legend's SVG.
fn legend_svg(map: &Map) -> &str {
    let start = map.svg.find("id=\"legend\"").expect("a legend layer");
    let end = start
        + map.svg[start..]
            .find("id=\"scalebar\"")
            .unwrap_or(map.svg.len() - start);
    &map.svg[start..end]
}

#[test]
fn the_size_key_keeps_zero_and_not_reported_apart_and_follows_the_shape() {
    let csv = "date,place,country,type,fatalities\n\
        2024-01-01,Khujand,TJ,Arrests,\n\
        2024-02-01,Kulyab,TJ,Arrests,0\n\
        2024-03-01,Vahdat,TJ,Arrests,30\n";
    let options = MapOptions {
        size_by: Some(SizeBy::Fatalities),
        ..MapOptions::default()
    };
    let map = draw(&geocoded_text(csv), &options);
    let legend = legend_svg(&map);
    assert!(legend.contains(">0</text>"), "{legend}");
    assert!(legend.contains(">n/a</text>"), "{legend}");
    assert!(!legend.contains("0 or n/a"));
    // One type, one shape (a circle for the first type): the key is drawn in
    // it and needs no note.
    assert!(!legend.contains("Same area in every shape"));
    // The unreported marker is told apart on the map too.
    let unreported: Vec<bool> = map.layout.markers.iter().map(|m| m.unreported).collect();
    assert_eq!(unreported, vec![true, false, false]);
    let incidents = &map.svg[map.svg.find("id=\"incidents\"").unwrap()..];
    let incidents = &incidents[..incidents.find("id=\"labels\"").unwrap()];
    assert_eq!(
        incidents.matches("stroke-dasharray").count() + legend.matches("stroke-dasharray").count(),
        2,
        "marker and key"
    );

    // A second type brings a second shape: the key says it holds for both.
    let csv = format!("{csv}2024-04-01,Dushanbe,TJ,Car bomb,2\n");
    let map = draw(&geocoded_text(&csv), &options);
    assert!(legend_svg(&map).contains("Same area in every shape"));
    // No n/a row, no n/a entry.
    let csv = "date,place,country,type,fatalities\n2024-02-01,Kulyab,TJ,Arrests,0\n2024-03-01,Vahdat,TJ,Prison riot,30\n";
    let map = draw(&geocoded_text(csv), &options);
    assert!(!legend_svg(&map).contains(">n/a<"));
}

#[test]
fn markers_reach_as_far_as_their_shapes_do() {
    let g = geocoded("examples/incidents.csv");
    let map = draw(&g, &full_options());
    for m in &map.layout.markers {
        assert!(m.extent >= m.radius);
    }
    assert!(
        map.layout.markers.iter().any(|m| m.extent > m.radius * 1.5),
        "triangles and stars reach beyond their radius"
    );
}

/// Rows of `types` types at Khujand, type `k` written `types - k` times, so
/// that the ranks follow the names T00, T01...
fn many_types_csv(types: usize) -> String {
    let mut csv = String::from("date,place,country,type\n");
    for k in 0..types {
        for _ in 0..types - k {
            csv.push_str(&format!("2024-01-01,Khujand,TJ,T{k:02}\n"));
        }
    }
    csv
}

#[test]
fn past_eight_types_the_rarest_are_other_types() {
    let g = geocoded_text(&many_types_csv(13));
    let map = draw(&g, &MapOptions::default());
    let names: Vec<&str> = map.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "T00",
            "T01",
            "T02",
            "T03",
            "T04",
            "T05",
            "T06",
            "Other types"
        ]
    );
    // T07..T12 are written 6, 5, 4, 3, 2 and 1 times.
    assert_eq!(map.types[7].count, 21);
    let colours: std::collections::BTreeSet<&str> =
        map.types.iter().map(|t| t.colour.as_str()).collect();
    assert_eq!(colours.len(), 8, "eight types, eight colours");
    assert!(map.svg.contains(">Other types (21)</text>"));
    // The 91 incidents at Khujand are one pie, the rare types its slice in
    // the last entry's colour.
    let [pie] = &map.layout.markers[..] else {
        panic!("{:?}", map.layout.markers)
    };
    assert_eq!(pie.lines.len(), 91);
    let grey = &map.types[7].colour;
    let markers = &map.svg[map.svg.find("<g id=\"markers\"").unwrap()..];
    assert!(markers.contains(&format!("fill=\"{grey}\"")));

    let options = MapOptions {
        max_types: 13,
        ..MapOptions::default()
    };
    assert_eq!(draw(&g, &options).types.len(), 13);
    let options = MapOptions {
        max_types: 4,
        ..MapOptions::default()
    };
    let map = draw(&g, &options);
    assert_eq!(map.types.len(), 4);
    assert_eq!(map.types[3].name, "Other types");
    // Eight types exactly are shown apart.
    assert_eq!(
        draw(&geocoded_text(&many_types_csv(8)), &MapOptions::default())
            .types
            .len(),
        8
    );
}

/// WCAG contrast ratio of two `#rrggbb` colours.
fn contrast(a: &str, b: &str) -> f64 {
    let luminance = |hex: &str| {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    };
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn every_default_colour_stands_out_on_land_and_sea_and_none_dominates() {
    let style = Style::default();
    let c = &style.colours;
    assert!(c.palette.len() <= 8);
    for colour in &c.palette {
        for ground in [&c.land, &c.land_with_incidents, &c.sea] {
            let ratio = contrast(colour, ground);
            assert!(ratio >= 1.5, "{colour} on {ground}: contrast {ratio:.2}");
            // Black (17:1 on the land) outweighs every other marker.
            assert!(ratio <= 8.0, "{colour} on {ground}: contrast {ratio:.2}");
        }
    }
}

#[test]
fn the_timeline_says_when_the_last_year_is_partial() {
    let options = MapOptions {
        timeline: true,
        ..MapOptions::default()
    };
    let csv = "date,place,country,type\n2019-05-19,Vahdat,TJ,Prison riot\n2024-03-22,Khujand,TJ,Arrests\n";
    let map = draw(&geocoded_text(csv), &options);
    let timeline = &map.svg[map.svg.find("id=\"timeline\"").expect("a timeline layer")..];
    assert!(timeline.contains(">2024: to 22 March</text>"), "{timeline}");
    // A year that runs into December is whole enough to say nothing.
    let csv = "date,place,country,type\n2019-05-19,Vahdat,TJ,Prison riot\n2024-12-22,Khujand,TJ,Arrests\n";
    let map = draw(&geocoded_text(csv), &options);
    assert!(!map.svg.contains(": to "));
}
