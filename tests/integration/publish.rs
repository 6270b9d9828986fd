//! `econlens publish`: a data file as a web page, in a folder or as one
//! file. The web build here is a stand-in (a minimal wasm module and a
//! script), as the real one is made by `.ci/web-build.sh`, whose pages
//! `.ci/web_test.py` opens in Chromium.

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Output};

/// The smallest valid WebAssembly module, and a glue script that names the init function.
const WASM: &[u8] = b"\0asm\x01\0\0\0";
const GLUE: &str =
    "function __wbg_init(module_or_path) { /* </script> in a comment */ }\nexport default __wbg_init;\n";

fn web_build(folder: &Path) {
    std::fs::create_dir_all(folder).expect("a folder for the web build");
    std::fs::write(folder.join("econlens_bg.wasm"), WASM).expect("the wasm");
    std::fs::write(folder.join("econlens.js"), GLUE).expect("the glue");
}

fn publish(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_econlens"))
        .arg("publish")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("ECONLENS_WEB_BUILD")
        .output()
        .expect("the econlens binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The base64 text between `start` and the next `<`, decoded.
fn base64_after(page: &str, start: &str) -> Vec<u8> {
    let from = page.find(start).expect("the element") + start.len();
    let encoded: Vec<u8> = page[from..].bytes().take_while(|byte| *byte != b'<').collect();
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let mut bytes = Vec::new();
    for chunk in encoded.chunks(4) {
        let digits: Vec<u8> = chunk.iter().filter(|c| **c != b'=').map(|c| value(*c)).collect();
        let n = digits.iter().fold(0u32, |n, d| (n << 6) | u32::from(*d)) << (6 * (4 - digits.len()));
        bytes.extend_from_slice(&n.to_be_bytes()[1..digits.len()]);
    }
    bytes
}

#[test]
fn a_folder_holds_the_page_the_app_and_the_data_file_as_it_is() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let build = dir.path().join("build");
    web_build(&build);
    let site = dir.path().join("site");
    let output = publish(&[
        "tests/fixtures/city_districts.ron",
        "--web-build",
        build.to_str().expect("utf-8"),
        "--out",
        site.to_str().expect("utf-8"),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let page = std::fs::read_to_string(site.join("index.html")).expect("index.html");
    assert!(page.contains("<title>示例市经济数据（合成） — EconLens</title>"), "{page}");
    assert!(page.contains(r#"data-src="city_districts.ron""#), "the page fetches the data beside it");
    assert!(page.contains(r#"import init from "./econlens.js""#));
    let original = std::fs::read("tests/fixtures/city_districts.ron").expect("the fixture");
    assert_eq!(std::fs::read(site.join("city_districts.ron")).expect("the data"), original, "byte for byte");
    assert_eq!(std::fs::read(site.join("econlens_bg.wasm")).expect("the wasm"), WASM);
    assert!(text(&output.stdout).contains("index.html"), "what was written is listed");
}

#[test]
fn a_single_file_inlines_the_app_compressed_and_the_data() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let build = dir.path().join("build");
    web_build(&build);
    let out = dir.path().join("shizhong.html");
    let output = publish(&[
        "--single-file",
        "--web-build",
        build.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let page = std::fs::read_to_string(&out).expect("the page");
    assert!(page.contains("市中区"), "the embedded data's title");
    assert!(!page.contains("src=") && !page.contains("fetch(\"./"), "nothing to fetch from a server");
    assert_eq!(page.matches("</script>").count(), page.matches("<script").count(), "no script ends early");
    let data = base64_after(&page, r#"data-encoding="base64">"#);
    assert_eq!(text(&data), econlens::data::EMBEDDED_DATASET, "the data as it is");
    let packed = base64_after(&page, r#"<script id="econlens-wasm" type="application/octet-stream">"#);
    let mut wasm = Vec::new();
    flate2::read::GzDecoder::new(packed.as_slice()).read_to_end(&mut wasm).expect("gzip");
    assert_eq!(wasm, WASM);
}

#[test]
fn nothing_is_published_without_a_web_build_or_on_data_that_does_not_load() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let site = dir.path().join("site");
    let missing = dir.path().join("no-build");
    let output =
        publish(&["--web-build", missing.to_str().expect("utf-8"), "--out", site.to_str().expect("utf-8")]);
    let err = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("web-build.sh") && err.contains("no-build"),
        "says where it looked and what to run: {err}"
    );
    let build = dir.path().join("build");
    web_build(&build);
    let output = publish(&[
        "tests/fixtures/truncated.ron",
        "--web-build",
        build.to_str().expect("utf-8"),
        "--out",
        site.to_str().expect("utf-8"),
    ]);
    let err = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("truncated.ron") && !err.contains("panicked"), "{err}");
    assert!(!site.exists(), "nothing written");
}
