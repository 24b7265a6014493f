//! Checks a received request's SigV4 signature, as AWS does: the
//! `Authorization` header is parsed, the canonical request is rebuilt from
//! what arrived (method, path, query, the headers it names as signed,
//! body) with the runtime's [`canonical_request`], and the signature is
//! recomputed with the secret key of the access key id it names. A
//! mismatch is refused, as is a request signed too far from now, for
//! another region or service, or by an unknown key.
//!
//! Using the runtime's own pieces on both sides could hide a bug both
//! share; the runtime's signer is proven against AWS's test vectors
//! separately, and what this adds is that the bytes that went over the
//! wire (after the generated serializer and the HTTP exchange) still
//! carry a valid signature.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use awsgen_runtime::sigv4::{
    canonical_request, signature, string_to_sign, SigningParams, SigningSettings,
};

/// AWS refuses requests signed more than 15 minutes from its clock.
const MAX_SKEW: Duration = Duration::from_secs(15 * 60);

/// Why a signature was refused: the error code and message AWS gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub message: String,
}

impl Refusal {
    fn new(code: &'static str, message: impl Into<String>) -> Refusal {
        Refusal {
            code,
            message: message.into(),
        }
    }

    fn mismatch() -> Refusal {
        Refusal::new(
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. \
             Check your AWS Secret Access Key and signing method.",
        )
    }
}

/// The keys a server accepts and the scope it expects.
#[derive(Debug, Clone)]
pub struct Verifier {
    pub access_key_id: String,
    /// The secret key (a test key: never a real one).
    pub secret_access_key: String,
    pub region: String,
}

/// The parts of `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
struct Authorization<'a> {
    access_key_id: &'a str,
    date: &'a str,
    region: &'a str,
    service: &'a str,
    signed_headers: &'a str,
    signature: &'a str,
}

fn parse_authorization(value: &str) -> Option<Authorization<'_>> {
    let rest = value.strip_prefix("AWS4-HMAC-SHA256 ")?;
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (key, value) = part.trim().split_once('=')?;
        match key {
            "Credential" => credential = Some(value),
            "SignedHeaders" => signed_headers = Some(value),
            "Signature" => signature = Some(value),
            _ => return None,
        }
    }
    let mut scope = credential?.split('/');
    let (access_key_id, date, region, service, terminator) = (
        scope.next()?,
        scope.next()?,
        scope.next()?,
        scope.next()?,
        scope.next()?,
    );
    if terminator != "aws4_request" || scope.next().is_some() {
        return None;
    }
    Some(Authorization {
        access_key_id,
        date,
        region,
        service,
        signed_headers: signed_headers?,
        signature: signature?,
    })
}

/// `20150830T123600Z` as a time.
fn parse_amz_date(text: &str) -> Option<SystemTime> {
    let b = text.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(range)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(4..6)?, num(6..8)?);
    let (hh, mm, ss) = (num(9..11)?, num(11..13)?, num(13..15)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = u64::try_from(days * 86_400 + hh * 3600 + mm * 60 + ss).ok()?;
    Some(UNIX_EPOCH + Duration::from_secs(secs))
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl Verifier {
    /// Checks `request`, received for `service` (its signing name), at
    /// `now`.
    pub fn verify(
        &self,
        request: &http::Request<Vec<u8>>,
        service: &str,
        now: SystemTime,
    ) -> Result<(), Refusal> {
        let Some(value) = request.headers().get(http::header::AUTHORIZATION) else {
            return Err(Refusal::new(
                "MissingAuthenticationTokenException",
                "Missing Authentication Token",
            ));
        };
        let auth = value
            .to_str()
            .ok()
            .and_then(parse_authorization)
            .ok_or_else(|| {
                Refusal::new(
                    "IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders'",
                )
            })?;
        if auth.access_key_id != self.access_key_id {
            return Err(Refusal::new(
                "UnrecognizedClientException",
                "The security token included in the request is invalid.",
            ));
        }
        if auth.region != self.region || auth.service != service {
            return Err(Refusal::new(
                "InvalidSignatureException",
                format!(
                    "Credential should be scoped to a valid region and service: \
                     expected {}/{service}, got {}/{}",
                    self.region, auth.region, auth.service
                ),
            ));
        }
        let amz_date = request
            .headers()
            .get("x-amz-date")
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| {
                Refusal::new(
                    "IncompleteSignatureException",
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header",
                )
            })?;
        let time = parse_amz_date(amz_date)
            .filter(|_| amz_date.starts_with(auth.date))
            .ok_or_else(Refusal::mismatch)?;
        let skew = now
            .duration_since(time)
            .or_else(|_| time.duration_since(now))
            .unwrap_or_default();
        if skew > MAX_SKEW {
            return Err(Refusal::new(
                "InvalidSignatureException",
                format!("Signature expired: {amz_date} is now earlier or later than 15 minutes from now"),
            ));
        }
        // The request as the signer saw it: only the headers it signed.
        let mut signed = http::Request::new(request.body().as_slice());
        *signed.method_mut() = request.method().clone();
        *signed.uri_mut() = request.uri().clone();
        for name in auth.signed_headers.split(';') {
            let name =
                http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| Refusal::mismatch())?;
            for value in request.headers().get_all(&name) {
                signed.headers_mut().append(name.clone(), value.clone());
            }
        }
        let params = SigningParams {
            settings: SigningSettings::default(),
            ..SigningParams::new(auth.region, auth.service, time)
        };
        let canonical =
            canonical_request(&signed, &params.settings).map_err(|_| Refusal::mismatch())?;
        if canonical.signed_headers() != auth.signed_headers {
            return Err(Refusal::mismatch());
        }
        let to_sign =
            string_to_sign(&params, canonical.as_str()).map_err(|_| Refusal::mismatch())?;
        let expected = signature(&self.secret_access_key, &params, &to_sign)
            .map_err(|_| Refusal::mismatch())?;
        if same(&expected, auth.signature) {
            Ok(())
        } else {
            Err(Refusal::mismatch())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use awsgen_runtime::sigv4::Signer;
    use awsgen_runtime::Credentials;

    fn verifier() -> Verifier {
        Verifier {
            access_key_id: "AKIDTEST".into(),
            secret_access_key: "test-secret".into(),
            region: "us-east-1".into(),
        }
    }

    fn signed(time: SystemTime) -> http::Request<Vec<u8>> {
        let mut request = http::Request::post("http://127.0.0.1:1234/things/a%3Ab/jobs/j?x=1&a=2")
            .header("content-type", "application/json")
            .body(br#"{"status":"IN_PROGRESS"}"#.to_vec())
            .unwrap();
        let credentials = Credentials::new("AKIDTEST", "test-secret");
        Signer::new()
            .sign(
                &mut request,
                &credentials,
                &SigningParams::new("us-east-1", "iot-jobs-data", time),
            )
            .unwrap();
        // As a server receives it: origin-form, plus unsigned headers.
        let target = request.uri().path_and_query().unwrap().as_str().to_owned();
        *request.uri_mut() = target.parse().unwrap();
        request
            .headers_mut()
            .insert("user-agent", "test".parse().unwrap());
        request
    }

    #[test]
    fn accepts_a_good_signature_and_refuses_tampering() {
        let now = SystemTime::now();
        let v = verifier();
        let request = signed(now);
        assert_eq!(v.verify(&request, "iot-jobs-data", now), Ok(()));

        let mut body = request.clone();
        body.body_mut().push(b' ');
        assert_eq!(
            v.verify(&body, "iot-jobs-data", now).unwrap_err().code,
            "InvalidSignatureException"
        );

        let mut path = request.clone();
        *path.uri_mut() = "/things/a%3Ab/jobs/k?x=1&a=2".parse().unwrap();
        assert_eq!(
            v.verify(&path, "iot-jobs-data", now),
            Err(Refusal::mismatch())
        );

        let mut header = request.clone();
        header
            .headers_mut()
            .insert("content-type", "text/plain".parse().unwrap());
        assert_eq!(
            v.verify(&header, "iot-jobs-data", now),
            Err(Refusal::mismatch())
        );

        let wrong_service = v.verify(&request, "iot", now).unwrap_err();
        assert!(
            wrong_service.message.contains("expected us-east-1/iot"),
            "{wrong_service:?}"
        );

        let later = now + Duration::from_secs(16 * 60);
        assert!(v
            .verify(&request, "iot-jobs-data", later)
            .unwrap_err()
            .message
            .starts_with("Signature expired"));

        let mut unsigned = request.clone();
        unsigned.headers_mut().remove("authorization");
        assert_eq!(
            v.verify(&unsigned, "iot-jobs-data", now).unwrap_err().code,
            "MissingAuthenticationTokenException"
        );
        let other_key = Verifier {
            access_key_id: "AKIDOTHER".into(),
            ..verifier()
        };
        assert_eq!(
            other_key
                .verify(&request, "iot-jobs-data", now)
                .unwrap_err()
                .code,
            "UnrecognizedClientException"
        );
        let other_secret = Verifier {
            secret_access_key: "other".into(),
            ..verifier()
        };
        assert_eq!(
            other_secret.verify(&request, "iot-jobs-data", now),
            Err(Refusal::mismatch())
        );
    }

    #[test]
    fn amz_dates() {
        assert_eq!(
            parse_amz_date("20150830T123600Z"),
            Some(UNIX_EPOCH + Duration::from_secs(1_440_938_160))
        );
        assert_eq!(
            parse_amz_date("20000229T000000Z"),
            Some(UNIX_EPOCH + Duration::from_secs(951_782_400))
        );
        assert_eq!(parse_amz_date("2015-08-30T12:36:00Z"), None);
        assert_eq!(parse_amz_date("20151330T123600Z"), None);
    }
}
