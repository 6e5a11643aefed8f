//! "Remind me even when the app is closed" on desktop (issue 16.2): files that make the system
//! run `itb-companion --deliver-reminders` with no window. On Linux a systemd user timer (twice
//! a day, and at login), or, where there is no systemd user session, an XDG autostart entry
//! (at login only). The files are written under a config folder passed in, so tests check them
//! with `systemd-analyze verify` and `desktop-file-validate` in a throw-away folder.

use std::path::{Path, PathBuf};

pub const UNIT: &str = "itb-companion-reminders";

/// How the reminders are run with the app closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheduler {
    /// `~/.config/systemd/user/itb-companion-reminders.{service,timer}`.
    SystemdUser,
    /// `~/.config/autostart/itb-companion-reminders.desktop`.
    Autostart,
}

/// The files for `exe` under `config` (the XDG config folder), with their contents.
pub fn files(config: &Path, exe: &Path, scheduler: Scheduler) -> Vec<(PathBuf, String)> {
    let exe = exe.display();
    match scheduler {
        Scheduler::SystemdUser => {
            let dir = config.join("systemd").join("user");
            vec![
                (
                    dir.join(format!("{UNIT}.service")),
                    format!(
                        "[Unit]\n\
                         Description=ITB Companion: deliver pump refill and battery reminders\n\
                         \n\
                         [Service]\n\
                         Type=oneshot\n\
                         ExecStart=\"{exe}\" --deliver-reminders\n"
                    ),
                ),
                (
                    dir.join(format!("{UNIT}.timer")),
                    "[Unit]\n\
                     Description=ITB Companion reminders, twice a day and at login\n\
                     \n\
                     [Timer]\n\
                     OnStartupSec=2min\n\
                     OnCalendar=*-*-* 08,18:00:00\n\
                     Persistent=true\n\
                     \n\
                     [Install]\n\
                     WantedBy=timers.target\n"
                        .to_string(),
                ),
            ]
        }
        Scheduler::Autostart => vec![(
            config.join("autostart").join(format!("{UNIT}.desktop")),
            format!(
                "[Desktop Entry]\n\
                 Type=Application\n\
                 Name=ITB Companion reminders\n\
                 Comment=Delivers pump refill and battery reminders at login\n\
                 Exec=\"{exe}\" --deliver-reminders\n\
                 Terminal=false\n\
                 NoDisplay=true\n\
                 X-GNOME-Autostart-enabled=true\n"
            ),
        )],
    }
}

/// Writes the files (folders made as needed). Err: a sentence for Settings.
pub fn install(config: &Path, exe: &Path, scheduler: Scheduler) -> Result<(), String> {
    for (path, text) in files(config, exe, scheduler) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("Could not make {} ({e}).", dir.display()))?;
        }
        std::fs::write(&path, text)
            .map_err(|e| format!("Could not write {} ({e}).", path.display()))?;
    }
    Ok(())
}

/// Removes every file either scheduler wrote (missing ones are fine).
pub fn remove(config: &Path) -> Result<(), String> {
    for scheduler in [Scheduler::SystemdUser, Scheduler::Autostart] {
        for (path, _) in files(config, Path::new("itb-companion"), scheduler) {
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(format!("Could not remove {} ({e}).", path.display())),
            }
        }
    }
    Ok(())
}

/// Which scheduler's files are there, if any.
pub fn installed(config: &Path) -> Option<Scheduler> {
    [Scheduler::SystemdUser, Scheduler::Autostart]
        .into_iter()
        .find(|s| {
            files(config, Path::new("itb-companion"), *s)
                .iter()
                .all(|(p, _)| p.exists())
        })
}

/// The user's XDG config folder (`$XDG_CONFIG_HOME`, else `~/.config`).
pub fn config_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.config_dir().to_path_buf())
}

/// Turns the switch on for this user: the systemd user timer where a user session of systemd
/// runs (enabled and started), else the autostart entry. Returns what to say in Settings.
pub fn turn_on() -> Result<String, String> {
    let config = config_dir().ok_or("This system has no configuration folder for the app.")?;
    let exe =
        std::env::current_exe().map_err(|e| format!("The app's own path is unknown ({e})."))?;
    let systemd = std::process::Command::new("systemctl")
        .args(["--user", "is-system-running"])
        .output()
        .is_ok_and(|o| {
            !o.stdout.is_empty() && !String::from_utf8_lossy(&o.stdout).contains("offline")
        });
    if systemd {
        install(&config, &exe, Scheduler::SystemdUser)?;
        let enabled = std::process::Command::new("systemctl")
            .args(["--user", "daemon-reload"])
            .status()
            .and_then(|_| {
                std::process::Command::new("systemctl")
                    .args(["--user", "enable", "--now", &format!("{UNIT}.timer")])
                    .status()
            })
            .is_ok_and(|s| s.success());
        if enabled {
            return Ok("Reminders now arrive even when the app is closed: checked twice a day and at login.".into());
        }
        remove(&config)?;
    }
    install(&config, &exe, Scheduler::Autostart)?;
    Ok("Reminders now arrive when you log in, even if the app is not opened. (No systemd user session here, so not twice a day.)".into())
}

/// Turns the switch off: the timer stopped and every file removed.
pub fn turn_off() -> Result<String, String> {
    let config = config_dir().ok_or("This system has no configuration folder for the app.")?;
    if installed(&config) == Some(Scheduler::SystemdUser) {
        let _ = std::process::Command::new("systemctl")
            .args(["--user", "disable", "--now", &format!("{UNIT}.timer")])
            .status();
    }
    remove(&config)?;
    Ok("Reminders arrive only while the app is open.".into())
}
