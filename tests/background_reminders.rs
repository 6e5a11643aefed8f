//! "Remind me even when the app is closed" on desktop (issue 16.2): the files the switch writes
//! are read by the programs that will run them (`systemd-analyze verify` for the timer and its
//! service, `desktop-file-validate` for the autostart entry), run the app with
//! `--deliver-reminders`, and are all gone when the switch is turned off. (The delivery itself
//! is tests/desktop/deliver.sh.)

mod common;

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

/// Reads a file the way the other platform will, with Python's parsers (no Mac or Windows
/// here): the JSON of what the scheduler would see.
fn python(script: &str, path: &Path) -> serde_json::Value {
    common::python_json(script, &[path])
}

#[test]
fn the_macos_launch_agent_runs_the_delivery_twice_a_day_and_at_login() {
    // Written and compile-checked as issue 16.2 asks; the Mac side (launchctl) is not run here.
    let library = temp_config("launchagent");
    let exe = Path::new("/Applications/ITB Companion & Co.app/Contents/MacOS/itb-companion");
    install(&library, exe, Scheduler::LaunchAgent).unwrap();
    let (path, _) = &files(&library, exe, Scheduler::LaunchAgent)[0];
    assert!(path.starts_with(library.join("LaunchAgents")));
    let plist = python(
        "import sys, json, plistlib\nprint(json.dumps(plistlib.load(open(sys.argv[1], 'rb'))))",
        path,
    );
    assert_eq!(plist["Label"], "app.itb-companion.reminders");
    assert_eq!(
        plist["ProgramArguments"],
        serde_json::json!([exe.to_str().unwrap(), "--deliver-reminders"])
    );
    assert_eq!(plist["RunAtLoad"], true);
    assert_eq!(
        plist["StartCalendarInterval"],
        serde_json::json!([{ "Hour": 8, "Minute": 0 }, { "Hour": 18, "Minute": 0 }])
    );
    assert_eq!(installed(&library), Some(Scheduler::LaunchAgent));
    remove(&library).unwrap();
    assert!(!path.exists() && installed(&library).is_none());
}

#[test]
fn the_windows_task_runs_the_delivery_twice_a_day_and_at_logon() {
    // The task XML as `schtasks /Create /XML` reads it: UTF-16 with a byte-order mark, in the
    // Task Scheduler namespace. Compile-checked for x86_64-pc-windows-gnu; schtasks not run here.
    let data = temp_config("windows-task");
    let exe = Path::new(r"C:\Program Files\ITB Companion\itb-companion.exe");
    install(&data, exe, Scheduler::WindowsTask).unwrap();
    let (path, _) = &files(&data, exe, Scheduler::WindowsTask)[0];
    assert_eq!(
        &std::fs::read(path).unwrap()[..2],
        &[0xFF, 0xFE],
        "UTF-16 LE with a BOM"
    );
    let task = python(
        r#"
import sys, json
import xml.etree.ElementTree as ET
ns = {'t': 'http://schemas.microsoft.com/windows/2004/02/mit/task'}
root = ET.fromstring(open(sys.argv[1], encoding='utf-16').read().encode('utf-16'))
print(json.dumps({
  'logon': len(root.findall('t:Triggers/t:LogonTrigger', ns)),
  'times': [t.find('t:StartBoundary', ns).text[11:] for t in root.findall('t:Triggers/t:CalendarTrigger', ns)],
  'daily': [t.find('t:ScheduleByDay/t:DaysInterval', ns).text for t in root.findall('t:Triggers/t:CalendarTrigger', ns)],
  'command': root.find('t:Actions/t:Exec/t:Command', ns).text,
  'arguments': root.find('t:Actions/t:Exec/t:Arguments', ns).text,
  'late': root.find('t:Settings/t:StartWhenAvailable', ns).text,
}))
"#,
        path,
    );
    assert_eq!(task["logon"], 1);
    assert_eq!(task["times"], serde_json::json!(["08:00:00", "18:00:00"]));
    assert_eq!(task["daily"], serde_json::json!(["1", "1"]));
    assert_eq!(task["command"], exe.to_str().unwrap());
    assert_eq!(task["arguments"], "--deliver-reminders");
    assert_eq!(
        task["late"], "true",
        "a day the computer was off still gets its run"
    );
    assert_eq!(installed(&data), Some(Scheduler::WindowsTask));
    remove(&data).unwrap();
    assert!(!path.exists());
}
