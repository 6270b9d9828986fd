//! Sources: each source with its kind, date and address (opened in the
//! browser only on click, and only http/https), its caveats, and every value
//! it backs with the quote it was read from.

use super::TabContext;
use crate::data::model::{Dataset, IndicatorIx, SourceIx, index_u32};
use crate::data::validate::is_web_address;
use crate::format::format_point_value;
use crate::format::group_count;
use crate::ui::commands::Command;

/// A source backing more values than this lists the first ones and says how
/// many more there are; the Data tab shows them all.
const MAX_LISTED_VALUES: usize = 200;

/// The values a source backs: how many, and the first ones to list.
#[derive(Clone, Default)]
struct Backed {
    count: usize,
    first: Vec<(IndicatorIx, u32)>,
}

/// Which observations each source backs, indexed once per data change. Only
/// the listed ones are kept: a national file's one source backs millions.
#[derive(Default)]
pub struct SourcesTabState {
    generation: Option<u64>,
    by_source: Vec<Backed>,
}

impl SourcesTabState {
    fn refresh(&mut self, dataset: &Dataset, generation: u64) {
        if self.generation == Some(generation) {
            return;
        }
        self.by_source = vec![Backed::default(); dataset.sources().len()];
        for (at, indicator) in dataset.indicators().iter().enumerate() {
            for (obs_at, obs) in indicator.observations().iter().enumerate() {
                let Some(backed) = self.by_source.get_mut(obs.source.0 as usize) else { continue };
                backed.count += 1;
                if backed.first.len() < MAX_LISTED_VALUES {
                    backed.first.push((IndicatorIx(index_u32(at)), index_u32(obs_at)));
                }
            }
        }
        self.generation = Some(generation);
    }
}

pub fn sources_ui(ui: &mut egui::Ui, ctx: &mut TabContext<'_>, state: &mut SourcesTabState, generation: u64) {
    let (dataset, lang) = (ctx.dataset, ctx.lang);
    state.refresh(dataset, generation);
    ui.heading(lang.tr("数据来源", "Sources"));
    ui.label(lang.tr(
        "每个数值都注明来源及其类型。转载和聚合网站的数值请尽量与官方发布核对。",
        "Every value names its source and the source's kind. Check values from reposts and aggregators against official releases where you can.",
    ));
    for (at, source) in dataset.sources().iter().enumerate() {
        ui.add_space(6.0);
        egui::Frame::group(ui.style()).inner_margin(8.0).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(egui::RichText::new(&source.title).strong());
            let date = source.date.as_deref().unwrap_or(lang.tr("日期不详", "date unknown"));
            ui.label(format!("{} · {} · {date}", source.kind.label(lang), source.publisher));
            if let Some(url) = source.url.as_deref().filter(|url| is_web_address(url)) {
                ui.horizontal(|ui| {
                    if ui.link(lang.tr("在浏览器中打开", "Open in browser")).on_hover_text(url).clicked()
                    {
                        ctx.commands.push(Command::OpenUrl(url.to_owned()));
                    }
                    ui.label(egui::RichText::new(url).small().weak());
                });
            }
            if let Some(note) = &source.note {
                ui.label(egui::RichText::new(note).small().weak());
            }
            let Some(backed) = state.by_source.get(at) else { return };
            let lists: Vec<_> =
                dataset.lists().iter().filter(|list| list.source == SourceIx(index_u32(at))).collect();
            let title = match lang {
                crate::i18n::Lang::Zh => {
                    format!("支撑 {} 个数值、{} 份名单", group_count(backed.count), lists.len())
                }
                crate::i18n::Lang::En => {
                    format!("Backs {} values and {} lists", group_count(backed.count), lists.len())
                }
            };
            egui::CollapsingHeader::new(title).id_salt(("source-values", &source.id)).show(ui, |ui| {
                for &(ix, obs_at) in &backed.first {
                    let indicator = dataset.indicator(ix);
                    let obs = &indicator.observations()[obs_at as usize];
                    let value =
                        format_point_value(obs.value, obs.status, &indicator.unit, obs.qualifier, lang);
                    let mut line = format!(
                        "{} · {} · {}: {value}",
                        indicator.name.get(lang),
                        dataset.region(obs.region).name.get(lang),
                        obs.period
                    );
                    if let Some(quote) = dataset.quote_of(obs) {
                        line.push_str(&format!("  「{quote}」"));
                    }
                    ui.label(line);
                }
                if backed.count > backed.first.len() {
                    ui.label(
                        egui::RichText::new(match lang {
                            crate::i18n::Lang::Zh => format!(
                                "……另有 {} 项，可在“数据”页按来源筛选查看。",
                                group_count(backed.count - backed.first.len())
                            ),
                            crate::i18n::Lang::En => format!(
                                "… and {} more: filter the Data tab by this source.",
                                group_count(backed.count - backed.first.len())
                            ),
                        })
                        .weak(),
                    );
                }
                for list in lists {
                    ui.label(format!("{}{}", lang.tr("名单：", "List: "), list.name.get(lang)));
                }
            });
        });
    }
}
