//! See Cargo.toml: the app's scheduler files and switch, compiled for macOS.
#[path = "../../src/platform/background.rs"]
pub mod background;
