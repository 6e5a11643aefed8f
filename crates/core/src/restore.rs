//! Restore points: the family as it was before an import or a restore, kept by name so a
//! family can go back to it from Settings (not only as a rolling backup that three automatic
//! saves push out).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::family::Family;

/// How many restore points are kept (the newest).
pub const MAX_RESTORE_POINTS: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RestorePoint {
    /// "Before the import on Thu 26 Nov 2026", in words.
    pub name: String,
    #[serde(deserialize_with = "crate::dates::de_date")]
    pub created: NaiveDate,
    pub family: Family,
}

/// Adds a point, newest first, keeping at most [`MAX_RESTORE_POINTS`].
pub fn add_restore_point(points: &mut Vec<RestorePoint>, point: RestorePoint) {
    points.insert(0, point);
    points.truncate(MAX_RESTORE_POINTS);
}

/// The saved points; a damaged or missing slot gives none (never an error on start).
pub fn parse_restore_points(json: Option<&str>) -> Vec<RestorePoint> {
    // Through a JSON value, as the family file is read (`storefile::decode`), and written
    // pretty, as it is written: the web build then holds one (de)serializer of the family,
    // not a second pair for another reader and writer (that cost 118 KB of wasm).
    json.and_then(|j| serde_json::from_str::<serde_json::Value>(j).ok())
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default()
}

pub fn restore_points_json(points: &[RestorePoint]) -> String {
    let bytes = serde_json::to_vec_pretty(points).expect("restore points are plain data");
    String::from_utf8(bytes).expect("serde_json writes UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_and_capped() {
        let mut points = Vec::new();
        for n in 0..8 {
            let mut family = Family::default();
            family.add_child(&format!("Child {n}"));
            add_restore_point(
                &mut points,
                RestorePoint {
                    name: format!("point {n}"),
                    created: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
                    family,
                },
            );
        }
        assert_eq!(points.len(), MAX_RESTORE_POINTS);
        assert_eq!(points[0].name, "point 7");
        let json = restore_points_json(&points);
        assert_eq!(parse_restore_points(Some(&json)), points);
        assert!(parse_restore_points(Some("damaged")).is_empty());
        assert!(parse_restore_points(None).is_empty());
    }
}
