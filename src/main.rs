//! Launch and per-platform window configuration; `--deliver-reminders` runs with no window.

fn main() {
    // No window: deliver the due reminders and exit (run by the systemd user timer).
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::args().any(|a| a == "--deliver-reminders") {
        use itb_companion::platform::{clock, deliver, store::StoreHandle};
        let (store, problem) = StoreHandle::platform_default();
        match deliver::deliver_reminders(store, problem, clock::today()) {
            Ok(said) => println!("{said}"),
            Err(why) => {
                eprintln!("itb-companion --deliver-reminders: {why}");
                std::process::exit(1);
            }
        }
        return;
    }
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
