//! Saving the family, with the same safety on every backend: atomic replace, a rolling backup
//! of the last good versions, and a damaged file moved aside untouched (never overwritten).
//!
//! Backends only move bytes between named slots (`Slots`); the policy lives once, here.

mod memory;
pub use memory::MemorySlots;

#[cfg(not(target_arch = "wasm32"))]
mod file;
#[cfg(not(target_arch = "wasm32"))]
pub use file::{FileSlots, READ_ONLY_MESSAGE};

#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
pub use web::WebSlots;

use crate::core::check::check_family;
use crate::core::family::Family;
use crate::core::restore::{
    add_restore_point, parse_restore_points, restore_points_json, RestorePoint,
};
use crate::core::storefile::{decode, encode, FileKind};
use crate::core::update::SaveResult;

pub const MAIN: &str = "family.json";
pub const BACKUPS: usize = 3;

fn backup_name(k: usize) -> String {
    format!("{MAIN}.bak{k}")
}

/// Named byte slots: files in a folder, localStorage keys, or memory.
pub trait Slots {
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, String>;
    /// Replaces the slot's content all at once: a crash leaves the old or the new bytes.
    fn write_atomic(&self, name: &str, bytes: &[u8]) -> Result<(), String>;
    /// Renames a slot (replacing `to`); a missing `from` is not an error.
    fn rename(&self, from: &str, to: &str) -> Result<(), String>;
    fn exists(&self, name: &str) -> bool;
    /// Where a slot is, in words the user can act on (a path, or "this browser's storage").
    fn location(&self, name: &str) -> String;
}

/// What loading found: the family to use, and a plain message if anything was wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub family: Family,
    pub problem: Option<String>,
}

pub struct FamilyStore<S: Slots> {
    slots: S,
}

impl<S: Slots> FamilyStore<S> {
    pub fn new(slots: S) -> Self {
        FamilyStore { slots }
    }

    pub fn slots(&self) -> &S {
        &self.slots
    }

    /// Loads the saved family. A damaged or newer-version file is moved aside untouched, the
    /// newest good backup is used instead (or an empty family), and `problem` says so.
    pub fn load(&self) -> Loaded {
        let main_error = match self.slots.read(MAIN) {
            Ok(None) => None,
            Ok(Some(bytes)) => match decode(&bytes) {
                Ok(file) => {
                    // The limits of the form and the import, on load too (issue 15.6): a card
                    // changed outside the app is kept, and the family is told what to correct.
                    let problem = check_family(&file.family).err().map(|p| {
                        format!(
                            "The saved cards hold something this app would not have saved ({}). Nothing was changed: open that card, check it and correct it.",
                            crate::words::forms::problem(&p)
                        )
                    });
                    return Loaded {
                        family: file.family,
                        problem,
                    };
                }
                Err(e) => Some(e.to_string()),
            },
            Err(e) => Some(format!("It could not be read ({e}).")),
        };
        let mut problem = None;
        if let Some(reason) = main_error {
            let aside = self.move_aside(MAIN);
            let moved = aside.is_ok();
            problem = Some(match aside {
                Ok(name) => format!(
                    "Your saved cards could not be opened: {reason} The file was kept, untouched, at {}.",
                    self.slots.location(&name)
                ),
                Err(e) => format!(
                    "Your saved cards could not be opened: {reason} It could not be moved aside ({e}), so nothing will be saved over it until this is fixed."
                ),
            });
            if !moved {
                return Loaded {
                    family: Family::default(),
                    problem,
                };
            }
        }
        for k in 1..=BACKUPS {
            let name = backup_name(k);
            if let Ok(Some(bytes)) = self.slots.read(&name) {
                if let Ok(file) = decode(&bytes) {
                    if problem.is_none() {
                        problem = Some("The saved cards were missing.".to_string());
                    }
                    let text = problem.take().unwrap_or_default();
                    return Loaded {
                        family: file.family,
                        problem: Some(format!(
                            "{text} The last good backup was loaded instead: check that your latest changes are there."
                        )),
                    };
                }
            }
        }
        Loaded {
            family: Family::default(),
            problem: problem
                .map(|p| format!("{p} No backup could be read, so the app starts empty.")),
        }
    }

    /// Saves atomically, keeping the previous good version as the newest backup.
    pub fn save(&self, family: &Family) -> Result<(), String> {
        let bytes = encode(family, FileKind::Family);
        match self.slots.read(MAIN) {
            Ok(None) => {}
            Ok(Some(current)) if decode(&current).is_ok() => {
                // A save cut short (a crash) after its backup step already kept this version:
                // keeping it twice would push an older version out.
                let kept = self.slots.read(&backup_name(1)).ok().flatten();
                if kept.as_deref() != Some(current.as_slice()) {
                    // Shift the backups up to the first free slot only (a save cut short in
                    // mid-rotation leaves one), so no older version is dropped for nothing.
                    let gap = (1..BACKUPS)
                        .find(|&k| !self.slots.exists(&backup_name(k)))
                        .unwrap_or(BACKUPS);
                    for k in (1..gap).rev() {
                        self.slots.rename(&backup_name(k), &backup_name(k + 1))?;
                    }
                    self.slots.write_atomic(&backup_name(1), &current)?;
                }
            }
            // Never write over a file we cannot read or decode (damaged, too large, newer,
            // unreadable): move it aside first, or do not save at all.
            Ok(Some(_)) | Err(_) => {
                self.move_aside(MAIN)?;
            }
        }
        self.slots.write_atomic(MAIN, &bytes)
    }

    fn move_aside(&self, name: &str) -> Result<String, String> {
        let target = (1..10_000)
            .map(|n| format!("{name}.damaged-{n}"))
            .find(|candidate| !self.slots.exists(candidate))
            .ok_or("too many damaged copies")?;
        self.slots.rename(name, &target)?;
        Ok(target)
    }
}

/// The store as the app holds it, whatever the backend.
pub trait PersistFamily {
    fn load(&self) -> Loaded;
    fn save(&self, family: &Family) -> Result<(), String>;
    /// The revision of the family as saved now (another window may have saved since this
    /// one loaded); None when nothing readable is saved.
    fn stored_revision(&self) -> Option<u64>;
    /// A small text slot beside the family file (`EXTRA_*`); None when absent or cleared.
    fn read_extra(&self, name: &str) -> Option<String>;
    /// Replaces a small text slot; None clears it.
    fn write_extra(&self, name: &str, text: Option<&str>) -> Result<(), String>;
}

/// Why a save was not made.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveRefused {
    /// Another tab or window saved a newer revision since this one loaded: here it is.
    ChangedElsewhere(Box<Family>),
    /// The store could not write (the message says why).
    Failed(String),
}

/// Saves `family` as the next revision after `base` (the revision this window loaded or last
/// saved), unless another window has saved a newer one meanwhile. Returns what was saved.
pub fn save_over(
    store: &dyn PersistFamily,
    base: u64,
    mut family: Family,
) -> Result<Family, SaveRefused> {
    if store.stored_revision().is_some_and(|saved| saved > base) {
        return Err(SaveRefused::ChangedElsewhere(Box::new(store.load().family)));
    }
    family.revision = base + 1;
    store.save(&family).map_err(SaveRefused::Failed)?;
    Ok(family)
}

/// Performs `core::update`'s `Effect::Save`: `family` over its own revision, as the result
/// `update` reads back (`Event::Saved`).
pub fn perform_save(store: &dyn PersistFamily, family: Family) -> SaveResult {
    match save_over(store, family.revision, family) {
        Ok(saved) => SaveResult::Saved {
            revision: saved.revision,
        },
        Err(SaveRefused::ChangedElsewhere(newer)) => SaveResult::ChangedElsewhere(newer),
        Err(SaveRefused::Failed(e)) => SaveResult::Failed(e),
    }
}

/// The restore points kept on this device, newest first (none if the slot is damaged).
pub fn restore_points(store: &dyn PersistFamily) -> Vec<RestorePoint> {
    parse_restore_points(store.read_extra(EXTRA_RESTORE_POINTS).as_deref())
}

/// Performs `core::update`'s `Effect::KeepRestorePoint`: adds `point` to the ones kept (the
/// newest few), read from the store as they are now, so another tab's points are kept too.
pub fn keep_restore_point(store: &dyn PersistFamily, point: RestorePoint) -> Result<(), String> {
    let mut points = restore_points(store);
    add_restore_point(&mut points, point);
    store.write_extra(EXTRA_RESTORE_POINTS, Some(&restore_points_json(&points)))
}

/// The emergency card snapshot that index.html shows before the app starts (web).
pub const EXTRA_INSTANT_CARD: &str = "instant-card.json";
/// A form's unsaved input, kept across a reload to update the app.
pub const EXTRA_DRAFT: &str = "draft.json";
/// The family before each import or restore (`core::restore`), listed in Settings.
pub const EXTRA_RESTORE_POINTS: &str = "restore-points.json";

impl<S: Slots> PersistFamily for FamilyStore<S> {
    fn load(&self) -> Loaded {
        FamilyStore::load(self)
    }
    fn save(&self, family: &Family) -> Result<(), String> {
        FamilyStore::save(self, family)
    }
    fn stored_revision(&self) -> Option<u64> {
        let bytes = self.slots.read(MAIN).ok().flatten()?;
        decode(&bytes).ok().map(|file| file.family.revision)
    }
    fn read_extra(&self, name: &str) -> Option<String> {
        let bytes = self.slots.read(name).ok().flatten()?;
        let text = String::from_utf8(bytes).ok()?;
        (!text.is_empty()).then_some(text)
    }
    fn write_extra(&self, name: &str, text: Option<&str>) -> Result<(), String> {
        if text.is_none() && !self.slots.exists(name) {
            return Ok(());
        }
        self.slots
            .write_atomic(name, text.unwrap_or_default().as_bytes())
    }
}

/// A shared handle to the store (compared by identity, so it can be a component prop).
#[derive(Clone)]
pub struct StoreHandle(pub std::rc::Rc<dyn PersistFamily>);

impl PartialEq for StoreHandle {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

impl StoreHandle {
    pub fn memory() -> Self {
        StoreHandle(std::rc::Rc::new(FamilyStore::new(MemorySlots::default())))
    }

    /// The platform's store: localStorage on the web, the app's data folder elsewhere. If no
    /// folder can be found, a memory store and the reason, so the app still works and says so.
    pub fn platform_default() -> (Self, Option<String>) {
        #[cfg(target_arch = "wasm32")]
        {
            (
                StoreHandle(std::rc::Rc::new(FamilyStore::new(WebSlots))),
                None,
            )
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            match FileSlots::platform_default() {
                Ok(slots) => {
                    let read_only = slots.read_only().map(str::to_string);
                    (
                        StoreHandle(std::rc::Rc::new(FamilyStore::new(slots))),
                        read_only,
                    )
                }
                Err(e) => (
                    Self::memory(),
                    Some(format!("Cards cannot be saved on this device ({e}). They are kept only until the app closes.")),
                ),
            }
        }
    }
}

/// Whether the browser promised to keep our data. None where it does not apply.
pub async fn request_persistence() -> Option<bool> {
    #[cfg(target_arch = "wasm32")]
    {
        Some(web::request_persistence().await)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}
