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
pub mod store;
pub mod worker;

/// "Remind me even when the app is closed" (desktop Linux: a systemd user timer or an
/// autostart entry that runs `--deliver-reminders`): whether it is on, or None where this
/// platform has no such switch yet (web: reminders need the app open; macOS, Windows, mobile).
pub fn closed_app_reminders() -> Option<bool> {
    #[cfg(all(feature = "desktop", target_os = "linux"))]
    {
        Some(background::config_dir().is_some_and(|c| background::installed(&c).is_some()))
    }
    #[cfg(not(all(feature = "desktop", target_os = "linux")))]
    {
        None
    }
}

/// Turns that switch on or off; what to say in Settings, or why it failed.
pub fn set_closed_app_reminders(on: bool) -> Result<String, String> {
    #[cfg(all(feature = "desktop", target_os = "linux"))]
    {
        if on {
            background::turn_on()
        } else {
            background::turn_off()
        }
    }
    #[cfg(not(all(feature = "desktop", target_os = "linux")))]
    {
        let _ = on;
        Err("Not available on this device.".into())
    }
}
