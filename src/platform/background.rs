//! "Remind me even when the app is closed" on desktop (issue 16.2): files that make the system
//! run `itb-companion --deliver-reminders` with no window. On Linux a systemd user timer (twice
//! a day, and at login), or, where there is no systemd user session, an XDG autostart entry
//! (at login only); on macOS a LaunchAgent; on Windows a Task Scheduler task (both twice a day
//! and at login). The files are written under a folder passed in, so tests check them in a
//! throw-away folder: `systemd-analyze verify`, `desktop-file-validate`, and (on Linux, as
//! no Mac or Windows is at hand) the plist and the task XML read by Python's parsers.

use std::path::{Path, PathBuf};

pub const UNIT: &str = "itb-companion-reminders";

const ALL: [Scheduler; 4] = [
    Scheduler::SystemdUser,
    Scheduler::Autostart,
    Scheduler::LaunchAgent,
    Scheduler::WindowsTask,
];

/// How the reminders are run with the app closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheduler {
    /// `~/.config/systemd/user/itb-companion-reminders.{service,timer}`.
    SystemdUser,
    /// `~/.config/autostart/itb-companion-reminders.desktop`.
    Autostart,
    /// macOS: `~/Library/LaunchAgents/app.itb-companion.reminders.plist` (`config` = ~/Library).
    LaunchAgent,
    /// Windows: the task's XML in the app's data folder, registered with `schtasks /Create`.
    WindowsTask,
}

/// The LaunchAgent's label and the Windows task's name.
pub const LABEL: &str = "app.itb-companion.reminders";
pub const TASK: &str = "ITB Companion reminders";

/// Text for an XML value (the program's path may hold `&` or `<`).
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
        Scheduler::LaunchAgent => vec![(
            config.join("LaunchAgents").join(format!("{LABEL}.plist")),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key><string>{LABEL}</string>
  <key>ProgramArguments</key>
  <array><string>{}</string><string>--deliver-reminders</string></array>
  <key>RunAtLoad</key><true/>
  <key>StartCalendarInterval</key>
  <array>
    <dict><key>Hour</key><integer>8</integer><key>Minute</key><integer>0</integer></dict>
    <dict><key>Hour</key><integer>18</integer><key>Minute</key><integer>0</integer></dict>
  </array>
</dict>
</plist>
"#,
                xml(&exe.to_string())
            ),
        )],
        Scheduler::WindowsTask => vec![(
            config.join(format!("{UNIT}.xml")),
            format!(
                r#"<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo><Description>ITB Companion: deliver pump refill and battery reminders</Description></RegistrationInfo>
  <Triggers>
    <LogonTrigger><Enabled>true</Enabled></LogonTrigger>
    <CalendarTrigger><StartBoundary>2026-01-01T08:00:00</StartBoundary><ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay></CalendarTrigger>
    <CalendarTrigger><StartBoundary>2026-01-01T18:00:00</StartBoundary><ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay></CalendarTrigger>
  </Triggers>
  <Settings>
    <StartWhenAvailable>true</StartWhenAvailable>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <ExecutionTimeLimit>PT5M</ExecutionTimeLimit>
  </Settings>
  <Actions><Exec><Command>{}</Command><Arguments>--deliver-reminders</Arguments></Exec></Actions>
</Task>
"#,
                xml(&exe.to_string())
            ),
        )],
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

/// Writes the files (folders made as needed). Err: a sentence for Settings. The Windows task
/// is written in UTF-16 with a byte-order mark, as `schtasks /XML` reads it.
pub fn install(config: &Path, exe: &Path, scheduler: Scheduler) -> Result<(), String> {
    for (path, text) in files(config, exe, scheduler) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("Could not make {} ({e}).", dir.display()))?;
        }
        let bytes = if scheduler == Scheduler::WindowsTask {
            let utf16 = std::iter::once(0xFEFF).chain(text.encode_utf16());
            utf16.flat_map(u16::to_le_bytes).collect()
        } else {
            text.into_bytes()
        };
        std::fs::write(&path, bytes)
            .map_err(|e| format!("Could not write {} ({e}).", path.display()))?;
    }
    Ok(())
}

/// Removes every file any scheduler wrote (missing ones are fine).
pub fn remove(config: &Path) -> Result<(), String> {
    for scheduler in ALL {
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
    ALL.into_iter().find(|s| {
        files(config, Path::new("itb-companion"), *s)
            .iter()
            .all(|(p, _)| p.exists())
    })
}

/// Where this platform's files go: the XDG config folder on Linux, ~/Library on macOS (its
/// LaunchAgents folder), the app's data folder on Windows.
pub fn config_dir() -> Option<PathBuf> {
    let dirs = directories::BaseDirs::new()?;
    Some(if cfg!(target_os = "macos") {
        dirs.home_dir().join("Library")
    } else if cfg!(windows) {
        dirs.data_local_dir().join("ITB Companion")
    } else {
        dirs.config_dir().to_path_buf()
    })
}

/// What Settings says when the switch is turned on (twice a day and at login) or off.
const ON: &str =
    "Reminders now arrive even when the app is closed: checked twice a day and at login.";
const OFF: &str = "Reminders arrive only while the app is open.";
const NO_FOLDER: &str = "This system has no configuration folder for the app.";

/// Runs a system command; whether it succeeded.
fn run(program: &str, args: &[&str]) -> bool {
    std::process::Command::new(program)
        .args(args)
        .status()
        .is_ok_and(|s| s.success())
}

fn own_path() -> Result<PathBuf, String> {
    std::env::current_exe().map_err(|e| format!("The app's own path is unknown ({e})."))
}

/// Writes `scheduler`'s file and has the system take it (`register`, given the file's path);
/// if the system refuses, the file goes again and Settings says why.
#[cfg(any(target_os = "macos", windows))]
fn register_with(
    scheduler: Scheduler,
    register: impl FnOnce(&str) -> bool,
    refused: &str,
) -> Result<String, String> {
    let config = config_dir().ok_or(NO_FOLDER)?;
    let exe = own_path()?;
    install(&config, &exe, scheduler)?;
    let (path, _) = &files(&config, &exe, scheduler)[0];
    if !register(&path.to_string_lossy()) {
        remove(&config)?;
        return Err(refused.into());
    }
    Ok(ON.into())
}

/// macOS: the LaunchAgent written and loaded. (Compile-checked only: no Mac here.)
#[cfg(target_os = "macos")]
pub fn turn_on() -> Result<String, String> {
    register_with(
        Scheduler::LaunchAgent,
        |plist| run("launchctl", &["load", "-w", plist]),
        "macOS did not accept the reminder schedule (launchctl load).",
    )
}

/// macOS: the LaunchAgent unloaded and removed.
#[cfg(target_os = "macos")]
pub fn turn_off() -> Result<String, String> {
    let config = config_dir().ok_or(NO_FOLDER)?;
    let (path, _) = &files(&config, Path::new("itb-companion"), Scheduler::LaunchAgent)[0];
    let _ = run("launchctl", &["unload", "-w", &path.to_string_lossy()]);
    remove(&config)?;
    Ok(OFF.into())
}

/// Windows: the task registered with Task Scheduler. (Compile-checked only: no Windows here.)
#[cfg(windows)]
pub fn turn_on() -> Result<String, String> {
    register_with(
        Scheduler::WindowsTask,
        |xml| run("schtasks", &["/Create", "/TN", TASK, "/XML", xml, "/F"]),
        "Windows did not accept the reminder task (schtasks /Create).",
    )
}

/// Windows: the task deleted and its file removed.
#[cfg(windows)]
pub fn turn_off() -> Result<String, String> {
    let config = config_dir().ok_or(NO_FOLDER)?;
    let _ = run("schtasks", &["/Delete", "/TN", TASK, "/F"]);
    remove(&config)?;
    Ok(OFF.into())
}

/// Turns the switch on for this user: the systemd user timer where a user session of systemd
/// runs (enabled and started), else the autostart entry. Returns what to say in Settings.
#[cfg(not(any(target_os = "macos", windows)))]
pub fn turn_on() -> Result<String, String> {
    let config = config_dir().ok_or(NO_FOLDER)?;
    let exe = own_path()?;
    let systemd = std::process::Command::new("systemctl")
        .args(["--user", "is-system-running"])
        .output()
        .is_ok_and(|o| {
            !o.stdout.is_empty() && !String::from_utf8_lossy(&o.stdout).contains("offline")
        });
    if systemd {
        install(&config, &exe, Scheduler::SystemdUser)?;
        let timer = format!("{UNIT}.timer");
        // The reload's own status does not matter; the enable's does.
        let _ = run("systemctl", &["--user", "daemon-reload"]);
        if run("systemctl", &["--user", "enable", "--now", &timer]) {
            return Ok(ON.into());
        }
        remove(&config)?;
    }
    install(&config, &exe, Scheduler::Autostart)?;
    Ok("Reminders now arrive when you log in, even if the app is not opened. (No systemd user session here, so not twice a day.)".into())
}

/// Turns the switch off: the timer stopped and every file removed.
#[cfg(not(any(target_os = "macos", windows)))]
pub fn turn_off() -> Result<String, String> {
    let config = config_dir().ok_or(NO_FOLDER)?;
    if installed(&config) == Some(Scheduler::SystemdUser) {
        let _ = run(
            "systemctl",
            &["--user", "disable", "--now", &format!("{UNIT}.timer")],
        );
    }
    remove(&config)?;
    Ok(OFF.into())
}
