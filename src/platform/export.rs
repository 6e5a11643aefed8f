//! Handing an exported card file to the user: a download in the browser, a file in the
//! Downloads folder on desktop and mobile.

/// What happened to an export, in words for the user.
pub fn export_file(file_name: &str, bytes: &[u8]) -> Result<String, String> {
    imp::export_file(file_name, bytes, "application/json")
}

/// The same for a calendar file (text/calendar), so a phone offers to open it in its calendar.
pub fn export_calendar(file_name: &str, ics: &str) -> Result<String, String> {
    imp::export_file(file_name, ics.as_bytes(), "text/calendar")
}

#[cfg(target_arch = "wasm32")]
mod imp {
    pub fn export_file(file_name: &str, bytes: &[u8], mime: &str) -> Result<String, String> {
        let text = String::from_utf8_lossy(bytes);
        let data = serde_json::to_string(&text).map_err(|e| e.to_string())?;
        let name = serde_json::to_string(file_name).map_err(|e| e.to_string())?;
        // A calendar goes to the share sheet where the phone offers one for files (the
        // calendar app is among its targets); otherwise, and for cards, it is downloaded.
        let script = format!(
            "const b = new Blob([{data}], {{type: '{mime}'}});\
             const f = new File([b], {name}, {{type: '{mime}'}});\
             const share = '{mime}' === 'text/calendar' && navigator.canShare && navigator.canShare({{ files: [f] }});\
             const download = () => {{ const a = document.createElement('a');\
               a.href = URL.createObjectURL(b); a.download = {name};\
               document.body.appendChild(a); a.click(); a.remove();\
               setTimeout(() => URL.revokeObjectURL(a.href), 10000); }};\
             if (share) navigator.share({{ files: [f] }}).catch((e) => {{ if (e.name !== 'AbortError') download(); }}); else download();"
        );
        let _ = dioxus::document::eval(&script);
        Ok(format!("Downloaded {file_name}."))
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::path::PathBuf;

    fn export_dir() -> Option<PathBuf> {
        if let Ok(dir) = std::env::var("ITB_COMPANION_EXPORT_DIR") {
            return Some(PathBuf::from(dir));
        }
        let dirs = directories::UserDirs::new()?;
        Some(
            dirs.download_dir()
                .map(PathBuf::from)
                .unwrap_or_else(|| dirs.home_dir().to_path_buf()),
        )
    }

    /// Writes a new file, never over an earlier export: "cards.json", then "cards (2).json",
    /// and so on. Readable by the user only (it holds the child's health data).
    pub fn export_file(file_name: &str, bytes: &[u8], _mime: &str) -> Result<String, String> {
        use std::io::Write;
        let dir = export_dir().ok_or("no folder was found to save the export in")?;
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let (stem, ext) = match file_name.rsplit_once('.') {
            Some((stem, ext)) => (stem, format!(".{ext}")),
            None => (file_name, String::new()),
        };
        for n in 1..=1000 {
            let name = if n == 1 {
                file_name.to_string()
            } else {
                format!("{stem} ({n}){ext}")
            };
            let path = dir.join(&name);
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            match options.open(&path) {
                Ok(mut file) => {
                    file.write_all(bytes)
                        .and_then(|()| file.sync_all())
                        .map_err(|e| format!("could not write {}: {e}", path.display()))?;
                    return Ok(format!("Saved to {}.", path.display()));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(format!("could not write {}: {e}", path.display())),
            }
        }
        Err(format!(
            "could not save {file_name}: 1000 files of that name are already in {}",
            dir.display()
        ))
    }
}
