//! The timeline panel: incidents per month (or per year, for long spans)
//! stacked by type in the map's colours, drawn with plotters into the same
//! SVG document as its own layer.

use std::collections::BTreeSet;
use std::sync::Mutex;

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

use super::font::{self, Typeface};
use super::labels::Rect;
use super::style::Style;
use super::svg::{Svg, num};
use crate::incident::PartialDate;

/// Months or years.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// One bar per month.
    Month,
    /// One bar per year.
    Year,
}

/// Spans up to this many months get a bar per month.
const MONTHLY_UP_TO: i32 = 36;

/// The bars: the period, its first index, and counts per period and type.
#[derive(Clone, Debug, PartialEq)]
pub struct Bars {
    /// Months or years.
    pub period: Period,
    /// The first period, as a month index (year * 12 + month - 1) or a year.
    pub first: i32,
    /// Counts per period, per type rank.
    pub counts: Vec<Vec<u32>>,
    /// Incidents without a date, or dated only to the year in a monthly panel.
    pub left_out: usize,
    /// The last date of the data, when its year is known only in part: it
    /// ends before December, and no incident of that year lacks its month.
    pub partial_end: Option<PartialDate>,
}

impl Bars {
    /// Counts incidents (date, type rank) per period; the period is months
    /// when the dates span three years or less, else years.
    pub fn count<I>(events: I, types: usize) -> Option<Bars>
    where
        I: IntoIterator<Item = (Option<PartialDate>, usize)>,
        I::IntoIter: Clone,
    {
        let events = events.into_iter();
        let month_of = |d: &PartialDate| d.month.map(|m| d.year * 12 + i32::from(m) - 1);
        // One pass for the span, one to count.
        let (mut years, mut months) = (None, None);
        let widen = |span: Option<(i32, i32)>, v: i32| {
            Some(span.map_or((v, v), |(a, b)| (a.min(v), b.max(v))))
        };
        for d in events.clone().filter_map(|(d, _)| d) {
            years = widen(years, d.year);
            if let Some(m) = month_of(&d) {
                months = widen(months, m);
            }
        }
        let (first_year, last_year) = years?;
        let monthly = months.is_some_and(|(a, b)| {
            b - a < MONTHLY_UP_TO && (last_year - first_year) * 12 < MONTHLY_UP_TO
        });
        let (period, (first, last)) = match months {
            Some(span) if monthly => (Period::Month, span),
            _ => (Period::Year, (first_year, last_year)),
        };
        let latest = events.clone().filter_map(|(d, _)| d).max();
        let partial_end = latest.filter(|end| {
            end.month.is_some_and(|m| m < 12)
                && events
                    .clone()
                    .filter_map(|(d, _)| d)
                    .all(|d| d.year < end.year || d.month.is_some())
        });
        let mut counts = vec![vec![0u32; types.max(1)]; (last - first + 1) as usize];
        let mut left_out = 0;
        for (date, rank) in events {
            let index = date.and_then(|d| match period {
                Period::Month => month_of(&d),
                Period::Year => Some(d.year),
            });
            match index {
                Some(i) => counts[(i - first) as usize][rank.min(types.max(1) - 1)] += 1,
                None => left_out += 1,
            }
        }
        Some(Bars {
            period,
            first,
            counts,
            left_out,
            partial_end,
        })
    }

    /// "2024: to 22 March" when the data's last year is partial.
    pub fn partial_note(&self) -> Option<String> {
        let end = self.partial_end?;
        let month = crate::incident::month_name(end.month?)?;
        Some(match end.day {
            Some(day) => format!("{}: to {day} {month}", end.year),
            None => format!("{}: to {month}", end.year),
        })
    }

    /// The label of period `i`: `2024` or `Mar 2024`.
    pub fn label(&self, i: i32) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let v = self.first + i;
        match self.period {
            Period::Year => v.to_string(),
            Period::Month => format!("{} {}", MONTHS[v.rem_euclid(12) as usize], v.div_euclid(12)),
        }
    }

    /// The tallest stack.
    pub fn max(&self) -> u32 {
        self.counts
            .iter()
            .map(|c| c.iter().sum::<u32>())
            .max()
            .unwrap_or(0)
    }
}

fn rgb(hex: &str) -> RGBColor {
    let h = hex.trim_start_matches('#');
    let h = if h.len() == 3 {
        h.chars().flat_map(|c| [c, c]).collect::<String>()
    } else {
        h.to_string()
    };
    let v = u32::from_str_radix(&h, 16).unwrap_or(0);
    RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

/// Makes the typeface known to plotters, which measures text with it.
fn register(typeface: &Typeface) {
    static DONE: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    let mut done = DONE.lock().unwrap_or_else(|e| e.into_inner());
    if done.contains(&typeface.family) {
        return;
    }
    let data: &'static [u8] = if typeface.regular.data() == font::REGULAR_DATA {
        font::REGULAR_DATA
    } else {
        // plotters keeps fonts for the life of the process; this happens once per family.
        Box::leak(typeface.regular.data().to_vec().into_boxed_slice())
    };
    if plotters::style::register_font(&typeface.family, FontStyle::Normal, data).is_ok() {
        done.insert(typeface.family.clone());
    }
}

/// The timeline drawn by plotters as SVG markup, `w` × `h` pixels.
fn plot(bars: &Bars, w: u32, h: u32, style: &Style) -> Result<String, String> {
    let c = &style.colours;
    let family = style.typeface.family.as_str();
    register(&style.typeface);
    let ink = rgb(&c.text);
    let muted = rgb(&c.muted_text);
    // plotters writes font-size as size / 1.24.
    let text = |px: f64| (family, px * 1.24).into_font().color(&muted);
    let n = bars.counts.len() as i32;
    // plotters takes the end of an integer range as a value of its own.
    let top = (bars.max() + 1).max(2);
    let label_room = style.typeface.regular.width(&bars.label(0), 10.5) + 14.0;
    let label_every = ((f64::from(n) * label_room / f64::from(w.max(1))).ceil() as i32).max(1);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        let unit = match bars.period {
            Period::Month => "month",
            Period::Year => "year",
        };
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("Incidents per {unit}, by type"),
                (family, 12.0 * 1.24).into_font().color(&ink),
            )
            .margin_right(4)
            .x_label_area_size(22)
            .y_label_area_size(30)
            .build_cartesian_2d((0..n - 1).into_segmented(), 0u32..top)
            .map_err(|e| e.to_string())?;
        let x_label = |v: &SegmentValue<i32>| match v {
            SegmentValue::CenterOf(i) if i % label_every == 0 => bars.label(*i),
            _ => String::new(),
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n as usize + 1)
            .x_label_formatter(&x_label)
            .y_labels((top as usize).min(((f64::from(h) - 50.0) / 18.0).max(1.0) as usize) + 1)
            .y_label_formatter(&|v| v.to_string())
            .label_style(text(10.5))
            .axis_style(muted)
            .bold_line_style(RGBColor(225, 225, 225))
            .light_line_style(TRANSPARENT)
            .draw()
            .map_err(|e| e.to_string())?;
        let mut rects = Vec::new();
        for (i, stack) in bars.counts.iter().enumerate() {
            let mut base = 0;
            for (rank, &k) in stack.iter().enumerate() {
                if k == 0 {
                    continue;
                }
                let colour = rgb(style.type_colour(rank));
                let x = i as i32;
                let mut bar = Rectangle::new(
                    [
                        (SegmentValue::Exact(x), base),
                        (SegmentValue::Exact(x + 1), base + k),
                    ],
                    colour.filled(),
                );
                let gap = ((f64::from(w) / f64::from(n) * 0.18).round() as i32).clamp(1, 12);
                bar.set_margin(0, 0, gap as u32, gap as u32);
                rects.push(bar);
                base += k;
            }
        }
        chart.draw_series(rects).map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// Draws the timeline layer into `b`. Returns a note when incidents were
/// left out of it (no date, or only a year in a monthly panel).
pub fn draw(svg: &mut Svg, b: Rect, bars: &Bars, style: &Style) -> Result<Option<String>, String> {
    let (w, h) = (b.width().round() as u32, b.height().round() as u32);
    let plotted = plot(bars, w, h, style)?;
    // Keep what is inside plotters' <svg> wrapper.
    let start = plotted
        .find("<svg")
        .and_then(|i| plotted[i..].find('>').map(|j| i + j + 1));
    let end = plotted.rfind("</svg>");
    let inner = match (start, end) {
        (Some(s), Some(e)) if s <= e => &plotted[s..e],
        _ => return Err("plotters wrote no SVG".into()),
    };
    svg.layer(
        "timeline",
        "Timeline",
        &format!("transform=\"translate({} {})\"", num(b.x0), num(b.y0)),
    );
    // plotters puts text content on lines of its own; keep it on the tag's line.
    svg.element(
        inner
            .trim()
            .replace(">\n", ">")
            .replace("\n</text>", "</text>")
            .as_str(),
    );
    let note = (bars.left_out > 0).then(|| {
        let what = match bars.period {
            Period::Month => "without a month",
            Period::Year => "without a date",
        };
        format!(
            "{} incident{} {what} not in the timeline",
            bars.left_out,
            if bars.left_out == 1 { "" } else { "s" }
        )
    });
    let said: Vec<String> = bars
        .partial_note()
        .into_iter()
        .chain(note.clone())
        .collect();
    if !said.is_empty() {
        svg.text(
            f64::from(w) - 4.0,
            12.0,
            &format!(
                "font-family=\"{}\" font-size=\"10\" fill=\"{}\" text-anchor=\"end\"",
                style.typeface.css_family(),
                style.colours.muted_text
            ),
            &said.join(" · "),
        );
    }
    svg.end();
    Ok(note)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: Option<u8>) -> Option<PartialDate> {
        Some(PartialDate {
            year,
            month,
            day: None,
        })
    }

    #[test]
    fn short_spans_count_by_month_long_ones_by_year() {
        let events = [
            (date(2024, Some(1)), 0),
            (date(2024, Some(3)), 1),
            (date(2024, Some(3)), 0),
            (date(2024, None), 0),
            (None, 1),
        ];
        let bars = Bars::count(events, 2).unwrap();
        assert_eq!(bars.period, Period::Month);
        assert_eq!(bars.counts, vec![vec![1, 0], vec![0, 0], vec![1, 1]]);
        assert_eq!(bars.left_out, 2);
        assert_eq!(bars.label(2), "Mar 2024");
        assert_eq!(bars.max(), 2);

        let events = [(date(2018, Some(7)), 0), (date(2024, None), 1)];
        let bars = Bars::count(events, 2).unwrap();
        assert_eq!(bars.period, Period::Year);
        assert_eq!(bars.counts.len(), 7);
        assert_eq!(bars.counts[6], vec![0, 1]);
        assert_eq!(bars.left_out, 0);
        assert!(Bars::count([(None, 0)], 1).is_none());
    }

    #[test]
    fn a_last_year_that_ends_early_is_said_to() {
        let day = |year, month, day| {
            Some(PartialDate {
                year,
                month: Some(month),
                day: Some(day),
            })
        };
        let bars = Bars::count([(day(2018, 7, 29), 0), (day(2024, 3, 22), 0)], 1).unwrap();
        assert_eq!(bars.partial_note().as_deref(), Some("2024: to 22 March"));
        let bars = Bars::count([(day(2018, 7, 29), 0), (date(2024, Some(6)), 0)], 1).unwrap();
        assert_eq!(bars.partial_note().as_deref(), Some("2024: to June"));
        // December ends the year; a 2024 dated only to the year may be later.
        let bars = Bars::count([(day(2018, 7, 29), 0), (day(2024, 12, 2), 0)], 1).unwrap();
        assert_eq!(bars.partial_note(), None);
        let events = [
            (day(2018, 7, 29), 0),
            (day(2024, 3, 22), 0),
            (date(2024, None), 0),
        ];
        assert_eq!(Bars::count(events, 1).unwrap().partial_note(), None);
    }

    #[test]
    fn plot_is_svg_in_the_given_colours() {
        let events = [(date(2020, Some(1)), 0), (date(2021, Some(5)), 1)];
        let bars = Bars::count(events, 2).unwrap();
        let style = Style::default();
        let out = plot(&bars, 600, 140, &style).unwrap();
        assert!(out.starts_with("<svg"));
        assert!(out.contains(&style.colours.palette[0].to_uppercase()) || out.contains("#0072B2"));
        assert!(out.contains("DejaVu Sans"));
    }
}
