//! What an import read, skipped and wrote, in both languages: printed by
//! `econlens import`, shown by the import dialog, and (shortly) at the top
//! of the file it writes.

use std::path::Path;

use super::Imported;
use super::layout::Reading;
use super::table::TablePlace;
use crate::data::model::Period;
use crate::i18n::Lang;

/// The comment at the top of an imported file.
pub fn file_comment(place: &TablePlace, reading: &Reading, into: Option<&Path>, today: &str) -> String {
    let sheet = place.sheet.as_deref().map(|sheet| format!(", sheet {sheet}")).unwrap_or_default();
    let merged = into
        .map(|into| format!("Merged into {} (its comments are not kept).\n", into.display()))
        .unwrap_or_default();
    format!(
        "Imported by EconLens from {}{sheet} on {today}: {} values, layout {}.\n\
         {merged}Every value's note names the cell it was read from.\n\
         Check this file with `econlens check FILE`; its format is described in FORMAT.md.\n",
        place.file,
        reading.values.len(),
        reading.layout.describe().en,
    )
}

/// The periods read, `2019 – 2023` per kind.
fn periods(reading: &Reading, lang: Lang) -> String {
    let mut by_kind: Vec<(crate::data::model::PeriodKind, Period, Period)> = Vec::new();
    for value in &reading.values {
        let kind = value.period.kind();
        match by_kind.iter_mut().find(|(known, _, _)| *known == kind) {
            Some((_, first, last)) => {
                *first = (*first).min(value.period);
                *last = (*last).max(value.period);
            }
            None => by_kind.push((kind, value.period, value.period)),
        }
    }
    by_kind.sort_by_key(|(kind, _, _)| *kind);
    by_kind
        .iter()
        .map(|(kind, first, last)| {
            let range = if first == last {
                first.label(lang)
            } else {
                format!("{}–{}", first.label(lang), last.label(lang))
            };
            format!("{range}{}", lang.aside(kind.label(lang)))
        })
        .collect::<Vec<_>>()
        .join(lang.tr("；", "; "))
}

/// What was read: layout, header, rows, values, regions, indicators, periods, skipped rows.
pub fn reading_summary(place: &TablePlace, encoding: Option<&str>, reading: &Reading, lang: Lang) -> String {
    let table = match &place.sheet {
        Some(sheet) => format!("{}{}", place.file, lang.aside(sheet)),
        None => place.file.clone(),
    };
    let encoding = encoding
        .map(|name| lang.aside(&format!("{}{name}", lang.tr("编码 ", "encoding "))))
        .unwrap_or_default();
    let header = match reading.header_rows {
        (row, Some(second)) => format!("{}–{}", place.row(row), place.row_name(second)),
        (row, None) => place.row(row),
    };
    let skipped = reading.skipped;
    let (rows, values, regions, indicators) =
        (reading.rows, reading.values.len(), reading.regions.len(), reading.indicators.len());
    let total = reading.regions.iter().find(|region| region.total).map(|region| region.name.clone());
    let periods = periods(reading, lang);
    let layout = reading.layout.describe();
    let summary = match lang {
        Lang::Zh => {
            let total = total.map(|name| format!("（{name} 为上级地区）")).unwrap_or_default();
            format!(
                "读取：{table}{encoding}\n\
                 布局：{}，表头 {header}\n\
                 数据行 {rows} · 数值 {values} · 地区 {regions}{total} · 指标 {indicators}\n\
                 时期：{periods}\n\
                 跳过：空行 {} · 注释行 {} · 重复表头 {} · 缺失值 {}（—、/、空白等，不计为零）\n",
                layout.zh,
                skipped.blank_rows,
                skipped.note_rows,
                skipped.repeated_headers,
                skipped.missing_values
            )
        }
        Lang::En => {
            let total = total.map(|name| format!(" ({name} as their parent)")).unwrap_or_default();
            format!(
                "read: {table}{encoding}\n\
                 layout: {}, header {header}\n\
                 {} · {} · {}{total} · {}\n\
                 periods: {periods}\n\
                 skipped: {} · {} · {} · {} (—, /, blank…, never zero)\n",
                layout.en,
                count(rows, "data row", "data rows"),
                count(values, "value", "values"),
                count(regions, "region", "regions"),
                count(indicators, "indicator", "indicators"),
                count(skipped.blank_rows, "blank row", "blank rows"),
                count(skipped.note_rows, "note row", "note rows"),
                count(skipped.repeated_headers, "repeated header", "repeated headers"),
                count(skipped.missing_values, "missing value", "missing values"),
            )
        }
    };
    summary + &file_facts(reading, lang)
}

/// What a publisher's file says about itself: its metadata lines, the
/// publisher and date, and how many of its regions are aggregates.
fn file_facts(reading: &Reading, lang: Lang) -> String {
    let Some(facts) = &reading.facts else { return String::new() };
    let mut out = String::new();
    for (label, text) in &facts.metadata {
        let first_line = text.lines().next().unwrap_or_default();
        let more = if text.lines().count() > 1 { lang.tr("……", " …") } else { "" };
        out.push_str(&format!("  {}{}{first_line}{more}\n", label.get(lang), lang.tr("：", ": ")));
    }
    let source = &facts.source;
    let publisher = source.publisher.as_deref().unwrap_or_default();
    let date = source.date.as_deref().map(|date| lang.aside(date)).unwrap_or_default();
    out.push_str(&format!("{}{publisher}{date}\n", lang.tr("来源：", "source: ")));
    let aggregates = reading.regions.iter().filter(|region| region.aggregate).count();
    if aggregates > 0 {
        out.push_str(&match lang {
            Lang::Zh => format!("其中 {aggregates} 个为汇总地区（如世界、欧元区），不参与排名\n"),
            Lang::En => {
                format!("{aggregates} of the regions are aggregates (World, Euro area…), never ranked\n")
            }
        });
    }
    out
}

/// `1 region`, `3 regions`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What merging did: added, already there, and each value that disagrees.
pub fn merge_summary(imported: &Imported, lang: Lang) -> String {
    let built = &imported.built;
    let (added, there, conflicts) = (built.added, built.already_there, built.conflicts.len());
    let mut out = match lang {
        Lang::Zh => format!(
            "合并：新增 {added} 个数值 · 文件中已有 {there} 个 · 与文件不一致 {conflicts} 个（两者都保留并标为来源不一致）\n"
        ),
        Lang::En => format!(
            "merged: {added} values added · {there} already in the file · {conflicts} disagree with the file (both kept, marked disputed)\n"
        ),
    };
    for conflict in &built.conflicts {
        let period = conflict.period.label(lang);
        out.push_str(&format!(
            "  {} {} {period}: {} {} · {} {} ({})\n",
            conflict.region,
            conflict.indicator,
            lang.tr("文件", "file"),
            conflict.in_file,
            lang.tr("表格", "table"),
            conflict.in_table,
            conflict.cell
        ));
    }
    out
}
