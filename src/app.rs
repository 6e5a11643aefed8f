//! The App root: routes, shared state, and the start-up wiring.

use std::rc::Rc;

use dioxus::history::{History, MemoryHistory};
use dioxus::prelude::*;

use crate::core::profile::{Child, Family};
use crate::ui::components::Shell;
use crate::ui::views::{DeviceCard, EmergencyCard, EmergencyPlan, Home, Settings, SymptomChecker};

const MAIN_CSS: Asset = asset!("/assets/main.css");

#[derive(Debug, Clone, PartialEq, Routable)]
#[rustfmt::skip]
pub enum Route {
    #[layout(Shell)]
        #[route("/")]
        Home {},
        #[route("/card")]
        DeviceCard {},
        #[route("/symptoms")]
        SymptomChecker {},
        #[route("/plan")]
        EmergencyPlan {},
        #[route("/emergency")]
        EmergencyCard {},
        #[route("/settings")]
        Settings {},
}

/// State every screen reads: the family's cards and whose card is on screen.
#[derive(Clone, Copy, PartialEq)]
pub struct AppState {
    pub family: Signal<Family>,
    /// The child whose data is shown; None only while the family has no child.
    pub selected: Signal<Option<u64>>,
}

impl AppState {
    /// The child on screen: the selected one, or the first if the selection is gone.
    pub fn current_child(&self) -> Option<Child> {
        let family = self.family.read();
        let selected = *self.selected.read();
        selected
            .and_then(|id| family.child(id))
            .or_else(|| family.children.first())
            .cloned()
    }
}

/// The app as launched on every platform: starts with the saved family (empty for now).
#[component]
pub fn App() -> Element {
    rsx! {
        AppRoot { family: Family::default() }
    }
}

/// The root with its data given: used by `App`, and by tests that render a screen at `start`
/// (an in-memory history, so no browser or window is needed).
#[component]
pub fn AppRoot(family: Family, start: Option<String>) -> Element {
    use_hook(|| {
        if let Some(path) = &start {
            provide_context::<Rc<dyn History>>(Rc::new(MemoryHistory::with_initial_path(path)));
        }
    });
    let selected = use_signal(|| family.children.first().map(|c| c.id));
    let family = use_signal(|| family);
    use_context_provider(|| AppState { family, selected });

    rsx! {
        document::Link { rel: "stylesheet", href: MAIN_CSS }
        Router::<Route> {}
    }
}
