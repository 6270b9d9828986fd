//! The real app driven through egui_kittest the way a user drives it:
//! clicking tabs by their labels in both languages, hovering bars for their
//! provenance, opening good and broken files, switching language and theme,
//! and the keyboard shortcuts.

use std::path::PathBuf;

use econlens::data::DEFAULT_MAX_SIZE_BYTES;
use econlens::figure::Theme;
use econlens::i18n::Lang;
use econlens::ui::app::EconLensApp;
use econlens::ui::commands::Command;
use econlens::ui::settings::Settings;
use econlens::ui::tabs::Tab;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::NodeT as _;
use egui_kittest::kittest::Queryable as _;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn harness_with(settings: Settings) -> Harness<'static, EconLensApp> {
    let mut harness = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_context_setup(econlens::figure::setup_context)
        .build_eframe(move |cc| {
            EconLensApp::with_settings(&cc.egui_ctx, settings, None, DEFAULT_MAX_SIZE_BYTES)
        });
    harness.run();
    harness
}

fn harness() -> Harness<'static, EconLensApp> {
    harness_with(Settings::default())
}

/// A window tall enough that every chart of a tab is on screen (charts
/// scrolled out of view are not laid out, so a test could not find them).
fn tall_harness() -> Harness<'static, EconLensApp> {
    let mut harness = Harness::builder()
        .with_size([1280.0, 12_000.0])
        .with_context_setup(econlens::figure::setup_context)
        .build_eframe(|cc| {
            EconLensApp::with_settings(&cc.egui_ctx, Settings::default(), None, DEFAULT_MAX_SIZE_BYTES)
        });
    harness.run();
    harness
}

/// True when some node's accessible label contains `text` (a chart's title
/// labels both its heading and its plot, so one text may name several nodes).
fn shows(harness: &Harness<'_, EconLensApp>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

fn click_tab(harness: &mut Harness<'_, EconLensApp>, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run();
}

/// Applies a command as a menu would, then lets the app settle.
fn apply(harness: &mut Harness<'_, EconLensApp>, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, command);
    settle(harness);
}

/// Runs the app until no file is loading or being written (files load and
/// save on background tasks, never in a frame), at most a minute.
fn settle(harness: &mut Harness<'_, EconLensApp>) {
    harness.step();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while harness.state().is_busy() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    assert!(!harness.state().is_busy(), "the file loaded or saved within a minute");
    harness.run();
}

#[test]
fn every_tab_shows_its_figures_in_chinese() {
    let mut harness = harness();
    let values = crate::default_data_counts().values;
    let all_values_zh = format!("显示 {values} / {values} 项。点击列标题排序。");
    let expectations = [
        ("概览", "地区生产总值 · 2023: 1,350.4 亿元"),
        ("经济总量", "市中区 地区生产总值"),
        ("金融", "金融业增加值 · 2023: 276.2 亿元"),
        ("产业集群", "能源互联网产业全口径规模 · 2023: > 3,600 亿元"),
        ("企业与创新", "国家级专精特新“小巨人”企业 · 2023: 2 家"),
        ("商贸", "限上批零住餐企业 · 2023: 749 家"),
        ("数据", &all_values_zh),
        ("数据来源", "惟实励新，“二次创业”再出发"),
    ];
    for (tab, expected) in expectations {
        click_tab(&mut harness, tab);
        assert!(shows(&harness, expected), "tab {tab} should show {expected:?}");
    }
}

#[test]
fn every_tab_shows_its_figures_in_english() {
    let mut harness = harness_with(Settings { lang: Lang::En, ..Settings::default() });
    let values = crate::default_data_counts().values;
    let all_values_en = format!("Showing {values} of {values} values.");
    let expectations = [
        ("Overview", "GDP · 2023: 1,350.4 100m yuan"),
        ("Economic output", "Shizhong · GDP"),
        ("Finance", "Finance value added · 2023: 276.2 100m yuan"),
        ("Industry clusters", "Energy-internet industry, total scale · 2023: > 3,600 100m yuan"),
        ("Enterprises & innovation", "National specialised “little giant” firms · 2023: 2 firms"),
        ("Commerce & trade", "Above-quota wholesale, retail, hotel and catering firms · 2023: 749 firms"),
        ("Data", &all_values_en),
        ("Sources", "Regional Profile"),
    ];
    for (tab, expected) in expectations {
        click_tab(&mut harness, tab);
        assert!(shows(&harness, expected), "tab {tab} should show {expected:?}");
    }
}

#[test]
fn the_overview_cards_carry_growth_shares_and_ranks() {
    let harness = harness();
    for expected in [
        "地区生产总值增速：6.2%",
        "经济总量全市位次：第 3 位",
        "金融业增加值占全市比重：25.5%",
        "金融业增加值占全区GDP比重：20.5%",
        "存贷款余额增速：9.77%",
        "能源互联网产业规模增速：12.5%",
    ] {
        assert!(harness.query_by_label(expected).is_some(), "overview should show {expected:?}");
    }
    for list in ["三大战略", "五大主导产业"] {
        assert!(harness.query_by_label(list).is_some(), "overview should list {list}");
    }
}

#[test]
fn hovering_a_bar_shows_its_exact_value_and_source() {
    let mut harness = harness();
    click_tab(&mut harness, "经济总量");
    harness.get_by_label("市中区 · 2023: 1,350.4 亿元").scroll_to_me();
    harness.run();
    harness.get_by_label("市中区 · 2023: 1,350.4 亿元").hover();
    harness.run();
    assert_eq!(harness.query_all_by_label("1,350.4 亿元").count(), 2, "the tooltip repeats the card's value");
    assert!(shows(&harness, "来源：惟实励新"), "tooltip source");
    assert!(harness.query_by_label("「经济总量达到1350.4亿元、增幅6.2%」").is_some(), "tooltip quote");

    harness.get_by_label("市中区（来源不一致） · 2018: 1,042.6 亿元").scroll_to_me();
    harness.run();
    harness.get_by_label("市中区（来源不一致） · 2018: 1,042.6 亿元").hover();
    harness.run();
    assert!(harness.query_by_label("状态：来源所述；各来源数值不一致").is_some(), "conflict is named");
    assert!(shows(&harness, "Regional Profile"), "the other source is named");
}

#[test]
fn a_derived_bar_says_how_it_was_computed() {
    let mut harness = tall_harness();
    click_tab(&mut harness, "产业集群");
    harness.get_by_label("市中区（推算） · 2022: > 3,200 亿元").scroll_to_me();
    harness.run();
    harness.get_by_label("市中区（推算） · 2022: > 3,200 亿元").hover();
    harness.run();
    assert!(harness.query_by_label("状态：推算").is_some());
    assert!(shows(&harness, "EconLens 由增速推算：3,600 ÷ (1 + 12.5%)"));
}

#[test]
fn a_broken_file_shows_the_error_and_keeps_the_data() {
    let mut harness = harness();
    apply(&mut harness, Command::Open(fixture("many_problems.ron")));
    assert!(shows(&harness, "仍显示之前的数据"), "error panel heading");
    let error = harness.state().error().cloned().expect("an error is shown");
    let (zh, en) = (&error.message.zh, &error.message.en);
    assert!(zh.contains("未知的来源 \"paper\"；应为文件中某个来源的 id"), "{zh}");
    assert!(zh.contains("many_problems.ron:14:58: indicators[2].view: 未知页面 \"factories\""), "{zh}");
    assert!(en.contains("many_problems.ron:14:58: indicators[2].view: unknown view"), "{en}");
    assert!(harness.query_by_value(zh).is_some(), "the panel shows the message in the interface's language");
    assert!(
        harness.query_by_label("地区生产总值 · 2023: 1,350.4 亿元").is_some(),
        "old data still on screen"
    );

    harness.get_by_role_and_label(Role::Button, "关闭").click();
    harness.run();
    assert!(harness.state().error().is_none(), "dismissed");
}

#[test]
fn opening_another_file_shows_its_data_and_remembers_it() {
    let mut harness = harness();
    apply(&mut harness, Command::Open(fixture("small_valid.ron")));
    assert!(harness.state().error().is_none());
    assert!(harness.query_by_label("地区生产总值 · 2023: 121 亿元").is_some(), "the new file's figure");
    assert!(shows(&harness, "small_valid.ron"), "status line names the file");
    assert_eq!(harness.state().settings.recent_files, [fixture("small_valid.ron")]);
    click_tab(&mut harness, "金融");
    assert!(harness.query_by_label("当前数据文件没有“金融”方面的数据。").is_some(), "an empty view says so");
    click_tab(&mut harness, "经济总量");
    assert!(!shows(&harness, "测试市各区县"), "two districts are too few to compare");
    assert!(shows(&harness, "东区 地区生产总值"), "history chart of the file's focus region");
}

#[test]
fn language_and_theme_switch_from_the_menu_bar() {
    let mut harness = harness();
    harness.get_by_role_and_label(Role::Button, "English").click();
    harness.run();
    assert_eq!(harness.state().settings.lang, Lang::En);
    assert!(harness.query_by_role_and_label(Role::Button, "Finance").is_some());
    harness.get_by_role_and_label(Role::Button, "Dark").click();
    harness.run();
    assert_eq!(harness.state().settings.theme, Theme::Dark);
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    harness.get_by_role_and_label(Role::Button, "中文").click();
    harness.run();
    assert!(harness.query_by_role_and_label(Role::Button, "金融").is_some());
}

#[test]
fn keyboard_shortcuts_switch_tabs() {
    let mut harness = harness();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num3);
    harness.run();
    assert_eq!(harness.state().settings.tab, Tab::Finance);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Tab);
    harness.run();
    assert_eq!(harness.state().settings.tab, Tab::Clusters);
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Tab);
    harness.run();
    assert_eq!(harness.state().settings.tab, Tab::Finance);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num8);
    harness.run();
    assert!(shows(&harness, "惟实励新"), "Ctrl+8 shows the sources");
}

#[test]
fn the_data_table_filters_and_sorts() {
    let mut harness = harness();
    click_tab(&mut harness, "数据");
    harness.get_by_role(Role::TextInput).click();
    harness.run();
    harness.get_by_role(Role::TextInput).type_text("能源互联网");
    harness.run();
    assert_eq!(harness.state().tabs.data.visible_count(), 3);
    let values = crate::default_data_counts().values;
    assert!(harness.query_by_label(&format!("显示 3 / {values} 项。点击列标题排序。")).is_some());
    harness.get_by_role_and_label(Role::Button, "数值").click();
    harness.run();
    assert!(harness.query_by_role_and_label(Role::Button, "数值 ▲").is_some(), "sorted ascending");
}

#[test]
fn a_source_link_opens_only_when_clicked() {
    let mut harness = harness();
    click_tab(&mut harness, "数据来源");
    assert!(harness.output().platform_output.commands.is_empty());
    harness.get_all_by_label("在浏览器中打开").next().expect("a link").click();
    harness.run_steps(1);
    let opened =
        harness.output().platform_output.commands.iter().any(
            |command| matches!(command, egui::OutputCommand::OpenUrl(open) if open.url.starts_with("http")),
        );
    assert!(opened, "clicking the link asks the system to open an http(s) address");
}

/// Settings as eframe hands them to the app at start-up.
/// eframe's storage holding `self.0` as the app's settings (none: a first start).
struct StoredSettings(Option<&'static str>);

impl eframe::Storage for StoredSettings {
    fn get_string(&self, key: &str) -> Option<String> {
        (key == eframe::APP_KEY).then_some(self.0?.to_owned())
    }
    fn set_string(&mut self, _key: &str, _value: String) {}
    fn remove_string(&mut self, _key: &str) {}
    fn flush(&mut self) {}
}

/// The app started the way eframe starts it, from `stored` settings (none:
/// a first start) on a system whose language is `system`.
pub fn harness_started(stored: Option<&'static str>, system: Lang) -> Harness<'static, EconLensApp> {
    let mut harness = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_context_setup(econlens::figure::setup_context)
        .build_eframe(move |cc| {
            EconLensApp::from_storage(
                &cc.egui_ctx,
                Some(&StoredSettings(stored)),
                None,
                DEFAULT_MAX_SIZE_BYTES,
                system,
            )
        });
    harness.run();
    harness
}

/// The app started from `stored` settings on a Chinese system.
fn harness_from_storage(stored: &'static str) -> Harness<'static, EconLensApp> {
    harness_started(Some(stored), Lang::Zh)
}

#[test]
fn unreadable_settings_start_the_app_with_defaults_and_say_so() {
    let harness = harness_from_storage("(lang: Klingon, tab: 42");
    assert_eq!(harness.state().settings, Settings::default());
    assert!(shows(&harness, "设置文件无法读取，已使用默认设置。"), "the status line says so");
    assert!(shows(&harness, "地区生产总值 · 2023: 1,350.4 亿元"), "and the app works");
}

#[test]
fn out_of_range_settings_fall_back_one_by_one_and_never_reach_the_renderer() {
    let harness =
        harness_from_storage("(lang: En, theme: Dark, tab: Output, export_scale: 200, recent_files: 7)");
    let settings = &harness.state().settings;
    assert_eq!((settings.lang, settings.theme, settings.tab), (Lang::En, Theme::Dark, Tab::Output), "kept");
    assert_eq!(settings.export_scale, 2, "200 is not a scale: the default");
    assert!(settings.recent_files.is_empty());
    assert!(
        shows(
            &harness,
            "Some settings were not valid and are back to their defaults: recent files, export image scale."
        ),
        "named in the interface's language"
    );
    let scale_zero = harness_from_storage("(export_scale: 0)");
    assert_eq!(scale_zero.state().settings.export_scale, 2);
}

/// Lays `text` out with the app's fonts, panicking on a glyph they lack
/// (the policy is set here, not left to a test harness's default).
fn lay_out_with_the_app_fonts(text: &str) {
    let ctx = egui::Context::default();
    econlens::figure::setup_context(&ctx);
    ctx.set_missing_glyph_policy(egui::MissingGlyphPolicy::Panic);
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        ui.label(text);
        ui.monospace(text);
    });
    output.textures_delta.clear();
}

/// Every character of the interface's source and of the default dataset
/// lays out with the app's fonts.
#[test]
fn every_character_of_the_interface_and_the_dataset_has_a_glyph() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("assets/data/shizhong.ron")];
    let mut folders = vec![root.join("src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).expect("src is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    let mut chars: Vec<char> = files
        .iter()
        .flat_map(|path| std::fs::read_to_string(path).expect("utf-8").chars().collect::<Vec<_>>())
        .collect();
    chars.retain(|c| !c.is_control());
    chars.sort_unstable();
    chars.dedup();
    assert!(chars.len() > 500, "expected the dataset's Chinese text, found {} characters", chars.len());
    lay_out_with_the_app_fonts(&chars.into_iter().collect::<String>());
    // The check can fail: a character outside the bundled font (CJK extension B) panics.
    let missing = std::panic::catch_unwind(|| lay_out_with_the_app_fonts("𪚥"));
    assert!(missing.is_err(), "a missing glyph is caught");
}

/// A file dropped on the window, as eframe hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|error| error.to_string())
    }
}

#[test]
fn dropping_a_file_on_the_window_opens_it() {
    let mut harness = harness();
    harness.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(fixture("small_valid.ron"))));
    settle(&mut harness);
    assert!(
        harness.query_by_label("地区生产总值 · 2023: 121 亿元").is_some(),
        "the dropped file's data is shown"
    );
}

/// Steps the app until `done` holds or ten seconds pass; whether it held.
fn wait_until(
    harness: &mut Harness<'_, EconLensApp>,
    done: impl Fn(&Harness<'_, EconLensApp>) -> bool,
) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !done(harness) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
        harness.step();
    }
    harness.run();
    done(harness)
}

fn shows_value(value: &'static str) -> impl Fn(&Harness<'_, EconLensApp>) -> bool {
    move |harness| harness.query_by_label(value).is_some()
}

#[test]
fn the_open_file_reloads_when_it_changes_on_disk() {
    let dir = std::env::temp_dir().join(format!("econlens-watch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("watched.ron");
    let original = std::fs::read_to_string(fixture("small_valid.ron")).expect("fixture");
    std::fs::write(&path, &original).expect("write");
    let mut harness = harness();
    apply(&mut harness, Command::Open(path.clone()));
    assert!(harness.query_by_label("地区生产总值 · 2023: 121 亿元").is_some());

    std::fs::write(&path, original.replace("\"2023\": 121", "\"2023\": 122.5")).expect("rewrite");
    assert!(
        wait_until(&mut harness, shows_value("地区生产总值 · 2023: 122.5 亿元")),
        "reloaded after the change"
    );

    std::fs::write(&path, "(version: 1, title: (zh: \"坏\")").expect("break it");
    assert!(
        wait_until(&mut harness, |harness| harness.state().error().is_some()),
        "a broken save shows the error"
    );
    assert!(
        harness.query_by_label("地区生产总值 · 2023: 122.5 亿元").is_some(),
        "and keeps the last good data"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Removes a file when the test ends, passed or failed.
struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// `econlens data.ron` started in the file's folder: the watcher reports
/// absolute paths, so a relative name must still be recognised, and an
/// editor that saves by writing a new file and renaming it over the old one
/// must still trigger a reload.
#[test]
fn a_file_opened_by_a_relative_name_reloads_when_edited_or_replaced() {
    // Tests run in the package folder, so a bare name is a relative path there.
    let name = format!("econlens-reload-test-{}.ron", std::process::id());
    let _remove = RemoveOnDrop(PathBuf::from(&name));
    let original = std::fs::read_to_string(fixture("small_valid.ron")).expect("fixture");
    std::fs::write(&name, &original).expect("write");
    let mut harness = harness();
    apply(&mut harness, Command::Open(PathBuf::from(&name)));
    assert!(harness.query_by_label("地区生产总值 · 2023: 121 亿元").is_some());
    let opened = &harness.state().settings.recent_files[0];
    assert!(opened.is_absolute(), "remembered by its full path: {}", opened.display());

    std::fs::write(&name, original.replace("\"2023\": 121", "\"2023\": 122.5")).expect("rewrite");
    assert!(
        wait_until(&mut harness, shows_value("地区生产总值 · 2023: 122.5 亿元")),
        "reloaded after saving in place"
    );

    let temp = format!("{name}.saving");
    let _remove_temp = RemoveOnDrop(PathBuf::from(&temp));
    std::fs::write(&temp, original.replace("\"2023\": 121", "\"2023\": 130")).expect("new copy");
    std::fs::rename(&temp, &name).expect("rename over");
    assert!(
        wait_until(&mut harness, shows_value("地区生产总值 · 2023: 130 亿元")),
        "reloaded after a rename over it"
    );
}

/// Sends an export as the menu does and waits for the worker thread. The
/// export must not have finished when `apply` returns: it runs off the UI thread.
fn export_and_wait(harness: &mut Harness<'_, EconLensApp>, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, command);
    if harness.state().asks_to_overwrite() {
        harness.run();
        return;
    }
    assert!(harness.state().is_exporting(), "the export runs on its own thread");
    wait_for_exports(harness);
}

fn wait_for_exports(harness: &mut Harness<'_, EconLensApp>) {
    harness.step();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while harness.state().is_exporting() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    assert!(!harness.state().is_exporting(), "the export finished within a minute");
    harness.run();
}

fn export_job(format: econlens::export::ExportFormat) -> econlens::export::ExportJob {
    econlens::export::ExportJob {
        chart_id: "gdp-shizhong-history".to_owned(),
        format,
        scale: 1,
        lang: Lang::Zh,
        theme: Theme::Light,
    }
}

#[test]
fn exporting_from_the_app_writes_the_file_and_says_where() {
    let dir = std::env::temp_dir().join(format!("econlens-gui-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut harness = harness();
    click_tab(&mut harness, "经济总量");
    let menus = harness.query_all_by_role_and_label(Role::Button, "导出").count();
    assert!(menus >= 1, "a chart is on screen with its export menu");
    assert_eq!(
        menus,
        harness.query_all_by_role(Role::Figure).count(),
        "every chart on screen has an export menu"
    );

    let png = dir.join("gdp.png");
    export_and_wait(
        &mut harness,
        Command::ExportTo { job: export_job(econlens::export::ExportFormat::Png), path: png.clone() },
    );
    assert!(std::fs::read(&png).expect("written").starts_with(b"\x89PNG"), "a PNG file");
    assert!(shows(&harness, &format!("已导出：{}", png.display())), "the status line says where it went");

    let csv = dir.join("gdp.csv");
    std::fs::write(&csv, "keep me").expect("existing file");
    export_and_wait(
        &mut harness,
        Command::ExportTo { job: export_job(econlens::export::ExportFormat::Csv), path: csv.clone() },
    );
    assert!(shows(&harness, "已存在。要替换它吗？"), "asks before replacing");
    harness.get_by_role_and_label(Role::Button, "取消").click();
    harness.run();
    assert_eq!(std::fs::read_to_string(&csv).expect("read"), "keep me", "cancel keeps the old file");

    export_and_wait(
        &mut harness,
        Command::ExportTo { job: export_job(econlens::export::ExportFormat::Csv), path: csv.clone() },
    );
    harness.get_by_role_and_label(Role::Button, "替换").click();
    wait_for_exports(&mut harness);
    assert!(
        std::fs::read_to_string(&csv).expect("read").starts_with("\u{feff}chart,series,label,period,value"),
        "replaced"
    );

    export_and_wait(
        &mut harness,
        Command::ExportTo {
            job: export_job(econlens::export::ExportFormat::Csv),
            path: dir.join("missing/x.csv"),
        },
    );
    assert!(shows(&harness, "导出失败：无法写入"), "an unwritable path is explained");
    assert!(shows(&harness, "不存在"), "with the reason, in Chinese");

    export_and_wait(&mut harness, Command::CopyImage("gdp-shizhong-history".to_owned()));
    assert!(shows(&harness, "图片已复制到剪贴板。"), "copying the image says so when done");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_window_icon_decodes() {
    let icon = eframe::icon_data::from_png_bytes(econlens::ui::APP_ICON_PNG).expect("a valid PNG");
    assert_eq!((icon.width, icon.height), (256, 256));
}

/// A named pipe standing in for a slow disk: a load of it waits until the
/// test writes the file's text into it, so a test decides when the load
/// finishes instead of racing it.
#[cfg(unix)]
struct SlowFile {
    path: PathBuf,
    _dir: tempfile::TempDir,
}

#[cfg(unix)]
impl SlowFile {
    fn new(name: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(name);
        let made = std::process::Command::new("mkfifo").arg(&path).status().expect("mkfifo runs");
        assert!(made.success(), "mkfifo made {}", path.display());
        Self { path, _dir: dir }
    }

    /// Lets the load finish with `text` (on a thread: the write waits for the reader).
    fn finish_with(&self, text: String) -> std::thread::JoinHandle<()> {
        let path = self.path.clone();
        std::thread::spawn(move || {
            let _ = std::fs::write(path, text);
        })
    }
}

/// The latest request wins: a file opened while another is still loading
/// stays on screen, and the earlier load's result, whenever its thread
/// finishes, goes nowhere.
#[cfg(unix)]
#[test]
fn opening_a_file_while_another_loads_drops_the_earlier_load() {
    use econlens::data::synthetic::{Shape, synthetic_ron};
    let slow = SlowFile::new("big.ron");
    let mut harness = harness();
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, Command::Open(slow.path.clone()));
    for _ in 0..3 {
        harness.step();
    }
    assert!(harness.state().is_loading(), "the file loads in the background");
    harness.state_mut().apply(&ctx, Command::Open(fixture("city_districts.ron")));
    settle(&mut harness);
    assert!(shows(&harness, "已放弃较早的加载"), "the status line says the earlier load was dropped");
    assert!(shows(&harness, "示例市"), "the file opened last is on screen");

    // Now the earlier load finishes: its result must go nowhere.
    slow.finish_with(synthetic_ron(Shape { regions: 30, indicators: 4, years: 5 })).join().expect("written");
    for _ in 0..20 {
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    assert!(!harness.state().is_loading());
    assert!(shows(&harness, "示例市"), "still the file opened last");
    assert!(!shows(&harness, "合成测试数据（非真实数据）"), "the earlier load never replaced it");
}

/// While a file loads, the window keeps drawing the old data and says what
/// it is loading; the new data replaces it in one step.
#[cfg(unix)]
#[test]
fn a_file_loads_in_the_background_while_the_old_data_stays() {
    use econlens::data::synthetic::{Shape, synthetic_ron};
    let slow = SlowFile::new("synthetic.ron");
    let mut harness = harness();
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, Command::Open(slow.path.clone()));
    for _ in 0..3 {
        harness.step();
    }
    assert!(harness.state().is_loading(), "the file loads off the window's thread");
    assert!(shows(&harness, "正在加载"), "the status line says so");
    assert!(shows(&harness, "地区生产总值 · 2023: 1,350.4 亿元"), "the old data stays on screen meanwhile");

    let writer = slow.finish_with(synthetic_ron(Shape { regions: 300, indicators: 40, years: 25 }));
    settle(&mut harness);
    writer.join().expect("written");
    assert!(harness.state().error().is_none());
    assert!(shows(&harness, "合成测试数据（非真实数据）"), "the synthetic data is on screen");
    click_tab(&mut harness, "经济总量");
    assert!(shows(&harness, "个地区未画出"), "a history of 300 regions draws the largest few and says so");
}

/// The built-in file dialog, as on a Linux desktop without xdg-desktop-portal:
/// open a data file from a folder listing, export into the folder with the
/// proposed name, and be asked before a file is replaced.
#[test]
fn the_built_in_file_dialog_opens_and_exports() {
    use econlens::ui::settings::FileDialogChoice;
    let dir = std::env::temp_dir().join(format!("econlens-dialog-ui-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("子文件夹")).expect("temp dir");
    std::fs::copy(fixture("small_valid.ron"), dir.join("测试数据.ron")).expect("copy");
    std::fs::write(dir.join("notes.txt"), "not data").expect("write");
    let settings = Settings {
        file_dialog: FileDialogChoice::BuiltIn,
        last_folder: Some(dir.clone()),
        ..Settings::default()
    };
    let mut harness = harness_with(settings);

    apply(&mut harness, Command::OpenDialog);
    assert!(harness.state().file_dialog_open());
    assert!(shows(&harness, "打开数据文件"), "the dialog's title");
    assert!(harness.query_by_label("子文件夹/").is_some(), "folders are listed");
    assert!(harness.query_by_label("notes.txt").is_none(), "files of other kinds are not");
    harness.get_by_label("测试数据.ron").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "打开").click();
    settle(&mut harness);
    assert!(!harness.state().file_dialog_open(), "the dialog closes");
    assert!(harness.query_by_label("地区生产总值 · 2023: 121 亿元").is_some(), "the chosen file is open");
    assert_eq!(
        harness.state().settings.recent_files[0],
        dir.join("测试数据.ron").canonicalize().expect("exists")
    );

    click_tab(&mut harness, "经济总量");
    let export = |harness: &mut Harness<'_, EconLensApp>| {
        apply(
            harness,
            Command::Export {
                chart_id: "gdp-east-history".to_owned(),
                format: econlens::export::ExportFormat::Csv,
                scale: 1,
            },
        );
        assert!(harness.state().file_dialog_open(), "the dialog asks where");
        assert!(shows(harness, "导出图表"));
        harness.get_by_role_and_label(Role::Button, "保存").click();
        // The click, then the command it gives (an export, or the question).
        harness.run_steps(2);
    };
    export(&mut harness);
    wait_for_exports(&mut harness);
    let written = dir.join("gdp-east-history_2021-2023.csv");
    assert!(
        std::fs::read_to_string(&written).expect("written").starts_with("\u{feff}chart,series"),
        "the proposed name"
    );

    export(&mut harness);
    harness.run();
    assert!(shows(&harness, "已存在。要替换它吗？"), "the same question as after the system's dialog");
    harness.get_by_role_and_label(Role::Button, "取消").click();
    harness.run();
    let _ = std::fs::remove_dir_all(dir);
}

/// The built-in dialogs by keyboard alone, as in every system dialog: the
/// name field has the keyboard with the name (not its extension) selected,
/// typing replaces the name, Enter saves or opens (or enters the folder
/// named), Escape cancels.
#[test]
fn the_built_in_dialogs_work_by_keyboard_alone() {
    use econlens::ui::settings::FileDialogChoice;
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("子文件夹")).expect("folder");
    std::fs::copy(fixture("small_valid.ron"), dir.path().join("子文件夹").join("测试数据.ron"))
        .expect("copy");
    let settings = Settings {
        file_dialog: FileDialogChoice::BuiltIn,
        last_folder: Some(dir.path().to_owned()),
        ..Settings::default()
    };
    let mut harness = harness_with(settings);
    // Each key, then until the folder it shows is listed (on a task).
    let press = |harness: &mut Harness<'_, EconLensApp>, modifiers: egui::Modifiers, key: egui::Key| {
        harness.key_press_modifiers(modifiers, key);
        settle(harness);
    };
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Num2);

    // Ctrl+E: the proposed name, its stem selected; typing replaces the stem; Enter saves.
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::E);
    assert!(harness.state().file_dialog_open(), "Ctrl+E asks where");
    let field = harness.get_by_role_and_label(Role::TextInput, "文件名：");
    assert!(field.is_focused(), "the name field has the keyboard");
    let proposed = field.value().expect("a proposed name");
    assert!(proposed.ends_with(".png") && proposed.len() > ".png".len(), "{proposed}");
    harness.event(egui::Event::Text("报告".to_owned()));
    harness.run();
    assert_eq!(
        harness.get_by_role_and_label(Role::TextInput, "文件名：").value().as_deref(),
        Some("报告.png"),
        "the extension stays"
    );
    harness.key_press(egui::Key::Enter);
    // The key, then the command it gives (an export, whose spinner keeps repainting).
    harness.run_steps(2);
    assert!(!harness.state().file_dialog_open(), "Enter saved");
    wait_for_exports(&mut harness);
    let png = std::fs::read(dir.path().join("报告.png")).expect("written under the typed name");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");

    // Escape cancels, and nothing is written.
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::E);
    assert!(harness.state().file_dialog_open());
    press(&mut harness, egui::Modifiers::NONE, egui::Key::Escape);
    assert!(!harness.state().file_dialog_open(), "Escape cancelled");
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 2, "still only the folder and 报告.png");

    // Ctrl+O: a folder's name and Enter enter it; a file's name and Enter open it.
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::O);
    assert!(
        harness.get_by_role_and_label(Role::TextInput, "文件名：").is_focused(),
        "the name field has the keyboard"
    );
    harness.event(egui::Event::Text("子文件夹".to_owned()));
    press(&mut harness, egui::Modifiers::NONE, egui::Key::Enter);
    assert!(harness.state().file_dialog_open(), "entering a folder keeps the dialog open");
    assert!(harness.query_by_label("测试数据.ron").is_some(), "and lists the folder");
    assert!(
        harness.get_by_role_and_label(Role::TextInput, "文件名：").is_focused(),
        "the name field keeps the keyboard"
    );
    harness.event(egui::Event::Text("测试数据.ron".to_owned()));
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    assert!(!harness.state().file_dialog_open(), "Enter opened the file");
    assert!(
        harness.query_by_label("地区生产总值 · 2023: 121 亿元").is_some(),
        "the chosen file is on screen"
    );
}

/// A headline card shows its figure's history as a small line; hovering the
/// line gives the value under the pointer with its source; the card says how
/// the value compares with the year before (derived, labelled).
#[test]
fn a_headline_card_shows_movement_and_each_values_source() {
    let mut harness = harness();
    assert!(shows(&harness, "比上年 +5.9%（名义变化，推算）"), "the change on 2022, labelled derived");
    let line = harness.get_by_label("地区生产总值走势：2015–2025，6 个数值");
    line.hover();
    harness.run();
    // The line runs from 2015 to 2025; its middle is nearest the 2021 value.
    assert!(shows(&harness, "地区生产总值 · 2021"), "the hovered value's period");
    assert!(harness.query_by_label("1,161.73 亿元").is_some(), "its value");
    assert!(shows(&harness, "来源：济南市统计局公布2021年区县主要经济指标"), "its source");
}

/// A copy of the default data file (with its comments) in a fresh folder.
fn default_data_copy(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("econlens-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("shizhong.ron");
    std::fs::write(&path, econlens::data::EMBEDDED_DATASET).expect("write");
    path
}

/// Build a chart in the builder, save it into the data file, see it come
/// back after the reload in its tab, and export it.
#[test]
fn a_chart_built_in_the_builder_is_saved_with_the_data_and_exports() {
    let path = default_data_copy("builder");
    let mut harness = harness_with(Settings { tab: Tab::Custom, ..Settings::default() });
    apply(&mut harness, Command::Open(path.clone()));
    assert!(shows(&harness, "请选择一个指标。"), "the builder says what is missing");

    harness.get_by_role_and_label(Role::ComboBox, "指标").click();
    harness.run();
    harness.get_by_label("地区生产总值（亿元）").click();
    harness.run();
    assert!(shows(&harness, "请选择至少一个地区。"));
    harness.get_by_role_and_label(Role::Button, "本地区及同级地区").click();
    harness.run();
    harness.get_by_role_and_label(Role::ComboBox, "计算").click();
    harness.run();
    harness.get_by_label("指数（基期 = 100）").click();
    harness.run();
    assert!(shows(&harness, "请选择指数的基期。"));
    harness.get_by_role_and_label(Role::ComboBox, "基期").click();
    harness.run();
    harness.get_by_label("2021").click();
    harness.run();
    let title = "市中区、历下区、济南高新区等 13 个地区 地区生产总值（指数，2021=100）";
    assert!(shows(&harness, title), "the chart follows the choices");

    harness.get_by_role_and_label(Role::Button, "保存到数据文件").click();
    harness.run();
    assert!(harness.state().is_busy(), "the chart is written off the window's thread");
    settle(&mut harness);
    let saved = std::fs::read_to_string(&path).expect("the file");
    let original = econlens::data::EMBEDDED_DATASET;
    let at = saved.find("\n\n    // Charts made in EconLens").expect("a charts section");
    assert_eq!(&saved[..at], &original[..at], "everything before the section is unchanged");
    assert!(saved.ends_with(&original[original.rfind(')').expect("end")..]), "and the end too");
    assert!(shows(&harness, "图表已保存到"), "the status line says so");
    assert_eq!(harness.state().loaded().dataset.charts().len(), 1, "the reloaded data has the chart");
    assert!(
        harness.query_by_role_and_label(Role::Button, "保存修改到数据文件").is_some(),
        "saving again updates it"
    );
    assert!(shows(&harness, "custom-gdp-1 · 自定义图表"), "listed among the saved charts");

    let out = path.with_file_name("index.csv");
    let job = econlens::export::ExportJob {
        chart_id: "custom-gdp-1".to_owned(),
        format: econlens::export::ExportFormat::Csv,
        scale: 1,
        lang: Lang::Zh,
        theme: Theme::Light,
    };
    export_and_wait(&mut harness, Command::ExportTo { job, path: out.clone() });
    let csv = std::fs::read_to_string(&out).expect("exported");
    assert!(csv.contains("custom-gdp-1,市中区,2021,2021,100,"), "Shizhong 2021 is the base, 100: {csv}");
    assert!(csv.contains("derived"));

    harness.get_by_role_and_label(Role::Button, "从数据文件中删除").scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "从数据文件中删除").click();
    settle(&mut harness);
    assert_eq!(harness.state().loaded().dataset.charts().len(), 0, "removed");
    let _ = std::fs::remove_dir_all(path.parent().expect("folder"));
}

/// The region picker on a file of 2,850 counties: it lists them in a
/// scrolled list (only the visible rows exist), narrows as the user types a
/// name, and a checked county joins the chart.
#[test]
fn the_region_picker_finds_one_county_among_2850() {
    use econlens::data::synthetic::{Shape, synthetic_ron};
    let text = synthetic_ron(Shape { regions: 2850, indicators: 1, years: 3 });
    let dataset = econlens::data::load_text(std::path::Path::new("counties.ron"), &text).expect("valid");
    let mut harness = harness_with(Settings { tab: Tab::Custom, ..Settings::default() });
    harness.state_mut().replace_data(
        econlens::ui::loading::Prepared::new(dataset),
        econlens::ui::session::Origin::File("counties.ron".into()),
    );
    harness.run();
    harness.get_by_role_and_label(Role::ComboBox, "指标").click();
    harness.run();
    harness.get_by_label("合成指标0（亿元）").click();
    harness.run();
    let listed = harness.query_all_by_role(Role::CheckBox).count();
    assert!((3..60).contains(&listed), "a screenful of the 2,850 counties, not all of them: {listed}");
    assert!(harness.query_by_label_contains("合成县1234").is_none(), "far down the list");

    let filter = harness.get_by_role_and_label(Role::TextInput, "查找地区：");
    filter.click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "查找地区：").type_text("合成县123");
    harness.run();
    let names: Vec<String> =
        harness.query_all_by_role(Role::CheckBox).filter_map(|node| node.accesskit_node().label()).collect();
    assert!(names.first().is_some_and(|name| name.starts_with("合成县123（")), "{names:?}");
    assert!(
        names.iter().all(|name| name.starts_with("合成县123")),
        "only 合成县123 and 合成县1230–1239: {names:?}"
    );

    harness.get_by_role_and_label(Role::TextInput, "查找地区：").type_text("4");
    harness.run();
    assert_eq!(harness.query_all_by_role(Role::CheckBox).count(), 1, "合成县1234 alone");
    harness.get_by_label_contains("合成县1234").click();
    harness.run();
    assert!(shows(&harness, "已选 1 个：合成县1234"), "the county is chosen");
    assert!(shows(&harness, "合成县1234 合成指标0"), "and charted under its name");
}

#[test]
fn a_dropped_table_is_previewed_corrected_imported_and_opened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let table = dir.path().join("年鉴.csv");
    std::fs::copy(fixture("import/yearbook_districts.csv"), &table).expect("copy");
    let mut harness = harness();
    harness.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(table.clone())));
    harness.step();
    // The preview: the header found, the layout, each value with its cell.
    assert!(wait_until(&mut harness, |h| shows(h, "读取结果")), "the preview appears");
    assert!(shows(&harness, "布局：宽表（行为地区，列为时期），表头 年鉴.csv:3"));
    assert!(shows(&harness, "地区 5（全市 为上级地区）"));
    assert!(harness.query_by_label("年鉴.csv:6:4").is_some(), "市中区 2023 is read from its cell");
    // A wrong header row is corrected by the user: the preview follows, never guessing.
    // (Controls in the dialog are clicked through AccessKit: a simulated pointer
    // click inside the modal's scroll area does not reach them under kittest,
    // though it does in the real window.)
    harness.get_by_role_and_label(Role::CheckBox, "自动").click_accesskit();
    harness.step();
    assert!(
        wait_until(&mut harness, |h| shows(h, "无法导入")),
        "header row 1 is the title: it cannot be read"
    );
    harness.get_by_role_and_label(Role::CheckBox, "自动").click_accesskit();
    harness.step();
    assert!(wait_until(&mut harness, |h| shows(h, "读取结果")));
    // Import and open: the file is written beside the table and shown.
    harness.get_by_role_and_label(Role::Button, "导入并打开").click_accesskit();
    harness.step();
    let title = "表3-2 各区县地区生产总值（2021—2023年）";
    assert!(
        wait_until(&mut harness, |h| h.state().loaded().dataset.title().zh == title),
        "the imported file is open"
    );
    let written = dir.path().join("年鉴.ron");
    assert!(std::fs::read_to_string(&written).expect("written").contains("note: \"年鉴.csv:6:4\""));
    // Importing the same table again asks before replacing the file.
    harness.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(table)));
    harness.step();
    assert!(wait_until(&mut harness, |h| shows(h, "读取结果")));
    harness.get_by_role_and_label(Role::Button, "导入并打开").click_accesskit();
    harness.step();
    assert!(
        wait_until(&mut harness, |h| shows(h, "已存在。要替换它吗？")),
        "asks before replacing {}",
        written.display()
    );
}

/// A chart's export menu offers SVG and PDF beside PNG and CSV; choosing one
/// writes that file, and File → Export current chart then writes the same
/// format again without being told.
#[test]
fn vector_exports_come_from_the_chart_menu_and_are_remembered() {
    use econlens::ui::settings::FileDialogChoice;
    let dir = std::env::temp_dir().join(format!("econlens-vector-ui-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let settings = Settings {
        file_dialog: FileDialogChoice::BuiltIn,
        last_folder: Some(dir.clone()),
        ..Settings::default()
    };
    let mut harness = harness_with(settings);
    click_tab(&mut harness, "经济总量");
    harness.get_all_by_role_and_label(Role::Button, "导出").next().expect("a chart's export menu").click();
    harness.run();
    assert!(shows(&harness, "导出 PDF（矢量，用于打印）…"), "PDF is offered");
    harness.get_by_label("导出 SVG（矢量，可编辑）…").click();
    settle(&mut harness);
    assert!(harness.state().file_dialog_open(), "the dialog asks where");
    harness.get_by_role_and_label(Role::Button, "保存").click_accesskit();
    harness.run_steps(2);
    wait_for_exports(&mut harness);
    let written: Vec<PathBuf> =
        std::fs::read_dir(&dir).expect("list").flatten().map(|entry| entry.path()).collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let svg = std::fs::read_to_string(&written[0]).expect("an SVG is text");
    assert!(written[0].extension().is_some_and(|ext| ext == "svg") && svg.contains("<svg"), "{written:?}");
    assert!(svg.contains("<title>市中区 地区生产总值</title>"), "the chart's title in its own language");

    std::fs::remove_file(&written[0]).expect("remove");
    apply(&mut harness, Command::ExportCurrent);
    harness.get_by_role_and_label(Role::Button, "保存").click_accesskit();
    harness.run_steps(2);
    wait_for_exports(&mut harness);
    assert!(
        std::fs::read_to_string(&written[0]).is_ok_and(|again| again.contains("<svg")),
        "File → Export current chart writes the format chosen last"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// The Checks tab shows the audit of the data on screen: the count per
/// verdict (nothing inconsistent in the default data), the conflicts, and
/// consistent findings once their verdict is switched on.
#[test]
fn the_checks_tab_lists_the_audit_of_the_data_on_screen() {
    use econlens::audit::Verdict;
    let dataset = econlens::data::load_embedded().expect("embedded");
    let findings = econlens::audit::audit(&dataset);
    let chip = |verdict: Verdict| {
        let count = findings.iter().filter(|finding| finding.verdict == verdict).count();
        format!("{} {count}", verdict.label(Lang::Zh))
    };
    let mut harness = harness();
    harness.get_by_role_and_label(Role::Button, "数据核对").click();
    harness.step();
    // The audit runs on its own thread, with a spinner meanwhile.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !shows(&harness, "不一致 ") && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    harness.run();
    assert!(shows(&harness, "不一致 0"), "the default data has nothing unexplained");
    for verdict in [Verdict::Warning, Verdict::Explained, Verdict::CannotCheck] {
        harness.get_by_label(&chip(verdict)).click();
        harness.run();
    }
    assert!(
        harness.query_by_label("市中区 · 地区生产总值 · 2018 = 1042.8 亿元").is_some(),
        "a conflict is listed"
    );
    let first_consistent = findings
        .iter()
        .find(|finding| finding.verdict == Verdict::Consistent)
        .map(|finding| finding.values[0].describe(&dataset, Lang::Zh))
        .expect("a consistent finding");
    assert!(harness.query_by_label(&first_consistent).is_none(), "consistent findings start hidden");
    harness.get_by_label(&chip(Verdict::Noted)).click();
    harness.get_by_label(&chip(Verdict::Consistent)).click();
    harness.run();
    assert!(harness.query_by_label(&first_consistent).is_some(), "shown once switched on");
}

/// A table of countries imported from a World Bank download, as a data file in a temporary folder.
fn imported_peers() -> (tempfile::TempDir, PathBuf) {
    let table = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats/API_TEST.GDP_DS2_en_csv_v2_1.csv");
    let request = econlens::import::ImportRequest { table, ..Default::default() };
    let done = econlens::import::import(&request, std::path::Path::new("peers.ron")).expect("imports");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("peers.ron");
    std::fs::write(&path, done.text).unwrap();
    (dir, path)
}

#[test]
fn the_focus_region_is_chosen_by_searching_and_remembered_for_the_file() {
    let (_dir, path) = imported_peers();
    let mut harness = harness();
    apply(&mut harness, Command::Open(path.clone()));
    let path = econlens::ui::session::canonical(&path);
    // The first country, not an aggregate, until the user chooses.
    assert!(harness.query_by_label("GDP · 2022: 1,200,000 current US$").is_some(), "Testland's card");
    let chooser = harness.get_by_role_and_label(Role::ComboBox, "重点地区");
    assert_eq!(chooser.value().as_deref(), Some("Testland · TST"));
    chooser.click();
    harness.run();
    // 5 regions: all listed, the aggregates marked.
    assert!(shows(&harness, "World · WLD（汇总）"));
    harness.get_by_role_and_label(Role::TextInput, "重点地区").type_text("oth");
    harness.run();
    assert!(!shows(&harness, "Bahamas, The"), "the search narrows the list");
    harness.get_by_label("Otherland · OTH").click();
    harness.step();
    assert!(harness.state().is_busy(), "the charts are built again off the window's thread");
    settle(&mut harness);
    assert!(harness.query_by_label("GDP · 2022: 720,000.75 current US$").is_some(), "Otherland's card");
    assert_eq!(harness.state().settings.focus_for(&path), Some("OTH"));
    assert!(
        std::fs::read_to_string(&path).unwrap().contains("focus_region: \"TST\""),
        "the file is not rewritten"
    );

    // Opened again with the same settings: Otherland again.
    let settings = harness.state().settings.clone();
    let mut again = harness_with(settings);
    apply(&mut again, Command::Open(path));
    assert!(again.query_by_label("GDP · 2022: 720,000.75 current US$").is_some(), "remembered");
}

/// A FRED download dropped on the window: the dialog names the format, asks
/// for the unit the file does not state, and imports once it is given.
#[test]
fn a_dropped_fred_file_asks_for_its_unit_in_the_dialog() {
    let dir = tempfile::tempdir().expect("temp dir");
    let table = dir.path().join("TESTQ.csv");
    std::fs::copy(fixture("formats/fred_TESTQ.csv"), &table).expect("copy");
    let mut harness = harness();
    harness.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(table)));
    harness.step();
    assert!(wait_until(&mut harness, |h| shows(h, "无法导入")), "no unit, no import");
    assert!(shows(&harness, "文件没有写明 TESTQ 的单位"), "the question names the series");
    // Focused through AccessKit (a pointer click does not reach into the modal under kittest).
    harness.get_by_role_and_label(Role::TextInput, "单位").focus();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "单位").type_text("十亿美元");
    harness.step();
    assert!(wait_until(&mut harness, |h| shows(h, "读取结果")), "the unit given, it reads");
    assert!(shows(&harness, "FRED CSV（圣路易斯联储）"), "the format is named");
    harness.get_by_role_and_label(Role::Button, "导入并打开").click_accesskit();
    harness.step();
    assert!(
        wait_until(&mut harness, |h| h.state().loaded().dataset.title().zh == "FRED: TESTQ"),
        "the imported file is open"
    );
    let data = &harness.state().loaded().dataset;
    assert_eq!(data.indicators()[0].unit.zh, "十亿美元");
    assert_eq!(data.sources()[0].publisher, "Federal Reserve Bank of St. Louis");
}

/// File → Export report… (Ctrl+Shift+E) offers the tab shown, ticked,
/// asks where to save with a proposed name, and writes the tabs chosen as
/// a Word report on a task, saying where it went.
#[test]
fn the_report_dialog_writes_the_tab_shown_as_a_word_report() {
    use econlens::ui::settings::FileDialogChoice;
    let dir = std::env::temp_dir().join(format!("econlens-gui-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut harness =
        harness_with(Settings { file_dialog: FileDialogChoice::BuiltIn, ..Settings::default() });
    click_tab(&mut harness, "金融");
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::E);
    harness.run();
    assert!(shows(&harness, "导出报告"), "the dialog is open");
    let ticked = |harness: &Harness<'_, EconLensApp>, label: &str| {
        harness.get_by_role_and_label(Role::CheckBox, label).accesskit_node().toggled()
            == Some(egui::accesskit::Toggled::True)
    };
    assert!(ticked(&harness, "金融"), "the tab shown is ticked");
    assert!(!ticked(&harness, "经济总量"), "other tabs are not");
    harness.get_by_role_and_label(Role::Button, "导出…").click();
    settle(&mut harness);
    assert!(harness.state().file_dialog_open(), "asks where to save");
    let proposed = harness.get_by_role_and_label(Role::TextInput, "文件名：").value();
    assert_eq!(proposed.as_deref(), Some("济南市市中区经济数据_报告.docx"), "with a proposed name");
    harness.key_press(egui::Key::Escape);
    harness.run();

    let out = dir.join("finance.docx");
    let choice = econlens::ui::documents::ReportChoice {
        views: vec![econlens::data::model::View::Finance],
        format: econlens::report::ReportFormat::Docx,
        tables: true,
    };
    let document = econlens::ui::documents::Document::Report(choice);
    export_and_wait(&mut harness, Command::WriteDocument { document, path: out.clone() });
    assert!(shows(&harness, &format!("已导出：{}", out.display())), "the status line says where it went");
    let docx = std::fs::read(&out).expect("written");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a Word document");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").expect("its text"), &mut xml)
        .expect("UTF-8");
    assert!(xml.contains(">金融<") && !xml.contains(">经济总量<"), "the chosen tab only");
    let _ = std::fs::remove_dir_all(dir);
}

/// The Data tab exports the rows it shows, filtered and sorted, as CSV
/// with a byte-order mark and as a workbook with the same rows.
#[test]
fn the_data_tab_exports_the_rows_it_shows() {
    use calamine::Reader as _;
    use econlens::export::data_table::TableFormat;
    use econlens::ui::documents::Document;
    let dir = std::env::temp_dir().join(format!("econlens-gui-data-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut harness = harness();
    click_tab(&mut harness, "数据");
    harness.state_mut().tabs.data.filter = "存款".to_owned();
    harness.run();
    let shown = harness.state().tabs.data.shown();
    let total = harness.state().tabs.data.total_count();
    assert!(!shown.is_empty() && shown.len() < total, "the filter keeps some rows: {}", shown.len());
    assert!(harness.query_by_role_and_label(Role::Button, "导出 CSV…").is_some(), "the tab offers CSV");
    assert!(harness.query_by_role_and_label(Role::Button, "导出 Excel…").is_some(), "and a workbook");

    let rows = std::sync::Arc::new(shown);
    let csv = dir.join("data.csv");
    let document = Document::Table { format: TableFormat::Csv, rows: rows.clone() };
    export_and_wait(&mut harness, Command::WriteDocument { document, path: csv.clone() });
    let text = std::fs::read_to_string(&csv).expect("written");
    assert!(text.starts_with('\u{feff}'), "a byte-order mark for Excel");
    let lines: Vec<&str> = text.trim_end().lines().collect();
    assert_eq!(lines.len(), rows.len() + 1, "a header and one line per row shown");
    assert!(lines[1..].iter().all(|line| line.contains("存款")), "only rows the filter keeps");

    let xlsx = dir.join("data.xlsx");
    let document = Document::Table { format: TableFormat::Xlsx, rows: rows.clone() };
    export_and_wait(&mut harness, Command::WriteDocument { document, path: xlsx.clone() });
    let mut workbook = calamine::open_workbook_auto(&xlsx).expect("a workbook");
    let sheet = workbook.worksheet_range("数据").expect("the data sheet");
    assert_eq!(sheet.height(), rows.len() + 1, "the same rows");
    let first_csv: Vec<&str> = lines[1].split(',').collect();
    let first_cell = sheet.get((1, 0)).map(ToString::to_string).unwrap_or_default();
    assert_eq!(first_cell, first_csv[0], "in the same order");
    let _ = std::fs::remove_dir_all(dir);
}
