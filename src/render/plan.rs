//! The plan: what is decided once and read by every layer — the rows as
//! drawn (aggregated or not), the projection, the page (title block,
//! legend place, timeline and credit heights) and the frame fitted around
//! the markers.

use super::aggregate::{self, Reduced};
use super::basemap::Detail;
use super::choropleth::Tally;
use super::frame::MetreBox;
use super::labels::Rect;
use super::land::Projector;
use super::page::{self, Fitted, Fitting, Header, LegendPlan};
use super::projection::{GeoBox, Projection};
use super::rows::MapRows;
use super::sites::{Keys, Sites};
use super::style::Style;
use super::{MapOptions, PlacedMarker, RenderError, SizeBy, symbols, timeline};

/// Many incidents become counts per cluster or cell: the reduced rows, or
/// `None` when every incident keeps its own marker.
pub(crate) fn reduce(all: &MapRows, options: &MapOptions) -> Result<Option<Reduced>, RenderError> {
    Ok(match options.aggregate.resolve(all.len()) {
        aggregate::Aggregate::None | aggregate::Aggregate::Auto => None,
        mode => Some(aggregate::reduce(all, mode, options.projection.as_deref())?),
    })
}

/// What a panel of a faceted figure takes from the figure: the keys, the
/// projection and the area every panel shows, and where it goes.
pub(crate) struct Panel<'k> {
    /// Types in order and the sizes' scales.
    pub keys: &'k Keys,
    /// The figure's projection, as a PROJ string.
    pub projection: &'k str,
    /// What every panel shows, in metres.
    pub area: MetreBox,
    /// The area is the whole globe.
    pub globe: bool,
    /// The panel's top left corner on the page.
    pub origin: (f64, f64),
    /// The panel's width.
    pub width: f64,
}

/// Everything the layers share.
pub(crate) struct Plan<'a> {
    /// Every row kept for the map.
    pub all: &'a MapRows,
    /// The options.
    pub options: &'a MapOptions,
    /// The look.
    pub style: &'a Style,
    /// The rows reduced to clusters or cells, on an aggregated map.
    pub reduced: Option<&'a Reduced>,
    /// The choropleth's values and classes, when one is drawn.
    pub choropleth: Option<&'a Tally>,
    /// The rows as drawn: `all`, or the reduced rows.
    pub located: &'a MapRows,
    /// Places, types and marker sizes.
    pub sites: Sites<'a>,
    /// On an aggregated map, each marker's types as (rank, count).
    pub pies: Option<Vec<Vec<(usize, usize)>>>,
    /// The projection.
    pub projection: Projection,
    /// Title block.
    pub header: Header,
    /// Width inside the margins.
    pub width: f64,
    /// The timeline's bars, when it is drawn.
    pub bars: Option<timeline::Bars>,
    /// The timeline's height.
    pub timeline_px: f64,
    /// The credit line, wrapped.
    pub credit_lines: Vec<String>,
    /// Height kept for the credits.
    pub credits_height: f64,
    /// Distance between credit lines.
    pub line_step: f64,
    /// The frame shows the whole globe.
    pub globe: bool,
    /// The legend and where it goes.
    pub legend: LegendPlan,
    /// The frame, markers and the boxes over the map.
    pub fitted: Fitted,
    /// Every marker as drawn.
    pub markers: Vec<PlacedMarker>,
    /// Each type's symbol, in legend order.
    pub type_symbols: Vec<symbols::TypeSymbol>,
    /// The plan is one panel of a faceted figure.
    pub panel: bool,
}

impl<'a> Plan<'a> {
    /// Decides the projection, the page and the frame for `all` (reduced
    /// to `reduced` on an aggregated map, shaded by `choropleth`). A
    /// `panel` takes its keys, projection and area from its figure, and
    /// has a one-line title (`options.title`) and nothing else around it.
    pub fn new(
        all: &'a MapRows,
        reduced: Option<&'a Reduced>,
        choropleth: Option<&'a Tally>,
        options: &'a MapOptions,
        panel: Option<&Panel>,
        notes: &mut Vec<String>,
    ) -> Result<Plan<'a>, RenderError> {
        let style = &options.style;
        let sizes = &style.sizes;
        let (located, weights, size_by) = match reduced {
            Some(r) => {
                if options.size_by.is_some() {
                    notes.push("marker sizes show incident counts on an aggregated map".into());
                }
                notes.push(r.note.clone());
                (&r.rows, r.weights.clone(), Some(SizeBy::Count))
            }
            None => (all, vec![1; all.len()], options.size_by),
        };
        let totals = reduced.map(|r| r.totals.as_slice());
        let keys = panel.map(|p| p.keys);
        let sites = Sites::new(located, &weights, totals, size_by, options, keys, notes);
        // On an aggregated map each marker is a pie of its types.
        let pies = reduced.map(|r| {
            r.shares
                .iter()
                .map(|share| {
                    share
                        .iter()
                        .map(|(name, n)| (sites.rank_of(name), *n))
                        .collect()
                })
                .collect()
        });
        let projection = match panel {
            Some(p) => {
                Projection::from_definition(p.projection).map_err(RenderError::Projection)?
            }
            None => projection_for(&sites, options)?,
        };
        let metres = sites.project(&projection)?;

        // From the top: title block, map frame, timeline, credits.
        let margin = sizes.margin;
        let (origin, width) = match panel {
            Some(p) => (p.origin, p.width),
            None => ((margin, 0.0), options.width - 2.0 * margin),
        };
        let title = options
            .title
            .clone()
            .unwrap_or_else(|| page::default_title(all));
        let header = match panel {
            Some(_) => Header::line(title, style, width, origin.1),
            None => Header::new(title, style, width),
        };
        let bars = (options.timeline || style.layers.timeline)
            .then(|| timeline_bars(&sites, all, notes))
            .flatten();
        // A fixed-size figure gives the timeline at most a quarter of its height.
        let timeline_px = match options.height {
            Some(h) => sizes.timeline.min((h - header.bottom) * 0.25),
            None => sizes.timeline,
        };
        let credit_lines = page::credit_lines(options.source.as_deref(), &[], style, width);
        let line_step = sizes.credits * 1.45;
        // One line more for the list of labels left out, when there is one.
        let credits_height = 8.0 + (credit_lines.len() + 1) as f64 * line_step;
        let bottom =
            bars.as_ref().map_or(0.0, |_| timeline_px + 12.0) + credits_height + margin * 0.5;
        let frame_height = match options.height {
            Some(h) if h - header.bottom - bottom < 120.0 => {
                return Err(RenderError::Size(format!(
                    "a figure {h:.0} px tall leaves {:.0} px for the map; make it taller",
                    h - header.bottom - bottom
                )));
            }
            Some(h) => Some(h - header.bottom - bottom),
            None => None,
        };

        let (area, globe) = match panel {
            Some(p) => (p.area, p.globe),
            None => map_area(&metres, &projection, frame_height.is_none())?,
        };
        let inset = (options.inset || style.layers.inset) && !globe;
        if (options.inset || style.layers.inset) && globe {
            notes.push("no inset on a world map".into());
        }
        let type_symbols = sites.type_symbols(style);
        let mut legend = sites.legend(style);
        if reduced.is_some() {
            // Pies show types by colour alone.
            for entry in &mut legend.types {
                entry.1 = symbols::Shape::Circle;
            }
        }
        let mut legend =
            LegendPlan::new(legend, style, width, frame_height, options.height, &area)?;
        let fitting = Fitting {
            sites: &sites,
            metres: &metres,
            projection: &projection,
            globe,
            inset,
            key: choropleth
                .filter(|t| !t.classes.is_empty())
                .map(|t| super::layers::choropleth::key_size(t, style)),
            origin: (origin.0, header.bottom),
            style,
        };
        let fitted = page::fit(&fitting, &mut legend, area, notes)?;
        let markers = sites.markers(&fitted.anchors, &fitted.centres);
        Ok(Plan {
            all,
            options,
            style,
            reduced,
            choropleth,
            located,
            sites,
            pies,
            projection,
            header,
            width,
            bars,
            timeline_px,
            credit_lines,
            credits_height,
            line_step,
            globe,
            legend,
            fitted,
            markers,
            type_symbols,
            panel: panel.is_some(),
        })
    }

    /// The map frame's box on the page.
    pub fn rect(&self) -> Rect {
        self.fitted.frame.rect
    }

    /// Longitude/latitude to pixels on this map.
    pub fn projector(&self) -> Projector<'_> {
        Projector {
            projection: &self.projection,
            frame: &self.fitted.frame,
        }
    }

    /// What the frame shows, in degrees relative to the central meridian.
    pub fn bounds(&self) -> GeoBox {
        self.fitted.frame.relative_bounds(&self.projection)
    }

    /// Kilometres per pixel at the frame's centre.
    pub fn km_per_px(&self) -> f64 {
        1.0 / (self.fitted.frame.scale * 1000.0)
    }

    /// Natural Earth detail for this scale: 1:10m when a pixel is under 2 km.
    pub fn detail(&self) -> Detail {
        if self.km_per_px() < 2.0 {
            Detail::Fine
        } else {
            Detail::Medium
        }
    }

    /// The boxes drawn over the map: legend, scale bar, inset.
    pub fn panels(&self) -> Vec<Rect> {
        [
            self.fitted.legend,
            self.fitted.scale.as_ref().map(|s| s.1),
            self.fitted.inset,
            self.fitted.key,
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// The projection given (by name or PROJ string), else the one that suits
/// the extent of `sites`.
pub(crate) fn projection_for(
    sites: &Sites,
    options: &MapOptions,
) -> Result<Projection, RenderError> {
    let extent = GeoBox::around(sites.lonlat.iter().copied()).ok_or(RenderError::NothingToMap)?;
    match &options.projection {
        Some(choice) => Projection::from_choice(choice, extent).map_err(RenderError::Projection),
        None => Ok(Projection::for_extent(extent)),
    }
}

/// The timeline's bars: the incidents of `all` by month or year, in the
/// types' colours of `sites`; `None`, noted, when no incident has a date.
pub(crate) fn timeline_bars(
    sites: &Sites,
    all: &MapRows,
    notes: &mut Vec<String>,
) -> Option<timeline::Bars> {
    let ranks = sites.ranks_of_kinds(all);
    let events = all
        .dates_and_kinds()
        .map(|(date, kind)| (date, ranks[kind]));
    let bars = timeline::Bars::count(events, sites.types.len());
    if bars.is_none() {
        notes.push("no incident has a date, so there is no timeline".into());
    }
    bars
}

/// The area to show, in metres: the incidents with room around them (shaped
/// between 0.55 and 0.9 tall per wide when the height is free), or, on a
/// world projection, the whole globe when they spread over most of it.
/// Returns the area and whether it is the globe.
pub(crate) fn map_area(
    metres: &[(f64, f64)],
    projection: &Projection,
    free_height: bool,
) -> Result<(MetreBox, bool), RenderError> {
    let mut area = MetreBox::around(metres)
        .ok_or(RenderError::NothingToMap)?
        .padded();
    if free_height {
        area = area.with_aspect((0.55, 0.9));
    }
    let globe = projection.world_outline().and_then(|outline| {
        let points: Vec<(f64, f64)> = outline
            .iter()
            .filter_map(|&(rel, lat)| projection.forward_relative(rel, lat))
            .collect();
        MetreBox::around(&points)
    });
    Ok(match globe {
        Some(g) => {
            let g = MetreBox {
                w: g.w * 1.02,
                h: g.h * 1.03,
                ..g
            };
            if area.w > 0.6 * g.w {
                (g, true)
            } else {
                // Part of a world map: no space beyond the globe's edge.
                (area.within(&g), false)
            }
        }
        None => (area, false),
    })
}
