//! "Remind me even when the app is closed" on desktop (issue 16.2): the files the switch writes
//! are read by the programs that will run them (`systemd-analyze verify` for the timer and its
//! service, `desktop-file-validate` for the autostart entry), run the app with
//! `--deliver-reminders`, and are all gone when the switch is turned off. (The delivery itself
//! is tests/desktop/deliver.sh.)

use std::path::Path;
use std::process::Command;

use itb_companion::platform::background::{files, install, installed, remove, Scheduler, UNIT};

fn temp_config(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("itb-bg-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The executable the files name: a real one, as `systemd-analyze verify` checks ExecStart.
fn exe() -> std::path::PathBuf {
    std::env::current_exe().unwrap()
}

/// Runs a checker: passes when it exits 0 and says nothing.
fn run(command: &mut Command) -> (bool, String) {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?} did not run ({e}): scripts/setup.sh installs it"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success() && text.trim().is_empty(), text)
}

#[test]
fn the_systemd_timer_runs_twice_a_day_and_at_login_and_passes_systemd_analyze() {
    let config = temp_config("systemd");
    install(&config, &exe(), Scheduler::SystemdUser).unwrap();
    let written = files(&config, &exe(), Scheduler::SystemdUser);
    let paths: Vec<&Path> = written.iter().map(|(p, _)| p.as_path()).collect();
    for p in &paths {
        assert!(
            p.starts_with(config.join("systemd/user")),
            "{}",
            p.display()
        );
    }
    let (ok, said) = run(Command::new("systemd-analyze").arg("verify").args(&paths));
    assert!(ok, "systemd-analyze verify: {said}");
    let service =
        std::fs::read_to_string(config.join(format!("systemd/user/{UNIT}.service"))).unwrap();
    assert!(service.contains(&format!(
        "ExecStart=\"{}\" --deliver-reminders",
        exe().display()
    )));
    let timer = std::fs::read_to_string(config.join(format!("systemd/user/{UNIT}.timer"))).unwrap();
    assert!(
        timer.contains("OnCalendar=*-*-* 08,18:00:00"),
        "twice a day"
    );
    assert!(timer.contains("OnStartupSec="), "and at login");
    assert!(
        timer.contains("Persistent=true"),
        "a run missed while off happens at the next start"
    );
    assert_eq!(installed(&config), Some(Scheduler::SystemdUser));

    // A broken file is caught by the same check (the check can fail).
    let bad = config.join("systemd/user/broken.timer");
    std::fs::write(&bad, "[Timer]\nOnCalendar=twice a day\n").unwrap();
    assert!(!run(Command::new("systemd-analyze").arg("verify").arg(&bad)).0);
    std::fs::remove_file(&bad).unwrap();

    remove(&config).unwrap();
    assert_eq!(installed(&config), None);
    for p in &paths {
        assert!(!p.exists(), "{} left behind", p.display());
    }
    let _ = std::fs::remove_dir_all(&config);
}

#[test]
fn the_autostart_entry_passes_desktop_file_validate_and_is_removed() {
    let config = temp_config("autostart");
    install(&config, &exe(), Scheduler::Autostart).unwrap();
    let path = config.join(format!("autostart/{UNIT}.desktop"));
    let (ok, said) = run(Command::new("desktop-file-validate").arg(&path));
    assert!(ok, "desktop-file-validate: {said}");
    let entry = std::fs::read_to_string(&path).unwrap();
    assert!(entry.contains("--deliver-reminders"));
    assert_eq!(installed(&config), Some(Scheduler::Autostart));
    // The same check refuses a broken entry.
    std::fs::write(&path, "[Desktop Entry]\nType=Nonsense\n").unwrap();
    assert!(!run(Command::new("desktop-file-validate").arg(&path)).0);
    remove(&config).unwrap();
    assert!(!path.exists());
    assert_eq!(installed(&config), None);
    let _ = std::fs::remove_dir_all(&config);
}
