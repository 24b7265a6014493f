//! `partitions.json` as the generated crate's `partitions` module: the
//! table `aws.partition` looks regions up in. Generated data, so a
//! partitions update is a regeneration, not a runtime change.

use awsgen_runtime::__private::endpoint::RegionRegex;
use indexmap::IndexMap;
use proc_macro2::TokenStream;
use quote::quote;
use serde::Deserialize;
use serde_json::Value;

use super::EndpointError;
use crate::emit::docs::{code_span, Doc};

/// A partitions file, read and checked.
#[derive(Debug)]
pub struct Partitions {
    version: Option<String>,
    partitions: Vec<PartitionDef>,
}

#[derive(Debug, Deserialize)]
struct PartitionsFile {
    #[serde(default)]
    version: Option<String>,
    partitions: Vec<PartitionDef>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PartitionDef {
    id: String,
    region_regex: String,
    #[serde(default)]
    regions: IndexMap<String, Value>,
    outputs: Outputs,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Outputs {
    dns_suffix: String,
    dual_stack_dns_suffix: String,
    implicit_global_region: String,
    #[serde(rename = "supportsFIPS")]
    supports_fips: bool,
    supports_dual_stack: bool,
}

/// Reads `partitions.json`; every region pattern must be one the runtime's
/// matcher supports, and the first partition is the default.
pub fn parse(source: &str, text: &str) -> Result<Partitions, EndpointError> {
    let file: PartitionsFile = crate::model::deserialize(source, text)
        .map_err(|e| EndpointError::new(source, e.location, e.message))?;
    if file.partitions.is_empty() {
        return Err(EndpointError::new(
            source,
            "/partitions",
            "no partitions: the first one is the default of every lookup",
        ));
    }
    for (i, p) in file.partitions.iter().enumerate() {
        RegionRegex::parse(&p.region_regex).map_err(|e| {
            EndpointError::new(
                source,
                format!("/partitions/{i}/regionRegex"),
                e.to_string(),
            )
        })?;
    }
    Ok(Partitions {
        version: file.version,
        partitions: file.partitions,
    })
}

impl Partitions {
    /// `partitions.rs`: the `PARTITIONS` table.
    pub fn emit(&self, source_name: &str) -> TokenStream {
        let version = self
            .version
            .as_deref()
            .map(|v| format!(" version {v}"))
            .unwrap_or_default();
        let doc = Doc::new()
            .text("The AWS partitions, for endpoint resolution (`aws.partition`).")
            .text(format!(
                "Generated from {}{version}: a partitions update is a regeneration.",
                code_span(source_name)
            ))
            .inner();
        let partitions = self.partitions.iter().map(|p| {
            let o = &p.outputs;
            let (name, dns, dual, global) = (
                &p.id,
                &o.dns_suffix,
                &o.dual_stack_dns_suffix,
                &o.implicit_global_region,
            );
            let (fips, dual_stack) = (o.supports_fips, o.supports_dual_stack);
            let regex = &p.region_regex;
            let regions = p.regions.keys();
            quote! {
                Partition {
                    name: #name,
                    dns_suffix: #dns,
                    dual_stack_dns_suffix: #dual,
                    implicit_global_region: #global,
                    supports_fips: #fips,
                    supports_dual_stack: #dual_stack,
                    region_regex: #regex,
                    regions: &[#(#regions),*],
                }
            }
        });
        quote! {
            #doc

            use awsgen_runtime::endpoint::Partition;

            /// Every partition, in the file's order; the first (`aws`) is the
            /// default for regions no partition knows.
            pub static PARTITIONS: &[Partition] = &[#(#partitions),*];
        }
    }
}
