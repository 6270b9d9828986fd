//! The build script: on Windows targets, embeds the icon and the version
//! information (product name, version, description) in the exe, so Explorer,
//! the taskbar and the file's Properties → Details show EconLens as a Windows
//! program. Other targets need nothing here.
//!
//! The resource is compiled by the target's own tools: `windres` (mingw-w64)
//! for `*-windows-gnu`, the Windows SDK's `rc.exe` for `*-windows-msvc` on
//! Windows. Checking the MSVC target from another system (`cargo check
//! --target x86_64-pc-windows-msvc` on Linux) links no exe and has no `rc.exe`,
//! so it goes without.

use std::env;

fn main() {
    println!("cargo:rerun-if-changed=src/build.rs");
    println!("cargo:rerun-if-changed=assets/icon/econlens.ico");
    let target_os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let target_env = env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if target_os != "windows" || (target_env == "msvc" && !cfg!(windows)) {
        return;
    }
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon("assets/icon/econlens.ico")
        .set("ProductName", "EconLens")
        .set("FileDescription", "EconLens")
        .set("InternalName", "econlens")
        .set("OriginalFilename", "econlens.exe")
        .set("CompanyName", "EconLens developers")
        .set("LegalCopyright", "EconLens developers, MIT OR Apache-2.0")
        .set("Comments", "Regional economic statistics as charts, every value traceable to its source");
    if let Err(error) = resource.compile_for("econlens") {
        // Without the resource the exe has no icon or version information:
        // a release build must not go out like that.
        eprintln!("cannot embed the Windows icon and version information: {error}");
        std::process::exit(1);
    }
}
