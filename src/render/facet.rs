//! Small multiples (`--facet year|type`): a grid of small maps, one per year
//! (every year from the first to the last, empty ones too) or one per
//! incident type (in legend order), that share one projection, one frame,
//! the types' colours and the sizes' scales, with one title, legend, scale
//! bar and credit line for the whole figure.
//!
//! Each panel is a [`Plan`] of its own over its rows, placed in its grid
//! cell, and drawn by the same layers as a single map into a named
//! Inkscape layer of its own.

use super::frame::Frame;
use super::labels::Rect;
use super::layers::{self, background, foot};
use super::legend::{self, Legend};
use super::page::{self, Header};
use super::plan::{self, Panel, Plan};
use super::rows::MapRows;
use super::sites::{Keys, Sites};
use super::style::{MILLIMETRE, Style};
use super::svg::Svg;
use super::{Layout, Map, MapOptions, PanelLayout, RenderError, SizeBy, timeline};

/// What the panels of a faceted figure show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Facet {
    /// One panel per year, from the first year to the last.
    Year,
    /// One panel per incident type, most frequent first.
    Type,
}

impl Facet {
    /// Parses `year` or `type`.
    pub fn parse(text: &str) -> Result<Facet, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "year" | "years" => Ok(Facet::Year),
            "type" | "types" => Ok(Facet::Type),
            other => Err(format!(
                "cannot facet by `{other}`; use year (a map per year) or type (a map per incident type)"
            )),
        }
    }
}

/// Most panels a figure holds: past it, the panels get too small to read.
pub const MOST_PANELS: usize = 36;

/// Narrowest a panel gets, in pixels (45 mm).
const NARROWEST: f64 = 45.0 * MILLIMETRE;

/// The figure's height over its width that the grid aims at.
const SHAPE: f64 = 0.75;

/// One panel's rows and what it is called.
struct Part {
    /// The year or the type.
    name: String,
    /// The rows it shows.
    rows: MapRows,
}

impl Part {
    /// "2022 — 14 incidents".
    fn title(&self) -> String {
        match self.rows.len() {
            0 => format!("{} — no incidents", self.name),
            1 => format!("{} — 1 incident", self.name),
            n => format!("{} — {n} incidents", self.name),
        }
    }
}

/// The rows by year, every year from the first to the last, and how many
/// rows have no date (they are in no panel); `None` when no row has a date.
fn by_year(all: &MapRows) -> Result<Option<(Vec<Part>, usize)>, RenderError> {
    let years: Vec<Option<i32>> = all
        .dates_and_kinds()
        .map(|(d, _)| d.map(|d| d.year))
        .collect();
    let (Some(first), Some(last)) = (
        years.iter().flatten().min().copied(),
        years.iter().flatten().max().copied(),
    ) else {
        return Ok(None);
    };
    let span = (last - first + 1) as usize;
    if span > MOST_PANELS {
        return Err(RenderError::Facet(format!(
            "--facet year: the dates run from {first} to {last}, {span} years, more panels than \
             fit (at most {MOST_PANELS}); keep fewer years with --from and --to"
        )));
    }
    let parts = (first..=last)
        .map(|year| Part {
            name: year.to_string(),
            rows: all.subset(|k| years[k] == Some(year)),
        })
        .collect();
    Ok(Some((parts, years.iter().filter(|y| y.is_none()).count())))
}

/// The rows by type, in legend order ("Other types" last, past `--max-types`).
fn by_type(all: &MapRows, sites: &Sites) -> Vec<Part> {
    let ranks = sites.ranks_of_kinds(all);
    sites
        .types
        .iter()
        .enumerate()
        .map(|(rank, t)| Part {
            name: t.name.clone(),
            rows: all.subset(|k| ranks[all.kind_of(k)] == rank),
        })
        .collect()
}

/// The number of columns for `n` panels of `aspect` (height over width)
/// with `title` px of title each, on a page `width` wide with `gap` between
/// panels: no panel narrower than [`NARROWEST`], the figure's shape near
/// [`SHAPE`], few empty cells.
fn columns(n: usize, width: f64, gap: f64, aspect: f64, title: f64) -> usize {
    let widest = (((width + gap) / (NARROWEST + gap)).floor() as usize).max(1);
    let cost = |c: usize| {
        let rows = n.div_ceil(c);
        let panel = (width - gap * (c - 1) as f64) / c as f64;
        let height = rows as f64 * (panel * aspect + title + gap);
        let empty = rows * c - n;
        (height / width / SHAPE).ln().abs() + 0.1 * empty as f64
    };
    (1..=n.clamp(1, widest))
        .min_by(|&a, &b| cost(a).total_cmp(&cost(b)))
        .unwrap_or(1)
}

/// What every panel is drawn with: its options (in `style`, with no
/// legend, scale bar, inset, timeline or credits of its own, titled by the
/// panel).
fn panel_options(options: &MapOptions, style: &Style, title: String) -> MapOptions {
    let mut style = style.clone();
    let l = &mut style.layers;
    (l.legend, l.scalebar, l.inset, l.timeline, l.credits) = (false, false, false, false, false);
    MapOptions {
        title: Some(title),
        subtitle: None,
        height: None,
        timeline: false,
        inset: false,
        choropleth: None,
        facet: None,
        aggregate: super::aggregate::Aggregate::None,
        style,
        ..options.clone()
    }
}

/// What the figure's options ask for that small multiples do not draw.
fn unsupported(all: &MapRows, options: &MapOptions) -> Vec<String> {
    let mut notes = Vec::new();
    if options.aggregate.resolve(all.len()) != super::aggregate::Aggregate::None {
        notes.push("each panel draws every incident: --aggregate is not used with --facet".into());
    }
    if options.choropleth.is_some() {
        notes.push("no choropleth on a faceted figure".into());
    }
    if options.inset || options.style.layers.inset {
        notes.push("no inset on a faceted figure".into());
    }
    if options.height.is_some() {
        notes.push("--height is not used with --facet: the grid sets the height".into());
    }
    notes
}

/// The grid: where each panel goes and how big it is.
struct Grid {
    columns: usize,
    rows: usize,
    /// Left edge and top of the grid.
    origin: (f64, f64),
    /// A panel's width.
    panel: f64,
    /// A panel's height, title included.
    cell: f64,
    /// Between panels.
    gap: f64,
}

impl Grid {
    /// Panel `k`'s top left corner.
    fn at(&self, k: usize) -> (f64, f64) {
        let (row, col) = (k / self.columns, k % self.columns);
        (
            self.origin.0 + col as f64 * (self.panel + self.gap),
            self.origin.1 + row as f64 * (self.cell + self.gap),
        )
    }

    /// The grid's bottom.
    fn bottom(&self) -> f64 {
        self.origin.1 + self.rows as f64 * (self.cell + self.gap) - self.gap
    }
}

/// The legend's box and layout: in the empty cells after the last panel
/// when it fits there, else under the grid, in as few rows as the width
/// allows.
fn place_legend(legend: &mut Legend, grid: &Grid, n: usize, width: f64, style: &Style) -> Rect {
    let layouts: Vec<(usize, (f64, f64))> = (1..=4)
        .map(|c| {
            legend.columns = c;
            (c, legend.size(style))
        })
        .collect();
    let empty = grid.rows * grid.columns - n;
    let (x, y) = grid.at(n);
    let room = (
        empty as f64 * (grid.panel + grid.gap) - grid.gap,
        grid.cell - 40.0,
    );
    let in_cells = layouts
        .iter()
        .find(|(_, (w, h))| empty > 0 && *w <= room.0 && *h <= room.1);
    let (at, (columns, (w, h))) = match in_cells {
        Some(&l) => ((x, y), l),
        None => {
            let below = layouts
                .iter()
                .filter(|(_, (w, _))| *w <= width)
                .min_by(|a, b| a.1.1.total_cmp(&b.1.1))
                .unwrap_or(&layouts[0]);
            ((grid.origin.0, grid.bottom() + grid.gap), *below)
        }
    };
    legend.columns = columns;
    Rect::new(at.0, at.1, w, h)
}

/// The scale bar for `frame`: its length, text and box, under the legend
/// when there is room in the legend's cells, else beside it.
fn place_scale_bar(
    frame: &Frame,
    projection: &super::projection::Projection,
    globe: bool,
    legend: Option<Rect>,
    grid: &Grid,
    style: &Style,
) -> Option<((f64, f64, String), Rect)> {
    let (ppk, lat) = frame.px_per_km(projection, globe)?;
    let (km, text) = legend::scale_bar_length(ppk, lat, projection.is_world(), 150.0);
    let text_width = style.typeface.regular.width(&text, 11.0);
    let (w, h) = legend::scale_bar_size(text_width, km * ppk);
    let b = match legend {
        // In the legend's cells, under it.
        Some(l) if l.y1 + 8.0 + h <= grid.bottom() && l.y0 < grid.bottom() => {
            Rect::new(l.x0, l.y1 + 8.0, w, h)
        }
        Some(l) => Rect::new(l.x1 + grid.gap, l.y1 - h, w, h),
        None => Rect::new(grid.origin.0, grid.bottom() + grid.gap, w, h),
    };
    Some(((ppk, km, text), b))
}

/// Renders `all` as small multiples by `facet`. Without a date to facet by year, the map is one
/// map, and says so.
pub(crate) fn render(all: &MapRows, facet: Facet, given: &MapOptions) -> Result<Map, RenderError> {
    // The figure's title, legend and credits are sized for its width; each
    // panel's map for the panel's, down to what stays legible in print.
    let figure = MapOptions {
        style: given.style.for_width(given.width),
        ..given.clone()
    };
    let options = &figure;
    let mut notes = unsupported(all, options);
    let style = &options.style;
    let sizes = &style.sizes;
    let mut scratch = Vec::new();
    let whole = Sites::new(
        all,
        &vec![1; all.len()],
        None,
        options.size_by,
        options,
        None,
        &mut scratch,
    );
    // Notes for the reader, under the credits.
    let mut below = Vec::new();
    let parts = match facet {
        Facet::Year => match by_year(all)? {
            Some((parts, undated)) => {
                if undated > 0 {
                    let note = format!(
                        "{undated} located row{} without a date {} in no panel",
                        if undated == 1 { "" } else { "s" },
                        if undated == 1 { "is" } else { "are" }
                    );
                    below.push(format!("{note}."));
                    notes.push(note);
                }
                parts
            }
            None => {
                let single = MapOptions {
                    facet: None,
                    ..given.clone()
                };
                let mut map = super::render_rows(all, &single)?;
                map.notes
                    .push("no row has a date, so there is one map, not a map per year".into());
                return Ok(map);
            }
        },
        Facet::Type => by_type(all, &whole),
    };
    let projection = plan::projection_for(&whole, options)?;
    let metres = whole.project(&projection)?;
    let (area, globe) = plan::map_area(&metres, &projection, true)?;

    // The page: title block, the grid, legend and scale bar, credits.
    let margin = sizes.margin;
    let width = options.width - 2.0 * margin;
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| page::default_title(all));
    let header = Header::new(title, style, width);
    let gap = 4.0 * MILLIMETRE;
    let title_px = Header::line(String::new(), style, width, 0.0).bottom + 2.0;
    let aspect = area.h / area.w;
    let columns = columns(parts.len(), width, gap, aspect, title_px);
    let panel = (width - gap * (columns - 1) as f64) / columns as f64;
    let grid = Grid {
        columns,
        rows: parts.len().div_ceil(columns),
        origin: (margin, header.bottom + 4.0),
        panel,
        cell: title_px + panel * aspect,
        gap,
    };
    let mut panel_style = given.style.for_width(grid.panel);
    panel_style.sizes.subtitle = sizes.subtitle;

    // The keys every panel shares: the figure's types, the largest sizes
    // any panel draws.
    let ranked = Keys {
        types: whole.types.clone(),
        ..Keys::default()
    };
    let mut unread = Vec::new();
    let tops: Vec<Keys> = parts
        .iter()
        .map(|p| {
            let o = panel_options(options, &panel_style, String::new());
            let weights = vec![1; p.rows.len()];
            Sites::new(
                &p.rows,
                &weights,
                None,
                o.size_by,
                &o,
                Some(&ranked),
                &mut unread,
            )
            .keys()
        })
        .collect();
    let keys = Keys::widest(whole.types.clone(), &tops);

    let mut svg = Svg::new(options.width, &header.title);
    background::draw(&mut svg, style);
    let mut panels = Vec::new();
    let mut legends = Vec::new();
    let mut unplaced: Vec<String> = Vec::new();
    let mut rivers = false;
    let mut first: Option<(Frame, Option<(SizeBy, super::symbols::SizeScale)>)> = None;
    for (k, part) in parts.iter().enumerate() {
        let title = part.title();
        let o = panel_options(options, &panel_style, title.clone());
        let at = Panel {
            keys: &keys,
            projection: projection.definition(),
            area,
            globe,
            origin: grid.at(k),
            width: grid.panel,
        };
        let plan = Plan::new(&part.rows, None, None, &o, Some(&at), &mut scratch)?;
        let mut inner = Svg::new(options.width, &title);
        let drawn = layers::draw_map(&plan, &mut inner, &mut scratch);
        let id = format!("panel-{}", k + 1);
        svg.nest(&id, &title, inner);
        rivers |= drawn.rivers;
        for name in &drawn.place_labels.unplaced {
            if !unplaced.contains(name) {
                unplaced.push(name.clone());
            }
        }
        first.get_or_insert((plan.fitted.frame, plan.sites.size_scale));
        let layout = drawn.layout(&plan, 0.0, None);
        if !part.rows.is_empty() {
            legends.push(plan.legend.legend);
        }
        panels.push(PanelLayout {
            title,
            name: part.name.clone(),
            incidents: part.rows.len(),
            id,
            layout,
        });
    }
    let (frame, size_scale) = first.ok_or(RenderError::NothingToMap)?;

    // One legend, one scale bar, one title for the figure.
    let legend = Legend::merge(legends)
        .filter(|_| style.layers.legend)
        .map(|mut l| {
            let b = place_legend(&mut l, &grid, parts.len(), width, &panel_style);
            l.draw(&mut svg, b, &panel_style);
            b
        });
    let scale = style
        .layers
        .scalebar
        .then(|| place_scale_bar(&frame, &projection, globe, legend, &grid, style))
        .flatten();
    if let Some(((ppk, km, text), b)) = &scale {
        legend::draw_scale_bar(&mut svg, *b, *ppk, *km, text, style);
    }
    let subtitle = options.subtitle.clone().unwrap_or_else(|| {
        let by = match facet {
            Facet::Year => "a map per year",
            Facet::Type => "a map per incident type",
        };
        format!("{} · {by}", page::default_subtitle(all, whole.groups.len()))
    });
    header.draw(&mut svg, margin, Some(&subtitle), style);

    // Under it all: the timeline, then the credits with what is in no panel.
    let mut y = [
        Some(grid.bottom()),
        legend.map(|b| b.y1),
        scale.as_ref().map(|s| s.1.y1),
    ]
    .into_iter()
    .flatten()
    .fold(f64::MIN, f64::max);
    let bars = (options.timeline || style.layers.timeline)
        .then(|| plan::timeline_bars(&whole, all, &mut notes))
        .flatten();
    let timeline_box = match bars {
        Some(bars) => {
            let b = Rect::new(margin, y + 12.0, width, sizes.timeline);
            notes.extend(timeline::draw(&mut svg, b, &bars, style).map_err(RenderError::Timeline)?);
            y = b.y1;
            Some(b)
        }
        None => None,
    };
    if !unplaced.is_empty() {
        notes.push(format!(
            "label{} left out of some panels for lack of room: {}",
            if unplaced.len() == 1 { "" } else { "s" },
            unplaced.join(", ")
        ));
        below.push(format!(
            "Not labelled in every panel for lack of room: {}.",
            unplaced.join(", ")
        ));
    }
    if style.layers.credits {
        let extra = if rivers {
            vec![super::reference::GSHHG_CREDIT]
        } else {
            Vec::new()
        };
        let credits = page::credit_lines(options.source.as_deref(), &extra, style, width);
        let lines = foot::with_notes(&credits, &below, style, width);
        y = page::draw_credits(&mut svg, margin, y, &lines, style);
    }
    notes.extend(super::unseen_note(all));
    for note in scratch {
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    let height = y + sizes.credits * 1.45 + margin * 0.5;
    let layout = figure_layout(
        options.width,
        height,
        globe,
        &panels,
        legend,
        scale.map(|s| s.1),
        timeline_box,
    );
    Ok(Map {
        svg: svg.finish_with_height(height),
        layout: Layout { panels, ..layout },
        notes,
        projection: projection.definition().to_string(),
        types: whole.type_symbols(&panel_style),
        size_scale: size_scale.filter(|(by, _)| *by != SizeBy::Count),
    })
}

/// The figure's layout: every panel's markers and labels, the frame around
/// the grid, the legend, scale bar and timeline.
fn figure_layout(
    width: f64,
    height: f64,
    globe: bool,
    panels: &[PanelLayout],
    legend: Option<Rect>,
    scale_bar: Option<Rect>,
    timeline: Option<Rect>,
) -> Layout {
    Layout {
        width,
        height,
        frame: panels
            .iter()
            .map(|p| p.layout.frame)
            .reduce(|a, b| a.union(&b))
            .unwrap_or(Rect::new(0.0, 0.0, width, height)),
        globe,
        markers: gather(panels, |l| &l.markers),
        labels: gather(panels, |l| &l.labels),
        country_labels: gather(panels, |l| &l.country_labels),
        context_labels: gather(panels, |l| &l.context_labels),
        province_labels: gather(panels, |l| &l.province_labels),
        legend,
        scale_bar,
        inset: None,
        timeline,
        choropleth_key: None,
        panels: Vec::new(),
        zoom: None,
    }
}

/// One list of every panel's items.
fn gather<T: Clone>(panels: &[PanelLayout], items: impl Fn(&Layout) -> &Vec<T>) -> Vec<T> {
    panels
        .iter()
        .flat_map(|p| items(&p.layout).clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_keep_panels_legible_and_the_figure_in_shape() {
        // Seven landscape panels on a 1200 px page: three columns.
        assert_eq!(columns(7, 1150.0, 15.0, 0.7, 20.0), 3);
        // A journal column fits no more than three panels across.
        assert!(columns(12, 650.0, 15.0, 0.7, 20.0) <= 3);
        // One panel: one column.
        assert_eq!(columns(1, 1150.0, 15.0, 0.7, 20.0), 1);
    }

    #[test]
    fn facets_parse_and_name_the_accepted_values() {
        assert_eq!(Facet::parse("Year").unwrap(), Facet::Year);
        assert_eq!(Facet::parse("type").unwrap(), Facet::Type);
        let e = Facet::parse("colour").unwrap_err();
        assert!(
            e.contains("`colour`") && e.contains("year") && e.contains("type"),
            "{e}"
        );
    }
}
