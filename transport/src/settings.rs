//! Client settings from the environment with this crate's transports: the
//! one-line default of generated clients (`iot::Client::from_env()`).

use std::sync::Arc;

use awsgen_runtime::client::{ClientBuildError, ClientSettings, TimeoutConfig};
use awsgen_runtime::config::ConfigLoader;

/// Settings for an async client of the service `service_id` (`IoT`):
/// configuration from the process's environment and profile files
/// ([`ConfigLoader::from_process_env`], service-specific endpoint URLs
/// included), the default credentials chain, [`HyperClient`](crate::HyperClient)
/// with the default timeouts, [`TokioSleep`](crate::TokioSleep).
///
/// # Errors
///
/// An invalid configuration, or a transport that cannot be set up.
#[cfg(feature = "hyper")]
pub fn env_settings(service_id: &str) -> Result<ClientSettings, ClientBuildError> {
    let config = ConfigLoader::from_process_env()
        .service_id(service_id)
        .load()?;
    let timeouts = TimeoutConfig::default();
    let http = crate::HyperClient::builder()
        .timeouts(&timeouts)
        .build()
        .map_err(|error| ClientBuildError::Transport(Box::new(error)))?;
    Ok(ClientSettings::new(config, Arc::new(http), Arc::new(crate::TokioSleep)).timeouts(timeouts))
}

/// Settings for a blocking client of the service `service_id`: as
/// [`env_settings`], over [`UreqClient`](crate::UreqClient).
///
/// # Errors
///
/// An invalid configuration.
#[cfg(feature = "blocking")]
pub fn blocking_env_settings(service_id: &str) -> Result<ClientSettings, ClientBuildError> {
    let config = ConfigLoader::from_process_env()
        .service_id(service_id)
        .load()?;
    let timeouts = TimeoutConfig::default();
    let http = crate::UreqClient::new(&timeouts);
    Ok(ClientSettings::blocking(config, Arc::new(http)).timeouts(timeouts))
}
