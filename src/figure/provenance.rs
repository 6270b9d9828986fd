//! The provenance shown on hover: exact value, unit, period, status, the
//! source with its kind and date, the quote, and how a derived value was made.

use crate::chart::{Chart, ChartPoint};
use crate::data::model::{Dataset, SourceIx, Status};
use crate::format::format_point_value;
use crate::i18n::Lang;

/// Everything a reader needs to defend one number.
pub struct Provenance<'a> {
    pub heading: String,
    pub value: String,
    pub status: Status,
    pub conflict: bool,
    pub sources: Vec<SourceIx>,
    pub quote: Option<&'a str>,
    /// The file's note, or how EconLens derived the value, in the reader's language.
    pub note: Option<String>,
}

impl<'a> Provenance<'a> {
    pub fn of_point(
        chart: &Chart,
        dataset: &'a Dataset,
        point: &'a ChartPoint,
        series_name: &str,
        lang: Lang,
    ) -> Self {
        Self {
            heading: format!("{series_name} · {}", chart.label_of(point, lang)),
            value: format_point_value(point.value, point.status, &chart.unit, point.qualifier, lang),
            status: point.status,
            conflict: point.conflict,
            sources: point.sources.iter().collect(),
            quote: point.quote.map(|id| dataset.text(id)),
            note: Chart::note_of(point, dataset, lang),
        }
    }

    /// One value of the file as it stands, under `heading`.
    pub fn of_observation(
        dataset: &'a Dataset,
        indicator: &crate::data::model::Indicator,
        obs: &crate::data::model::Observation,
        heading: String,
        lang: Lang,
    ) -> Self {
        Self {
            heading,
            value: format_point_value(obs.value, obs.status, &indicator.unit, obs.qualifier, lang),
            status: obs.status,
            conflict: obs.conflict,
            sources: vec![obs.source],
            quote: dataset.quote_of(obs),
            note: dataset.note_of(obs).map(str::to_owned),
        }
    }

    /// One line for screen readers and tests: `市中区 · 2023: 1,350.4 亿元`.
    pub fn summary(&self) -> String {
        format!("{}: {}", self.heading, self.value)
    }
}

pub fn provenance_ui(ui: &mut egui::Ui, dataset: &Dataset, lang: Lang, info: &Provenance<'_>) {
    ui.set_max_width(420.0);
    ui.label(egui::RichText::new(&info.heading).strong());
    ui.label(egui::RichText::new(&info.value).size(18.0).strong());
    let mut status = info.status.label(lang).to_owned();
    if info.conflict {
        status.push_str(lang.tr("；各来源数值不一致", "; sources disagree"));
    }
    ui.label(format!("{}{status}", lang.tr("状态：", "Status: ")));
    for &source_ix in &info.sources {
        let source = dataset.source(source_ix);
        let date = source.date.as_deref().map(|date| format!(", {date}")).unwrap_or_default();
        let details = format!("{}{}{}{date}", source.publisher, lang.tr("，", ", "), source.kind.label(lang));
        ui.label(format!("{}{}{}", lang.tr("来源：", "Source: "), source.title, lang.aside(&details)));
    }
    if let Some(quote) = info.quote {
        ui.label(egui::RichText::new(format!("「{quote}」")).italics());
    }
    if let Some(note) = &info.note {
        ui.label(egui::RichText::new(note).weak());
    }
}
