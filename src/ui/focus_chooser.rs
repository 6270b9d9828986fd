//! The focus-region chooser in the menu bar: which region the dashboard is
//! about (highlighted in every comparison, its history drawn first). A
//! searchable list by name or code, at most [`SHOWN`] names at a time so a
//! file of 3,000 regions stays quick; aggregates (World, Euro area) are
//! marked. The choice is a command: the app rebuilds the charts and
//! remembers it for the file, which is not rewritten.

use crate::data::model::{Dataset, RegionIx};
use crate::i18n::Lang;
use crate::ui::commands::Command;

/// Names listed at once; typing narrows the rest down.
const SHOWN: usize = 100;

/// A region as the list names it: `市中区`, `Aruba · ABW`, `World · WLD（汇总）`.
fn label(dataset: &Dataset, region: RegionIx, lang: Lang) -> String {
    let region = dataset.region(region);
    let name = region.name.get(lang);
    // A publisher's code (CHN, AT13, EU27_2020), not an id the file made up (shizhong, region-3).
    let is_code = region.id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    let code = if region.id != name && is_code { format!(" · {}", region.id) } else { String::new() };
    let aggregate = if region.aggregate { lang.aside(lang.tr("汇总", "aggregate")) } else { String::new() };
    format!("{name}{code}{aggregate}")
}

/// The regions whose name (either language) or id contains `filter`, ignoring case, in file order.
pub fn matching(dataset: &Dataset, filter: &str) -> Vec<RegionIx> {
    let filter = filter.trim().to_lowercase();
    (0..dataset.regions().len())
        .map(|at| RegionIx(crate::data::model::index_u32(at)))
        .filter(|&ix| {
            let region = dataset.region(ix);
            filter.is_empty()
                || region.id.to_lowercase().contains(&filter)
                || region.name.zh.to_lowercase().contains(&filter)
                || region.name.en.as_deref().is_some_and(|en| en.to_lowercase().contains(&filter))
        })
        .collect()
}

pub fn focus_chooser_ui(ui: &mut egui::Ui, lang: Lang, dataset: &Dataset, commands: &mut Vec<Command>) {
    let focus = dataset.focus_region();
    let caption = ui.label(lang.tr("重点地区", "Focus region"));
    let filter_id = ui.make_persistent_id("econlens-focus-filter");
    egui::ComboBox::from_id_salt("econlens-focus-region")
        .selected_text(label(dataset, focus, lang))
        .height(420.0)
        .show_ui(ui, |ui| {
            let mut filter: String = ui.data_mut(|data| data.get_temp(filter_id).unwrap_or_default());
            let field = ui.add(
                egui::TextEdit::singleline(&mut filter)
                    .hint_text(lang.tr("按名称或代码搜索", "Search by name or code"))
                    .desired_width(220.0),
            );
            // Typing goes to the search as soon as the list opens.
            if ui.memory(|memory| memory.focused().is_none()) {
                field.request_focus();
            }
            let field = field.labelled_by(caption.id);
            let found = matching(dataset, &filter);
            // Enter takes the first match, as in a search box.
            let entered = field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
            if entered && let Some(&first) = found.first() {
                commands.push(Command::SetFocus(first));
                ui.close();
            }
            for &region in found.iter().take(SHOWN) {
                if ui.selectable_label(region == focus, label(dataset, region, lang)).clicked() {
                    commands.push(Command::SetFocus(region));
                    ui.close();
                }
            }
            if found.len() > SHOWN {
                let more = found.len() - SHOWN;
                ui.label(egui::RichText::new(lang.tr(
                    &format!("另有 {more} 个地区，输入名称或代码以缩小范围"),
                    &format!("{more} more regions: type a name or code to narrow the list"),
                ))
                .weak());
            } else if found.is_empty() {
                ui.label(egui::RichText::new(lang.tr("没有匹配的地区", "No region matches")).weak());
            }
            ui.data_mut(|data| data.insert_temp(filter_id, filter));
        })
        .response
        .labelled_by(caption.id)
        .on_hover_text(lang.tr(
            "仪表板围绕的地区：在比较图中突出显示；只记在本机，不改动数据文件",
            "The region the dashboard is about, highlighted in comparisons; remembered on this computer, the data file is unchanged",
        ));
}
