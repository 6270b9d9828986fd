//! The window's start as a user meets it: the first start speaks the
//! system's language, and View → Graphics names the backend in use, says
//! which one failed before it, and remembers the choice for the next start.

use econlens::data::DEFAULT_MAX_SIZE_BYTES;
use econlens::i18n::Lang;
use econlens::ui::app::EconLensApp;
use econlens::ui::graphics::{self, Failure, InUse, Renderer};

use crate::ui::harness_started;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

#[test]
fn the_first_start_speaks_the_systems_language_and_then_the_users_choice() {
    let english = harness_started(None, Lang::En);
    assert_eq!(english.state().settings.lang, Lang::En);
    assert!(english.query_by_role_and_label(Role::Button, "Economic output").is_some(), "tabs in English");

    let chinese = harness_started(None, Lang::Zh);
    assert!(chinese.query_by_role_and_label(Role::Button, "经济总量").is_some(), "tabs in Chinese");

    // Once chosen (and stored), the choice wins over the system's language.
    let chosen = harness_started(Some("(lang: Zh)"), Lang::En);
    assert_eq!(chosen.state().settings.lang, Lang::Zh);
    assert!(chosen.query_by_role_and_label(Role::Button, "经济总量").is_some());
}

#[test]
fn view_graphics_names_the_backend_the_fallback_and_remembers_the_next_start() {
    let folder = tempfile::tempdir().unwrap();
    let in_use = InUse {
        renderer: Renderer::Vulkan,
        adapter: "llvmpipe (LLVM 15.0.6, 256 bits)".to_owned(),
        failures: vec![Failure { renderer: Renderer::Dx12, reason: "Parent device is lost".to_owned() }],
        next_start: Renderer::Auto,
        folder: Some(folder.path().to_owned()),
    };
    let mut harness = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_context_setup(econlens::figure::setup_context)
        .build_eframe(move |cc| {
            EconLensApp::new(cc, None, DEFAULT_MAX_SIZE_BYTES, Some(Lang::Zh), Some(in_use))
        });
    harness.run();
    assert!(harness.query_by_label("图形：Vulkan").is_some(), "the status line names the backend");
    assert!(
        harness.query_by_label("DirectX 12 无法使用（Parent device is lost），已改用 Vulkan").is_some(),
        "and says which one failed first"
    );

    harness.get_by_label("图形：Vulkan").hover();
    harness.run();
    assert!(harness.query_by_label("llvmpipe (LLVM 15.0.6, 256 bits)").is_some(), "hover names the adapter");
    assert!(
        harness.query_by_label("DirectX 12 无法使用：Parent device is lost").is_some(),
        "and what failed"
    );

    harness.get_by_role_and_label(Role::Button, "视图").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "图形").click();
    harness.run();
    assert!(harness.query_by_label("当前：Vulkan").is_some());
    harness.get_by_label("OpenGL").click();
    harness.run();
    assert!(
        harness.query_by_label("下次启动时使用图形接口：OpenGL").is_some(),
        "the status line confirms it"
    );
    assert_eq!(
        graphics::remembered(Some(folder.path())),
        Some(Renderer::Gl),
        "remembered for the next start"
    );
}
