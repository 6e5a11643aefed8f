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
    client: reqwest::Client,
    base: String,
    backoff_unit: Duration,
    max_bytes: usize,
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
        let builder = reqwest::Client::builder().user_agent(USER_AGENT);
        #[cfg(not(target_arch = "wasm32"))]
        let builder = builder.connect_timeout(connect).timeout(total);
        #[cfg(target_arch = "wasm32")]
        let _ = (connect, total);
        OpenFda {
            client: builder
                .build()
                .expect("a client with these settings always builds"),
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
        let url = format!("{}{path}", self.base);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let sent = self
                .client
                .get(&url)
                .query(&[("search", search), ("limit", &limit.to_string())])
                .send()
                .await;
            let retry_wait = match sent {
                Err(e) if is_timeout(&e) => {
                    if attempt >= MAX_TRIES {
                        return Err(LookupError::Timeout);
                    }
                    None
                }
                Err(e) => return Err(LookupError::Network(e.to_string())),
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    match status {
                        200 => return self.read_json(resp).await.map(Some),
                        404 => return Ok(None),
                        429 | 500..=599 => {
                            if attempt >= MAX_TRIES {
                                return Err(if status == 429 {
                                    LookupError::RateLimited
                                } else {
                                    LookupError::Server(status)
                                });
                            }
                            retry_after(&resp)
                        }
                        _ => return Err(LookupError::Rejected(status)),
                    }
                }
            };
            let backoff = self.backoff_unit * 2u32.pow(attempt - 1);
            sleep(retry_wait.unwrap_or(backoff).min(MAX_BACKOFF)).await;
        }
    }

    async fn read_json(&self, resp: reqwest::Response) -> Result<Value, LookupError> {
        if resp
            .content_length()
            .is_some_and(|n| n as usize > self.max_bytes)
        {
            return Err(LookupError::TooLarge);
        }
        let body = self.read_limited(resp).await?;
        serde_json::from_slice(&body).map_err(|e| LookupError::Malformed(e.to_string()))
    }

    /// Reads the body chunk by chunk, stopping as soon as it passes the limit.
    #[cfg(not(target_arch = "wasm32"))]
    async fn read_limited(&self, mut resp: reqwest::Response) -> Result<Vec<u8>, LookupError> {
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| {
            if is_timeout(&e) {
                LookupError::Timeout
            } else {
                LookupError::Network(e.to_string())
            }
        })? {
            body.extend_from_slice(&chunk);
            if body.len() > self.max_bytes {
                return Err(LookupError::TooLarge);
            }
        }
        Ok(body)
    }

    /// The browser's fetch gives the body whole; the length is checked before parsing.
    #[cfg(target_arch = "wasm32")]
    async fn read_limited(&self, resp: reqwest::Response) -> Result<Vec<u8>, LookupError> {
        let body = resp
            .bytes()
            .await
            .map_err(|e| LookupError::Network(e.to_string()))?;
        if body.len() > self.max_bytes {
            return Err(LookupError::TooLarge);
        }
        Ok(body.to_vec())
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

fn is_timeout(e: &reqwest::Error) -> bool {
    #[cfg(not(target_arch = "wasm32"))]
    {
        e.is_timeout()
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = e;
        false
    }
}

/// Retry-After in seconds (the HTTP-date form is rare for this API and treated as absent).
fn retry_after(resp: &reqwest::Response) -> Option<Duration> {
    resp.headers()
        .get("retry-after")?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

async fn sleep(d: Duration) {
    #[cfg(not(target_arch = "wasm32"))]
    tokio::time::sleep(d).await;
    #[cfg(target_arch = "wasm32")]
    gloo_timers::future::sleep(d).await;
}
