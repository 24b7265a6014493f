//! One call of a generated operation over [`http1`](crate::http1), until
//! the real transport is wired into the tests: `Operation::build_request`,
//! the endpoint's URL in front of the path, the runtime's SigV4
//! [`Signer`], the exchange, `Operation::parse_response`.

use std::net::SocketAddr;
use std::time::SystemTime;

use awsgen_runtime::sigv4::{Signer, SigningParams};
use awsgen_runtime::ResponseError;
use awsgen_runtime::{Credentials, Operation};

use crate::http1;

/// The access key id of the tests (not a real key).
pub const TEST_ACCESS_KEY_ID: &str = "AKIDAWSGENTEST";
/// The secret key of the tests (not a real key).
pub const TEST_SECRET_ACCESS_KEY: &str = "awsgen-test-secret-key";
/// The region the tests sign for.
pub const TEST_REGION: &str = "us-east-1";

/// Where calls go and how they are signed.
#[derive(Debug, Clone)]
pub struct Target {
    pub addr: SocketAddr,
    pub region: String,
    /// The service's signing name (`iot`, `iot-jobs-data`).
    pub service: String,
    pub credentials: Credentials,
    pub signer: Signer,
}

impl Target {
    /// A target on `addr` for `service`, signed with the test key.
    pub fn new(addr: SocketAddr, service: &str) -> Target {
        Target {
            addr,
            region: TEST_REGION.to_owned(),
            service: service.to_owned(),
            credentials: Credentials::new(TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY),
            signer: Signer::new(),
        }
    }

    /// The request `O` builds for `input`, with an absolute URI on this
    /// target, signed now.
    pub fn signed_request<O: Operation>(
        &self,
        input: &O::Input,
    ) -> Result<http::Request<Vec<u8>>, String> {
        let mut request =
            O::build_request(input).map_err(|e| format!("{}: cannot build: {e}", O::NAME))?;
        let target = request
            .uri()
            .path_and_query()
            .map_or("/", |pq| pq.as_str())
            .to_owned();
        *request.uri_mut() = format!("http://{}{target}", self.addr)
            .parse()
            .map_err(|e| format!("{}: bad URI {target:?}: {e}", O::NAME))?;
        let params = SigningParams::new(&self.region, &self.service, SystemTime::now());
        self.signer
            .sign(&mut request, &self.credentials, &params)
            .map_err(|e| format!("{}: cannot sign: {e}", O::NAME))?;
        Ok(request)
    }

    /// Calls `O`: the outer `Err` is a harness failure (build, sign,
    /// socket), the inner result what the generated parser made of the
    /// response.
    #[allow(clippy::type_complexity)]
    pub fn call<O: Operation>(
        &self,
        input: &O::Input,
    ) -> Result<Result<O::Output, ResponseError<O::Error>>, String> {
        let request = self.signed_request::<O>(input)?;
        let response = http1::send(self.addr, &request).map_err(|e| format!("{}: {e}", O::NAME))?;
        Ok(O::parse_http_response(&response))
    }
}
