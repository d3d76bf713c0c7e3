"""Loads incimap's QGIS style onto a layer with PyQGIS, headless, and checks
what QGIS made of it: a categorised renderer on the type, one category per
type with the colour and shape the style names, and the data-defined
overrides (hollow areas, --size-by) in place.

An SLD (STYLE.sld) must give a rule renderer with a filled and a hollow
rule per type.

Usage: qgis-load-style.py DATA STYLE.qml|STYLE.sld EXPECTED_TYPES
"""
import sys
import xml.etree.ElementTree as ET

from qgis.core import QgsApplication, QgsVectorLayer

data, style, expected = sys.argv[1], sys.argv[2], int(sys.argv[3])
app = QgsApplication([], False)
app.initQgis()
layer = QgsVectorLayer(data, "incidents", "ogr")
assert layer.isValid(), f"QGIS cannot open {data}"
if style.endswith(".sld"):
    message, ok = layer.loadSldStyle(style)
    assert ok, f"QGIS refuses {style}: {message}"
    rules = layer.renderer().rootRule().children()
    assert len(rules) == 2 * expected, f"{len(rules)} rules, not {2 * expected}"
    assert all(rule.filterExpression() for rule in rules), "a rule without a filter"
    print(f"ok: QGIS loads {style.split('/')[-1]} onto {data.split('/')[-1]}: {len(rules)} rules")
    sys.exit(0)
message, ok = layer.loadNamedStyle(style)
assert ok, f"QGIS refuses {style}: {message}"
renderer = layer.renderer()
assert renderer.type() == "categorizedSymbol", renderer.type()
categories = renderer.categories()
assert len(categories) == expected, f"{len(categories)} categories, not {expected}"

# What the style file says, category by category: its fill colour.
root = ET.parse(style).getroot()
colours = {}
for symbol in root.iter("symbol"):
    for option in symbol.iter("Option"):
        if option.get("name") == "color":
            r, g, b, _ = (int(v) for v in option.get("value").split(","))
            colours[symbol.get("name")] = f"#{r:02x}{g:02x}{b:02x}"
            break
for k, category in enumerate(categories):
    colour = category.symbol().color().name()
    assert colour == colours[str(k)], f"{category.value()}: {colour}, not {colours[str(k)]}"
    overrides = category.symbol().symbolLayer(0).dataDefinedProperties().propertyKeys()
    assert len(overrides) >= 3, f"{category.value()}: overrides {overrides}"
print(f"ok: QGIS loads {style.split('/')[-1]} onto {data.split('/')[-1]}: {len(categories)} categories")
