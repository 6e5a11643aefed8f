//! Files in the app's data folder (desktop, iOS, Android): write to a temp file, fsync,
//! rename over the real one, fsync the folder.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::Slots;
use crate::core::storefile::MAX_FILE_BYTES;

pub struct FileSlots {
    dir: PathBuf,
}

impl FileSlots {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        FileSlots { dir: dir.into() }
    }

    /// The platform's data folder for the app: `directories::ProjectDirs` on desktop and
    /// iOS, the activity's files directory on Android.
    pub fn platform_default() -> Result<Self, String> {
        if let Ok(dir) = std::env::var("ITB_COMPANION_DATA_DIR") {
            return Ok(FileSlots::new(dir));
        }
        data_dir().map(FileSlots::new)
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
        fs::create_dir_all(&self.dir)
            .map_err(|e| format!("could not create {}: {e}", self.dir.display()))?;
        let tmp = self.path(&format!("{name}.tmp"));
        let result = (|| {
            let mut file = File::create(&tmp)?;
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
