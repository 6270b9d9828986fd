//! The window around the tabs: the menu bar, the tab bar, the status line,
//! the error panel and the hint shown while a file is dragged over the
//! window. Each draws from what it is given and reports clicks as commands.

use crate::figure::{Theme, palette};
use crate::i18n::{Lang, Message};
use crate::msg;
use crate::ui::commands::Command;
use crate::ui::graphics::{InUse, Renderer};
use crate::ui::notice::Notice;
use crate::ui::session::{ErrorReport, Session};
use crate::ui::settings::{FileDialogChoice, Settings};
use crate::ui::shortcuts::{Action, label};
use crate::ui::tabs::Tab;

/// A menu entry with its shortcut written the way this system writes it.
fn entry(ui: &mut egui::Ui, text: &str, action: Action) -> bool {
    let shortcut = label(ui.ctx(), action);
    ui.add(egui::Button::new(text).shortcut_text(shortcut)).clicked()
}

pub fn menu_bar_ui(
    ui: &mut egui::Ui,
    settings: &Settings,
    dataset: &crate::data::model::Dataset,
    graphics: Option<&InUse>,
    commands: &mut Vec<Command>,
) {
    let lang = settings.lang;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(lang.tr("文件", "File"), |ui| file_menu_ui(ui, settings, commands));
        if let Some(graphics) = graphics {
            ui.menu_button(lang.tr("视图", "View"), |ui| view_menu_ui(ui, lang, graphics, commands));
        }
        ui.separator();
        for choice in Lang::ALL {
            if ui.selectable_label(lang == choice, choice.native_name()).clicked() {
                commands.push(Command::SetLang(choice));
            }
        }
        ui.separator();
        for choice in [Theme::Light, Theme::Dark] {
            if ui.selectable_label(settings.theme == choice, choice.label(lang)).clicked() {
                commands.push(Command::SetTheme(choice));
            }
        }
        if dataset.regions().len() > 1 {
            ui.separator();
            crate::ui::focus_chooser::focus_chooser_ui(ui, lang, dataset, commands);
        }
    });
}

fn file_menu_ui(ui: &mut egui::Ui, settings: &Settings, commands: &mut Vec<Command>) {
    let lang = settings.lang;
    if entry(ui, lang.tr("打开…", "Open…"), Action::Open) {
        commands.push(Command::OpenDialog);
    }
    if entry(ui, lang.tr("导入表格…", "Import table…"), Action::ImportTable) {
        commands.push(Command::ImportDialog);
    }
    if entry(ui, lang.tr("重新加载", "Reload"), Action::Reload) {
        commands.push(Command::Reload);
    }
    // A browser forgets the files it was given when the page closes: no recent files there.
    if crate::platform::DESKTOP {
        ui.menu_button(lang.tr("最近打开", "Recent files"), |ui| {
            if settings.recent_files.is_empty() {
                ui.label(lang.tr("（无）", "(none)"));
            }
            for path in &settings.recent_files {
                if ui.button(path.display().to_string()).clicked() {
                    commands.push(Command::Open(path.clone()));
                }
            }
            if !settings.recent_files.is_empty() && ui.button(lang.tr("清除列表", "Clear list")).clicked()
            {
                commands.push(Command::ClearRecent);
            }
        });
    }
    ui.separator();
    if entry(ui, lang.tr("导出当前图表…", "Export current chart…"), Action::ExportCurrent) {
        commands.push(Command::ExportCurrent);
    }
    if entry(ui, lang.tr("导出报告…", "Export report…"), Action::ExportReport) {
        commands.push(Command::ReportDialog);
    }
    ui.menu_button(lang.tr("导出格式", "Export format"), |ui| {
        for format in crate::export::ExportFormat::ALL {
            if ui.selectable_label(settings.export_format == format, format.label(lang)).clicked() {
                commands.push(Command::SetExportFormat(format));
            }
        }
    });
    ui.menu_button(lang.tr("导出图片倍率", "Export image scale"), |ui| {
        for scale in crate::export::SCALES {
            if ui.selectable_label(settings.export_scale == scale, format!("{scale}×")).clicked() {
                commands.push(Command::SetExportScale(scale));
            }
        }
    });
    // A browser has its own file picker and closes its own tabs.
    if !crate::platform::DESKTOP {
        return;
    }
    let mut built_in = settings.file_dialog == FileDialogChoice::BuiltIn;
    if ui.checkbox(&mut built_in, lang.tr("使用内置文件对话框", "Use the built-in file dialog")).changed()
    {
        let choice = if built_in { FileDialogChoice::BuiltIn } else { FileDialogChoice::System };
        commands.push(Command::SetFileDialog(choice));
    }
    ui.separator();
    if entry(ui, lang.tr("退出", "Quit"), Action::Quit) {
        commands.push(Command::Quit);
    }
}

/// View → Graphics: the backend for the next start, and the one in use.
fn view_menu_ui(ui: &mut egui::Ui, lang: Lang, graphics: &InUse, commands: &mut Vec<Command>) {
    ui.menu_button(lang.tr("图形", "Graphics"), |ui| {
        let now = graphics.renderer.label(lang);
        ui.label(msg!("当前：{now}", "In use: {now}").get(lang));
        ui.separator();
        ui.label(lang.tr("下次启动时使用：", "On the next start, use:"));
        for renderer in Renderer::choices() {
            let chosen = graphics.next_start == renderer;
            if ui.selectable_label(chosen, renderer.label(lang)).clicked() && !chosen {
                commands.push(Command::SetRenderer(renderer));
            }
        }
    });
}

pub fn tab_bar_ui(ui: &mut egui::Ui, current: Tab, lang: Lang, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        for tab in Tab::ALL {
            let selected = current == tab;
            if ui.selectable_label(selected, tab.label(lang)).clicked() && !selected {
                commands.push(Command::SelectTab(tab));
            }
        }
    });
}

/// The data's file, period, sources and load time; a spinner while a file
/// loads or a chart exports; the latest notice.
pub fn status_line_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    session: &Session,
    working: Option<Message>,
    notice: Option<&Notice>,
    graphics: Option<&InUse>,
) {
    let loaded = &session.loaded;
    ui.horizontal_wrapped(|ui| {
        if let Some(pending) = session.pending() {
            ui.spinner();
            #[expect(clippy::cast_precision_loss, reason = "a file size shown to one decimal")]
            let size_mb = pending.size_bytes as f64 / 1e6;
            let (file, seconds) = (pending.path.display(), pending.elapsed().as_secs());
            ui.label(
                msg!(
                    "正在加载 {file}（{size_mb:.1} MB，{seconds} 秒）…当前数据仍可使用",
                    "Loading {file} ({size_mb:.1} MB, {seconds} s)… the current data stays usable"
                )
                .get(lang),
            );
            ui.separator();
        }
        if session.is_refocusing() {
            ui.spinner();
            ui.label(lang.tr("正在按新的重点地区生成图表…", "Building the charts for the new focus region…"));
            ui.separator();
        }
        if let Some(text) = working {
            ui.spinner();
            ui.label(text.get(lang));
            ui.separator();
        }
        ui.label(loaded.origin.display_name(lang));
        ui.separator();
        ui.label(format!("{}{}", lang.tr("数据期间：", "Period: "), loaded.period_label));
        ui.separator();
        let sources = loaded.dataset.sources().len();
        let counted = if sources == 1 {
            Message::new("1 个来源", "1 source")
        } else {
            msg!("{sources} 个来源", "{sources} sources")
        };
        ui.label(counted.get(lang));
        ui.separator();
        ui.label(format!("{}{}", lang.tr("加载于 ", "Loaded at "), loaded.loaded_at));
        if let Some(graphics) = graphics {
            ui.separator();
            graphics_label_ui(ui, lang, graphics);
        }
        if let Some(notice) = notice {
            ui.separator();
            let text = egui::RichText::new(notice.text(lang));
            let text =
                if notice.is_error { text.color(palette::error_color(ui.visuals().dark_mode)) } else { text };
            ui.label(text);
        }
    });
}

/// `图形：Vulkan`, with the adapter and any backend that failed on hover.
fn graphics_label_ui(ui: &mut egui::Ui, lang: Lang, graphics: &InUse) {
    let name = graphics.renderer.label(lang);
    ui.label(msg!("图形：{name}", "Graphics: {name}").get(lang)).on_hover_ui(|ui| {
        ui.label(&graphics.adapter);
        for failure in &graphics.failures {
            let (backend, reason) = (failure.renderer.label(lang), &failure.reason);
            ui.label(msg!("{backend} 无法使用：{reason}", "{backend} could not be used: {reason}").get(lang));
        }
    });
}

/// The panel that shows why a file could not be opened, in a text field
/// the user can select and copy from.
pub fn error_panel_ui(ui: &mut egui::Ui, lang: Lang, error: &ErrorReport, commands: &mut Vec<Command>) {
    let dark_mode = ui.visuals().dark_mode;
    egui::Panel::bottom("load-error").resizable(true).default_size(180.0).show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let file = &error.file;
            let heading = msg!(
                "无法打开 {file}，仍显示之前的数据。",
                "Could not open {file}; the previous data stays on screen."
            );
            ui.label(egui::RichText::new(heading.get(lang)).color(palette::error_color(dark_mode)).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(lang.tr("关闭", "Dismiss")).clicked() {
                    commands.push(Command::DismissError);
                }
                if ui.button(lang.tr("复制错误信息", "Copy message")).clicked() {
                    ui.ctx().copy_text(error.message.get(lang).to_owned());
                }
            });
        });
        egui::ScrollArea::vertical().show(ui, |ui| {
            let mut text = error.message.get(lang);
            ui.add(
                egui::TextEdit::multiline(&mut text)
                    .font(egui::TextStyle::Monospace)
                    .desired_width(f32::INFINITY)
                    .desired_rows(4),
            );
        });
    });
}

/// Darkens the window while a file is dragged over it, saying what a drop does.
pub fn drop_hint_ui(ctx: &egui::Context, lang: Lang) {
    if ctx.input(|input| input.raw.hovered_files.is_empty()) {
        return;
    }
    let screen = ctx.content_rect();
    let painter =
        ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop-hint")));
    painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        lang.tr("松开以打开数据文件", "Drop to open the data file"),
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
}

/// Names the window after the data on screen, telling the window only when the title changes.
pub fn window_title(ctx: &egui::Context, data_title: &str, sent: &mut Option<String>) {
    let title = format!("{data_title} — EconLens");
    if sent.as_ref() != Some(&title) {
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
        crate::platform::show_title(&title);
        *sent = Some(title);
    }
}
