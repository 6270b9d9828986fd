//! A chart as an Excel workbook (`.xlsx`) that opens in Excel, WPS and
//! LibreOffice: a sheet of the chart's values laid out as a person lays them
//! out (periods or categories down, one column per series with the unit in
//! its header, and beside it the marks a value carries: estimate, derived,
//! about, over, disputed), a native chart of the same kind drawn from those
//! cells (line or column, the same series in the same colours, the title, the
//! unit on the value axis), so it stays editable; and a sheet of sources:
//! every value with its source, kind, date, address, quote, and for a value
//! EconLens computed its formula. Values a chart does not draw are listed
//! there too, marked as not drawn.

use rust_xlsxwriter::{
    Chart as XlsxChart, ChartFormat, ChartLine, ChartMarker, ChartSolidFill, ChartType, Color, Format,
    Workbook, Worksheet, XlsxError,
};

use crate::chart::{Chart, ChartKind, ChartSeries, SeriesStyle, ValueAxis};
use crate::data::model::Dataset;
use crate::export::csv::csv_number;
use crate::export::table::{ChartTable, is_computed, marks};
use crate::figure::palette::{bar_colors, line_colour};
use crate::i18n::Lang;

/// The rows of the data sheet above the table: title, unit and range, a blank line.
const TABLE_ROW: u32 = 3;

/// The number a cell holds: as stated, or rounded as the CSV writes it.
fn cell_value(value: f64, computed: bool) -> f64 {
    csv_number(value, computed).parse().unwrap_or(value)
}

/// A colour of the figure's light palette as Excel takes it.
fn excel_colour(colour: egui::Color32) -> Color {
    let [r, g, b, _] = colour.to_srgba_unmultiplied();
    Color::RGB((u32::from(r) << 16) | (u32::from(g) << 8) | u32::from(b))
}

/// The colour a series is drawn in on screen (light theme).
fn series_colour(chart: &Chart, series: &ChartSeries) -> Color {
    match chart.kind {
        ChartKind::Bars => excel_colour(bar_colors(series.style, false).1),
        ChartKind::Lines => excel_colour(line_colour(series.style, series.colour, false)),
    }
}

/// The workbook of `chart`, in `lang`.
pub fn chart_workbook(chart: &Chart, dataset: &Dataset, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let data_name = lang.tr("数据", "Data");
    let sources_name = lang.tr("来源", "Sources");
    let table = ChartTable::of(chart, lang);
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name(data_name)?;
        write_table(sheet, chart, lang, &table)?;
        let native = native_chart(chart, lang, data_name, table.rows.len());
        // Under the table, so it prints on the page after it, whatever the number of series.
        let below = TABLE_ROW + 2 + u32::try_from(table.rows.len()).unwrap_or(u32::MAX - TABLE_ROW - 2);
        sheet.insert_chart(below, 0, &native)?;
    }
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sources_name)?;
        write_sources(sheet, chart, dataset, lang)?;
    }
    workbook.save_to_buffer()
}

/// Title, unit and range, then the table: a label column and, per series,
/// its values (unit in the header) and their marks.
fn write_table(
    sheet: &mut Worksheet,
    chart: &Chart,
    lang: Lang,
    table: &ChartTable,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(
        0,
        0,
        chart.title.get(lang),
        &Format::new().set_bold().set_font_size(14),
    )?;
    sheet.write_string(1, 0, chart.subtitle(lang))?;
    sheet.write_string_with_format(TABLE_ROW, 0, &table.corner, &bold)?;
    sheet.set_column_width(0, 16)?;
    for (at, header) in table.columns.iter().enumerate() {
        let column = value_column(at);
        sheet.write_string_with_format(TABLE_ROW, column, header, &bold)?;
        sheet.write_string_with_format(TABLE_ROW, column + 1, lang.tr("标记", "Marks"), &bold)?;
        sheet.set_column_width(column, 18)?;
        sheet.set_column_width(column + 1, 12)?;
    }
    for (at, table_row) in table.rows.iter().enumerate() {
        let row = TABLE_ROW + 1 + u32::try_from(at).unwrap_or(u32::MAX - TABLE_ROW - 1);
        sheet.write_string(row, 0, &table_row.label)?;
        for (series_at, cell) in table_row.cells.iter().enumerate() {
            let Some(cell) = cell else { continue };
            let column = value_column(series_at);
            sheet.write_number(row, column, cell.value)?;
            if !cell.marks.is_empty() {
                sheet.write_string(row, column + 1, &cell.marks)?;
            }
        }
    }
    sheet.set_freeze_panes(TABLE_ROW + 1, 1)?;
    // Printed, the table and the chart under it fit the page's width.
    sheet.set_landscape().set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The column of series `at`'s values (its marks are in the next one).
fn value_column(at: usize) -> u16 {
    1 + 2 * u16::try_from(at).unwrap_or(u16::MAX / 2 - 1)
}

/// A native chart over the table's cells: the same kind, series, colours and title.
fn native_chart(chart: &Chart, lang: Lang, sheet: &str, rows: usize) -> XlsxChart {
    let mut native = XlsxChart::new(match chart.kind {
        ChartKind::Bars => ChartType::Column,
        ChartKind::Lines => ChartType::Line,
    });
    let (first, last) = (TABLE_ROW + 1, TABLE_ROW + u32::try_from(rows).unwrap_or(u32::MAX - TABLE_ROW));
    for (at, series) in chart.series.iter().enumerate() {
        let column = value_column(at);
        let colour = series_colour(chart, series);
        let mut format = ChartFormat::new();
        match (chart.kind, series.style) {
            (ChartKind::Bars, _) => format.set_solid_fill(ChartSolidFill::new().set_color(colour)),
            // Disputed values are markers only on screen, never joined.
            (ChartKind::Lines, SeriesStyle::Conflict) => format.set_line(ChartLine::new().set_hidden(true)),
            (ChartKind::Lines, _) => format.set_line(ChartLine::new().set_color(colour).set_width(2.0)),
        };
        let added = native
            .add_series()
            .set_name((sheet, TABLE_ROW, column))
            .set_categories((sheet, first, 0, last, 0))
            .set_values((sheet, first, column, last, column))
            .set_format(&mut format);
        if chart.kind == ChartKind::Bars {
            // One value a period or category, as on screen: the bars of the
            // series stand in one place, not side by side with empty slots.
            added.set_overlap(100).set_gap(60);
        }
        if chart.kind == ChartKind::Lines {
            let marker = ChartMarker::new()
                .set_automatic()
                .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(colour)))
                .clone();
            added.set_marker(&marker);
        }
    }
    native.title().set_name(chart.title.get(lang));
    native.y_axis().set_name(chart.unit.label(lang));
    if chart.value_axis == ValueAxis::Ranks {
        native.y_axis().set_reverse();
    }
    if chart.series.len() < 2 {
        native.legend().set_hidden();
    }
    native.set_width(600).set_height(360);
    native
}

/// Every value the chart stands for, with where it comes from.
fn write_sources(
    sheet: &mut Worksheet,
    chart: &Chart,
    dataset: &Dataset,
    lang: Lang,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let headers = [
        lang.tr("系列", "Series"),
        lang.tr("时期或类别", "Period or category"),
        lang.tr("数值", "Value"),
        lang.tr("单位", "Unit"),
        lang.tr("状态", "Status"),
        lang.tr("标记", "Marks"),
        lang.tr("来源", "Source"),
        lang.tr("发布者", "Publisher"),
        lang.tr("类型", "Kind"),
        lang.tr("日期", "Date"),
        lang.tr("网址", "Address"),
        lang.tr("原文", "Quote"),
        lang.tr("说明或公式", "Note or formula"),
        lang.tr("图中画出", "Drawn"),
    ];
    for (column, header) in headers.iter().enumerate() {
        let column = u16::try_from(column).unwrap_or(0);
        sheet.write_string_with_format(0, column, *header, &bold)?;
    }
    for (column, width) in [(0u16, 18.0), (1, 16.0), (6, 36.0), (11, 48.0), (12, 40.0)] {
        sheet.set_column_width(column, width)?;
    }
    let unit = chart.unit.label(lang);
    let mut row = 1u32;
    let drawn = chart.series.iter().map(|series| (series, true));
    let not_drawn = chart.not_drawn.iter().map(|series| (series, false));
    for (series, is_drawn) in drawn.chain(not_drawn) {
        for point in &series.points {
            let sources: Vec<_> = point.sources.iter().map(|ix| dataset.source(ix)).collect();
            let line = SourceLine {
                series: series.name.get(lang),
                label: &chart.label_of(point, lang),
                value: cell_value(point.value, is_computed(point)),
                unit,
                status: point.status.label(lang),
                marks: &marks((point.status, point.qualifier, point.conflict), lang),
                sources: &sources,
                quote: point.quote.map_or("", |id| dataset.text(id)),
                note: &Chart::note_of(point, dataset, lang).unwrap_or_default(),
                drawn: is_drawn,
            };
            line.write(sheet, row, lang)?;
            row += 1;
        }
    }
    for left_out in &chart.left_out {
        let region = dataset.region(left_out.region).name.get(lang);
        for obs in left_out.observations(dataset) {
            let source = dataset.source(obs.source);
            let point_marks = marks((obs.status, obs.qualifier, obs.conflict), lang);
            let line = SourceLine {
                series: region,
                label: &obs.period.label(lang),
                value: obs.value,
                unit,
                status: obs.status.label(lang),
                marks: &point_marks,
                sources: &[source],
                quote: dataset.quote_of(obs).unwrap_or(""),
                note: dataset.note_of(obs).unwrap_or(""),
                drawn: false,
            };
            line.write(sheet, row, lang)?;
            row += 1;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// One line of the sources sheet.
struct SourceLine<'a> {
    series: &'a str,
    label: &'a str,
    value: f64,
    unit: &'a str,
    status: &'a str,
    marks: &'a str,
    sources: &'a [&'a crate::data::model::Source],
    quote: &'a str,
    note: &'a str,
    drawn: bool,
}

impl SourceLine<'_> {
    fn write(&self, sheet: &mut Worksheet, row: u32, lang: Lang) -> Result<(), XlsxError> {
        let joined = |field: fn(&crate::data::model::Source, Lang) -> String| {
            let mut all: Vec<String> = self.sources.iter().map(|source| field(source, lang)).collect();
            all.dedup();
            all.join(lang.tr("；", "; "))
        };
        sheet.write_string(row, 0, self.series)?;
        sheet.write_string(row, 1, self.label)?;
        sheet.write_number(row, 2, self.value)?;
        sheet.write_string(row, 3, self.unit)?;
        sheet.write_string(row, 4, self.status)?;
        sheet.write_string(row, 5, self.marks)?;
        sheet.write_string(row, 6, joined(|source, _| source.title.clone()))?;
        sheet.write_string(row, 7, joined(|source, _| source.publisher.clone()))?;
        sheet.write_string(row, 8, joined(|source, lang| source.kind.label(lang).to_owned()))?;
        sheet.write_string(row, 9, joined(|source, _| source.date.clone().unwrap_or_default()))?;
        sheet.write_string(row, 10, joined(|source, _| source.url.clone().unwrap_or_default()))?;
        sheet.write_string(row, 11, self.quote)?;
        sheet.write_string(row, 12, self.note)?;
        sheet.write_string(row, 13, if self.drawn { lang.tr("是", "yes") } else { lang.tr("否", "no") })?;
        Ok(())
    }
}
