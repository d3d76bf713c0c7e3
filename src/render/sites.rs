//! Incidents as sites on the map: distinct places, types ranked for the
//! legend, marker sizes, markers spread so none hides another, the legend's
//! content, label requests and the incidents layer.

use std::collections::{BTreeMap, BTreeSet};

use super::frame::Frame;
use super::labels::{LabelRequest, Rect};
use super::legend::{Legend, SizeKey};
use super::projection::Projection;
use super::rows::{MapRow, MapRows};
use super::style::Style;
use super::svg::{Svg, num};
use super::symbols::{self, OTHER_TYPES, SizeScale};
use super::{MapOptions, PlacedMarker, RenderError, SizeBy};

/// Most incidents at one place that get markers of their own, spread on a
/// ring around it; more become one symbol on the place itself: a pie of
/// their types, its area showing how many they are (or the sum of the
/// numbers `--size-by` shows), the count written in it.
pub const MOST_SPREAD: usize = 4;

/// The located incidents, grouped into sites and drawn as symbols (a marker
/// per incident, or a pie per crowded place), with what the map needs to
/// draw them.
pub(crate) struct Sites<'a> {
    /// Located incidents, in input order.
    pub located: &'a MapRows,
    /// The incidents (indices into `located`) each symbol stands for.
    pub members: Vec<Vec<usize>>,
    /// Longitude and latitude of each symbol.
    pub lonlat: Vec<(f64, f64)>,
    /// Symbols (indices) at each distinct place, places in first-seen order.
    pub groups: Vec<Vec<usize>>,
    /// How many incidents each group stands for (its rows' weights).
    pub group_weights: Vec<u64>,
    /// Types, most frequent first.
    pub types: Vec<TypeEntry>,
    /// Each symbol's type rank (a pie's: its most frequent type's).
    pub ranks: Vec<usize>,
    /// Each pie's slices, `(type rank, incidents)`, most first; `None` for a
    /// marker of one incident.
    pub slices: Vec<Option<Vec<(usize, usize)>>>,
    /// Each symbol's radius: its area is that of a circle of this radius,
    /// whatever its shape.
    pub radii: Vec<f64>,
    /// How far each symbol reaches from its centre (its radius times its
    /// shape's reach), for spreading and collisions.
    pub extents: Vec<f64>,
    /// Each symbol is hollow (province or country only).
    pub hollow: Vec<bool>,
    /// Each symbol lacks the number its size shows ("n/a").
    pub unreported: Vec<bool>,
    /// Each pie has its count written inside (else its label carries it).
    pub count_inside: Vec<bool>,
    /// What marker size stands for, if anything.
    pub size_scale: Option<(SizeBy, SizeScale)>,
    /// Pie areas by incident count, when marker size stands for nothing else.
    pub count_scale: Option<SizeScale>,
}

impl<'a> Sites<'a> {
    /// Groups the located incidents; notes what the reader should know.
    /// `weights` says how many incidents each row stands for (1 but on
    /// aggregated maps); `size_by` what marker area shows.
    /// `totals`, when given, are the type counts for the legend (an
    /// aggregated map's rows stand for several types each, and are never
    /// gathered into pies again). `keys`, when given, fix the types' order
    /// and the sizes' scales (the panels of a faceted figure share them).
    pub fn new(
        located: &'a MapRows,
        weights: &[u32],
        totals: Option<&[(String, usize)]>,
        size_by: Option<SizeBy>,
        options: &MapOptions,
        keys: Option<&Keys>,
        notes: &mut Vec<String>,
    ) -> Sites<'a> {
        let style = &options.style;
        let sizes = &style.sizes;
        let incident_lonlat: Vec<(f64, f64)> = located.lonlats().collect();
        let mut site_of: BTreeMap<(i64, i64), usize> = BTreeMap::new();
        let mut places: Vec<Vec<usize>> = Vec::new();
        for (k, &(lon, lat)) in incident_lonlat.iter().enumerate() {
            let key = ((lon * 1e5).round() as i64, (lat * 1e5).round() as i64);
            let site = *site_of.entry(key).or_insert_with(|| {
                places.push(Vec::new());
                places.len() - 1
            });
            places[site].push(k);
        }
        let types = match (keys, totals) {
            (Some(keys), _) => keys.types.clone(),
            (None, Some(totals)) => totals
                .iter()
                .map(|(name, count)| TypeEntry {
                    name: name.clone(),
                    count: *count,
                })
                .collect(),
            (None, None) => group_rare_types(rank_types(located, weights), options.max_types),
        };
        let by_kind = kind_ranks(located, &types);
        let rank = |k: usize| by_kind[located.kind_of(k)];
        let weight = |k: usize| weights.get(k).copied().unwrap_or(1);

        // A marker per incident, or one pie for a crowded place.
        let mut members: Vec<Vec<usize>> = Vec::new();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for place in &places {
            let first = members.len();
            if totals.is_none() && place.len() > MOST_SPREAD {
                members.push(place.clone());
            } else {
                members.extend(place.iter().map(|&k| vec![k]));
            }
            groups.push((first..members.len()).collect());
        }
        let slices: Vec<Option<Vec<(usize, usize)>>> = members
            .iter()
            .map(|m| (m.len() > 1).then(|| type_slices(m.iter().map(|&k| (rank(k), weight(k))))))
            .collect();
        let ranks: Vec<usize> = members
            .iter()
            .zip(&slices)
            .map(|(m, s)| s.as_ref().map_or(rank(m[0]), |s| s[0].0))
            .collect();

        let value = |k: usize, by: SizeBy| match by {
            SizeBy::Count => weights.get(k).copied(),
            by => by.value(&located.get(k)),
        };
        // A pie shows the sum of what its incidents report.
        let symbol_value = |m: &[usize], by: SizeBy| {
            m.iter()
                .filter_map(|&k| value(k, by))
                .reduce(|a, b| a.saturating_add(b))
        };
        let size_scale = size_by.map(|by| {
            let top = keys.and_then(|k| k.size_top).unwrap_or_else(|| {
                members
                    .iter()
                    .filter_map(|m| symbol_value(m, by))
                    .max()
                    .unwrap_or(0)
            });
            if top == 0 {
                notes.push(format!(
                    "no row gives {}, so all markers have the smallest size",
                    by.title().to_lowercase()
                ));
            }
            let scale = SizeScale {
                min_radius: sizes.marker * 0.75,
                max_radius: sizes.marker_max,
                top: top.max(1),
            };
            (by, scale)
        });
        let count = |m: &[usize]| m.iter().map(|&k| weight(k)).sum::<u32>();
        let count_scale = match size_scale {
            Some(_) => None,
            None => keys
                .and_then(|k| k.count_top)
                .or_else(|| {
                    members
                        .iter()
                        .filter(|m| m.len() > 1)
                        .map(|m| count(m))
                        .max()
                })
                .map(|top| {
                    // As big as that many markers together, up to the largest size.
                    let full = sizes.marker * f64::from(top).sqrt();
                    SizeScale {
                        min_radius: 0.0,
                        max_radius: full.min(sizes.marker_max).max(sizes.marker),
                        top,
                    }
                }),
        };
        let radii: Vec<f64> = members
            .iter()
            .map(|m| match (size_scale, count_scale) {
                (Some((by, scale)), _) => scale.radius(symbol_value(m, by)),
                (None, Some(scale)) if m.len() > 1 => scale.radius(Some(count(m))),
                _ => sizes.marker,
            })
            .collect();
        // Aggregated maps and crowded places draw round pies, not the types' shapes.
        let colours = style.colours.palette.len();
        let extents = radii
            .iter()
            .zip(&ranks)
            .zip(&slices)
            .map(|((r, &rank), pie)| match (totals, pie) {
                (None, None) => r * symbols::shape(rank, colours).reach().max(1.0),
                _ => *r,
            })
            .collect();
        let unreported = members
            .iter()
            .map(|m| size_scale.is_some_and(|(by, _)| symbol_value(m, by).is_none()))
            .collect();
        let hollow = members
            .iter()
            .map(|m| m.iter().all(|&k| located.get(k).hollow))
            .collect();
        let count_inside = members
            .iter()
            .zip(&radii)
            .map(|(m, &r)| m.len() > 1 && count_fits(count(m), r, style))
            .collect();
        let group_weights = groups
            .iter()
            .map(|g| {
                g.iter()
                    .flat_map(|&s| &members[s])
                    .map(|&k| u64::from(weight(k)))
                    .sum()
            })
            .collect();
        Sites {
            located,
            lonlat: members.iter().map(|m| incident_lonlat[m[0]]).collect(),
            members,
            groups,
            group_weights,
            types,
            ranks,
            slices,
            radii,
            extents,
            hollow,
            unreported,
            count_inside,
            size_scale,
            count_scale,
        }
    }

    /// Each symbol in projected metres; an error names the first row the
    /// projection cannot show.
    pub fn project(&self, projection: &Projection) -> Result<Vec<(f64, f64)>, RenderError> {
        let mut metres = Vec::with_capacity(self.lonlat.len());
        for (k, &(lon, lat)) in self.lonlat.iter().enumerate() {
            metres.push(projection.forward(lon, lat).ok_or_else(|| {
                RenderError::Projection(format!(
                    "line {}: ({lon}, {lat}) cannot be shown in `{}`",
                    self.located.get(self.members[k][0]).line,
                    projection.definition()
                ))
            })?);
        }
        Ok(metres)
    }

    /// The legend rank of the type named `name` (as the legend names it);
    /// a type grouped into "Other types", or unknown, takes that entry's.
    pub fn rank_of(&self, name: &str) -> usize {
        rank_in(&self.types, name)
    }

    /// The legend rank of each type of `rows`, by its position in their
    /// table of types.
    pub fn ranks_of_kinds(&self, rows: &MapRows) -> Vec<usize> {
        kind_ranks(rows, &self.types)
    }

    /// Each type's symbol, in legend order.
    pub fn type_symbols(&self, style: &Style) -> Vec<symbols::TypeSymbol> {
        self.types
            .iter()
            .enumerate()
            .map(|(k, t)| symbols::TypeSymbol {
                name: t.name.clone(),
                count: t.count,
                shape: symbols::shape(k, style.colours.palette.len()),
                colour: style.type_colour(k).to_string(),
                radius: style.sizes.marker,
                outline: style.colours.marker_outline.clone(),
            })
            .collect()
    }

    /// What the legend explains, in one column.
    pub fn legend(&self, style: &Style) -> Legend {
        let colours = style.colours.palette.len();
        let shapes: BTreeSet<usize> = self
            .ranks
            .iter()
            .zip(&self.slices)
            .map(|(&k, pie)| if pie.is_some() { 0 } else { k })
            .collect();
        let mut shapes = shapes.into_iter().map(|k| symbols::shape(k, colours));
        let first = shapes.next();
        let shape = first.filter(|f| shapes.all(|s| s == *f));
        let by_count = self.count_scale.map(|scale| SizeKey {
            title: PLACE_KEY_TITLE.to_string(),
            scale,
            shape: Some(symbols::Shape::Circle),
            zero: false,
            unreported: false,
            least: (MOST_SPREAD + 1) as u32,
        });
        Legend {
            types: self
                .type_symbols(style)
                .into_iter()
                .map(|t| (format!("{} ({})", t.name, t.count), t.shape, t.colour))
                .collect(),
            hollow: self.hollow.iter().any(|&h| h),
            spread: self.groups.iter().any(|g| g.len() > 1),
            pies: self
                .slices
                .iter()
                .any(Option::is_some)
                .then_some(MOST_SPREAD + 1),
            size: self
                .size_scale
                .map(|(by, scale)| SizeKey {
                    title: by.title().to_string(),
                    scale,
                    // An aggregated map's markers are all round pies.
                    shape: if by == SizeBy::Count {
                        Some(symbols::Shape::Circle)
                    } else {
                        shape
                    },
                    zero: by != SizeBy::Count,
                    unreported: self.unreported.iter().any(|&u| u),
                    least: 0,
                })
                .or(by_count),
            columns: 1,
        }
    }

    /// The markers as placed, one per symbol.
    pub fn markers(&self, anchors: &[(f64, f64)], centres: &[(f64, f64)]) -> Vec<PlacedMarker> {
        self.members
            .iter()
            .enumerate()
            .map(|(k, m)| PlacedMarker {
                line: self.located.get(m[0]).line,
                lines: m.iter().map(|&i| self.located.get(i).line).collect(),
                centre: centres[k],
                anchor: anchors[k],
                radius: self.radii[k],
                extent: self.extents[k],
                type_rank: self.ranks[k],
                hollow: self.hollow[k],
                unreported: self.unreported[k],
            })
            .collect()
    }

    /// How many incidents symbol `k` stands for.
    fn count(&self, k: usize) -> u64 {
        self.slices[k]
            .as_ref()
            .map_or(1, |s| s.iter().map(|&(_, n)| n as u64).sum())
    }

    /// One label per place of the groups `keep` chooses, with its group's
    /// index, most incidents first (ties by name), beside the box around the
    /// place's markers (`marker_box` of each symbol). The name is the
    /// gazetteer's, else the input's without what follows a comma
    /// ("Shakar Dara, Kabul").
    pub fn label_requests(
        &self,
        marker_box: impl Fn(usize) -> Rect,
        keep: impl Fn(usize) -> bool,
    ) -> Vec<(usize, LabelRequest)> {
        let mut requests: Vec<(u64, usize, LabelRequest)> = self
            .groups
            .iter()
            .zip(&self.group_weights)
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(i, (g, &weight))| {
                let row = self.located.get(self.members[g[0]][0]);
                let text = row
                    .matched
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| row.place.split(',').next().unwrap_or(row.place));
                let anchor = g
                    .iter()
                    .map(|&k| marker_box(k))
                    .reduce(|a, b| a.union(&b))
                    .unwrap_or(marker_box(g[0]));
                let mut text = crate::text::clean(text.trim());
                // A pie too small for its count: the label says it.
                if let [k] = g[..]
                    && self.slices[k].is_some()
                    && !self.count_inside[k]
                    && !text.is_empty()
                {
                    text = format!("{text} ({})", self.count(k));
                }
                (weight, i, LabelRequest { text, anchor })
            })
            .filter(|(_, _, r)| !r.text.is_empty())
            .collect();
        requests.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.text.cmp(&b.2.text)));
        requests.into_iter().map(|(_, i, r)| (i, r)).collect()
    }

    /// What this map's keys are: its types in order and the largest values
    /// its sizes show.
    pub fn keys(&self) -> Keys {
        Keys {
            types: self.types.clone(),
            size_top: self.size_scale.map(|(_, s)| s.top),
            count_top: self.count_scale.map(|s| s.top),
        }
    }
}

/// The keys that make symbols mean the same on several maps (the panels of
/// a faceted figure): the types in legend order and the largest values
/// marker sizes show.
#[derive(Clone, Debug, Default)]
pub(crate) struct Keys {
    /// Types, most frequent first, the rarest grouped as "Other types".
    pub types: Vec<TypeEntry>,
    /// The largest value `--size-by` shows.
    pub size_top: Option<u32>,
    /// The most incidents a pie of a crowded place shows.
    pub count_top: Option<u32>,
}

impl Keys {
    /// Keys wide enough for every map in `maps`: their types (all the
    /// same), the largest of their tops.
    pub fn widest(types: Vec<TypeEntry>, maps: &[Keys]) -> Keys {
        Keys {
            types,
            size_top: maps.iter().filter_map(|k| k.size_top).max(),
            count_top: maps.iter().filter_map(|k| k.count_top).max(),
        }
    }
}

/// The title of the size key of pies by count.
const PLACE_KEY_TITLE: &str = "Incidents at one place";

/// A pie's slices from its incidents' `(type rank, weight)`: incidents per
/// type, most first, ties by rank.
fn type_slices(incidents: impl Iterator<Item = (usize, u32)>) -> Vec<(usize, usize)> {
    let mut by_rank: BTreeMap<usize, usize> = BTreeMap::new();
    for (rank, weight) in incidents {
        *by_rank.entry(rank).or_default() += weight as usize;
    }
    let mut slices: Vec<(usize, usize)> = by_rank.into_iter().collect();
    slices.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    slices
}

/// The font size of the count written in a pie of radius `r`.
fn count_size(r: f64, style: &Style) -> f64 {
    (r * 0.85).min(style.sizes.legend)
}

/// Whether `count` fits inside a pie of radius `r`, legibly.
fn count_fits(count: u32, r: f64, style: &Style) -> bool {
    let size = count_size(r, style);
    let width = style.typeface.bold.width(&count.to_string(), size);
    size >= style.sizes.legend * 0.7 && width <= 1.5 * r
}

/// One type of incident in the legend.
#[derive(Clone, Debug)]
pub(crate) struct TypeEntry {
    /// The type as written (or "Unspecified").
    pub name: String,
    /// How many incidents have it.
    pub count: usize,
}

/// Types ranked most frequent first, ties by name; empty types are
/// "Unspecified". Each incident counts as many times as its weight.
fn rank_types(rows: &MapRows, weights: &[u32]) -> Vec<TypeEntry> {
    let mut by_kind = vec![0usize; rows.kinds().len()];
    for (k, weight) in weights.iter().enumerate().take(rows.len()) {
        by_kind[rows.kind_of(k)] += *weight as usize;
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (kind, n) in rows.kinds().zip(by_kind) {
        *counts.entry(type_name(kind)).or_default() += n;
    }
    let mut entries: Vec<TypeEntry> = counts
        .into_iter()
        .map(|(name, count)| TypeEntry { name, count })
        .collect();
    entries.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    entries
}

/// The legend rank of each of `rows`' types, by position in their table.
fn kind_ranks(rows: &MapRows, types: &[TypeEntry]) -> Vec<usize> {
    rows.kinds()
        .map(|kind| rank_in(types, &type_name(kind)))
        .collect()
}

/// The legend entry for the type `name`: its own, else "Other types" when
/// the rare types were grouped, else the first.
fn rank_in(types: &[TypeEntry], name: &str) -> usize {
    types
        .iter()
        .position(|t| t.name == name)
        .or_else(|| types.iter().position(|t| t.name == OTHER_TYPES))
        .unwrap_or(0)
}

/// Types ranked most frequent first, with those past the first `max - 1`
/// grouped as "Other types" when there are more than `max`.
fn group_rare_types(mut types: Vec<TypeEntry>, max: usize) -> Vec<TypeEntry> {
    let max = max.max(2);
    if types.len() <= max {
        return types;
    }
    let rare = types.split_off(max - 1);
    types.push(TypeEntry {
        name: OTHER_TYPES.to_string(),
        count: rare.iter().map(|t| t.count).sum(),
    });
    types
}

/// A type as the legend names it: cleaned, "Unspecified" when empty.
pub(crate) fn type_name(kind: &str) -> String {
    if kind.trim().is_empty() {
        "Unspecified".into()
    } else {
        crate::text::clean(kind.trim())
    }
}

/// Spreads markers so none covers another: markers at one place start on a
/// ring around it, then overlapping markers push each other apart, the
/// smaller moving more, while a weak pull keeps each near its place; all
/// stay inside `bounds`.
fn spread(
    anchors: &[(f64, f64)],
    groups: &[Vec<usize>],
    radii: &[f64],
    bounds: Rect,
) -> Vec<(f64, f64)> {
    let mut pos = anchors.to_vec();
    for group in groups.iter().filter(|g| g.len() > 1) {
        let n = group.len() as f64;
        let r = group.iter().map(|&i| radii[i]).fold(0.0, f64::max);
        let ring = (r * 1.15 / (std::f64::consts::PI / n).sin()).max(r * 1.2);
        for (k, &i) in group.iter().enumerate() {
            let a = -std::f64::consts::FRAC_PI_2 + k as f64 * std::f64::consts::TAU / n;
            pos[i] = (anchors[i].0 + ring * a.cos(), anchors[i].1 + ring * a.sin());
        }
    }
    let start = pos.clone();
    let keep_inside = |p: (f64, f64), r: f64| {
        let inner = bounds.inflate(-(r + 2.0));
        (
            p.0.clamp(inner.x0, inner.x1.max(inner.x0)),
            p.1.clamp(inner.y0, inner.y1.max(inner.y0)),
        )
    };
    // Only markers in neighbouring cells of this size can touch: a grid
    // built each round finds the pairs without comparing every two.
    let cell = 2.0 * radii.iter().copied().fold(0.0, f64::max) + 1.5;
    let cell_of = |p: (f64, f64)| ((p.0 / cell).floor() as i64, (p.1 / cell).floor() as i64);
    let mut near: Vec<usize> = Vec::new();
    // Where markers cannot all fit, rounds go on pushing them to and fro
    // for little gain: once the pull has faded, stop when 50 rounds have
    // parted fewer than one in twenty of the pairs still too close.
    let mut close_before = usize::MAX;
    for round in 0..600 {
        let mut moved = false;
        let mut close = 0usize;
        let mut cells: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
        for (i, &p) in pos.iter().enumerate() {
            cells.entry(cell_of(p)).or_default().push(i);
        }
        for i in 0..pos.len() {
            let (cx, cy) = cell_of(pos[i]);
            near.clear();
            for gx in cx - 1..=cx + 1 {
                for gy in cy - 1..=cy + 1 {
                    let here = cells.get(&(gx, gy)).map_or(&[][..], Vec::as_slice);
                    near.extend(here.iter().filter(|&&j| j > i));
                }
            }
            near.sort_unstable();
            for &j in &near {
                let min_gap = radii[i] + radii[j] + 1.5;
                let (dx, dy) = (pos[j].0 - pos[i].0, pos[j].1 - pos[i].1);
                let d = (dx * dx + dy * dy).sqrt();
                if d < min_gap {
                    let (ux, uy) = if d > 1e-6 {
                        (dx / d, dy / d)
                    } else {
                        // Same spot: part along a direction fixed by the pair.
                        let a = (i * 7 + j * 13) as f64;
                        (a.cos(), a.sin())
                    };
                    // The smaller marker gives way: a big one (a crowded
                    // place's pie) stays on its place.
                    let (wi, wj) = (radii[i] * radii[i], radii[j] * radii[j]);
                    let push = min_gap - d + 0.02;
                    let (pi, pj) = (push * wj / (wi + wj), push * wi / (wi + wj));
                    pos[i] = (pos[i].0 - ux * pi, pos[i].1 - uy * pi);
                    pos[j] = (pos[j].0 + ux * pj, pos[j].1 + uy * pj);
                    // Markers within half a pixel of their clearance are
                    // apart: the round goes on while any pair is closer.
                    if d < min_gap - 0.5 {
                        moved = true;
                        close += 1;
                    }
                }
            }
        }
        for (i, p) in pos.iter_mut().enumerate() {
            *p = keep_inside(*p, radii[i]);
        }
        if !moved {
            break;
        }
        if round >= 150 && round % 50 == 0 {
            if close * 20 > close_before.saturating_mul(19) {
                break;
            }
            close_before = close;
        }
        // The pull fades, so that crowded areas settle.
        let pull = 0.02 * (1.0 - f64::from(round) / 150.0).max(0.0);
        for (p, s) in pos.iter_mut().zip(&start) {
            *p = (p.0 + (s.0 - p.0) * pull, p.1 + (s.1 - p.1) * pull);
        }
    }
    pos
}

/// Points in pixels.
pub(crate) type Points = Vec<(f64, f64)>;

/// The markers for one frame: anchors, radii, spread positions.
pub(crate) fn place_markers(
    frame: &Frame,
    metres: &[(f64, f64)],
    groups: &[Vec<usize>],
    radii: &[f64],
) -> (Points, Points) {
    let anchors: Vec<(f64, f64)> = metres.iter().map(|&m| frame.to_px(m)).collect();
    let centres = spread(&anchors, groups, radii, frame.rect);
    (anchors, centres)
}

/// The incidents layer: leader lines from displaced markers to their places,
/// a dot at each such place, then the markers, largest first, and the
/// counts in the pies of crowded places. `pies`, on aggregated maps, are
/// each row's slices.
pub(crate) fn draw_incidents(
    svg: &mut Svg,
    markers: &[PlacedMarker],
    sites: &Sites,
    pies: Option<&[Vec<(usize, usize)>]>,
    style: &Style,
) {
    svg.layer("incidents", "Incidents", "");
    let every: Vec<usize> = (0..markers.len()).collect();
    draw_symbols(svg, markers, &every, sites, pies, style, "");
    svg.end();
}

/// Draws the `markers` of the symbols `symbols` (one symbol index per
/// marker) as [`draw_incidents`] does, in groups whose ids start with
/// `prefix`: the whole map's, or a zoom panel's few.
pub(crate) fn draw_symbols(
    svg: &mut Svg,
    markers: &[PlacedMarker],
    symbols: &[usize],
    sites: &Sites,
    pies: Option<&[Vec<(usize, usize)>]>,
    style: &Style,
    prefix: &str,
) {
    let c = &style.colours;
    svg.group(&format!(
        "id=\"{prefix}leaders\" stroke=\"{}\" stroke-width=\"0.8\" fill=\"none\"",
        c.leaders
    ));
    for m in markers.iter().filter(|m| m.displaced()) {
        svg.element(&format!(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            num(m.anchor.0),
            num(m.anchor.1),
            num(m.centre.0),
            num(m.centre.1)
        ));
    }
    svg.end();
    let at: BTreeMap<usize, usize> = symbols.iter().enumerate().map(|(i, &s)| (s, i)).collect();
    svg.group(&format!("id=\"{prefix}places\" fill=\"{}\"", c.text));
    for group in &sites.groups {
        let drawn: Vec<&PlacedMarker> = group
            .iter()
            .filter_map(|s| at.get(s).map(|&i| &markers[i]))
            .collect();
        if let Some(first) = drawn.first()
            && drawn.iter().any(|m| m.centre != m.anchor)
        {
            svg.element(&format!(
                "<circle cx=\"{}\" cy=\"{}\" r=\"1.8\"/>",
                num(first.anchor.0),
                num(first.anchor.1)
            ));
        }
    }
    svg.end();
    let mut order: Vec<usize> = (0..markers.len()).collect();
    order.sort_by(|&a, &b| {
        markers[b]
            .radius
            .total_cmp(&markers[a].radius)
            .then(a.cmp(&b))
    });
    svg.group(&format!("id=\"{prefix}markers\""));
    for i in order {
        let (m, k) = (&markers[i], symbols[i]);
        let members = &sites.members[k];
        let slices = sites.slices[k]
            .as_deref()
            .or_else(|| pies.and_then(|p| p.get(members[0])).map(Vec::as_slice));
        if let Some(slices) = slices {
            let title = match &sites.slices[k] {
                Some(_) => place_title(sites, k),
                None => marker_title(&sites.located.get(members[0])),
            };
            svg.element(&symbols::pie(m.centre, m.radius, slices, style, &title));
            continue;
        }
        let colour = style.type_colour(m.type_rank);
        let mut attrs = if m.hollow {
            format!(
                "fill=\"{}\" stroke=\"{colour}\" stroke-width=\"{}\"",
                symbols::HOLLOW_FILL,
                num(symbols::HOLLOW_WIDTH)
            )
        } else if m.unreported {
            format!(
                "fill=\"{colour}\" stroke=\"{}\" stroke-width=\"{}\"",
                c.text,
                num(symbols::OUTLINE_WIDTH)
            )
        } else {
            format!(
                "fill=\"{colour}\" stroke=\"{}\" stroke-width=\"{}\"",
                c.marker_outline,
                num(symbols::OUTLINE_WIDTH)
            )
        };
        if m.unreported {
            attrs.push_str(symbols::UNREPORTED_DASH);
        }
        svg.element(&symbols::marker(
            symbols::shape(m.type_rank, c.palette.len()),
            m.centre.0,
            m.centre.1,
            m.radius,
            &attrs,
            Some(&marker_title(&sites.located.get(members[0]))),
        ));
    }
    svg.end();
    let counted: Vec<usize> = (0..markers.len())
        .filter(|&i| sites.count_inside[symbols[i]])
        .collect();
    if !counted.is_empty() {
        svg.group(&format!(
            "id=\"{prefix}place-counts\" font-family=\"{}\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"{}\"",
            style.typeface.css_family(),
            c.text
        ));
        for i in counted {
            let m = &markers[i];
            let size = count_size(m.radius, style);
            // Digits are about 0.73 em tall: centre them on the pie.
            svg.text(
                m.centre.0,
                m.centre.1 + size * 0.36,
                &format!(
                    "font-size=\"{}\" stroke=\"#ffffff\" stroke-width=\"{}\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
                    num(size),
                    num((size * 0.28).max(1.5))
                ),
                &sites.count(symbols[i]).to_string(),
            );
        }
        svg.end();
    }
}

/// The tooltip of a crowded place's pie: the place, how many, by type.
fn place_title(sites: &Sites, k: usize) -> String {
    let row = sites.located.get(sites.members[k][0]);
    let place = row.matched.unwrap_or(row.place);
    let by_type: Vec<String> = sites.slices[k]
        .iter()
        .flatten()
        .map(|&(rank, n)| format!("{n} {}", sites.types[rank].name))
        .collect();
    format!(
        "{place} · {} incidents: {}",
        sites.count(k),
        by_type.join(", ")
    )
}

fn marker_title(incident: &MapRow) -> String {
    let mut parts = vec![type_name(incident.kind)];
    if let Some(d) = incident.date {
        parts.push(d.to_string());
    }
    if !incident.place.is_empty() {
        parts.push(incident.place.to_string());
    }
    if let Some(f) = incident.fatalities {
        parts.push(format!("{f} killed"));
    }
    if let Some(n) = incident.injuries {
        parts.push(format!("{n} wounded"));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_separates_colocated_markers() {
        let anchors = vec![(100.0, 100.0); 5];
        let groups = vec![(0..5).collect::<Vec<_>>()];
        let radii = [6.0, 6.0, 10.0, 6.0, 14.0];
        let bounds = Rect::new(0.0, 0.0, 300.0, 300.0);
        let pos = spread(&anchors, &groups, &radii, bounds);
        for i in 0..5 {
            assert!(bounds.contains(&Rect::around(pos[i].0, pos[i].1, radii[i])));
            for j in i + 1..5 {
                let d = ((pos[i].0 - pos[j].0).powi(2) + (pos[i].1 - pos[j].1).powi(2)).sqrt();
                assert!(
                    d >= radii[i] + radii[j],
                    "markers {i} and {j} are {d} px apart"
                );
            }
        }
    }
}
