//! A chart's values as a person lays them out in a table: periods or
//! categories down, one column per drawn series with the unit in its header,
//! and for each value the marks it carries (the source's estimate, derived,
//! about, over, disputed). The workbook's data sheet and every report's
//! table under a chart are written from this one model, so they agree.
//!
//! Numbers are written as the chart CSV writes them: a stated value as
//! stated, a value EconLens computed rounded to
//! [`DERIVED_DECIMALS`](crate::export::csv::DERIVED_DECIMALS) places.

use crate::chart::catalogue::points::style_suffix;
use crate::chart::{Chart, ChartPoint, ChartSeries, PointLabel, PointNote, XAxis};
use crate::data::model::{Period, Qualifier, Status};
use crate::export::csv::csv_number;
use crate::i18n::Lang;

/// What a row stands for: a period (rows in time order), or one of the chart's categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RowKey {
    Period(Period),
    Category(u32),
}

impl RowKey {
    pub fn of(point: &ChartPoint) -> Self {
        match point.label {
            PointLabel::Category(at) => Self::Category(at),
            PointLabel::Period => Self::Period(point.period),
        }
    }
}

/// One value in the table.
#[derive(Clone, Debug, PartialEq)]
pub struct TableCell {
    /// The number a spreadsheet cell holds: as stated, or rounded as the CSV writes it.
    pub value: f64,
    /// The same number as text (`7.8149`).
    pub text: String,
    /// `来源预计；约`, and further values of the period when sources disagree; empty when none.
    pub marks: String,
}

/// One row: its label and a cell per column (`None`: the series has no value there).
#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    pub key: RowKey,
    pub label: String,
    pub cells: Vec<Option<TableCell>>,
}

/// The table of a chart's drawn values, in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartTable {
    /// The first column's title: 时期 or 类别.
    pub corner: String,
    /// One per drawn series: `市中区（亿元）`.
    pub columns: Vec<String>,
    pub rows: Vec<TableRow>,
}

impl ChartTable {
    /// The table of `chart`'s drawn series, a column each (as the workbook's
    /// native chart draws them).
    pub fn of(chart: &Chart, lang: Lang) -> Self {
        let groups: Vec<Vec<&ChartSeries>> = chart.series.iter().map(|series| vec![series]).collect();
        Self::of_groups(chart, &groups, lang, |series, lang| series.name.get(lang).to_owned())
    }

    /// The table of `chart` with a column per region: a bar chart's series
    /// of one region's estimates, derived values and disputed values join
    /// its column (their marks say what they are), as a report prints it.
    pub fn by_region(chart: &Chart, lang: Lang) -> Self {
        let mut groups: Vec<Vec<&ChartSeries>> = Vec::new();
        for series in &chart.series {
            let base = base_id(series);
            match groups.iter_mut().find(|group| group.first().is_some_and(|first| base_id(first) == base)) {
                Some(group) => group.push(series),
                None => groups.push(vec![series]),
            }
        }
        Self::of_groups(chart, &groups, lang, base_name)
    }

    /// A column per group of series, headed by `name` of its first series and the unit.
    fn of_groups(
        chart: &Chart,
        groups: &[Vec<&ChartSeries>],
        lang: Lang,
        name: fn(&ChartSeries, Lang) -> String,
    ) -> Self {
        let corner = match chart.axis {
            XAxis::Time(_) => lang.tr("时期", "Period"),
            XAxis::Categories(_) => lang.tr("类别", "Category"),
        };
        let unit = chart.unit.label(lang);
        let columns = groups
            .iter()
            .map(|group| {
                let name = group.first().map_or_else(String::new, |series| name(series, lang));
                match lang {
                    Lang::Zh => format!("{name}（{unit}）"),
                    Lang::En => format!("{name} ({unit})"),
                }
            })
            .collect();
        let mut keys: Vec<RowKey> = chart.points().map(RowKey::of).collect();
        keys.sort_unstable();
        keys.dedup();
        let rows = keys
            .into_iter()
            .map(|key| TableRow {
                key,
                label: row_label(chart, key, lang),
                cells: groups.iter().map(|group| cell(group, key, lang)).collect(),
            })
            .collect();
        Self { corner: corner.to_owned(), columns, rows }
    }
}

/// A series' id without the suffix of a look (`gdp-derived` → `gdp`).
fn base_id(series: &ChartSeries) -> &str {
    style_suffix(series.style)
        .and_then(|(_, en)| series.id.strip_suffix(&format!("-{en}").replace(' ', "-")))
        .unwrap_or(&series.id)
}

/// A series' name without the words of its look (`市中区（来源预计）` → `市中区`).
fn base_name(series: &ChartSeries, lang: Lang) -> String {
    let name = series.name.get(lang);
    let stripped = style_suffix(series.style).and_then(|(zh, en)| match lang {
        Lang::Zh => name.strip_suffix(&format!("（{zh}）")),
        Lang::En => name.strip_suffix(&format!(" ({en})")),
    });
    stripped.unwrap_or(name).to_owned()
}

/// The cell of `key` among a column's series: the first value there, with
/// the others (sources that disagree) named in its marks.
fn cell(group: &[&ChartSeries], key: RowKey, lang: Lang) -> Option<TableCell> {
    let mut here =
        group.iter().flat_map(|series| series.points.iter()).filter(|point| RowKey::of(point) == key);
    let first = here.next()?;
    let text = csv_number(first.value, is_computed(first));
    // Further values of one period (sources that disagree) are named beside it.
    let others: Vec<String> = here.map(|point| csv_number(point.value, is_computed(point))).collect();
    let mut marks = marks((first.status, first.qualifier, first.conflict), lang);
    if !others.is_empty() {
        let also = others.join(lang.tr("、", ", "));
        let lead = if marks.is_empty() { "" } else { lang.tr("；", "; ") };
        marks = format!("{marks}{lead}{}{also}", lang.tr("另一来源：", "another source: "));
    }
    Some(TableCell { value: text.parse().unwrap_or(first.value), text, marks })
}

/// The label of a row: the period in `lang`, or the category's name.
fn row_label(chart: &Chart, key: RowKey, lang: Lang) -> String {
    match (key, &chart.axis) {
        (RowKey::Category(at), XAxis::Categories(labels)) => {
            labels.get(at as usize).map(|label| label.get(lang).to_owned()).unwrap_or_default()
        }
        (RowKey::Category(at), XAxis::Time(_)) => at.to_string(),
        (RowKey::Period(period), _) => period.label(lang),
    }
}

/// A value EconLens computed (written rounded), not one a source stated.
pub fn is_computed(point: &ChartPoint) -> bool {
    matches!(point.note, Some(PointNote::Derived(_)))
}

/// What a value carries besides its number, in words: `来源预计；约`.
pub fn marks((status, qualifier, conflict): (Status, Qualifier, bool), lang: Lang) -> String {
    let mut words = Vec::new();
    match status {
        Status::Estimate => words.push(lang.tr("来源预计", "source's estimate")),
        Status::Derived => words.push(lang.tr("推算", "derived")),
        Status::Reported => {}
    }
    match qualifier {
        Qualifier::About => words.push(lang.tr("约", "about")),
        Qualifier::Over => words.push(lang.tr("超过", "over")),
        Qualifier::Exact => {}
    }
    if conflict {
        words.push(lang.tr("来源不一致", "sources disagree"));
    }
    words.join(lang.tr("；", "; "))
}
