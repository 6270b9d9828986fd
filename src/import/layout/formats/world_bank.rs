//! World Bank World Development Indicators downloads (`API_…_DS2_…csv`).
//!
//! Lines above the header give `"Data Source","World Development
//! Indicators"` and `"Last Updated Date","2019-12-20"`; the header is
//! `Country Name, Country Code, Indicator Name, Indicator Code` and one
//! column per year (every line ends with a comma: an unnamed last column).
//! Empty cells are missing. A country's code is its id. The unit is the
//! parenthesis that ends the indicator's name (`GDP (current US$)`), or is
//! asked. Aggregates (World, Euro area, income and lending groups, regions)
//! are kept as regions and marked so they are never ranked among countries:
//! the WDI's own list of aggregate codes.

use super::super::super::cells::Cell;
use super::super::super::problem::ImportProblem;
use super::super::super::table::Table;
use super::super::collector::Collector;
use super::super::{ReadOptions, ReadValue};
use super::{FileFacts, RegionFacts};
use crate::data::period_text::read_period_code;
use crate::i18n::Message;

/// The WDI's aggregates (regions, income and lending groups, World).
const AGGREGATES: [&str; 49] = [
    "AFE", "AFW", "ARB", "CEB", "CSS", "EAP", "EAR", "EAS", "ECA", "ECS", "EMU", "EUU", "FCS", "HIC", "HPC",
    "IBD", "IBT", "IDA", "IDB", "IDX", "INX", "LAC", "LCN", "LDC", "LIC", "LMC", "LMY", "LTE", "MEA", "MIC",
    "MNA", "NAC", "OED", "OSS", "PRE", "PSS", "PST", "SAS", "SSA", "SSF", "SST", "TEA", "TEC", "TLA", "TMN",
    "TSA", "TSS", "UMC", "WLD",
];

const HEADER: [&str; 4] = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"];

pub(super) fn is_header(texts: &[String]) -> bool {
    texts.len() > HEADER.len() && texts.iter().zip(HEADER).all(|(text, expected)| text == expected)
}

pub(super) fn read(
    collector: &mut Collector<'_>,
    regions: &mut RegionFacts,
    table: &Table,
    options: &ReadOptions,
) -> Result<(FileFacts, usize, String), Vec<ImportProblem>> {
    let rows = super::all_rows(table)?;
    let texts = |row: &Vec<Cell>| row.iter().map(Cell::text).collect::<Vec<_>>();
    let header_row = rows.iter().position(|row| is_header(&texts(row))).unwrap_or(0);
    let mut facts = FileFacts::default();
    for row in rows.iter().take(header_row) {
        let (key, value) = (row.first().map(Cell::text), row.get(1).map(Cell::text));
        let (Some(key), Some(value)) = (key, value) else { continue };
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "Data Source" => facts.source.title = Some(value.clone()),
            "Last Updated Date" => facts.source.date = Some(value.clone()),
            _ => continue,
        }
        facts.metadata.push((Message::new(key.clone(), key), value));
    }
    facts.source.publisher = Some("World Bank".to_owned());
    let years: Vec<(usize, crate::data::model::Period)> = rows[header_row]
        .iter()
        .enumerate()
        .skip(HEADER.len())
        .filter_map(|(column, cell)| Some((column, read_period_code(&cell.text())?)))
        .collect();
    let mut title = None;
    let mut indicators: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for (at, row) in rows.iter().enumerate().skip(header_row + 1) {
        let cell = |column: usize| row.get(column).map(Cell::text).unwrap_or_default();
        let (name, code, indicator_name) = (cell(0), cell(1), cell(2));
        if name.is_empty() && code.is_empty() {
            collector.skipped.blank_rows += 1;
            continue;
        }
        collector.rows += 1;
        let indicator = match indicators.get(&indicator_name) {
            Some(&indicator) => indicator,
            None => {
                let (label, unit) = match indicator_name.rsplit_once(" (") {
                    Some((label, unit)) if unit.ends_with(')') => {
                        (label.to_owned(), unit.trim_end_matches(')').to_owned())
                    }
                    _ => (indicator_name.clone(), super::unit_or_ask(table, options, &indicator_name)?),
                };
                title.get_or_insert_with(|| indicator_name.clone());
                let place = || table.place.cell(at, 2);
                let Some(indicator) = collector.indicator(&label, &unit, place, None) else { continue };
                collector.set_indicator_code(indicator, &cell(3));
                indicators.insert(indicator_name.clone(), indicator);
                indicator
            }
        };
        let region = collector.regions.intern(&name);
        regions.set(region, Some(&code), AGGREGATES.contains(&code.as_str()));
        for &(column, period) in &years {
            if let Some(value) = super::value_at(collector, (at, column), row.get(column), &[]) {
                collector.push(ReadValue::stated(indicator, region, period, value, (at, column)));
            }
        }
    }
    let title = title.unwrap_or_else(|| "World Development Indicators".to_owned());
    Ok((facts, header_row, title))
}
