//! A QGIS layer style (`incidents.qml`) that draws the incidents layer as
//! the map does: a categorised renderer on the incident type, one category
//! per type in legend order, each with the map's shape, colour, size and
//! outline ([`crate::render::symbols::TypeSymbol`]). QGIS loads a `.qml`
//! with the same base name as the layer's file by itself.

use std::fmt::Write;
use std::io;
use std::path::{Path, PathBuf};

use super::ColumnTypes;
use crate::geocode::Precision;
use crate::incident::{Field, Schema};
use crate::render::SizeBy;
use crate::render::svg::escape;
use crate::render::symbols::{
    HOLLOW_FILL, HOLLOW_WIDTH, OTHER_TYPES, OUTLINE_WIDTH, Shape, SizeScale, TypeSymbol,
};

/// Millimetres per map pixel (1 px = 1/96 inch).
const MM_PER_PX: f64 = 25.4 / 96.0;

/// The QGIS version the style says it was made for; QGIS 3 reads it.
const QGIS_VERSION: &str = "3.28.0-Firenze";

/// QGIS's name for a shape, and the rotation that makes QGIS's drawing
/// point the way the map's does.
fn qgis_shape(shape: Shape) -> (&'static str, f64) {
    match shape {
        Shape::Circle => ("circle", 0.0),
        Shape::Square => ("square", 0.0),
        Shape::Triangle => ("equilateral_triangle", 0.0),
        Shape::Diamond => ("diamond", 0.0),
        Shape::TriangleDown => ("equilateral_triangle", 180.0),
        // QGIS's hexagon has a corner at the top, the map's at the side.
        Shape::Hexagon => ("hexagon", 30.0),
        Shape::Star => ("star", 0.0),
        Shape::Cross => ("cross_fill", 0.0),
    }
}

/// `#rrggbb` (or `#rgb`) as QGIS's `r,g,b,a`; anything else is black.
pub fn qgis_colour(hex: &str) -> String {
    let digits = hex.trim_start_matches('#');
    let expanded: String = match digits.len() {
        3 => digits.chars().flat_map(|c| [c, c]).collect(),
        _ => digits.to_string(),
    };
    let channel = |k: usize| {
        expanded
            .get(k..k + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(0)
    };
    if hex == "none" {
        return "0,0,0,0".into();
    }
    format!("{},{},{},255", channel(0), channel(2), channel(4))
}

/// The fields of the layer that the style reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StyleFields {
    /// The type column (`None`: the input has none, every incident is "Unspecified").
    pub kind: Option<String>,
    /// `incimap_precision` (or its short name): points that stand for an
    /// area are drawn hollow, as on the map.
    pub precision: String,
    /// The fatalities column, for `--size-by fatalities`.
    pub fatalities: Option<String>,
    /// The injuries column, for `--size-by injuries`.
    pub injuries: Option<String>,
}

impl StyleFields {
    /// The fields of an export of `schema` with `types`.
    pub fn of(schema: &Schema, types: &ColumnTypes) -> StyleFields {
        let name = |field| schema.index(field).map(|i| types.name(i).to_string());
        StyleFields {
            kind: name(Field::Type),
            precision: types.own("incimap_precision").to_string(),
            fatalities: name(Field::Fatalities),
            injuries: name(Field::Injuries),
        }
    }
}

/// The style files written beside a data file: `incidents.qml` (QGIS loads
/// it with `incidents.geojson` by itself) and `incidents.sld`.
pub fn style_paths(data: &Path) -> [PathBuf; 2] {
    [data.with_extension("qml"), data.with_extension("sld")]
}

/// Writes the QML and SLD styles beside `data` ([`style_paths`]), each
/// atomically; `size` is the map's `--size-by` scale
/// ([`crate::render::Map::size_scale`]).
pub fn write_styles(
    data: &Path,
    symbols: &[TypeSymbol],
    size: Option<(SizeBy, SizeScale)>,
    fields: &StyleFields,
) -> io::Result<()> {
    let [qml, sld] = style_paths(data);
    for (path, text) in [
        (qml, style(symbols, size, fields)),
        (sld, super::sld::style(symbols, fields)),
    ] {
        crate::output::write_atomic(&path, text.as_bytes())
            .map_err(|e| io::Error::other(format!("{}: {e}", path.display())))?;
    }
    Ok(())
}

/// A field name in a QGIS expression.
fn field_ref(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Whether a feature stands for an area, as a QGIS expression.
fn is_area(precision_field: &str) -> String {
    let areas: Vec<String> = Precision::ALL
        .into_iter()
        .filter(|p| p.is_area())
        .map(|p| format!("'{}'", p.as_str()))
        .collect();
    format!("{} IN ({})", field_ref(precision_field), areas.join(", "))
}

/// The expression QGIS classifies by: the type column, with no type as
/// "Unspecified" as in the map's legend.
fn classify_by(type_field: Option<&str>) -> String {
    match type_field {
        Some(field) => format!("coalesce({}, 'Unspecified')", field_ref(field)),
        None => "'Unspecified'".into(),
    }
}

/// The marker radius in pixels as a QGIS expression, under `--size-by`:
/// the map's [`SizeScale::radius`] on the field's value (none: 0).
fn radius_expression(size: Option<(SizeBy, SizeScale)>, fields: &StyleFields) -> Option<String> {
    let (by, scale) = size?;
    let field = match by {
        SizeBy::Fatalities => fields.fatalities.as_deref(),
        SizeBy::Injuries => fields.injuries.as_deref(),
        SizeBy::Count => None,
    }?;
    let (a, b) = (scale.min_radius.powi(2), scale.max_radius.powi(2));
    let top = scale.top.max(1);
    Some(format!(
        "sqrt({a:.4} + {:.4} * min(coalesce({}, 0), {top}) / {top})",
        b - a,
        field_ref(field)
    ))
}

/// The style for a layer with `fields`, drawing `symbols` from the map
/// ([`crate::render::Map::types`]), sized as the map is under `--size-by`.
pub fn style(
    symbols: &[TypeSymbol],
    size: Option<(SizeBy, SizeScale)>,
    fields: &StyleFields,
) -> String {
    let radius = radius_expression(size, fields);
    let mut out = String::new();
    out.push_str("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n");
    let _ = writeln!(
        out,
        "<qgis version=\"{QGIS_VERSION}\" styleCategories=\"Symbology\">"
    );
    let _ = writeln!(
        out,
        "  <renderer-v2 type=\"categorizedSymbol\" attr=\"{}\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">",
        escape(&classify_by(fields.kind.as_deref()))
    );
    out.push_str("    <categories>\n");
    for (k, s) in symbols.iter().enumerate() {
        let _ = writeln!(
            out,
            "      <category symbol=\"{k}\" value=\"{}\" label=\"{}\" render=\"true\"/>",
            // QGIS draws every value no other category names with the
            // category of the empty value: the grouped rare types.
            escape(if s.name == OTHER_TYPES { "" } else { &s.name }),
            escape(&format!("{} ({})", s.name, s.count))
        );
    }
    out.push_str("    </categories>\n    <symbols>\n");
    for (k, s) in symbols.iter().enumerate() {
        write_symbol(
            &mut out,
            k,
            s,
            &is_area(&fields.precision),
            radius.as_deref(),
        );
    }
    out.push_str("    </symbols>\n  </renderer-v2>\n</qgis>\n");
    out
}

/// One marker symbol, with its settings both as `<Option>`s (QGIS 3.26 and
/// later) and as `<prop>`s (earlier QGIS 3).
/// Points for which `hollow` (an expression) holds are drawn hollow; a
/// `radius` expression (pixels) sizes each marker.
fn write_symbol(out: &mut String, k: usize, s: &TypeSymbol, hollow: &str, radius: Option<&str>) {
    let (name, angle) = qgis_shape(s.shape);
    let (colour, outline) = (qgis_colour(&s.colour), qgis_colour(&s.outline));
    let (width, hollow_width) = (OUTLINE_WIDTH * MM_PER_PX, HOLLOW_WIDTH * MM_PER_PX);
    let size = 2.0 * s.radius * s.shape.reach() * MM_PER_PX;
    let settings = [
        ("angle", format!("{angle}")),
        ("color", colour.clone()),
        ("joinstyle", "miter".into()),
        ("name", name.into()),
        ("outline_color", outline.clone()),
        ("outline_style", "solid".into()),
        ("outline_width", format!("{width:.3}")),
        ("outline_width_unit", "MM".into()),
        ("scale_method", "diameter".into()),
        ("size", format!("{size:.3}")),
        ("size_unit", "MM".into()),
    ];
    let _ = writeln!(
        out,
        "      <symbol type=\"marker\" name=\"{k}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">"
    );
    out.push_str(
        "        <layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\">\n          <Option type=\"Map\">\n",
    );
    for (key, value) in &settings {
        let _ = writeln!(
            out,
            "            <Option name=\"{key}\" type=\"QString\" value=\"{}\"/>",
            escape(value)
        );
    }
    out.push_str("          </Option>\n");
    for (key, value) in &settings {
        let _ = writeln!(out, "          <prop k=\"{key}\" v=\"{}\"/>", escape(value));
    }
    let white = qgis_colour(HOLLOW_FILL);
    let mut overrides = vec![
        ("fillColor", format!("if({hollow}, '{white}', '{colour}')")),
        (
            "outlineColor",
            format!("if({hollow}, '{colour}', '{outline}')"),
        ),
        (
            "outlineWidth",
            format!("if({hollow}, {hollow_width:.3}, {width:.3})"),
        ),
    ];
    if let Some(radius) = radius {
        let per_px = 2.0 * s.shape.reach() * MM_PER_PX;
        overrides.push(("size", format!("{per_px:.5} * {radius}")));
    }
    out.push_str("          <data_defined_properties>\n            <Option type=\"Map\">\n");
    out.push_str("              <Option name=\"name\" type=\"QString\" value=\"\"/>\n");
    out.push_str("              <Option name=\"properties\" type=\"Map\">\n");
    for (key, expression) in &overrides {
        let _ = writeln!(
            out,
            "                <Option name=\"{key}\" type=\"Map\">\n                  <Option name=\"active\" type=\"bool\" value=\"true\"/>\n                  <Option name=\"expression\" type=\"QString\" value=\"{}\"/>\n                  <Option name=\"type\" type=\"int\" value=\"3\"/>\n                </Option>",
            escape(expression)
        );
    }
    out.push_str("              </Option>\n              <Option name=\"type\" type=\"QString\" value=\"collection\"/>\n");
    out.push_str("            </Option>\n          </data_defined_properties>\n");
    out.push_str("        </layer>\n      </symbol>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_become_qgis_rgba() {
        assert_eq!(qgis_colour("#0072B2"), "0,114,178,255");
        assert_eq!(qgis_colour("#fff"), "255,255,255,255");
        assert_eq!(qgis_colour("none"), "0,0,0,0");
    }

    #[test]
    fn areas_are_the_precisions_the_map_draws_hollow() {
        assert_eq!(
            is_area("im_prec"),
            "\"im_prec\" IN ('admin1', 'admin2', 'country', 'area')"
        );
    }

    #[test]
    fn the_type_field_is_quoted_and_missing_types_are_unspecified() {
        assert_eq!(
            classify_by(Some("event \"type\"")),
            "coalesce(\"event \"\"type\"\"\", 'Unspecified')"
        );
        assert_eq!(classify_by(None), "'Unspecified'");
    }
}
