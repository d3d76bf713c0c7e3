//! The same style as [`super::qml`] as an OGC Styled Layer Descriptor
//! (`incidents.sld`, SLD 1.1 / Symbology Encoding), for GeoServer, MapServer
//! or QGIS's *Load Style → SLD*: per type two rules, a filled marker for
//! places and a hollow one for points that stand for an area.
//!
//! SLD knows fewer marker names than the map draws: a diamond is a square
//! turned 45°, a downward triangle a triangle turned 180°, and the hexagon
//! uses QGIS's and GeoServer's extended name `hexagon` (other readers may
//! fall back to a square).

use std::fmt::Write;

use super::qml::StyleFields;
use crate::geocode::Precision;
use crate::render::svg::{escape, num};
use crate::render::symbols::{
    HOLLOW_FILL, HOLLOW_WIDTH, OTHER_TYPES, OUTLINE_WIDTH, Shape, TypeSymbol,
};

/// SLD's name for a shape, its rotation, and the marker size (the side of
/// a square, the width of the others) per marker radius.
fn sld_shape(shape: Shape) -> (&'static str, f64, f64) {
    let width = 2.0 * shape.reach();
    match shape {
        Shape::Circle => ("circle", 0.0, width),
        Shape::Square => ("square", 0.0, width),
        Shape::Triangle => ("triangle", 0.0, width),
        Shape::Diamond => ("square", 45.0, width / std::f64::consts::SQRT_2),
        Shape::TriangleDown => ("triangle", 180.0, width),
        Shape::Hexagon => ("hexagon", 0.0, width),
        Shape::Star => ("star", 0.0, width),
        Shape::Cross => ("cross", 0.0, width),
    }
}

/// `<ogc:PropertyIsEqualTo>` on a field.
fn equal_to(field: &str, value: &str) -> String {
    format!(
        "<ogc:PropertyIsEqualTo><ogc:PropertyName>{}</ogc:PropertyName><ogc:Literal>{}</ogc:Literal></ogc:PropertyIsEqualTo>",
        escape(field),
        escape(value)
    )
}

/// The filter for features of type `name` ("Unspecified": no type;
/// "Other types": none of the `named` types).
fn type_filter(fields: &StyleFields, name: &str, named: &[&str]) -> Option<String> {
    let field = fields.kind.as_deref()?;
    if name == OTHER_TYPES {
        let others: Vec<Option<String>> = named
            .iter()
            .filter(|n| **n != OTHER_TYPES)
            .map(|n| type_filter(fields, n, &[]))
            .collect();
        let others: String = others.into_iter().flatten().collect();
        let any = if named.len() > 2 {
            format!("<ogc:Or>{others}</ogc:Or>")
        } else {
            others
        };
        return Some(format!("<ogc:Not>{any}</ogc:Not>"));
    }
    Some(if name == "Unspecified" {
        format!(
            "<ogc:Or><ogc:PropertyIsNull><ogc:PropertyName>{}</ogc:PropertyName></ogc:PropertyIsNull>{}</ogc:Or>",
            escape(field),
            equal_to(field, name)
        )
    } else {
        equal_to(field, name)
    })
}

/// The filter for points that stand for an area.
fn area_filter(fields: &StyleFields) -> String {
    let tests: String = Precision::ALL
        .into_iter()
        .filter(|p| p.is_area())
        .map(|p| equal_to(&fields.precision, p.as_str()))
        .collect();
    format!("<ogc:Or>{tests}</ogc:Or>")
}

/// The style as an SLD document, with `symbols` from the map and the
/// layer's `fields`.
pub fn style(symbols: &[TypeSymbol], fields: &StyleFields) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<StyledLayerDescriptor version=\"1.1.0\" \
xmlns=\"http://www.opengis.net/sld\" xmlns:ogc=\"http://www.opengis.net/ogc\" \
xmlns:se=\"http://www.opengis.net/se\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
xsi:schemaLocation=\"http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">\n\
  <NamedLayer>\n    <se:Name>incidents</se:Name>\n    <UserStyle>\n      <se:Name>incidents</se:Name>\n      <se:FeatureTypeStyle>\n",
    );
    let area = area_filter(fields);
    let named: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
    for s in symbols {
        let kind = type_filter(fields, &s.name, &named);
        for hollow in [false, true] {
            let place = if hollow {
                area.clone()
            } else {
                format!("<ogc:Not>{area}</ogc:Not>")
            };
            let filter = match &kind {
                Some(k) => format!("<ogc:And>{k}{place}</ogc:And>"),
                None => place,
            };
            write_rule(&mut out, s, &filter, hollow);
        }
    }
    out.push_str(
        "      </se:FeatureTypeStyle>\n    </UserStyle>\n  </NamedLayer>\n</StyledLayerDescriptor>\n",
    );
    out
}

fn write_rule(out: &mut String, s: &TypeSymbol, filter: &str, hollow: bool) {
    let (name, rotation, per_radius) = sld_shape(s.shape);
    let (fill, stroke, width) = if hollow {
        (HOLLOW_FILL, s.colour.as_str(), HOLLOW_WIDTH)
    } else {
        (s.colour.as_str(), s.outline.as_str(), OUTLINE_WIDTH)
    };
    let title = format!(
        "{} ({}){}",
        s.name,
        s.count,
        if hollow { ", area" } else { "" }
    );
    let _ = write!(
        out,
        "        <se:Rule>\n          <se:Name>{}</se:Name>\n          <se:Description><se:Title>{}</se:Title></se:Description>\n          <ogc:Filter>{filter}</ogc:Filter>\n          <se:PointSymbolizer><se:Graphic><se:Mark>\
<se:WellKnownName>{name}</se:WellKnownName>\
<se:Fill><se:SvgParameter name=\"fill\">{}</se:SvgParameter></se:Fill>\
<se:Stroke><se:SvgParameter name=\"stroke\">{}</se:SvgParameter><se:SvgParameter name=\"stroke-width\">{}</se:SvgParameter></se:Stroke>\
</se:Mark><se:Size>{}</se:Size><se:Rotation>{}</se:Rotation></se:Graphic></se:PointSymbolizer>\n        </se:Rule>\n",
        escape(&title),
        escape(&title),
        escape(fill),
        escape(stroke),
        num(width),
        num(per_radius * s.radius),
        num(rotation),
    );
}
