//! The page: the title block, where the legend, scale bar and inset go, the
//! frame fitted around the incidents, and the credit line.

use super::frame::{Frame, MetreBox};
use super::labels::Rect;
use super::legend::{self, Legend};
use super::projection::Projection;
use super::rows::MapRows;
use super::sites::{self, Points, Sites};
use super::style::Style;
use super::svg::{Svg, num};
use super::{RenderError, inset};

/// The title block: the title (shrunk to fit the width) and subtitle.
pub(crate) struct Header {
    /// The title.
    pub title: String,
    /// Its font size.
    pub size: f64,
    /// The title's baseline.
    pub title_base: f64,
    /// The subtitle's baseline.
    pub subtitle_base: f64,
    /// Where the map frame starts.
    pub bottom: f64,
}

impl Header {
    /// Sets `title` to fit `width`.
    pub fn new(title: String, style: &Style, width: f64) -> Header {
        let sizes = &style.sizes;
        let w = style.typeface.bold.width(&title, sizes.title);
        let size = if w > width {
            sizes.title * width / w
        } else {
            sizes.title
        };
        let title_base = sizes.margin + size * 0.75;
        let subtitle_base = title_base + sizes.subtitle * 1.85;
        Header {
            title,
            size,
            title_base,
            subtitle_base,
            bottom: subtitle_base + sizes.subtitle * 1.4,
        }
    }

    /// A panel's title: one bold line at the subtitle's size (shrunk to
    /// fit the width) from `top` down, no subtitle.
    pub fn line(title: String, style: &Style, width: f64, top: f64) -> Header {
        let sizes = &style.sizes;
        let w = style.typeface.bold.width(&title, sizes.subtitle);
        let size = sizes.subtitle * (width / w).min(1.0);
        let title_base = top + size * 0.8;
        Header {
            title,
            size,
            title_base,
            subtitle_base: title_base,
            bottom: title_base + size * 0.6,
        }
    }

    /// Draws the title layer, starting at `x`, with its subtitle if any.
    pub fn draw(&self, svg: &mut Svg, x: f64, subtitle: Option<&str>, style: &Style) {
        let c = &style.colours;
        svg.text_layer("title", "Title", style, None, &c.text);
        svg.text(
            x,
            self.title_base,
            &format!("font-size=\"{}\" font-weight=\"bold\"", num(self.size)),
            &self.title,
        );
        if let Some(subtitle) = subtitle {
            svg.text(
                x,
                self.subtitle_base,
                &format!(
                    "font-size=\"{}\" fill=\"{}\"",
                    num(style.sizes.subtitle),
                    c.muted_text
                ),
                subtitle,
            );
        }
        svg.end();
    }
}

/// The credit line: the data source, Natural Earth, GeoNames and the
/// `extra` credits of the layers drawn, wrapped to `width`.
pub(crate) fn credit_lines(
    source: Option<&str>,
    extra: &[&str],
    style: &Style,
    width: f64,
) -> Vec<String> {
    if !style.layers.credits {
        return Vec::new();
    }
    let mut credit = String::new();
    if let Some(source) = source.filter(|s| !s.trim().is_empty()) {
        credit.push_str(&format!("Data: {}. ", crate::text::clean(source.trim())));
    }
    credit.push_str(&format!(
        "{}. {}. ",
        crate::NATURAL_EARTH_CREDIT,
        crate::GEONAMES_CREDIT
    ));
    for e in extra {
        credit.push_str(&format!("{e}. "));
    }
    credit.push_str("Map: incimap.");
    wrap_text(&credit, &style.typeface.regular, style.sizes.credits, width)
}

/// Draws the credits layer: `lines` from baseline `y` down; returns the last
/// baseline.
pub(crate) fn draw_credits(
    svg: &mut Svg,
    x: f64,
    mut y: f64,
    lines: &[String],
    style: &Style,
) -> f64 {
    let sizes = &style.sizes;
    svg.text_layer(
        "credits",
        "Credits",
        style,
        Some(sizes.credits),
        &style.colours.muted_text,
    );
    for line in lines {
        y += sizes.credits * 1.45;
        svg.text(x, y + 4.0, "", line);
    }
    svg.end();
    y
}

/// How the legend, the map and the frame share the page.
pub(crate) struct LegendPlan {
    /// The legend, in the columns chosen.
    pub legend: Legend,
    /// Where it goes.
    pub place: LegendPlace,
    /// Its size.
    pub legend_size: (f64, f64),
    /// Width of the map frame.
    pub map_width: f64,
    /// Height of the map frame, when the figure's height is fixed.
    pub frame_height: Option<f64>,
    /// The figure's fixed height, if any.
    figure_height: Option<f64>,
    /// The layouts to fall back on when the corners do not work out.
    beside: Option<(usize, (f64, f64))>,
    below: Option<(usize, (f64, f64))>,
}

impl LegendPlan {
    /// The legend goes in a corner of the map, in as few columns as keep it
    /// low; if it is still too tall, beside the map; if there is no room
    /// there, under it.
    pub fn new(
        mut legend: Legend,
        style: &Style,
        width: f64,
        frame_height: Option<f64>,
        figure_height: Option<f64>,
        area: &MetreBox,
    ) -> Result<LegendPlan, RenderError> {
        let (mut corner, mut beside, mut below) = (None, None, None);
        if style.layers.legend {
            let layouts: Vec<(usize, (f64, f64))> = (1..=4)
                .map(|columns| {
                    legend.columns = columns;
                    (columns, legend.size(style))
                })
                .collect();
            let frame_guess = frame_height.unwrap_or(area.h * width / area.w);
            corner = layouts
                .iter()
                .find(|(_, (w, h))| *h <= 0.6 * frame_guess && *w <= 0.5 * width)
                .copied();
            beside = layouts
                .iter()
                .find(|(_, (w, h))| {
                    *h <= frame_height.unwrap_or(f64::INFINITY) && width - w - 12.0 >= 0.55 * width
                })
                .copied();
            below = layouts
                .iter()
                .filter(|(_, (w, _))| *w <= width)
                .min_by(|a, b| a.1.1.total_cmp(&b.1.1))
                .or(layouts.first())
                .copied();
        }
        let mut plan = LegendPlan {
            legend,
            place: LegendPlace::Off,
            legend_size: (0.0, 0.0),
            map_width: width,
            frame_height,
            figure_height,
            beside,
            below,
        };
        if !style.layers.legend {
            return Ok(plan);
        }
        match corner {
            Some((columns, size)) => {
                plan.place = LegendPlace::Corner;
                plan.legend.columns = columns;
                plan.legend_size = size;
            }
            None => plan.move_legend_out(style)?,
        }
        Ok(plan)
    }

    /// Takes the legend out of the corners: beside the map (a narrower map)
    /// when there is room, else under it (a shorter map, when the figure's
    /// height is fixed).
    pub fn move_legend_out(&mut self, style: &Style) -> Result<(), RenderError> {
        let (place, (columns, (width, height))) = match (self.beside, self.below) {
            (Some(b), _) => (LegendPlace::Beside, b),
            (None, Some(b)) => (LegendPlace::Below, b),
            (None, None) => (LegendPlace::Off, (1, (0.0, 0.0))),
        };
        self.place = place;
        self.legend.columns = columns;
        self.legend_size = self.legend.size(style);
        match place {
            LegendPlace::Beside => self.map_width -= width + 12.0,
            LegendPlace::Below => {
                if let Some(fh) = self.frame_height.as_mut() {
                    *fh -= height + 12.0;
                    if *fh < 120.0 {
                        return Err(RenderError::Size(format!(
                            "a figure {:.0} px tall leaves {:.0} px for the map once the legend \
                             and the other panels are in; make it taller",
                            self.figure_height.unwrap_or_default(),
                            *fh
                        )));
                    }
                }
            }
            LegendPlace::Corner | LegendPlace::Off => {}
        }
        Ok(())
    }
}

/// Where the legend goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LegendPlace {
    /// In a corner of the map frame.
    Corner,
    /// To the right of the frame.
    Beside,
    /// Under the frame.
    Below,
    /// Not drawn.
    Off,
}

/// The frame fitted around the incidents, with the markers and the boxes
/// over the map.
pub(crate) struct Fitted {
    /// The frame.
    pub frame: Frame,
    /// Where each incident is, in pixels.
    pub anchors: Points,
    /// Where each marker is drawn.
    pub centres: Points,
    /// The legend box.
    pub legend: Option<Rect>,
    /// The scale bar: pixels per km, km, text, and its box.
    pub scale: Option<((f64, f64, String), Rect)>,
    /// The inset box.
    pub inset: Option<Rect>,
    /// The choropleth's key.
    pub key: Option<Rect>,
}

/// What [`fit`] works with.
pub(crate) struct Fitting<'a> {
    /// The incidents.
    pub sites: &'a Sites<'a>,
    /// Each incident in metres.
    pub metres: &'a [(f64, f64)],
    /// The projection.
    pub projection: &'a Projection,
    /// The frame shows the whole globe.
    pub globe: bool,
    /// Draw the inset.
    pub inset: bool,
    /// The size of the choropleth's key, when there is one.
    pub key: Option<(f64, f64)>,
    /// Left edge and top of the frame.
    pub origin: (f64, f64),
    /// The look.
    pub style: &'a Style,
}

/// Fits the frame around `area` and puts the legend, scale bar and inset in
/// its corners; zooms out while they would cover a marker, first making room
/// below the map (while the shape allows), then all round; after three tries
/// the legend leaves the corners. What still does not fit is noted.
pub(crate) fn fit(
    f: &Fitting,
    plan: &mut LegendPlan,
    mut area: MetreBox,
    notes: &mut Vec<String>,
) -> Result<Fitted, RenderError> {
    let start = area;
    let mut attempt = 0;
    loop {
        let frame = Frame::fit(
            area,
            f.origin.0,
            f.origin.1,
            plan.map_width,
            plan.frame_height,
        );
        let (anchors, centres) =
            sites::place_markers(&frame, f.metres, &f.sites.groups, &f.sites.extents);
        let marker_boxes: Vec<Rect> = centres
            .iter()
            .zip(&f.sites.extents)
            .map(|(c, r)| Rect::around(c.0, c.1, r + 1.0))
            .collect();
        let mut wanted = Vec::new();
        if plan.place == LegendPlace::Corner {
            wanted.push(plan.legend_size);
        }
        wanted.extend(f.key);
        let scale = if f.style.layers.scalebar {
            frame.px_per_km(f.projection, f.globe).map(|(ppk, lat)| {
                let (km, text) = legend::scale_bar_length(ppk, lat, f.projection.is_world(), 150.0);
                let text_width = f.style.typeface.regular.width(&text, 11.0);
                wanted.push(legend::scale_bar_size(text_width, km * ppk));
                (ppk, km, text)
            })
        } else {
            None
        };
        if f.inset {
            wanted.push(inset::size(plan.map_width));
        }
        let (boxes, covers) = reserve_corners(frame.rect, &wanted, &marker_boxes);
        attempt += 1;
        if covers && plan.place == LegendPlace::Corner && attempt >= 3 {
            plan.move_legend_out(f.style)?;
            area = start;
            attempt = 0;
            continue;
        }
        if covers && attempt < 6 {
            let max_aspect = if f.globe { 0.7 } else { 0.9 };
            area = if plan.frame_height.is_none() && area.h * 1.12 / area.w <= max_aspect {
                MetreBox {
                    h: area.h * 1.12,
                    cy: area.cy - area.h * 0.06,
                    ..area
                }
            } else {
                MetreBox {
                    w: area.w * 1.15,
                    h: area.h * 1.15,
                    ..area
                }
            };
            continue;
        }
        if covers {
            notes.push("the legend, scale bar or inset covers a marker".into());
        }
        let r = frame.rect;
        let mut boxes = boxes.into_iter();
        let (w, h) = plan.legend_size;
        let legend = match plan.place {
            LegendPlace::Corner => boxes.next(),
            LegendPlace::Beside => Some(Rect::new(r.x1 + 12.0, r.y0, w, h)),
            LegendPlace::Below => Some(Rect::new(r.x0, r.y1 + 12.0, w, h)),
            LegendPlace::Off => None,
        };
        let key = f.key.and_then(|_| boxes.next());
        // What does not fit in the frame is left out, and said.
        let fits = |b: &Rect| r.inflate(-4.0).contains(b);
        let scale = scale.and_then(|s| boxes.next().filter(fits).map(|b| (s, b)));
        let inset = f.inset.then(|| boxes.next()).flatten();
        if inset.is_some_and(|b| !fits(&b)) {
            notes.push("the inset does not fit in the map frame; left out".into());
        }
        return Ok(Fitted {
            frame,
            anchors,
            centres,
            legend,
            scale,
            inset: inset.filter(fits),
            key,
        });
    }
}

/// The four corner boxes of the frame: bottom left, bottom right, top right, top left.
fn corners(frame: Rect, w: f64, h: f64) -> [Rect; 4] {
    let m = 10.0;
    [
        Rect::new(frame.x0 + m, frame.y1 - m - h, w, h),
        Rect::new(frame.x1 - m - w, frame.y1 - m - h, w, h),
        Rect::new(frame.x1 - m - w, frame.y0 + m, w, h),
        Rect::new(frame.x0 + m, frame.y0 + m, w, h),
    ]
}

/// Picks, for each box size in turn, the free corner that covers the fewest
/// markers. Returns the boxes and whether any covers a marker.
pub(crate) fn reserve_corners(
    frame: Rect,
    sizes: &[(f64, f64)],
    markers: &[Rect],
) -> (Vec<Rect>, bool) {
    let mut taken: Vec<Rect> = Vec::new();
    let mut covers = false;
    for &(w, h) in sizes {
        let cost = |c: &Rect| {
            markers
                .iter()
                .filter(|r| r.inflate(4.0).intersects(c))
                .count()
        };
        let choice = corners(frame, w, h)
            .into_iter()
            .filter(|c| !taken.iter().any(|t| t.inflate(6.0).intersects(c)))
            .min_by_key(cost);
        match choice {
            Some(c) => {
                covers |= cost(&c) > 0;
                taken.push(c);
            }
            None => {
                // No corner left: the box goes over the first corner, and counts as covering.
                covers = true;
                taken.push(corners(frame, w, h)[0]);
            }
        }
    }
    (taken, covers)
}

/// Greedy line breaking by measured width.
pub(crate) fn wrap_text(
    text: &str,
    font: &super::font::Font,
    size: f64,
    width: f64,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && font.width(&candidate, size) > width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

pub(crate) fn default_title(located: &MapRows) -> String {
    let years = located
        .dates_and_kinds()
        .filter_map(|(d, _)| d.map(|d| d.year));
    match (years.clone().min(), years.max()) {
        (Some(a), Some(b)) if a == b => format!("Incidents, {a}"),
        (Some(a), Some(b)) => format!("Incidents, {a}–{b}"),
        _ => "Incidents".into(),
    }
}

pub(crate) fn default_subtitle(located: &MapRows, places: usize) -> String {
    let n = located.len();
    let mut s = format!(
        "{n} incident{} at {places} place{}",
        if n == 1 { "" } else { "s" },
        if places == 1 { "" } else { "s" }
    );
    let dates = located.dates_and_kinds().filter_map(|(d, _)| d);
    match (dates.clone().min(), dates.max()) {
        (Some(a), Some(b)) if a == b => s.push_str(&format!(", {a}")),
        (Some(a), Some(b)) => s.push_str(&format!(", {a} to {b}")),
        _ => {}
    }
    let missing = located.seen() - n;
    if missing > 0 {
        s.push_str(&format!(
            " · {missing} row{} not located, not shown",
            if missing == 1 { "" } else { "s" }
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corners_avoid_markers_and_each_other() {
        let frame = Rect::new(0.0, 0.0, 400.0, 300.0);
        let marker = Rect::around(30.0, 280.0, 6.0);
        let (boxes, covers) = reserve_corners(frame, &[(100.0, 80.0), (100.0, 30.0)], &[marker]);
        assert!(!covers);
        assert!(!boxes[0].intersects(&marker) && !boxes[1].intersects(&marker));
        assert!(!boxes[0].intersects(&boxes[1]));
    }
}
