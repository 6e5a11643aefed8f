//! The one openFDA client: timeouts, a User-Agent, retries only for GETs on 429 / 5xx /
//! timeouts with capped backoff that honours Retry-After, a 404 NOT_FOUND read as "none
//! found", 400 never retried, a response size limit, and an injected base URL for tests.

use std::time::Duration;

use serde_json::Value;

use crate::core::profile::PumpModel;
use crate::core::recalls::{
    apply_classes, parse_boxed_warning, parse_device, parse_recalls, recall_search, BoxedWarning,
    DeviceInfo, LookupError, Recall,
};

pub const DEFAULT_BASE: &str = "https://api.fda.gov";
pub const USER_AGENT: &str = concat!(
    "ITB-Companion/",
    env!("CARGO_PKG_VERSION"),
    " (family safety look-up)"
);
/// The largest answer accepted: recalls for one model are a few tens of KB.
pub const MAX_RESPONSE_BYTES: usize = 2 * 1024 * 1024;
pub const MAX_TRIES: u32 = 3;
/// Longest wait between tries, whatever Retry-After says.
pub const MAX_BACKOFF: Duration = Duration::from_secs(8);

#[derive(Clone)]
pub struct OpenFda {
    transport: Transport,
    base: String,
    backoff_unit: Duration,
    max_bytes: usize,
}

/// What one try gave.
enum Sent {
    Timeout,
    Failed(String),
    /// An HTTP answer; the body is read only for 200 (up to the size limit).
    Answer {
        status: u16,
        retry_after: Option<Duration>,
        body: Option<Result<Vec<u8>, LookupError>>,
    },
}

impl OpenFda {
    pub fn new(base: &str) -> OpenFda {
        Self::with_settings(
            base,
            Duration::from_secs(5),
            Duration::from_secs(15),
            Duration::from_millis(500),
        )
    }

    /// `backoff_unit` is the first retry's wait (doubling after); tests shorten everything.
    pub fn with_settings(
        base: &str,
        connect: Duration,
        total: Duration,
        backoff_unit: Duration,
    ) -> OpenFda {
        OpenFda {
            transport: Transport::new(connect, total),
            base: base.trim_end_matches('/').to_string(),
            backoff_unit,
            max_bytes: MAX_RESPONSE_BYTES,
        }
    }

    pub fn with_max_bytes(mut self, max_bytes: usize) -> OpenFda {
        self.max_bytes = max_bytes;
        self
    }

    /// GET `path` with `search`; Ok(None) for openFDA's 404 NOT_FOUND ("no matches").
    async fn get(
        &self,
        path: &str,
        search: &str,
        limit: u32,
    ) -> Result<Option<Value>, LookupError> {
        let url = format!(
            "{}{path}?search={}&limit={limit}",
            self.base,
            query_escape(search)
        );
        let mut attempt = 0;
        loop {
            attempt += 1;
            let retry_wait = match self.transport.get(&url, self.max_bytes).await {
                Sent::Timeout => {
                    if attempt >= MAX_TRIES {
                        return Err(LookupError::Timeout);
                    }
                    None
                }
                Sent::Failed(e) => return Err(LookupError::Network(e)),
                Sent::Answer {
                    status,
                    retry_after,
                    body,
                } => match status {
                    200 => {
                        let body = body.unwrap_or(Ok(Vec::new()))?;
                        // Text first, then `from_str` as every other JSON read in the app: one
                        // JSON reader in the web build, not a second one for bytes (~7 KB).
                        let text = std::str::from_utf8(&body)
                            .map_err(|e| LookupError::Malformed(e.to_string()))?;
                        return serde_json::from_str(text)
                            .map(Some)
                            .map_err(|e| LookupError::Malformed(e.to_string()));
                    }
                    404 => return Ok(None),
                    429 | 500..=599 => {
                        if attempt >= MAX_TRIES {
                            return Err(if status == 429 {
                                LookupError::RateLimited
                            } else {
                                LookupError::Server(status)
                            });
                        }
                        retry_after
                    }
                    _ => return Err(LookupError::Rejected(status)),
                },
            };
            let backoff = self.backoff_unit * 2u32.pow(attempt - 1);
            sleep(retry_wait.unwrap_or(backoff).min(MAX_BACKOFF)).await;
        }
    }

    /// Recalls for the pump model, each with its class from the enforcement reports.
    pub async fn recalls(&self, model: &PumpModel) -> Result<Vec<Recall>, LookupError> {
        let Some(body) = self
            .get("/device/recall.json", &recall_search(model), 100)
            .await?
        else {
            return Ok(Vec::new());
        };
        let mut recalls = parse_recalls(&body).map_err(LookupError::Malformed)?;
        if !recalls.is_empty() {
            let numbers: Vec<String> = recalls
                .iter()
                .map(|r| format!("\"{}\"", r.number))
                .collect();
            let search = format!("recall_number:({})", numbers.join(" OR "));
            // The class is extra: a failure here keeps the recalls, without classes.
            if let Ok(Some(enforcement)) = self.get("/device/enforcement.json", &search, 100).await
            {
                apply_classes(&mut recalls, &enforcement);
            }
        }
        Ok(recalls)
    }

    /// The device behind a GTIN from a UDI.
    pub async fn device(&self, gtin: &str) -> Result<Option<DeviceInfo>, LookupError> {
        match self
            .get("/device/udi.json", &format!("identifiers.id:\"{gtin}\""), 1)
            .await?
        {
            Some(body) => parse_device(&body).map_err(LookupError::Malformed),
            None => Ok(None),
        }
    }

    /// The current boxed warning for intrathecal baclofen [L1].
    pub async fn boxed_warning(
        &self,
        fetched_at: &str,
    ) -> Result<Option<BoxedWarning>, LookupError> {
        let search = "openfda.generic_name:baclofen AND openfda.route:INTRATHECAL";
        match self.get("/drug/label.json", search, 5).await? {
            Some(body) => parse_boxed_warning(&body, fetched_at).map_err(LookupError::Malformed),
            None => Ok(None),
        }
    }
}

/// Encodes a query value as HTML forms do (space as '+', as openFDA's examples write it;
/// everything but RFC 3986 unreserved characters percent-encoded).
pub fn query_escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b' ' => out.push('+'),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Retry-After in seconds (the HTTP-date form is rare for this API and treated as absent).
fn parse_retry_after(value: Option<&str>) -> Option<Duration> {
    value?.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// Native transport: reqwest with connect and total timeouts, the body read chunk by chunk
/// and abandoned as soon as it passes the limit.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone)]
struct Transport {
    client: reqwest::Client,
}

#[cfg(not(target_arch = "wasm32"))]
impl Transport {
    fn new(connect: Duration, total: Duration) -> Transport {
        Transport {
            client: reqwest::Client::builder()
                .user_agent(USER_AGENT)
                .connect_timeout(connect)
                .timeout(total)
                .build()
                .expect("a client with these settings always builds"),
        }
    }

    async fn get(&self, url: &str, max_bytes: usize) -> Sent {
        let mut resp = match self.client.get(url).send().await {
            Ok(resp) => resp,
            Err(e) if e.is_timeout() => return Sent::Timeout,
            Err(e) => return Sent::Failed(e.to_string()),
        };
        let status = resp.status().as_u16();
        let retry_after = parse_retry_after(
            resp.headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok()),
        );
        let body = (status == 200).then_some(());
        let body = match body {
            None => None,
            Some(())
                if resp
                    .content_length()
                    .is_some_and(|n| n as usize > max_bytes) =>
            {
                Some(Err(LookupError::TooLarge))
            }
            Some(()) => Some(
                async {
                    let mut body = Vec::new();
                    loop {
                        match resp.chunk().await {
                            Ok(Some(chunk)) => {
                                body.extend_from_slice(&chunk);
                                if body.len() > max_bytes {
                                    return Err(LookupError::TooLarge);
                                }
                            }
                            Ok(None) => return Ok(body),
                            Err(e) if e.is_timeout() => return Err(LookupError::Timeout),
                            Err(e) => return Err(LookupError::Network(e.to_string())),
                        }
                    }
                }
                .await,
            ),
        };
        Sent::Answer {
            status,
            retry_after,
            body,
        }
    }
}

/// Web transport: the browser's fetch with a total timeout (AbortSignal.timeout). No HTTP
/// crate in the web build: it keeps the download small (the emergency card must load fast).
#[cfg(target_arch = "wasm32")]
#[derive(Clone)]
struct Transport {
    total_ms: u32,
}

#[cfg(target_arch = "wasm32")]
impl Transport {
    fn new(_connect: Duration, total: Duration) -> Transport {
        Transport {
            total_ms: total.as_millis().min(u32::MAX as u128) as u32,
        }
    }

    async fn get(&self, url: &str, max_bytes: usize) -> Sent {
        use wasm_bindgen::JsCast;
        use wasm_bindgen_futures::JsFuture;
        let Some(window) = web_sys::window() else {
            return Sent::Failed("no browser window".into());
        };
        let init = web_sys::RequestInit::new();
        init.set_method("GET");
        init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(self.total_ms)));
        let sent = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await;
        let resp: web_sys::Response = match sent {
            Ok(v) => match v.dyn_into() {
                Ok(r) => r,
                Err(_) => return Sent::Failed("the browser gave no response".into()),
            },
            Err(e) if is_timeout_error(&e) => return Sent::Timeout,
            Err(_) => return Sent::Failed("no connection to the FDA service".into()),
        };
        let status = resp.status();
        let header = |name: &str| resp.headers().get(name).ok().flatten();
        let retry_after = parse_retry_after(header("retry-after").as_deref());
        let body = if status != 200 {
            None
        } else if header("content-length")
            .and_then(|n| n.trim().parse::<usize>().ok())
            .is_some_and(|n| n > max_bytes)
        {
            Some(Err(LookupError::TooLarge))
        } else {
            // The browser gives the body whole; its length is checked before parsing.
            let read = match resp.array_buffer() {
                Ok(p) => JsFuture::from(p).await,
                Err(e) => Err(e),
            };
            Some(match read {
                Ok(buf) => {
                    let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                    if bytes.len() > max_bytes {
                        Err(LookupError::TooLarge)
                    } else {
                        Ok(bytes)
                    }
                }
                Err(e) if is_timeout_error(&e) => Err(LookupError::Timeout),
                Err(_) => Err(LookupError::Network("the answer was cut off".into())),
            })
        };
        Sent::Answer {
            status,
            retry_after,
            body,
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn is_timeout_error(e: &wasm_bindgen::JsValue) -> bool {
    js_sys::Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .is_some_and(|n| n == "TimeoutError" || n == "AbortError")
}

async fn sleep(d: Duration) {
    #[cfg(not(target_arch = "wasm32"))]
    tokio::time::sleep(d).await;
    #[cfg(target_arch = "wasm32")]
    gloo_timers::future::sleep(d).await;
}
