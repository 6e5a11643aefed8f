//! Files in the app's data folder (desktop, iOS, Android): write to a temp file of this save's
//! own, fsync, rename over the real one, fsync the folder. The folder is private to the user
//! (0700, files 0600), and one app instance at a time holds it: a second window opens it
//! read-only and says so, so two writers can never interleave their saves.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::Slots;
use crate::core::storefile::MAX_FILE_BYTES;

pub struct FileSlots {
    dir: PathBuf,
    /// The data folder's lock, held while this instance may write (see `open_exclusive`).
    _lock: Option<File>,
    /// Why this instance may not write (another instance holds the folder), if so.
    read_only: Option<String>,
}

/// The lock file in the data folder: whoever holds an exclusive lock on it may write.
pub const LOCK: &str = ".lock";

/// Told to the user of a second window, and returned by every write it tries.
pub const READ_ONLY_MESSAGE: &str = "Another ITB Companion window has your family's cards open. This window only shows them: changes here are not saved. Close this window and use the other one, or close the other one and open the app again.";

/// A number for each save in this process, so no two saves share a temp file.
static SAVE_NUMBER: AtomicU64 = AtomicU64::new(0);

impl FileSlots {
    /// Slots in `dir` with no lock (tests, and tools that read a copy).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        FileSlots {
            dir: dir.into(),
            _lock: None,
            read_only: None,
        }
    }

    /// Slots in `dir` for the app: takes the folder's exclusive lock, or, when another
    /// instance holds it, opens read-only (every write refused with [`READ_ONLY_MESSAGE`]).
    pub fn open_exclusive(dir: impl Into<PathBuf>) -> Result<Self, String> {
        let mut slots = FileSlots::new(dir);
        slots.make_dir()?;
        let lock = private_file(&slots.path(LOCK), false)
            .map_err(|e| format!("could not open {}: {e}", slots.path(LOCK).display()))?;
        match lock.try_lock() {
            Ok(()) => {
                slots._lock = Some(lock);
                slots.remove_stale_temp_files();
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                slots.read_only = Some(READ_ONLY_MESSAGE.to_string())
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(format!(
                    "could not lock {}: {e}",
                    slots.path(LOCK).display()
                ))
            }
        }
        Ok(slots)
    }

    /// Why this instance cannot save, if it cannot.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Creates the folder private to the user (0700 on Unix), and makes an existing one so.
    fn make_dir(&self) -> Result<(), String> {
        let fail = |e: std::io::Error| format!("could not create {}: {e}", self.dir.display());
        #[cfg(unix)]
        {
            use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(&self.dir)
                .map_err(fail)?;
            fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700)).map_err(fail)?;
        }
        #[cfg(not(unix))]
        fs::create_dir_all(&self.dir).map_err(fail)?;
        Ok(())
    }

    /// Temp files left by a save that never finished (the app was killed mid-save). Only the
    /// lock holder calls this, so no other writer can be using them.
    fn remove_stale_temp_files(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().ends_with(".tmp") {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    fn refuse_if_read_only(&self) -> Result<(), String> {
        match &self.read_only {
            Some(message) => Err(message.clone()),
            None => Ok(()),
        }
    }

    /// The platform's data folder for the app: `directories::ProjectDirs` on desktop and
    /// iOS, the activity's files directory on Android.
    pub fn platform_default() -> Result<Self, String> {
        let dir = match std::env::var("ITB_COMPANION_DATA_DIR") {
            Ok(dir) => PathBuf::from(dir),
            Err(_) => data_dir()?,
        };
        FileSlots::open_exclusive(dir)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn sync_dir(&self) -> Result<(), String> {
        // Directories can be fsynced on Unix; Windows has no such handle (rename is durable there).
        #[cfg(unix)]
        File::open(&self.dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| format!("could not sync {}: {e}", self.dir.display()))?;
        Ok(())
    }
}

#[cfg(not(target_os = "android"))]
fn data_dir() -> Result<PathBuf, String> {
    directories::ProjectDirs::from("org", "ITB Companion", "ITB Companion")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or_else(|| "no home folder was found for saving data".to_string())
}

/// Android: `Context.getFilesDir()` through JNI (ProjectDirs has no answer there).
#[cfg(target_os = "android")]
fn data_dir() -> Result<PathBuf, String> {
    use jni::objects::{JObject, JString};
    let ctx = ndk_context::android_context();
    // SAFETY: ndk-context hands out the process's JavaVM and the activity for its lifetime.
    let vm = unsafe { jni::JavaVM::from_raw(ctx.vm().cast()) }.map_err(|e| e.to_string())?;
    let mut env = vm.attach_current_thread().map_err(|e| e.to_string())?;
    let activity = unsafe { JObject::from_raw(ctx.context().cast()) };
    let dir = env
        .call_method(&activity, "getFilesDir", "()Ljava/io/File;", &[])
        .and_then(|v| v.l())
        .map_err(|e| e.to_string())?;
    let path = env
        .call_method(&dir, "getAbsolutePath", "()Ljava/lang/String;", &[])
        .and_then(|v| v.l())
        .map_err(|e| e.to_string())?;
    let path: String = env
        .get_string(&JString::from(path))
        .map_err(|e| e.to_string())?
        .into();
    Ok(PathBuf::from(path))
}

impl Slots for FileSlots {
    /// Reads at most `MAX_FILE_BYTES`: a larger file is refused without being read into memory
    /// (a 50 MB file must not cost a phone 50 MB before being found too large).
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let file = match File::open(self.path(name)) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.to_string()),
        };
        let too_large = |bytes: u64| {
            format!(
                "the file is too large: {} KB; the limit is {} KB",
                bytes / 1024,
                MAX_FILE_BYTES / 1024
            )
        };
        let len = file.metadata().map_err(|e| e.to_string())?.len();
        if len > MAX_FILE_BYTES as u64 {
            return Err(too_large(len));
        }
        let mut bytes = Vec::with_capacity(len as usize);
        // One byte over the limit is enough to know, should the file grow while being read.
        file.take(MAX_FILE_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| e.to_string())?;
        if bytes.len() > MAX_FILE_BYTES {
            return Err(too_large(bytes.len() as u64));
        }
        Ok(Some(bytes))
    }

    fn write_atomic(&self, name: &str, bytes: &[u8]) -> Result<(), String> {
        self.refuse_if_read_only()?;
        self.make_dir()?;
        // This save's own temp file: two saves (two threads, or a tool beside the app) never
        // write into each other's.
        let n = SAVE_NUMBER.fetch_add(1, Ordering::Relaxed);
        let tmp = self.path(&format!("{name}.{}-{n}.tmp", std::process::id()));
        let result = (|| {
            let mut file = private_file(&tmp, true)?;
            file.write_all(bytes)?;
            file.sync_all()?;
            fs::rename(&tmp, self.path(name))
        })();
        if let Err(e) = result {
            let _ = fs::remove_file(&tmp);
            return Err(format!("could not save {}: {e}", self.path(name).display()));
        }
        self.sync_dir()
    }

    fn rename(&self, from: &str, to: &str) -> Result<(), String> {
        self.refuse_if_read_only()?;
        match fs::rename(self.path(from), self.path(to)) {
            Ok(()) => self.sync_dir(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(format!("could not move {from}: {e}")),
        }
    }

    fn exists(&self, name: &str) -> bool {
        self.path(name).exists()
    }

    fn location(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }
}

/// Opens a file readable and writable by the user only (0600 on Unix): a new one (`create_new`)
/// for a save, or the existing one for the lock.
fn private_file(path: &Path, new: bool) -> std::io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true);
    if new {
        options.create_new(true);
    } else {
        options.create(true).truncate(false);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}
