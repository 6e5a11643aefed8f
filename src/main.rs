//! Launch and per-platform window configuration, nothing else.

fn main() {
    #[cfg(feature = "desktop")]
    desktop_launch();
    #[cfg(not(feature = "desktop"))]
    dioxus::launch(itb_companion::app::App);
}

#[cfg(feature = "desktop")]
fn desktop_launch() {
    use dioxus::desktop::{Config, LogicalSize, WindowBuilder};
    let window = WindowBuilder::new()
        .with_title("ITB Companion")
        .with_inner_size(LogicalSize::new(1100.0, 800.0))
        .with_min_inner_size(LogicalSize::new(360.0, 560.0));
    dioxus::LaunchBuilder::desktop()
        .with_cfg(Config::new().with_window(window).with_menu(None))
        .launch(itb_companion::app::App);
}
