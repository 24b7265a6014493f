//! What the container and instance-metadata providers share: sending a
//! request with a short timeout and a retry, and reading the credentials
//! document both services answer with.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use super::Credentials;
use crate::client::{BoxFuture, HttpClient, Sleep, TransportError, TransportErrorKind};
use crate::json::JsonReader;
use crate::{DateTime, TimestampFormat};

/// How hard to try one metadata request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Policy {
    /// Per attempt, raced against the request when a `Sleep` is given.
    pub timeout: Duration,
    /// Attempts in all (first included).
    pub attempts: u32,
    /// Whether a timeout or a failed connection is retried (for IMDS they
    /// mostly mean "not on EC2", and a retry only doubles the wait).
    pub retry_unreachable: bool,
}

/// Sends the request `make` builds, again after a transport error or a 5xx
/// status (up to `policy.attempts`), each attempt bounded by
/// `policy.timeout` when `sleep` is given. The last outcome is returned.
pub(crate) async fn send(
    http: &dyn HttpClient,
    sleep: Option<&dyn Sleep>,
    policy: Policy,
    make: &(dyn Fn() -> http::Request<Vec<u8>> + Send + Sync),
) -> Result<http::Response<Vec<u8>>, TransportError> {
    let mut attempt = 1;
    loop {
        let outcome = Timeout {
            call: http.call(make()),
            timer: sleep.map(|s| s.sleep(policy.timeout)),
            after: policy.timeout,
        }
        .await;
        let retry = match &outcome {
            Ok(response) => response.status().is_server_error(),
            Err(error) => {
                policy.retry_unreachable
                    || !matches!(
                        error.kind(),
                        TransportErrorKind::Timeout | TransportErrorKind::Connect
                    )
            }
        };
        if !retry || attempt >= policy.attempts {
            return outcome;
        }
        attempt += 1;
    }
}

/// A request raced against a timer.
struct Timeout<'a> {
    call: BoxFuture<'a, Result<http::Response<Vec<u8>>, TransportError>>,
    timer: Option<BoxFuture<'a, ()>>,
    after: Duration,
}

impl Future for Timeout<'_> {
    type Output = Result<http::Response<Vec<u8>>, TransportError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(outcome) = self.call.as_mut().poll(cx) {
            return Poll::Ready(outcome);
        }
        if let Some(timer) = self.timer.as_mut() {
            if timer.as_mut().poll(cx).is_ready() {
                let after = self.after;
                return Poll::Ready(Err(TransportError::timeout(format!(
                    "no response within {} ms",
                    after.as_millis()
                ))));
            }
        }
        Poll::Pending
    }
}

/// The JSON document of the container and instance-metadata services:
/// `AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration` (RFC 3339),
/// `AccountId`, and for IMDS `Code`; other keys skipped.
#[derive(Debug)]
pub(crate) struct Document {
    pub code: Option<String>,
    pub credentials: Credentials,
}

/// Reads the document. Errors say what is missing or where the JSON
/// breaks, never a value.
pub(crate) fn parse_document(body: &[u8]) -> Result<Document, String> {
    let json = |e: crate::json::JsonError| {
        format!("the response is not valid JSON (at byte {})", e.offset())
    };
    let mut reader = JsonReader::new(body);
    let (mut code, mut id, mut secret, mut token, mut expiration, mut account) =
        (None, None, None, None, None, None);
    reader.begin_object().map_err(json)?;
    while let Some(key) = reader.next_key().map_err(json)? {
        match key.as_ref() {
            "Code" => code = reader.read_opt::<String>().map_err(json)?,
            "AccessKeyId" => id = reader.read_opt::<String>().map_err(json)?,
            "SecretAccessKey" => secret = reader.read_opt::<String>().map_err(json)?,
            "Token" => token = reader.read_opt::<String>().map_err(json)?,
            "Expiration" => expiration = reader.read_opt::<String>().map_err(json)?,
            "AccountId" => account = reader.read_opt::<String>().map_err(json)?,
            _ => reader.skip_value().map_err(json)?,
        }
    }
    reader.finish().map_err(json)?;
    let mut credentials = Credentials::new(
        id.ok_or("the response has no AccessKeyId")?,
        secret.ok_or("the response has no SecretAccessKey")?,
    );
    if let Some(token) = token {
        credentials = credentials.with_session_token(token);
    }
    if let Some(text) = expiration {
        let expiry = DateTime::parse(&text, TimestampFormat::DateTime)
            .ok()
            .and_then(|t| std::time::SystemTime::try_from(t).ok())
            .ok_or("the response's Expiration is not an RFC 3339 date-time")?;
        credentials = credentials.with_expiry(expiry);
    }
    if let Some(account) = account.filter(|a| !a.is_empty()) {
        credentials = credentials.with_account_id(account);
    }
    Ok(Document { code, credentials })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document() {
        let doc = parse_document(
            br#"{"Code":"Success","AccessKeyId":"ASIA","SecretAccessKey":"very-secret","Token":"t","Expiration":"2021-09-21T04:16:53Z","AccountId":"123","Type":"AWS-HMAC"}"#,
        )
        .unwrap();
        assert_eq!(doc.code.as_deref(), Some("Success"));
        assert_eq!(doc.credentials.access_key_id(), "ASIA");
        assert_eq!(doc.credentials.account_id(), Some("123"));
        assert_eq!(
            doc.credentials.expiry(),
            Some(std::time::UNIX_EPOCH + Duration::from_secs(1_632_197_813))
        );
        let error = parse_document(br#"{"AccessKeyId":"ASIA","Token":"very-secret"}"#)
            .expect_err("no secret");
        assert_eq!(error, "the response has no SecretAccessKey");
        let error = parse_document(br#"{"SecretAccessKey":"very-secret""#).expect_err("cut");
        assert!(error.contains("not valid JSON") && !error.contains("very-secret"));
        let error =
            parse_document(br#"{"AccessKeyId":"a","SecretAccessKey":"s","Expiration":"soon"}"#)
                .expect_err("bad date");
        assert!(error.contains("Expiration"), "{error}");
    }
}
