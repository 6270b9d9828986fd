//! 数据核对 / Checks: the consistency audit of the data on screen (the same
//! findings as `econlens audit`), one row per finding with its verdict,
//! what was checked, the value (hover for its source and quote, as
//! everywhere) and the arithmetic. The audit runs as a background task once
//! per data change, so a large file never stops the window; verdicts can be
//! shown or hidden, consistent ones hidden at first.

use std::collections::HashSet;
use std::sync::Arc;

use super::TabContext;
use crate::audit::{Finding, ValueRef, Verdict, counts};
use crate::data::model::Dataset;
use crate::figure::provenance::{Provenance, provenance_ui};
use crate::format::group_count;
use crate::i18n::Lang;
use crate::msg;
use crate::ui::task::Task;

/// How many compared values a finding's hover shows with their source and quote.
const MAX_DETAILED: usize = 3;

/// The audit of the data on screen, and which verdicts are shown.
pub struct ChecksTabState {
    generation: Option<u64>,
    findings: Vec<Finding>,
    running: Option<Task<Vec<Finding>>>,
    /// Why the audit of the data on screen has no result (its thread died):
    /// shown instead of counts, which would read as a clean audit.
    failed: Option<String>,
    /// The audit to run (a test swaps in one that fails).
    audit: fn(&Dataset) -> Vec<Finding>,
    hidden: HashSet<Verdict>,
    /// Worked out when the findings or the switches change, not every frame:
    /// the count per verdict and the findings shown, by index.
    counts: [(Verdict, usize); 6],
    shown: Vec<usize>,
}

impl Default for ChecksTabState {
    fn default() -> Self {
        Self {
            generation: None,
            findings: Vec::new(),
            running: None,
            failed: None,
            audit: crate::audit::audit,
            hidden: HashSet::from([Verdict::Consistent]),
            counts: Verdict::ALL.map(|verdict| (verdict, 0)),
            shown: Vec::new(),
        }
    }
}

impl ChecksTabState {
    fn set_findings(&mut self, findings: Vec<Finding>) {
        self.findings = findings;
        self.counts = counts(&self.findings);
        self.select();
    }

    /// The findings whose verdict is switched on.
    fn select(&mut self) {
        let hidden = &self.hidden;
        self.shown = self
            .findings
            .iter()
            .enumerate()
            .filter(|(_, finding)| !hidden.contains(&finding.verdict))
            .map(|(at, _)| at)
            .collect();
    }

    /// Starts the audit of new data (a newer generation cancels the audit
    /// of the old); takes its result when it is done. A task that panics or
    /// vanishes leaves its reason in `failed`.
    fn refresh(&mut self, ctx: &egui::Context, dataset: &Arc<Dataset>, generation: u64) {
        if self.generation != Some(generation) {
            self.generation = Some(generation);
            self.failed = None;
            self.set_findings(Vec::new());
            let (shared, audit) = (Arc::clone(dataset), self.audit);
            self.running = Some(Task::spawn(ctx, "econlens-audit", move |_| audit(&shared)));
        }
        let Some(finished) = self.running.as_mut().and_then(Task::poll) else { return };
        self.running = None;
        match finished {
            Ok(findings) => self.set_findings(findings),
            Err(failure) => self.failed = Some(failure.reason),
        }
    }
}

/// A left-aligned column `width` points wide.
fn cell(ui: &mut egui::Ui, width: f32, label: egui::Label) -> egui::Response {
    let size = egui::vec2(width, ui.available_height());
    ui.allocate_ui_with_layout(size, egui::Layout::left_to_right(egui::Align::Center), |ui| {
        ui.set_width(width);
        ui.add(label)
    })
    .inner
}

/// The colour a verdict is written in.
fn verdict_colour(ui: &egui::Ui, verdict: Verdict) -> egui::Color32 {
    let visuals = ui.visuals();
    match verdict {
        Verdict::Inconsistent => visuals.error_fg_color,
        Verdict::Warning => visuals.warn_fg_color,
        Verdict::Consistent => egui::Color32::from_rgb(0x2e, 0x9e, 0x5b),
        Verdict::Explained | Verdict::Noted | Verdict::CannotCheck => visuals.weak_text_color(),
    }
}

/// The value's provenance, as its hover card shows it on a chart.
fn value_provenance<'a>(dataset: &'a Dataset, value: &ValueRef, lang: Lang) -> Option<Provenance<'a>> {
    let indicator = dataset.indicator(value.indicator);
    let obs = indicator
        .series(value.region)
        .iter()
        .find(|obs| obs.period == value.period && obs.source == value.source && obs.value == value.value)?;
    let heading = format!(
        "{} · {} · {}",
        dataset.region(value.region).name.get(lang),
        indicator.name.get(lang),
        value.period.label(lang)
    );
    Some(Provenance::of_observation(dataset, indicator, obs, heading, lang))
}

pub fn checks_ui(
    ui: &mut egui::Ui,
    ctx: &mut TabContext<'_>,
    state: &mut ChecksTabState,
    dataset: &Arc<Dataset>,
    generation: u64,
) {
    let lang = ctx.lang;
    state.refresh(ui.ctx(), dataset, generation);
    ui.heading(lang.tr("数据核对", "Checks"));
    ui.label(lang.tr(
        "逐项核对：占比与其分子分母、增速与前后两年数值、三次产业与总量、人均与总量和人口、位次与各地区数值，以及每个数值与其原文。容差为各数值末位的一半。注释能说明的问题记为“已说明”。",
        "Each figure checked: shares against part and whole, growth against the two levels, sectors against GDP, per capita against GDP and population, ranks against every region's level, and each value against its quote. Tolerances are half a unit of each figure's last decimal. A finding the value's note explains counts as explained.",
    ));
    if state.running.is_some() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(lang.tr("正在核对……", "Checking…"));
        });
        return;
    }
    if let Some(reason) = &state.failed {
        let text = msg!(
            "核对未能完成（{reason}），没有结果；这不表示数据没有问题。其余功能不受影响，可重新加载（F5）后再试。",
            "The checks could not finish ({reason}), so there is no result; this does not mean the data is clean. The rest of the app works; reload (F5) to try again."
        );
        ui.colored_label(ui.visuals().error_fg_color, text.get(lang));
        return;
    }
    verdict_switches_ui(ui, state, lang);
    ui.separator();
    if state.shown.is_empty() {
        ui.label(egui::RichText::new(lang.tr("没有要显示的结果。", "Nothing to show.")).weak());
        return;
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let (findings, shown, dataset) = (&state.findings, &state.shown, &**dataset);
    egui::ScrollArea::both().auto_shrink(false).id_salt("checks").show_rows(
        ui,
        row_height,
        shown.len(),
        |ui, rows| {
            for finding in shown.get(rows).unwrap_or_default().iter().filter_map(|&at| findings.get(at)) {
                ui.horizontal(|ui| {
                    ui.set_height(row_height);
                    finding_row_ui(ui, dataset, finding, lang);
                });
            }
        },
    );
}

/// One switch per verdict with its count: shows or hides its findings.
fn verdict_switches_ui(ui: &mut egui::Ui, state: &mut ChecksTabState, lang: Lang) {
    ui.horizontal_wrapped(|ui| {
        for (verdict, count) in state.counts {
            let shown = !state.hidden.contains(&verdict);
            let text = egui::RichText::new(format!("{} {}", verdict.label(lang), group_count(count)))
                .color(verdict_colour(ui, verdict));
            if ui.selectable_label(shown, text).on_hover_text(lang.tr("显示或隐藏", "Show or hide")).clicked()
            {
                if shown {
                    state.hidden.insert(verdict);
                } else {
                    state.hidden.remove(&verdict);
                }
                state.select();
            }
        }
    });
}

/// A finding: its verdict, the check, the value (hover: its provenance) and
/// the arithmetic (hover: in full, with the values compared).
fn finding_row_ui(ui: &mut egui::Ui, dataset: &Dataset, finding: &Finding, lang: Lang) {
    let verdict = egui::RichText::new(finding.verdict.label(lang)).color(verdict_colour(ui, finding.verdict));
    cell(ui, 72.0, egui::Label::new(verdict));
    cell(ui, 160.0, egui::Label::new(finding.check.label(lang)).truncate());
    if let Some(value) = finding.values.first() {
        let label = egui::Label::new(value.describe(dataset, lang))
            .truncate()
            .show_tooltip_when_elided(false)
            .sense(egui::Sense::hover());
        let response = cell(ui, 320.0, label);
        if let Some(info) = value_provenance(dataset, value, lang) {
            response.on_hover_ui(|ui| provenance_ui(ui, dataset, lang, &info));
        }
    }
    let detail =
        ui.add(egui::Label::new(finding.detail.get(lang)).truncate().show_tooltip_when_elided(false));
    detail.on_hover_ui(|ui| {
        ui.set_max_width(520.0);
        ui.label(finding.detail.get(lang));
        if finding.values.len() > 1 {
            ui.label(egui::RichText::new(lang.tr("比较的数值：", "Compared with:")).strong());
            // The first few with their provenance, as on a chart; the rest by name.
            for (at, other) in finding.values.iter().skip(1).enumerate() {
                match value_provenance(dataset, other, lang).filter(|_| at < MAX_DETAILED) {
                    Some(info) => {
                        ui.separator();
                        provenance_ui(ui, dataset, lang, &info);
                    }
                    None => {
                        ui.label(other.describe(dataset, lang));
                    }
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failing_audit(_: &Dataset) -> Vec<Finding> {
        panic!("index out of bounds: the len is 3 but the index is 7")
    }

    #[test]
    fn an_audit_thread_that_dies_is_an_error_with_its_message_not_a_clean_audit() {
        let dataset = Arc::new(crate::data::load_embedded().unwrap());
        let ctx = egui::Context::default();
        let mut state = ChecksTabState { audit: failing_audit, ..ChecksTabState::default() };
        state.refresh(&ctx, &dataset, 1);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while state.running.is_some() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
            state.refresh(&ctx, &dataset, 1);
        }
        assert_eq!(state.failed.as_deref(), Some("index out of bounds: the len is 3 but the index is 7"));
        assert!(state.findings.is_empty());

        // New data: the audit runs again, and a good run clears the failure.
        state.audit = crate::audit::audit;
        state.refresh(&ctx, &dataset, 2);
        while state.running.is_some() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
            state.refresh(&ctx, &dataset, 2);
        }
        assert_eq!(state.failed, None);
        assert!(!state.findings.is_empty());
    }
}
