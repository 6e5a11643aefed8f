//! Making and opening card links (issue 17) with the webview's own Web Crypto and
//! CompressionStream (`share.js`, evaluated in the page): the same code on the web and in the
//! desktop app's webview, and the wasm carries no cipher or compressor. `core::share` decides what goes in and
//! checks what comes out; nothing here goes over the network.

use dioxus::document::eval;

use crate::core::share::{Link, ShareError, FRAGMENT_MARK};

// share.js: sealing and opening a shared card with the browser's own CompressionStream and
// Web Crypto: PBKDF2-SHA-256 (600 000 rounds, random salt) turns the short code into an
// AES-256-GCM key and a 4-byte key check; nothing there is sent anywhere. tests/share.rs runs
// the same file in Node, which has the same APIs. Link data: salt (16) | key check (4) |
// nonce (12) | AES-GCM ciphertext + tag, or, for a card shared without a code, only the
// compressed card. Base64url, no padding. (This comment is here, not in share.js: the file is
// compiled into the wasm as a string.)
const SHARE_JS: &str = include_str!("share.js");

/// The web app's public address a desktop build makes links to (`ITB_PUBLIC_URL` at build
/// time), or None: then the desktop offers the export file instead.
pub const PUBLIC_ADDRESS: Option<&str> = option_env!("ITB_PUBLIC_URL");

/// A sealed card: the link's fragment, and the code that opens it (None: shared without).
#[derive(Debug, Clone, PartialEq)]
pub struct Sealed {
    pub fragment: String,
    pub code: Option<String>,
}

/// What share.js answered (every field a string or absent). Read through serde_json::Value like
/// every other JSON read in the app: a derived Deserialize read straight from the text would
/// link a second JSON reader (~9 KB of wasm).
struct Answer {
    fragment: Option<String>,
    code: Option<String>,
    json: Option<String>,
    key: Option<String>,
    error: Option<String>,
}

/// Runs one `itbShare` call in the page and reads its answer.
async fn run(call: &str) -> Result<Answer, ShareError> {
    let js = format!(
        "{SHARE_JS}\n(async () => {{ try {{ if (!itbShare.supported()) {{ dioxus.send(JSON.stringify({{ error: 'unsupported' }})); return; }} \
         dioxus.send(JSON.stringify(await {call})); }} catch (e) {{ dioxus.send(JSON.stringify({{ error: 'failed: ' + e }})); }} }})();"
    );
    let mut e = eval(&js);
    let text = e
        .recv::<String>()
        .await
        // Not the EvalError's own text: its Display would be linked for this one message.
        .map_err(|_| ShareError::Unsupported("the page did not answer".into()))?;
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let field = |name: &str| {
        value
            .get(name)
            .and_then(serde_json::Value::as_str)
            .map(str::to_string)
    };
    let answer = Answer {
        fragment: field("fragment"),
        code: field("code"),
        json: field("json"),
        key: field("key"),
        error: field("error"),
    };
    match answer.error.as_deref() {
        None => Ok(answer),
        Some("code") => Err(ShareError::WrongCode),
        Some("damaged") => Err(ShareError::Damaged),
        Some("unsupported") => Err(ShareError::Unsupported(
            "no Web Crypto or CompressionStream here".into(),
        )),
        Some(other) => Err(ShareError::Unsupported(other.to_string())),
    }
}

fn js_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}

/// Seals a card's JSON into a link fragment; with a fresh random code unless `with_code` is
/// false (only for the emergency card alone: core::share::SharedParts::card_only).
pub async fn seal(json: &str, with_code: bool) -> Result<Sealed, ShareError> {
    let answer = run(&format!("itbShare.seal({}, {with_code})", js_string(json))).await?;
    let fragment = answer.fragment.ok_or(ShareError::Damaged)?;
    Ok(Sealed {
        fragment,
        code: answer.code,
    })
}

/// Opens a checked link with a normalized code (ignored for a link without one).
pub async fn open(link: &Link, code: &str) -> Result<String, ShareError> {
    let call = format!(
        "itbShare.open({}, {}, {})",
        link.coded,
        js_string(&link.data),
        js_string(code)
    );
    run(&call).await?.json.ok_or(ShareError::Damaged)
}

/// A random name for a child's shares (12 random bytes, base64url).
pub async fn new_key() -> Result<String, ShareError> {
    run("{ key: itbShare.newKey() }")
        .await?
        .key
        .ok_or(ShareError::Damaged)
}

/// The address links point to: this web app's own, or the desktop build's public address.
pub async fn app_address() -> Option<String> {
    if cfg!(target_arch = "wasm32") {
        let mut e = eval("dioxus.send(location.origin + '/');");
        e.recv::<String>().await.ok()
    } else {
        PUBLIC_ADDRESS.map(|a| format!("{}/", a.trim_end_matches('/')))
    }
}

/// A link the page was opened with (web): taken out of the address bar at once, so a reload
/// or a screenshot does not keep it.
pub async fn take_opened_link() -> Option<String> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    // index.html took it out of the address bar before the router started.
    let mut e = eval(&format!(
        "const h = window.__itbShareLink || location.href; delete window.__itbShareLink; \
         if (h.includes('{FRAGMENT_MARK}')) {{ history.replaceState(history.state, '', location.pathname + location.search); dioxus.send(h); }} else {{ dioxus.send(''); }}"
    ));
    let href = e.recv::<String>().await.ok()?;
    (!href.is_empty()).then_some(href)
}

/// Hands the link to the system share sheet where the browser has one. Ok(false): no share
/// sheet here (copy the link instead); Err: it failed or was cancelled.
pub async fn share_sheet(title: &str, text: &str, url: &str) -> Result<bool, String> {
    let mut e = eval(&format!(
        "if (!navigator.share) {{ dioxus.send('none'); }} else {{ navigator.share({{ title: {}, text: {}, url: {} }}).then(() => dioxus.send('shared'), (e) => dioxus.send(e && e.name === 'AbortError' ? 'cancelled' : 'failed: ' + e)); }}",
        js_string(title),
        js_string(text),
        js_string(url)
    ));
    match e
        .recv::<String>()
        .await
        .unwrap_or_else(|_| "the page did not answer".into())
        .as_str()
    {
        "shared" => Ok(true),
        "none" => Ok(false),
        "cancelled" => Err("Sharing was cancelled.".into()),
        other => Err(other.to_string()),
    }
}

/// Copies text to the clipboard; false where the page may not.
pub async fn copy_text(text: &str) -> bool {
    let mut e = eval(&format!(
        "(navigator.clipboard ? navigator.clipboard.writeText({}) : Promise.reject()).then(() => dioxus.send(true), () => dioxus.send(false));",
        js_string(text)
    ));
    e.recv::<bool>().await.unwrap_or(false)
}
