//! Charts with plotters, each written as SVG and PNG: axes with tick labels
//! and units, a title, and the legend in its own column right of the data.
//! Text is drawn with DejaVu Sans from the `dejavu` crate (registered with
//! plotters' `ab_glyph` backend), so PNGs need no system fonts.

use std::{path::Path, sync::Once};

use anyhow::{anyhow, Result};
use plotters::{coord::Shift, prelude::*, style::FontStyle};

use crate::{
    flt_f64,
    run::Report,
    scenario::Behaviour,
    sweep::{Grid, SybilRow},
};

pub const SIZE: (u32, u32) = (1000, 560);
const LEGEND_WIDTH: u32 = 230;

fn fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The bundled fonts are valid TrueType: registration cannot fail.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, dejavu::sans::regular());
        let _ = plotters::style::register_font("sans-serif", FontStyle::Bold, dejavu::sans::bold());
    });
}

pub fn colour(b: Behaviour) -> RGBColor {
    match b {
        Behaviour::Honest => RGBColor(0x1b, 0x9e, 0x77),
        Behaviour::FreeRider => RGBColor(0xd9, 0x5f, 0x02),
        Behaviour::Poisoner => RGBColor(0xe7, 0x29, 0x8a),
        Behaviour::Sybil => RGBColor(0x75, 0x70, 0xb3),
        Behaviour::Staker => RGBColor(0x66, 0xa6, 0x1e),
    }
}

/// One legend entry: a label, a colour, and whether its line is dashed.
pub struct Key {
    pub label: String,
    pub colour: RGBColor,
    pub dashed: bool,
    /// A filled swatch of this opacity (0: a line).
    pub fill: f64,
}

fn key(label: impl Into<String>, colour: RGBColor) -> Key {
    Key { label: label.into(), colour, dashed: false, fill: 0.0 }
}

fn err<E: std::fmt::Debug>(e: E) -> anyhow::Error {
    anyhow!("chart: {e:?}")
}

/// The legend column: a title and one swatch per key.
fn legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, title: &str, keys: &[Key]) -> Result<()> {
    let font = ("sans-serif", 15).into_font();
    area.draw(&Text::new(title.to_string(), (10, 60), ("sans-serif", 15).into_font().style(FontStyle::Bold)))
        .map_err(err)?;
    for (i, k) in keys.iter().enumerate() {
        let y = 90 + 24 * i as i32;
        if k.fill > 0.0 {
            area.draw(&Rectangle::new([(10, y - 7), (40, y + 7)], k.colour.mix(k.fill).filled())).map_err(err)?;
        } else if k.dashed {
            for x in [10, 22, 34] {
                area.draw(&PathElement::new(vec![(x, y), (x + 7, y)], k.colour.stroke_width(3))).map_err(err)?;
            }
        } else {
            area.draw(&PathElement::new(vec![(10, y), (40, y)], k.colour.stroke_width(3))).map_err(err)?;
        }
        area.draw(&Text::new(k.label.clone(), (48, y - 8), font.clone())).map_err(err)?;
    }
    Ok(())
}

/// Splits `root` into the plot and the legend column.
fn split<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>) -> (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>) {
    let (w, _) = root.dim_in_pixel();
    root.split_horizontally(w.saturating_sub(LEGEND_WIDTH))
}

/// Draws `f` into `<stem>.svg` and `<stem>.png`.
pub fn both(
    stem: &Path,
    size: (u32, u32),
    f: impl Fn(&DrawingArea<SVGBackend, Shift>) -> Result<()>,
    g: impl Fn(&DrawingArea<BitMapBackend, Shift>) -> Result<()>,
) -> Result<()> {
    fonts();
    let svg = stem.with_extension("svg");
    let png = stem.with_extension("png");
    {
        let root = SVGBackend::new(&svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        f(&root)?;
        root.present().map_err(err)?;
    }
    let root = BitMapBackend::new(&png, size).into_drawing_area();
    root.fill(&WHITE).map_err(err)?;
    g(&root)?;
    root.present().map_err(err)?;
    Ok(())
}

/// A labelled run for the charts (`--compare` draws two).
pub struct Run<'a> {
    pub label: &'a str,
    pub report: &'a Report,
}

fn weeks(runs: &[Run]) -> u32 {
    runs.iter().map(|r| r.report.rows.len() as u32).max().unwrap_or(1).max(2)
}

/// FLT emitted (paid) per week, with the reserve on a second axis.
pub fn emission<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, runs: &[Run]) -> Result<()> {
    let (plot, side) = split(root);
    let n = weeks(runs);
    let max_paid = runs.iter().flat_map(|r| r.report.rows.iter().map(|x| flt_f64(x.pool))).fold(1.0, f64::max);
    let reserve_max = 1_000.0; // million FLT: the whole supply
    let reserve_min =
        runs.iter().flat_map(|r| r.report.rows.iter().map(|x| flt_f64(x.reserve) / 1e6)).fold(reserve_max, f64::min);
    let low = (reserve_min - (reserve_max - reserve_min) * 0.1).max(0.0).floor();
    let mut chart = ChartBuilder::on(&plot)
        .caption("FLT emitted per week and the reserve", ("sans-serif", 22).into_font().style(FontStyle::Bold))
        .margin(12)
        .x_label_area_size(45)
        .y_label_area_size(80)
        .right_y_label_area_size(80)
        .build_cartesian_2d(0u32..n, 0.0..max_paid * 1.1)
        .map_err(err)?
        .set_secondary_coord(0u32..n, low..reserve_max);
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .x_desc("epoch (week)")
        .y_desc("FLT paid in the week")
        .y_label_formatter(&|v| significant(*v))
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 15))
        .draw()
        .map_err(err)?;
    chart
        .configure_secondary_axes()
        .y_desc("reserve (million FLT)")
        .y_label_formatter(&|v| format!("{v:.1}"))
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 15))
        .draw()
        .map_err(err)?;
    let mut keys = Vec::new();
    // (paid, reserve) colours per run.
    let palette = [
        (RGBColor(0x21, 0x66, 0xac), RGBColor(0xe6, 0x61, 0x01)),
        (RGBColor(0xb2, 0x18, 0x2b), RGBColor(0x5e, 0x3c, 0x99)),
    ];
    for (i, r) in runs.iter().enumerate() {
        let (c, d) = palette[i % 2];
        let paid = r.report.rows.iter().map(|x| (x.epoch, flt_f64(x.paid)));
        let reserve = r.report.rows.iter().map(|x| (x.epoch, flt_f64(x.reserve) / 1e6));
        chart.draw_series(LineSeries::new(paid, c.stroke_width(2))).map_err(err)?;
        chart.draw_secondary_series(DashedLineSeries::new(reserve, 8, 5, d.stroke_width(2))).map_err(err)?;
        keys.push(key(format!("{}: paid (left)", r.label), c));
        keys.push(Key { dashed: true, ..key(format!("{}: reserve (right)", r.label), d) });
    }
    legend(&side, "Series", &keys)
}

/// Each behaviour's share of the week's payouts, in %.
pub fn shares<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, runs: &[Run]) -> Result<()> {
    let (plot, side) = split(root);
    let n = weeks(runs);
    let mut chart = ChartBuilder::on(&plot)
        .caption("Each behaviour's share of the weekly payouts", ("sans-serif", 22).into_font().style(FontStyle::Bold))
        .margin(12)
        .x_label_area_size(45)
        .y_label_area_size(70)
        .build_cartesian_2d(0u32..n, 0.0..100.0)
        .map_err(err)?;
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .x_desc("epoch (week)")
        .y_desc("share of the week's payouts (%)")
        .y_label_formatter(&|v| format!("{v:.0}"))
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 15))
        .draw()
        .map_err(err)?;
    let mut keys = Vec::new();
    for (i, r) in runs.iter().enumerate() {
        for b in r.report.wallets.keys() {
            let pts: Vec<(u32, f64)> = r
                .report
                .rows
                .iter()
                .map(|x| {
                    let v = x.by_behaviour.get(b).copied().unwrap_or(0);
                    (x.epoch, if x.paid == 0 { 0.0 } else { crate::metrics::ppm(v, x.paid) as f64 / 10_000.0 })
                })
                .collect();
            let c = colour(*b);
            let label = if runs.len() > 1 { format!("{b} ({})", r.label) } else { b.to_string() };
            if i == 0 {
                chart.draw_series(LineSeries::new(pts, c.stroke_width(2))).map_err(err)?;
                keys.push(key(label, c));
            } else {
                chart.draw_series(DashedLineSeries::new(pts, 8, 5, c.stroke_width(2))).map_err(err)?;
                keys.push(Key { dashed: true, ..key(label, c) });
            }
        }
    }
    legend(&side, "Behaviour", &keys)
}

/// The distribution of weekly payouts per wallet: the largest, the
/// smallest, the 10-90 and 25-75 percentile bands and the median, in FLT
/// on a log scale.
pub fn distribution<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, runs: &[Run]) -> Result<()> {
    let (plot, side) = split(root);
    let n = weeks(runs);
    // The y axis is log10(FLT) on a linear scale, labelled in FLT with two
    // significant digits (plotters' log axis labels only whole decades).
    let pos = |v: u128| flt_f64(v).max(0.01).log10();
    let top = runs.iter().flat_map(|r| r.report.rows.iter().map(|x| pos(x.largest))).fold(0.0, f64::max) + 0.2;
    let bottom = runs
        .iter()
        .flat_map(|r| r.report.rows.iter().filter(|x| x.eligible > 0).map(|x| pos(x.smallest)))
        .fold(top, f64::min)
        - 0.2;
    let mut chart = ChartBuilder::on(&plot)
        .caption("Distribution of weekly payouts per wallet", ("sans-serif", 22).into_font().style(FontStyle::Bold))
        .margin(12)
        .x_label_area_size(45)
        .y_label_area_size(80)
        .build_cartesian_2d(0u32..n, bottom..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .x_desc("epoch (week)")
        .y_desc("payout (FLT, log scale)")
        .y_labels(12)
        .y_label_formatter(&|v| significant(10f64.powf(*v)))
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 15))
        .draw()
        .map_err(err)?;
    let mut keys = Vec::new();
    let palette = [RGBColor(0x21, 0x66, 0xac), RGBColor(0xb2, 0x18, 0x2b)];
    for (i, r) in runs.iter().enumerate() {
        let c = palette[i % 2];
        let rows: Vec<_> = r.report.rows.iter().filter(|x| x.eligible > 0).collect();
        let band = |lo: usize, hi: usize| {
            let mut pts: Vec<(u32, f64)> = rows.iter().map(|x| (x.epoch, pos(x.percentiles[hi]))).collect();
            pts.extend(rows.iter().rev().map(|x| (x.epoch, pos(x.percentiles[lo]))));
            pts
        };
        chart.draw_series(std::iter::once(Polygon::new(band(0, 4), c.mix(0.15).filled()))).map_err(err)?;
        chart.draw_series(std::iter::once(Polygon::new(band(1, 3), c.mix(0.35).filled()))).map_err(err)?;
        let line =
            |f: fn(&crate::run::EpochRow) -> u128| rows.iter().map(move |x| (x.epoch, pos(f(x)))).collect::<Vec<_>>();
        chart.draw_series(LineSeries::new(line(|x| x.percentiles[2]), c.stroke_width(2))).map_err(err)?;
        chart.draw_series(DashedLineSeries::new(line(|x| x.largest), 6, 4, c.stroke_width(1))).map_err(err)?;
        chart.draw_series(DashedLineSeries::new(line(|x| x.smallest), 2, 3, c.stroke_width(1))).map_err(err)?;
        let p = if runs.len() > 1 { format!("{}: ", r.label) } else { String::new() };
        keys.push(Key { dashed: true, ..key(format!("{p}largest"), c) });
        keys.push(Key { fill: 0.15, ..key(format!("{p}p10-p90"), c) });
        keys.push(Key { fill: 0.35, ..key(format!("{p}p25-p75"), c) });
        keys.push(key(format!("{p}median"), c));
        keys.push(Key { dashed: true, ..key(format!("{p}smallest"), c) });
    }
    legend(&side, "Weekly payout", &keys)
}

/// `v` with two significant digits: 0.25, 3.2, 47, 1.6k, 25k, 1.3M.
fn significant(v: f64) -> String {
    let (scaled, unit) = match v {
        v if v >= 1e6 => (v / 1e6, "M"),
        v if v >= 1e3 => (v / 1e3, "k"),
        v => (v, ""),
    };
    let digits = if scaled >= 10.0 {
        0
    } else if scaled >= 1.0 {
        1
    } else {
        2
    };
    let rounded = format!("{scaled:.digits$}");
    let trimmed = if rounded.contains('.') { rounded.trim_end_matches('0').trim_end_matches('.') } else { &rounded };
    format!("{trimmed}{unit}")
}

/// A sweep's metric over a two-parameter grid, with a colour bar.
pub fn heatmap<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, grid: &Grid) -> Result<()> {
    let (plot, side) = split(root);
    let (xs, ys) = (&grid.x.values, &grid.y.values);
    let (lo, hi) = grid.cells.iter().flatten().fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
    let span = if hi > lo { hi - lo } else { 1.0 };
    let mut chart = ChartBuilder::on(&plot)
        .caption(
            format!("{} by {} and {}", grid.metric.title(), grid.x.name, grid.y.name),
            ("sans-serif", 22).into_font().style(FontStyle::Bold),
        )
        .margin(12)
        .x_label_area_size(45)
        .y_label_area_size(70)
        // A segmented `0..n` has n + 1 cells: the last index is n - 1.
        .build_cartesian_2d(
            (0..xs.len().saturating_sub(1) as u32).into_segmented(),
            (0..ys.len().saturating_sub(1) as u32).into_segmented(),
        )
        .map_err(err)?;
    // Labels at cell centres; at most ~12 per axis.
    let every = |n: usize| n.div_ceil(12).max(1);
    let (ex, ey) = (every(xs.len()), every(ys.len()));
    let label = |values: &[u128], step: usize, v: &SegmentValue<u32>| match v {
        SegmentValue::CenterOf(i) if (*i as usize).is_multiple_of(step) => {
            values.get(*i as usize).map_or(String::new(), |v| v.to_string())
        }
        _ => String::new(),
    };
    let xl = |v: &SegmentValue<u32>| label(xs, ex, v);
    let yl = |v: &SegmentValue<u32>| label(ys, ey, v);
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .disable_mesh()
        .x_desc(grid.x.name.clone())
        .y_desc(grid.y.name.clone())
        .x_labels(xs.len() + 1)
        .y_labels(ys.len() + 1)
        .x_label_formatter(&xl)
        .y_label_formatter(&yl)
        .label_style(("sans-serif", 13))
        .axis_desc_style(("sans-serif", 15))
        .draw()
        .map_err(err)?;
    let shade = |v: f64| ViridisRGB::get_color_normalized(v - lo, 0.0, span);
    chart
        .draw_series(grid.cells.iter().enumerate().flat_map(|(yi, row)| {
            row.iter().enumerate().map(move |(xi, v)| {
                let (x, y) = (xi as u32, yi as u32);
                Rectangle::new(
                    [
                        (SegmentValue::Exact(x), SegmentValue::Exact(y)),
                        (SegmentValue::Exact(x + 1), SegmentValue::Exact(y + 1)),
                    ],
                    shade(*v).filled(),
                )
            })
        }))
        .map_err(err)?;
    // Colour bar in the legend column.
    let font = ("sans-serif", 14).into_font();
    side.draw(&Text::new(grid.metric.title().to_string(), (10, 60), font.clone().style(FontStyle::Bold)))
        .map_err(err)?;
    let (top, height) = (90, 360);
    for k in 0..height {
        let v = hi - span * f64::from(k) / f64::from(height);
        side.draw(&Rectangle::new([(10, top + k), (40, top + k + 1)], shade(v).filled())).map_err(err)?;
    }
    for k in 0..=4 {
        let v = hi - span * f64::from(k) / 4.0;
        let y = top + height * k / 4;
        side.draw(&Text::new(grid.metric.format(v), (48, y - 7), font.clone())).map_err(err)?;
    }
    Ok(())
}

/// What one contributor's work pays as 1, 2, 5, ... wallets: two bars per
/// split (honest and zero-impact work).
pub fn sybil<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, rows: &[SybilRow]) -> Result<()> {
    let (plot, side) = split(root);
    let top = rows.iter().flat_map(|r| [flt_f64(r.honest), flt_f64(r.free_rider)]).fold(1.0, f64::max) * 1.15;
    let k = rows.len().max(1);
    let mut chart = ChartBuilder::on(&plot)
        .caption(
            "One contributor's weekly work split across wallets",
            ("sans-serif", 22).into_font().style(FontStyle::Bold),
        )
        .margin(12)
        .x_label_area_size(45)
        .y_label_area_size(80)
        .build_cartesian_2d(0.0..k as f64, 0.0..top)
        .map_err(err)?;
    let labels: Vec<String> = rows.iter().map(|r| r.wallets.to_string()).collect();
    // Ticks every half unit: the label sits under each pair of bars.
    let xl = |v: &f64| {
        let i = (v - 0.5).round();
        if (v - 0.5 - i).abs() < 1e-6 && i >= 0.0 {
            labels.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .disable_x_mesh()
        .x_desc("wallets the work is split across")
        .y_desc("FLT paid to the operator over the run")
        .x_labels(2 * k + 1)
        .x_label_formatter(&xl)
        .y_label_formatter(&|v| significant(*v))
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 15))
        .draw()
        .map_err(err)?;
    let (a, b) = (RGBColor(0x1b, 0x9e, 0x77), RGBColor(0xd9, 0x5f, 0x02));
    chart
        .draw_series(rows.iter().enumerate().flat_map(|(i, r)| {
            let x = i as f64;
            [
                Rectangle::new([(x + 0.12, 0.0), (x + 0.49, flt_f64(r.honest))], a.filled()),
                Rectangle::new([(x + 0.51, 0.0), (x + 0.88, flt_f64(r.free_rider))], b.filled()),
            ]
        }))
        .map_err(err)?;
    let one = rows.first().cloned();
    let font = ("sans-serif", 13).into_font();
    for (i, r) in rows.iter().enumerate() {
        if let Some(one) = &one {
            let (h, f) = r.gains(one);
            let x = i as f64;
            chart
                .draw_series(std::iter::once(Text::new(
                    format!("{h:.2}x"),
                    (x + 0.14, flt_f64(r.honest) + top * 0.04),
                    font.clone(),
                )))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(Text::new(
                    format!("{f:.2}x"),
                    (x + 0.53, flt_f64(r.free_rider) + top * 0.04),
                    font.clone(),
                )))
                .map_err(err)?;
        }
    }
    legend(
        &side,
        "Work (gain vs 1 wallet)",
        &[Key { fill: 1.0, ..key("honest updates", a) }, Key { fill: 1.0, ..key("zero-impact updates", b) }],
    )
}
