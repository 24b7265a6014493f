//! The one place that decides every Rust identifier in generated code.
//!
//! Emitters never invent names: they ask [`Names`], which holds one symbol
//! table per generated module ([`ModuleNames`]): every item the module
//! defines (types, operation markers, error enums, request and response
//! functions, private readers and writers) and every name it imports
//! ([`Import`]). Tables are filled once per service, before emitting:
//! imports first (they keep their own names), then the model's items in a
//! fixed order, each numbered on a collision, so two items of a module can
//! never share a name. Rules:
//! - types are UpperCamelCase; a shape whose name is taken by something the
//!   generated code uses unqualified (`String`, `Option`, `Result`, `Box`,
//!   `Vec`, `Error`, `Client`, runtime types, …) gets the suffix `Shape`;
//! - fields are snake_case; Rust keywords become raw identifiers
//!   (`r#type`), and `self`, `Self`, `super`, `crate` take a trailing `_`;
//! - enum variants are UpperCamelCase of the value; a value that would be
//!   `Unknown` (the forward-compatibility variant) or `Self` gets the
//!   suffix `Value`, an empty value is `Empty`, a leading digit gets `V`;
//! - names that collide after case conversion keep model order: the first
//!   keeps the name, later ones get `2`, `3`, … until unique;
//! - functions are snake_case: an operation's request and response
//!   functions are named after its marker type (`create_job`), an
//!   output's or error's reader `read_<type>` and `read_<type>_body`, an
//!   input's body writer `write_<type>_body`; within a module, imports
//!   come first, then operations' functions, then readers and writers
//!   (by shape id), so an operation
//!   `Parse` gets `parse2` beside the runtime's `parse`, and an operation
//!   `ReadBar` keeps `read_bar` while the reader of its output `Bar` gets
//!   `read_bar2`.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

use crate::emit::ServiceFile;
use crate::ir::{Model, RequestBody, ResponseReader, ShapeId, ShapeKind};

/// Names generated code uses unqualified in type position; model shapes
/// may not take them.
const RESERVED_TYPE_NAMES: &[&str] = &[
    // Rust prelude types, traits and variants.
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "ToString",
    "ToOwned",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Default",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "Iterator",
    "IntoIterator",
    "Extend",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "AsRef",
    "AsMut",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    // The one keyword that is UpperCamelCase: `struct Self` is not Rust.
    "Self",
    // Names the generated code imports or defines itself.
    "HashMap",
    "Debug",
    "Display",
    "Formatter",
    "Hash",
    "DateTime",
    "Blob",
    "Document",
    "BigInteger",
    "BigDecimal",
    "UnknownVariantValue",
    "UnknownUnionMember",
    "Redacted",
    "Error",
    "Client",
    "Config",
    "Operation",
    "Unhandled",
];

/// The local names the functions of `validate.rs` use; its functions may
/// not take them.
const VALIDATE_LOCALS: &[&str] = &["v", "x", "value", "unknown", "i", "e", "k"];

/// Rust keywords (strict and reserved, all editions).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The field of every operation output and modeled error structure that
/// holds the response's status and request id
/// (`awsgen_runtime::ResponseMetadata`). Reserved in every structure, so a
/// model member of that name is numbered (`response_metadata2`).
pub const RESPONSE_METADATA_FIELD: &str = "response_metadata";

/// A name generated code imports with `use`: a sibling module, a `std`
/// type, or an item of the runtime. Every module's table reserves all of
/// them before naming anything of the model, so an import always keeps its
/// own name and a model item that would clash with it is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Import {
    Types,
    Errors,
    HashMap,
    BigDecimal,
    BigInteger,
    Blob,
    BuildError,
    DateTime,
    Document,
    Redacted,
    ResponseError,
    ResponseMetadata,
    TimestampFormat,
    UnknownUnionMember,
    UnknownVariantValue,
    RequestBuilder,
    FmtTimestamp,
    IdempotencyToken,
    JsonWriter,
    WriteJson,
    JsonReader,
    JsonError,
    ReadJson,
    FmtBool,
    FmtF32,
    FmtF64,
    FmtInteger,
    Parse,
    NoOutput,
    JsonBody,
    DefaultBody,
    ReadBody,
    JsonPayload,
    BlobPayload,
    TextPayload,
    HeaderStr,
    HeaderValue,
    HeaderBase64,
    HeaderBlob,
    HeaderTimestamp,
    HeaderList,
    HeaderValueList,
    HeaderTimestampList,
    PrefixHeaders,
    ParseError,
}

impl Import {
    /// Every import, in the order `use` lines are written.
    pub const ALL: [Import; 45] = [
        Import::Types,
        Import::Errors,
        Import::HashMap,
        Import::BigDecimal,
        Import::BigInteger,
        Import::Blob,
        Import::BuildError,
        Import::DateTime,
        Import::Document,
        Import::Redacted,
        Import::ResponseError,
        Import::ResponseMetadata,
        Import::TimestampFormat,
        Import::UnknownUnionMember,
        Import::UnknownVariantValue,
        Import::RequestBuilder,
        Import::FmtTimestamp,
        Import::IdempotencyToken,
        Import::JsonWriter,
        Import::WriteJson,
        Import::JsonReader,
        Import::JsonError,
        Import::ReadJson,
        Import::FmtBool,
        Import::FmtF32,
        Import::FmtF64,
        Import::FmtInteger,
        Import::Parse,
        Import::NoOutput,
        Import::JsonBody,
        Import::DefaultBody,
        Import::ReadBody,
        Import::JsonPayload,
        Import::BlobPayload,
        Import::TextPayload,
        Import::HeaderStr,
        Import::HeaderValue,
        Import::HeaderBase64,
        Import::HeaderBlob,
        Import::HeaderTimestamp,
        Import::HeaderList,
        Import::HeaderValueList,
        Import::HeaderTimestampList,
        Import::PrefixHeaders,
        Import::ParseError,
    ];

    /// The module it is imported from, segment by segment.
    pub fn path(self) -> &'static [&'static str] {
        use Import::*;
        match self {
            Types | Errors => &["super"],
            HashMap => &["std", "collections"],
            // The runtime's public API: what users name too.
            BigDecimal | BigInteger | Blob | BuildError | DateTime | Document | ParseError
            | ResponseError | ResponseMetadata | TimestampFormat | UnknownUnionMember
            | UnknownVariantValue => &["awsgen_runtime"],
            // Plumbing, which generated code alone calls: always through
            // the runtime's one hidden path (see `docs/architecture.md`).
            Redacted => &["awsgen_runtime", "__private"],
            RequestBuilder | FmtTimestamp | IdempotencyToken => {
                &["awsgen_runtime", "__private", "request"]
            }
            JsonWriter | WriteJson | JsonReader | JsonError | ReadJson => {
                &["awsgen_runtime", "__private", "json"]
            }
            FmtBool | FmtF32 | FmtF64 | FmtInteger => {
                &["awsgen_runtime", "__private", "http_binding", "value"]
            }
            Parse | NoOutput | JsonBody | DefaultBody | ReadBody | JsonPayload | BlobPayload
            | TextPayload | HeaderStr | HeaderValue | HeaderBase64 | HeaderBlob
            | HeaderTimestamp | HeaderList | HeaderValueList | HeaderTimestampList
            | PrefixHeaders => &["awsgen_runtime", "__private", "response"],
        }
    }

    /// Its name, as imported and used.
    pub fn name(self) -> &'static str {
        use Import::*;
        match self {
            Types => "types",
            Errors => "errors",
            HashMap => "HashMap",
            BigDecimal => "BigDecimal",
            BigInteger => "BigInteger",
            Blob => "Blob",
            BuildError => "BuildError",
            DateTime => "DateTime",
            Document => "Document",
            Redacted => "Redacted",
            ResponseError => "ResponseError",
            ResponseMetadata => "ResponseMetadata",
            TimestampFormat => "TimestampFormat",
            UnknownUnionMember => "UnknownUnionMember",
            UnknownVariantValue => "UnknownVariantValue",
            RequestBuilder => "RequestBuilder",
            FmtTimestamp => "fmt_timestamp",
            IdempotencyToken => "idempotency_token",
            JsonWriter => "JsonWriter",
            WriteJson => "WriteJson",
            JsonReader => "JsonReader",
            JsonError => "JsonError",
            ReadJson => "ReadJson",
            FmtBool => "fmt_bool",
            FmtF32 => "fmt_f32",
            FmtF64 => "fmt_f64",
            FmtInteger => "fmt_integer",
            Parse => "parse",
            NoOutput => "no_output",
            JsonBody => "json_body",
            DefaultBody => "default_body",
            ReadBody => "read_body",
            JsonPayload => "json_payload",
            BlobPayload => "blob_payload",
            TextPayload => "text_payload",
            HeaderStr => "header_str",
            HeaderValue => "header_value",
            HeaderBase64 => "header_base64",
            HeaderBlob => "header_blob",
            HeaderTimestamp => "header_timestamp",
            HeaderList => "header_list",
            HeaderValueList => "header_value_list",
            HeaderTimestampList => "header_timestamp_list",
            PrefixHeaders => "prefix_headers",
            ParseError => "ParseError",
        }
    }
}

/// One item a generated module defines or imports: the key of its symbol
/// table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// A `use`d name (every module).
    Import(Import),
    /// A structure, union or enum (`types.rs`).
    Type(ShapeId),
    /// An operation's marker type (`operations.rs`), by operation name.
    Operation(String),
    /// An operation's error enum (`errors.rs`), by operation name.
    ErrorEnum(String),
    /// An operation's request function (`serialize.rs`).
    RequestFn(String),
    /// The writer of an input's JSON body members (`serialize.rs`).
    BodyWriter(ShapeId),
    /// An operation's response function (`deserialize.rs`).
    ResponseFn(String),
    /// The reader of an output or error with HTTP-bound members
    /// (`deserialize.rs`).
    Reader(ShapeId),
    /// The reader of such a structure's JSON body members (`deserialize.rs`).
    BodyReader(ShapeId),
    /// The validation function of a structure or union reachable from an
    /// input (`validate.rs`), for those with something to check.
    Validator(ShapeId),
    /// The async client (`client.rs`).
    Client,
    /// The blocking client (`client.rs`).
    BlockingClient,
    /// The endpoint function over the runtime's built-in inputs (`client.rs`).
    EndpointFn,
    /// The service's description for the runtime (`client.rs`).
    ServiceSpecConst,
    /// An operation's method on the clients (`client.rs`), by operation
    /// name. Methods share the module's table, so they are unique among
    /// themselves and never one of the clients' own methods.
    ClientMethod(String),
    /// A paginated operation's paginator method on the clients
    /// (`client.rs`, `<method>_paginator`), by operation name.
    PaginatorMethod(String),
}

/// Methods the clients have besides the operations': an operation's method
/// may not take them.
const CLIENT_METHODS: &[&str] = &["new", "from_env", "service_client"];

/// The symbol table of one generated module: the name of every item it
/// defines or imports, all distinct.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModuleNames {
    /// Which file this is, for the message of a missing name.
    file: &'static str,
    names: BTreeMap<Item, String>,
    taken: BTreeSet<String>,
}

impl ModuleNames {
    /// A table with every [`Import`] and the `reserved` names taken.
    fn new(file: ServiceFile, reserved: &[&str]) -> ModuleNames {
        let mut table = ModuleNames {
            file: file.file_name(),
            ..ModuleNames::default()
        };
        table.taken.extend(reserved.iter().map(|s| s.to_string()));
        for import in Import::ALL {
            table.taken.insert(import.name().to_owned());
            table
                .names
                .insert(Item::Import(import), import.name().to_owned());
        }
        table
    }

    /// Gives `item` the name `base`, or `base2`, `base3`, … whichever is
    /// free in this module.
    fn allocate(&mut self, item: Item, base: String) -> String {
        let name = unique(base, &mut self.taken);
        self.names.insert(item, name.clone());
        name
    }

    /// The name of `item`, if the module has it.
    pub fn name(&self, item: &Item) -> Option<&str> {
        self.names.get(item).map(String::as_str)
    }

    /// The identifier of `item`. Naming allocates a name for every item an
    /// emitter can ask for (from the same questions, see `ir::wire`), so a
    /// miss is a bug of the generator, reported as such.
    pub fn ident(&self, item: &Item) -> Ident {
        match self.names.get(item) {
            Some(name) => ident(name),
            None => panic!(
                "internal error: no name was allocated for {item:?} in {}; please report this with the model",
                self.file
            ),
        }
    }

    /// Every item with its name.
    pub fn items(&self) -> impl Iterator<Item = (&Item, &str)> {
        self.names.iter().map(|(item, name)| (item, name.as_str()))
    }
}

/// The identifier every model element gets, and the symbol table of every
/// module of the service.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    fields: BTreeMap<(ShapeId, String), String>,
    variants: BTreeMap<(ShapeId, String), String>,
    /// The variant name of a union's or enum's catch-all for unknown values.
    unknown_variant: String,
    module: ModuleNames,
    types: ModuleNames,
    errors: ModuleNames,
    operations: ModuleNames,
    serialize: ModuleNames,
    deserialize: ModuleNames,
    validate: ModuleNames,
    paginators: ModuleNames,
    client: ModuleNames,
}

impl Names {
    /// Names every shape that needs a Rust type, every member and every
    /// enum value of `model`, and every item of every module.
    pub fn assign(model: &Model) -> Names {
        let mut names = Names {
            unknown_variant: "Unknown".to_owned(),
            module: ModuleNames::new(ServiceFile::Module, &[]),
            types: ModuleNames::new(ServiceFile::Types, RESERVED_TYPE_NAMES),
            errors: ModuleNames::new(ServiceFile::Errors, RESERVED_TYPE_NAMES),
            operations: ModuleNames::new(ServiceFile::Operations, RESERVED_TYPE_NAMES),
            serialize: ModuleNames::new(ServiceFile::Serialize, &[]),
            deserialize: ModuleNames::new(ServiceFile::Deserialize, &[]),
            // The locals of its functions: a function named after a type
            // `Value` would be shadowed by `value`.
            validate: ModuleNames::new(ServiceFile::Validate, VALIDATE_LOCALS),
            paginators: ModuleNames::new(ServiceFile::Paginators, RESERVED_TYPE_NAMES),
            client: ModuleNames::new(ServiceFile::Client, CLIENT_METHODS),
            ..Names::default()
        };
        // Only shapes an operation reaches get names, so an unused shape
        // added to a model can never rename a used one.
        let reachable = model.reachable_shapes();
        for (id, shape) in model
            .shapes
            .iter()
            .filter(|(id, _)| reachable.contains(*id))
        {
            if !needs_type(&shape.kind) {
                continue;
            }
            let mut base = upper_camel(id.name());
            if base.is_empty() {
                base = "Shape".to_owned();
            } else if base.starts_with(|c: char| c.is_ascii_digit()) {
                base = format!("Shape{base}");
            }
            if RESERVED_TYPE_NAMES.contains(&base.as_str()) {
                base.push_str("Shape");
            }
            names.types.allocate(Item::Type(id.clone()), base);

            match &shape.kind {
                ShapeKind::Structure(s) | ShapeKind::Union(s) => {
                    let is_union = matches!(shape.kind, ShapeKind::Union(_));
                    // Outputs and errors have a field of their own for the
                    // response's metadata; no member may take its name.
                    let mut taken_fields = BTreeSet::from([RESPONSE_METADATA_FIELD.to_owned()]);
                    let mut taken_variants = BTreeSet::from(["Unknown".to_owned()]);
                    for m in &s.members {
                        let key = (id.clone(), m.name.clone());
                        if is_union {
                            let variant = unique(variant_base(&m.name), &mut taken_variants);
                            names.variants.insert(key, variant);
                        } else {
                            let field = unique(field_base(&m.name), &mut taken_fields);
                            names.fields.insert(key, field);
                        }
                    }
                }
                ShapeKind::Enum(values) => {
                    let mut taken_variants = BTreeSet::from(["Unknown".to_owned()]);
                    for v in values {
                        let variant = unique(variant_base(&v.name), &mut taken_variants);
                        names.variants.insert((id.clone(), v.name.clone()), variant);
                    }
                }
                ShapeKind::IntEnum(values) => {
                    let mut taken_variants = BTreeSet::from(["Unknown".to_owned()]);
                    for v in values {
                        let variant = unique(variant_base(&v.name), &mut taken_variants);
                        names.variants.insert((id.clone(), v.name.clone()), variant);
                    }
                }
                _ => {}
            }
        }
        let markers = names.assign_operations(model);
        names.assign_wire_functions(model, &markers);
        // One validation function per checked structure or union, named
        // after its type (`create_job_request`).
        for id in model.validated_shapes() {
            let base = function_name(names.type_name_or_id(&id));
            names.validate.allocate(Item::Validator(id), base);
        }
        names.assign_client(model, &markers);
        names
    }

    /// `client.rs`: the clients, the endpoint function and the service's
    /// description, then one method per operation (named after its
    /// marker, as its request function is).
    fn assign_client(&mut self, model: &Model, markers: &[(String, String)]) {
        self.client.allocate(Item::Client, "Client".to_owned());
        self.client
            .allocate(Item::BlockingClient, "BlockingClient".to_owned());
        self.client
            .allocate(Item::EndpointFn, "resolve_endpoint".to_owned());
        self.client
            .allocate(Item::ServiceSpecConst, "SERVICE".to_owned());
        for (name, marker) in markers {
            self.client
                .allocate(Item::ClientMethod(name.clone()), function_name(marker));
        }
        // After every operation's method, so an operation `ListThingsPaginator`
        // keeps its name and the paginator is numbered.
        for (name, marker) in markers {
            let paginated = model
                .operations
                .get(name)
                .is_some_and(|op| op.paginated.is_some() && op.input.is_some());
            if paginated {
                let base = function_name(&format!("{marker}Paginator"));
                self.client
                    .allocate(Item::PaginatorMethod(name.clone()), base);
            }
        }
    }

    /// Operation markers (`operations.rs`) and error enums (`errors.rs`).
    fn assign_operations(&mut self, model: &Model) -> Vec<(String, String)> {
        let mut markers = Vec::new();
        for name in model.operations.keys() {
            let mut base = upper_camel(name);
            if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
                base = format!("Operation{base}");
            }
            if RESERVED_TYPE_NAMES.contains(&base.as_str()) {
                base.push_str("Operation");
            }
            let marker = self
                .operations
                .allocate(Item::Operation(name.clone()), base);
            self.errors
                .allocate(Item::ErrorEnum(name.clone()), format!("{marker}Error"));
            markers.push((name.clone(), marker));
        }
        markers
    }

    /// The functions of `serialize.rs` and `deserialize.rs`: each
    /// operation's request and response functions first (named after its
    /// marker), then readers, body readers and body writers (by shape
    /// id).
    fn assign_wire_functions(&mut self, model: &Model, markers: &[(String, String)]) {
        for (name, marker) in markers {
            let base = function_name(marker);
            self.serialize
                .allocate(Item::RequestFn(name.clone()), base.clone());
            self.deserialize
                .allocate(Item::ResponseFn(name.clone()), base);
        }
        let mut readers = BTreeSet::new();
        let mut body_readers = BTreeSet::new();
        let mut body_writers = BTreeSet::new();
        for op in model.operations.values() {
            for id in op.output.iter().chain(&op.errors) {
                if let Some(ResponseReader::Own { body }) = model.response_reader(id) {
                    readers.insert(id.clone());
                    if body {
                        body_readers.insert(id.clone());
                    }
                }
            }
            if let Some(input) = &op.input {
                if model.request_body(input) == Some(RequestBody::Members) {
                    body_writers.insert(input.clone());
                }
            }
        }
        for id in &readers {
            let base = function_name(&format!("read_{}", self.type_name_or_id(id)));
            self.deserialize.allocate(Item::Reader(id.clone()), base);
        }
        for id in &body_readers {
            let base = function_name(&format!("read_{}Body", self.type_name_or_id(id)));
            self.deserialize
                .allocate(Item::BodyReader(id.clone()), base);
        }
        for id in &body_writers {
            let base = function_name(&format!("write_{}Body", self.type_name_or_id(id)));
            self.serialize.allocate(Item::BodyWriter(id.clone()), base);
        }
    }

    /// The type name of a structure an operation reaches. Every one has
    /// one; the shape's name stands in only to keep naming total (the name
    /// is made unique all the same).
    fn type_name_or_id<'a>(&'a self, id: &'a ShapeId) -> &'a str {
        self.type_name(id).unwrap_or(id.name())
    }

    /// The symbol table of one file of the service's module.
    pub fn module(&self, file: ServiceFile) -> &ModuleNames {
        match file {
            ServiceFile::Module => &self.module,
            ServiceFile::Types => &self.types,
            ServiceFile::Errors => &self.errors,
            ServiceFile::Operations => &self.operations,
            ServiceFile::Serialize => &self.serialize,
            ServiceFile::Deserialize => &self.deserialize,
            ServiceFile::Validate => &self.validate,
            ServiceFile::Paginators => &self.paginators,
            ServiceFile::Client => &self.client,
        }
    }

    /// The Rust type name of a structure, union or enum shape.
    pub fn type_name(&self, id: &ShapeId) -> Option<&str> {
        self.types.name(&Item::Type(id.clone()))
    }

    /// The type of a structure, union or enum an operation reaches (every
    /// one is named; see [`ModuleNames::ident`]).
    pub fn type_ident(&self, id: &ShapeId) -> Ident {
        self.types.ident(&Item::Type(id.clone()))
    }

    /// The field name of a structure member.
    pub fn field_name(&self, shape: &ShapeId, member: &str) -> Option<&str> {
        self.fields
            .get(&(shape.clone(), member.to_owned()))
            .map(String::as_str)
    }

    /// The field name of a member of a reachable structure (every one is
    /// named), as a missing one would be a generator bug.
    pub fn field(&self, shape: &ShapeId, member: &str) -> &str {
        match self.field_name(shape, member) {
            Some(name) => name,
            None => panic!("internal error: no field name for `{member}` of `{shape}`; please report this with the model"),
        }
    }

    /// The variant name of a union member or enum value (by its model name).
    pub fn variant_name(&self, shape: &ShapeId, member_or_value: &str) -> Option<&str> {
        self.variants
            .get(&(shape.clone(), member_or_value.to_owned()))
            .map(String::as_str)
    }

    /// The variant of a member or value of a reachable union or enum
    /// (every one is named), as a missing one would be a generator bug.
    pub fn variant(&self, shape: &ShapeId, member_or_value: &str) -> &str {
        match self.variant_name(shape, member_or_value) {
            Some(name) => name,
            None => panic!("internal error: no variant name for `{member_or_value}` of `{shape}`; please report this with the model"),
        }
    }

    /// The catch-all variant of enums and unions.
    pub fn unknown_variant(&self) -> &str {
        &self.unknown_variant
    }

    /// The marker type of an operation (`CreateJob`).
    pub fn operation_name(&self, op: &str) -> Option<&str> {
        self.operations.name(&Item::Operation(op.to_owned()))
    }

    /// The marker type of an operation of the model (every one is named).
    pub fn operation(&self, op: &str) -> Ident {
        self.operations.ident(&Item::Operation(op.to_owned()))
    }

    /// The error enum of an operation of the model (every one is named).
    pub fn operation_error(&self, op: &str) -> Ident {
        self.errors.ident(&Item::ErrorEnum(op.to_owned()))
    }

    /// The error enum of an operation (`CreateJobError`).
    pub fn operation_error_name(&self, op: &str) -> Option<&str> {
        self.errors.name(&Item::ErrorEnum(op.to_owned()))
    }

    /// Every assigned type name, for collision checks.
    pub fn all_type_names(&self) -> impl Iterator<Item = (&ShapeId, &str)> {
        self.types.items().filter_map(|(item, name)| match item {
            Item::Type(id) => Some((id, name)),
            _ => None,
        })
    }
}

/// Whether `rust_name` is the model's `model_name` in snake_case or
/// UpperCamelCase, as a plain case conversion gives it: otherwise the docs
/// say what the model calls it.
pub fn converted_plainly(model_name: &str, rust_name: &str) -> bool {
    let plain = rust_name.trim_start_matches("r#");
    plain == model_name.to_snake_case() || plain == model_name.to_upper_camel_case()
}

/// Whether a shape becomes a Rust type of its own (others map to `String`,
/// `Vec`, `HashMap`, numbers or runtime types).
pub fn needs_type(kind: &ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_)
    )
}

/// The module name of a service (`iot-jobs-data` → `iot_jobs_data`).
pub fn module_name(model_name: &str) -> String {
    field_base(model_name)
}

/// The cargo feature of a service: its botocore folder name, lower-case.
pub fn feature_name(model_name: &str) -> String {
    model_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Module names the generated crate's root already uses: the runtime's
/// re-export, its crate name and the transports' crate name, and `lib` (whose folder `src/lib/` would
/// clash with `src/lib.rs`).
const RESERVED_MODULES: &[&str] = &["runtime", "awsgen_runtime", "awsgen_transport", "lib"];

/// Cargo feature names the generated `Cargo.toml` already has (`default`,
/// `serde`, the clients' `hyper` and `blocking`) or may not have (a
/// dependency's name: `http`, `awsgen-runtime`, `awsgen-transport`).
const RESERVED_FEATURES: &[&str] = &[
    "default",
    "serde",
    "hyper",
    "blocking",
    "http",
    "awsgen-runtime",
    "awsgen-transport",
];

/// The module and cargo feature of a service, from its model folder name:
/// [`module_name`] and [`feature_name`], except that a name the crate
/// already uses for something else (see `RESERVED_MODULES` and
/// `RESERVED_FEATURES`) gets the suffix `_service` (`-service`) in both, so
/// they stay alike: a folder `serde` gives the module `serde_service` and
/// the feature `serde-service`.
pub fn service_names(model_name: &str) -> (String, String) {
    let module = module_name(model_name);
    let feature = feature_name(model_name);
    if RESERVED_MODULES.contains(&module.as_str()) || RESERVED_FEATURES.contains(&feature.as_str())
    {
        (
            format!("{}_service", module.trim_start_matches("r#")),
            format!("{feature}-service"),
        )
    } else {
        (module, feature)
    }
}

/// An identifier token for a name decided here (raw where needed).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

fn upper_camel(name: &str) -> String {
    words(name).to_upper_camel_case()
}

/// A snake_case function name for `name` (`CreateJob` → `create_job`),
/// made a valid identifier the way field names are (`super` → `super_`).
pub fn function_name(name: &str) -> String {
    field_base(name)
}

fn field_base(name: &str) -> String {
    let mut snake = words(name).to_snake_case();
    if snake.is_empty() {
        snake = "field".to_owned();
    } else if snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake = format!("n{snake}");
    }
    if NOT_RAW.contains(&snake.as_str()) {
        snake.push('_');
    } else if KEYWORDS.contains(&snake.as_str()) {
        snake = format!("r#{snake}");
    }
    snake
}

fn variant_base(value: &str) -> String {
    let mut camel = upper_camel(value);
    if camel.is_empty() {
        camel = "Empty".to_owned();
    } else if camel.starts_with(|c: char| c.is_ascii_digit()) {
        camel = format!("V{camel}");
    }
    if camel == "Unknown" || camel == "Self" {
        camel.push_str("Value");
    }
    camel
}

/// The name with word breaks made explicit for heck: non-alphanumerics
/// become spaces, and a version suffix after an acronym starts a word
/// (`DynamoDBv2` → `DynamoDB v2`, so `dynamo_db_v2`, not `dynamo_d_bv2`).
fn words(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            out.push(' ');
            continue;
        }
        let after_acronym = i > 0 && chars[i - 1].is_ascii_uppercase();
        let version = c == 'v' && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if after_acronym && version {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// [`unique`] for generators outside this module (the endpoint resolvers'
/// fields and variables), so collisions are numbered the same way.
pub(crate) fn unique_field(base: String, taken: &mut BTreeSet<String>) -> String {
    unique(base, taken)
}

/// Returns `base`, or `base2`, `base3`, … whichever is free, and takes it.
fn unique(base: String, taken: &mut BTreeSet<String>) -> String {
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = match base.strip_prefix("r#") {
            Some(raw) => format!("{raw}{n}"),
            None if base.ends_with(|c: char| c.is_ascii_digit()) => format!("{base}_{n}"),
            None => format!("{base}{n}"),
        };
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::function_name;

    #[test]
    fn function_names_are_valid_identifiers() {
        assert_eq!(function_name("CreateJob"), "create_job");
        assert_eq!(function_name("Super"), "super_");
        assert_eq!(function_name("Match"), "r#match");
        assert_eq!(
            function_name("read_DescribeJobResponse"),
            "read_describe_job_response"
        );
    }

    use super::*;

    /// Generated code imports from the runtime either its public types (at
    /// the crate root) or plumbing, through `__private` alone: never from
    /// the runtime's modules, which are private or user-facing.
    #[test]
    fn runtime_imports_are_the_public_root_or_the_private_path() {
        for import in Import::ALL {
            let path = import.path();
            if path.first() == Some(&"awsgen_runtime") {
                assert!(
                    path.len() == 1 || path[1] == "__private",
                    "{import:?} is imported from {path:?}"
                );
            }
        }
    }

    #[test]
    fn fields_escape_keywords() {
        assert_eq!(field_base("type"), "r#type");
        assert_eq!(field_base("Match"), "r#match");
        assert_eq!(field_base("self"), "self_");
        assert_eq!(field_base("Self"), "self_");
        assert_eq!(field_base("crate"), "crate_");
        assert_eq!(field_base("thingName"), "thing_name");
        assert_eq!(field_base("2fa"), "n2fa");
        assert_eq!(field_base(""), "field");
    }

    #[test]
    fn version_suffixes_after_acronyms() {
        assert_eq!(field_base("dynamoDBv2"), "dynamo_db_v2");
        assert_eq!(upper_camel("DynamoDBv2Action"), "DynamoDbV2Action");
        assert_eq!(field_base("ipv6Address"), "ipv6_address");
        assert_eq!(field_base("IPv6Address"), "ip_v6_address");
    }

    #[test]
    fn variants_of_odd_values() {
        assert_eq!(variant_base("public-read"), "PublicRead");
        assert_eq!(variant_base("AWS-IoT"), "AwsIoT");
        assert_eq!(variant_base("1"), "V1");
        assert_eq!(variant_base("Unknown"), "UnknownValue");
        assert_eq!(variant_base(""), "Empty");
        assert_eq!(variant_base("Self"), "SelfValue");
        assert_eq!(variant_base("IN_PROGRESS"), "InProgress");
    }

    #[test]
    fn collisions_get_numbered_in_order() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique(field_base("fooBar"), &mut taken), "foo_bar");
        assert_eq!(unique(field_base("FooBar"), &mut taken), "foo_bar2");
        assert_eq!(unique(field_base("foo_bar"), &mut taken), "foo_bar3");
        let mut taken = BTreeSet::new();
        assert_eq!(unique(field_base("type"), &mut taken), "r#type");
        assert_eq!(unique(field_base("Type"), &mut taken), "type2");
        let mut taken = BTreeSet::new();
        assert_eq!(unique("V1".into(), &mut taken), "V1");
        assert_eq!(unique("V1".into(), &mut taken), "V1_2");
    }

    #[test]
    fn idents_are_valid() {
        assert_eq!(ident("r#type").to_string(), "r#type");
        assert_eq!(ident("self_").to_string(), "self_");
    }

    #[test]
    fn module_and_feature_names() {
        assert_eq!(module_name("iot-jobs-data"), "iot_jobs_data");
        assert_eq!(feature_name("iot-jobs-data"), "iot-jobs-data");
        assert_eq!(module_name("type"), "r#type");
    }

    #[test]
    fn service_names_avoid_what_the_crate_root_uses() {
        let names = |model: &str| {
            let (module, feature) = service_names(model);
            format!("{module} {feature}")
        };
        assert_eq!(names("iot-jobs-data"), "iot_jobs_data iot-jobs-data");
        assert_eq!(names("serde"), "serde_service serde-service");
        assert_eq!(names("default"), "default_service default-service");
        assert_eq!(names("http"), "http_service http-service");
        assert_eq!(names("runtime"), "runtime_service runtime-service");
        assert_eq!(
            names("awsgen-runtime"),
            "awsgen_runtime_service awsgen-runtime-service"
        );
        assert_eq!(names("lib"), "lib_service lib-service");
        assert_eq!(names("type"), "r#type type");
    }
}
