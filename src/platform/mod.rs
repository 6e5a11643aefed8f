//! Platform effects behind small interfaces: storage, the clock, where files live.
//! Views and `core` never use `#[cfg(target_...)]`; the differences live here.

#[cfg(not(target_arch = "wasm32"))]
pub mod background;
pub mod clock;
#[cfg(not(target_arch = "wasm32"))]
pub mod deliver;
pub mod export;
pub mod locale;
pub mod notify;
pub mod share;
pub mod store;
pub mod worker;

/// "Remind me even when the app is closed" (desktop: a systemd user timer or an autostart entry
/// on Linux, a LaunchAgent on macOS, a scheduled task on Windows, each running
/// `--deliver-reminders`): whether it is on, or None where this platform has no such switch
/// (web: periodic sync, see `worker`; mobile).
pub fn closed_app_reminders() -> Option<bool> {
    #[cfg(all(
        feature = "desktop",
        any(target_os = "linux", target_os = "macos", windows)
    ))]
    {
        Some(background::config_dir().is_some_and(|c| background::installed(&c).is_some()))
    }
    #[cfg(not(all(
        feature = "desktop",
        any(target_os = "linux", target_os = "macos", windows)
    )))]
    {
        None
    }
}

/// Turns that switch on or off; what to say in Settings, or why it failed.
pub fn set_closed_app_reminders(on: bool) -> Result<String, String> {
    #[cfg(all(
        feature = "desktop",
        any(target_os = "linux", target_os = "macos", windows)
    ))]
    {
        if on {
            background::turn_on()
        } else {
            background::turn_off()
        }
    }
    #[cfg(not(all(
        feature = "desktop",
        any(target_os = "linux", target_os = "macos", windows)
    )))]
    {
        let _ = on;
        Err("Not available on this device.".into())
    }
}
