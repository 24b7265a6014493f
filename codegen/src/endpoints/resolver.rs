//! A rule set as plain Rust: the parameters struct and `resolve`, with
//! every expression typed here, so what cannot work is a generation error
//! naming the rule's JSON Pointer, and nothing is interpreted at run time.
//!
//! Shape of the output (see `docs/architecture.md`, "Endpoints"):
//!
//! - one labeled block per rule (`'rule_1_0: { … }`, the label naming the
//!   rule's place in the JSON), its conditions as `if … { break 'label; }`
//!   and `let Some(x) = … else { break 'label; };`, its result as
//!   `return Ok(…)` / `return Err(…)`; a tree's rules nest inside it, so a
//!   tree whose rules all fail falls through to the next rule, as in
//!   botocore;
//! - `isSet(Ref)` on an optional value narrows it by rebinding;
//! - a rule that cannot fail is written without a block, and what follows
//!   a rule that always returns is left out (unreachable), as are rules
//!   whose conditions are always false;
//! - bindings nothing reads are not written.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;
use serde_json::Value;

use super::rule_set::{Condition, EndpointDef, Rule, RuleSet};
use super::template::{self, Part};
use super::EndpointError;
use crate::emit::docs::{code_span, Doc};
use crate::naming::ident;

/// A parameter's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    String,
    Boolean,
    StringArray,
}

/// A parameter of the rule set and its field in `Params`.
#[derive(Debug, Clone)]
pub struct Param {
    /// The rule set's name (`Region`).
    pub name: String,
    /// The field (`region`).
    pub field: String,
    pub ty: ParamType,
    /// With a default, the field is a plain value; without, an `Option`.
    pub default: Option<Value>,
    pub required: bool,
    documentation: Option<String>,
    built_in: Option<String>,
    deprecated: Option<String>,
}

impl Param {
    /// Whether the field is an `Option`.
    pub fn is_optional(&self) -> bool {
        self.default.is_none()
    }
}

/// A rule set typed and emitted.
pub struct Resolver {
    pub params: Vec<Param>,
    /// Whether `resolve` looks up partitions (`crate::partitions`).
    pub uses_partitions: bool,
    /// The module's items: `Params`, `resolve` and its helper.
    pub tokens: TokenStream,
}

/// Types the rule set and emits its resolver module (without module docs:
/// the caller says what the module is).
pub fn compile(rule_set: &RuleSet, source: &str) -> Result<Resolver, EndpointError> {
    let params = params(rule_set, source)?;
    let mut emitter = Emitter::new(source, &params, rule_set)?;
    let rules = emitter.rules(rule_set, &params)?;
    let params_struct = params_struct(&params);
    let parameter_list = parameter_list(&params);
    let uses_partitions = emitter.uses_partitions;
    let body = quote! {
        #params_struct

        /// Resolves the endpoint for `params`, following the service's
        /// endpoint rule set.
        ///
        /// # Errors
        ///
        /// The rule set's own error message when it rejects the
        /// configuration (FIPS with a custom endpoint, a partition without
        /// dual-stack, …), a required parameter left unset, or no rule
        /// matching; each with the parameters that led there.
        pub fn resolve(params: &Params) -> Result<Endpoint, ResolveError> {
            rules(params).map_err(|error| error.with_parameters(#parameter_list))
        }

        #rules
    };
    let wanted = [
        (
            "lib",
            quote!(
                use awsgen_runtime::__private::endpoint as lib;
            ),
        ),
        (
            "Document",
            quote!(
                use awsgen_runtime::Document;
            ),
        ),
        (
            "PARTITIONS",
            quote!(
                use crate::partitions::PARTITIONS;
            ),
        ),
    ];
    let uses = use_lines_for(&body, &wanted);
    let tokens = quote! {
        use awsgen_runtime::endpoint::{Endpoint, ResolveError};
        #uses

        #body
    };
    Ok(Resolver {
        params,
        uses_partitions,
        tokens,
    })
}

// ------------------------------------------------------------ parameters

/// A parameter of a rule set as a client sets it: its field in `Params`,
/// its type, whether the field is an `Option`, its built-in
/// (`AWS::Region`), and its default when it is a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltinParam {
    pub field: String,
    pub ty: ParamType,
    pub optional: bool,
    pub built_in: Option<String>,
    pub default_text: Option<String>,
}

/// The parameters of the rule set `value` (named as in `Params`), for the
/// client that fills them; `None` when the rule set does not type-check
/// (its resolver then fails to generate, with the reason).
pub fn builtin_params(value: &Value) -> Option<Vec<BuiltinParam>> {
    let rule_set = super::parse_rule_set(value, "").ok()?;
    let params = params(&rule_set, "").ok()?;
    Some(
        params
            .into_iter()
            .map(|p| BuiltinParam {
                optional: p.is_optional(),
                default_text: p
                    .default
                    .as_ref()
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                field: p.field,
                ty: p.ty,
                built_in: p.built_in,
            })
            .collect(),
    )
}

fn params(rule_set: &RuleSet, source: &str) -> Result<Vec<Param>, EndpointError> {
    let mut taken = BTreeSet::new();
    let mut out = Vec::new();
    for (name, p) in &rule_set.parameters {
        let at = format!("/parameters/{}", pointer_escape(name));
        let ty = match p.type_name.to_ascii_lowercase().as_str() {
            "string" => ParamType::String,
            "boolean" => ParamType::Boolean,
            "stringarray" => ParamType::StringArray,
            other => {
                return Err(EndpointError::new(
                    source,
                    format!("{at}/type"),
                    format!("unknown parameter type `{other}`: a parameter must be of type string, boolean or stringArray"),
                ))
            }
        };
        if let Some(default) = &p.default {
            let fits = match ty {
                ParamType::String => default.is_string(),
                ParamType::Boolean => default.is_boolean(),
                ParamType::StringArray => default
                    .as_array()
                    .is_some_and(|items| items.iter().all(Value::is_string)),
            };
            if !fits {
                return Err(EndpointError::new(
                    source,
                    format!("{at}/default"),
                    format!(
                        "the default {default} does not fit the type `{}`",
                        p.type_name
                    ),
                ));
            }
        }
        let field = crate::naming::unique_field(crate::naming::function_name(name), &mut taken);
        let deprecated = p.deprecated.as_ref().map(|d| {
            let mut note = String::from("*Deprecated.*");
            if let Some(message) = &d.message {
                note.push(' ');
                note.push_str(&plain_text(message));
            }
            if let Some(since) = &d.since {
                note.push_str(&format!(" (since {})", plain_text(since)));
            }
            note
        });
        out.push(Param {
            name: name.clone(),
            field,
            ty,
            default: p.default.clone().filter(|d| !d.is_null()),
            required: p.required,
            documentation: p.documentation.clone(),
            built_in: p.built_in.clone(),
            deprecated,
        });
    }
    Ok(out)
}

/// `Params`, documented from the rule set, and its `Default`.
fn params_struct(params: &[Param]) -> TokenStream {
    let fields = params.iter().map(|p| {
        let mut doc = Doc::new();
        if let Some(text) = &p.documentation {
            doc = doc.text(plain_text(text));
        }
        let mut facts = vec![format!("Rule-set parameter {}", code_span(&p.name))];
        if let Some(built_in) = &p.built_in {
            facts.push(format!("built-in {}", code_span(built_in)));
        }
        if let Some(default) = &p.default {
            facts.push(format!("default {}", code_span(&default.to_string())));
        } else if p.required {
            facts.push("required: resolution fails when it is unset".to_owned());
        }
        doc = doc.text(format!("{}.", facts.join("; ")));
        if let Some(deprecated) = &p.deprecated {
            doc = doc.text(deprecated.clone());
        }
        let doc = doc.outer();
        let field = ident(&p.field);
        let plain = match p.ty {
            ParamType::String => quote!(String),
            ParamType::Boolean => quote!(bool),
            ParamType::StringArray => quote!(Vec<String>),
        };
        let ty = if p.is_optional() {
            quote!(Option<#plain>)
        } else {
            plain
        };
        quote! {
            #doc
            pub #field: #ty,
        }
    });
    let derivable = params.iter().all(|p| match &p.default {
        None => true,
        Some(Value::Bool(b)) => !b,
        Some(Value::String(s)) => s.is_empty(),
        Some(Value::Array(items)) => items.is_empty(),
        Some(_) => false,
    });
    let doc = Doc::new()
        .text("The parameters of endpoint resolution.")
        .text(
            "Build them with a struct literal ending in `..Default::default()`; unset \
             parameters take the rule set's defaults.",
        )
        .outer();
    let derives = if derivable {
        quote!(#[derive(Clone, Debug, Default, PartialEq)])
    } else {
        quote!(#[derive(Clone, Debug, PartialEq)])
    };
    let default_impl = (!derivable).then(|| {
        let values = params.iter().map(|p| {
            let field = ident(&p.field);
            let value = match &p.default {
                None => quote!(None),
                Some(Value::Bool(b)) => quote!(#b),
                Some(Value::String(s)) => quote!(#s.to_owned()),
                Some(Value::Array(items)) => {
                    let items = items.iter().filter_map(Value::as_str);
                    quote!(vec![#(#items.to_owned()),*])
                }
                Some(_) => quote!(Default::default()),
            };
            quote!(#field: #value,)
        });
        quote! {
            impl Default for Params {
                fn default() -> Self {
                    Params {
                        #(#values)*
                    }
                }
            }
        }
    });
    quote! {
        #doc
        #derives
        pub struct Params {
            #(#fields)*
        }

        #default_impl
    }
}

/// The `[("Region", Some(…)), …]` list `resolve` attaches to errors.
fn parameter_list(params: &[Param]) -> TokenStream {
    let entries = params.iter().map(|p| {
        let name = &p.name;
        let field = ident(&p.field);
        let value = match (p.ty, p.is_optional()) {
            (ParamType::String, true) => quote!(params.#field.as_deref().map(Document::from)),
            (ParamType::String, false) => quote!(Some(Document::from(params.#field.as_str()))),
            (ParamType::Boolean, true) => quote!(params.#field.map(Document::from)),
            (ParamType::Boolean, false) => quote!(Some(Document::from(params.#field))),
            (ParamType::StringArray, true) => {
                quote!(params.#field.as_deref().map(lib::string_array))
            }
            (ParamType::StringArray, false) => quote!(Some(lib::string_array(&params.#field))),
        };
        quote!((#name, #value))
    });
    quote!([#(#entries),*])
}

/// Rule-set documentation is plain text: Markdown's special characters are
/// escaped (backticks stay, so code spans render).
fn plain_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if matches!(c, '\\' | '[' | ']' | '<' | '>' | '*' | '_' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn pointer_escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

// ------------------------------------------------------------ types

/// The type of a value in a rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Str,
    Bool,
    StrArray,
    Partition,
    Arn,
    Url,
    Int,
}

impl Ty {
    fn describe(self) -> &'static str {
        match self {
            Ty::Str => "a string",
            Ty::Bool => "a boolean",
            Ty::StrArray => "a string array",
            Ty::Partition => "a partition",
            Ty::Arn => "an ARN",
            Ty::Url => "a URL",
            Ty::Int => "an integer",
        }
    }
}

/// What is known of a boolean expression, to write its negation well.
#[derive(Clone)]
enum Truth {
    Const(bool),
    Expr {
        /// The negation (`a != b`, `!x`, `x.is_none()`).
        neg: TokenStream,
        /// Whether the expression, and its negation, are binary (`==`),
        /// so they need parentheses as an operand.
        pos_binary: bool,
        neg_binary: bool,
    },
}

/// A typed Rust expression.
#[derive(Clone)]
struct Val {
    tokens: TokenStream,
    ty: Ty,
    optional: bool,
    /// A string value that is a `String` (or `Option<String>`), not a `&str`.
    owned: bool,
    /// An owned value made by the expression itself (`format!`, a function
    /// result), which can be passed on by value.
    temporary: bool,
    /// The variable, when the expression is one (for `format!` arguments).
    var: Option<Ident>,
    /// Its rule-set name.
    name: Option<String>,
    /// For booleans.
    truth: Option<Truth>,
}

impl Val {
    fn new(tokens: TokenStream, ty: Ty, optional: bool) -> Val {
        Val {
            tokens,
            ty,
            optional,
            owned: false,
            temporary: false,
            var: None,
            name: None,
            truth: None,
        }
    }

    fn owned(mut self) -> Val {
        self.owned = true;
        self
    }

    /// An owned value made by the expression (`format!`, a call).
    fn temporary(mut self) -> Val {
        self.owned = true;
        self.temporary = true;
        self
    }

    fn constant(value: bool) -> Val {
        Val {
            tokens: quote!(#value),
            ty: Ty::Bool,
            optional: false,
            owned: false,
            temporary: false,
            var: None,
            name: None,
            truth: Some(Truth::Const(value)),
        }
    }

    fn boolean(tokens: TokenStream, neg: TokenStream, binary: bool) -> Val {
        Val {
            tokens,
            ty: Ty::Bool,
            optional: false,
            owned: false,
            temporary: false,
            var: None,
            name: None,
            truth: Some(Truth::Expr {
                neg,
                pos_binary: binary,
                neg_binary: binary,
            }),
        }
    }

    /// A boolean that is a single term (`x`, `p.supports_fips`, `f(x)`):
    /// its negation is `!term`.
    fn term(tokens: TokenStream) -> Val {
        let neg = quote!(!#tokens);
        Val::boolean(tokens, neg, false)
    }

    /// The value as `&str` (or `Option<&str>`).
    fn as_str(&self) -> TokenStream {
        let t = &self.tokens;
        match (self.owned, self.optional) {
            (false, _) => t.clone(),
            (true, false) => quote!(#t.as_str()),
            (true, true) => quote!(#t.as_deref()),
        }
    }

    /// The value as an operand of `==`.
    fn operand(&self) -> TokenStream {
        let t = if self.ty == Ty::Str {
            self.as_str()
        } else {
            self.tokens.clone()
        };
        match &self.truth {
            Some(Truth::Expr {
                pos_binary: true, ..
            }) => quote!((#t)),
            _ => t,
        }
    }

    /// `!self`.
    fn not(self) -> Val {
        match self.truth {
            Some(Truth::Const(b)) => Val::constant(!b),
            Some(Truth::Expr {
                neg,
                pos_binary,
                neg_binary,
            }) => Val {
                truth: Some(Truth::Expr {
                    neg: self.tokens,
                    pos_binary: neg_binary,
                    neg_binary: pos_binary,
                }),
                tokens: neg,
                ..self
            },
            None => self,
        }
    }
}

/// A name in scope: a parameter, or a condition's `assign`.
struct Var {
    name: String,
    ident: Ident,
    ty: Ty,
    optional: bool,
    owned: bool,
    used: Cell<bool>,
}

/// A statement of a rule's block; a `Return` is written `return …;`, or
/// as the tail expression at the end of the function.
enum Stmt {
    Code(TokenStream),
    Return(TokenStream),
}

fn block(stmts: Vec<Stmt>) -> TokenStream {
    stmts
        .into_iter()
        .map(|s| match s {
            Stmt::Code(t) => t,
            Stmt::Return(e) => quote!(return #e;),
        })
        .collect()
}

/// The rule being emitted: what its conditions' statements need.
struct RuleAt<'r> {
    rule: &'r Rule,
    /// Its JSON Pointer.
    path: &'r str,
    label: &'r str,
    lifetime: &'r syn::Lifetime,
}

/// A rule, emitted.
struct RuleOut {
    stmts: Vec<Stmt>,
    /// Whether a condition can fail (so the rule needs its labeled block).
    can_fail: bool,
    /// Whether every path through it returns.
    always_returns: bool,
}

/// Limits that keep the emitter's recursion bounded.
const MAX_CONDITIONS: usize = 64;
const MAX_DEPTH: usize = 40;

struct Emitter<'a> {
    source: &'a str,
    scope: Vec<Var>,
    /// Possibly-unset values the statement being emitted needs (see
    /// [`Emitter::need`]): each becomes `let x = lib::require(x, "X")?;`
    /// before it, and is set from there on.
    required: std::cell::RefCell<Vec<(Ident, String, Ty)>>,
    /// The identifier of every `assign` name.
    assigned: BTreeMap<String, String>,
    uses_partitions: bool,
}

impl<'a> Emitter<'a> {
    fn new(source: &'a str, params: &[Param], rule_set: &RuleSet) -> Result<Self, EndpointError> {
        let mut taken: BTreeSet<String> = params.iter().map(|p| p.field.clone()).collect();
        taken.insert("params".to_owned());
        let mut names = Vec::new();
        collect_assigns(&rule_set.rules, &mut names);
        let mut assigned = BTreeMap::new();
        for name in names {
            if params.iter().any(|p| p.name == name) {
                continue;
            }
            if let std::collections::btree_map::Entry::Vacant(entry) = assigned.entry(name) {
                let base = crate::naming::function_name(entry.key());
                entry.insert(crate::naming::unique_field(base, &mut taken));
            }
        }
        let scope = params
            .iter()
            .map(|p| Var {
                name: p.name.clone(),
                ident: ident(&p.field),
                ty: match p.ty {
                    ParamType::String => Ty::Str,
                    ParamType::Boolean => Ty::Bool,
                    ParamType::StringArray => Ty::StrArray,
                },
                // A required parameter without default is checked first.
                optional: p.is_optional() && !p.required,
                owned: false,
                used: Cell::new(false),
            })
            .collect();
        Ok(Emitter {
            source,
            scope,
            required: Default::default(),
            assigned,
            uses_partitions: false,
        })
    }

    fn error(&self, at: &str, message: impl Into<String>) -> EndpointError {
        EndpointError::new(self.source, at, message)
    }

    /// The private `rules` function: parameter bindings, then the rules.
    fn rules(
        &mut self,
        rule_set: &RuleSet,
        params: &[Param],
    ) -> Result<TokenStream, EndpointError> {
        let out = self.sequence(&rule_set.rules, "", "rule")?;
        let mut stmts = out.stmts;
        let tail = match stmts.pop() {
            Some(Stmt::Return(e)) if out.always_returns => e,
            last => {
                stmts.extend(last);
                quote!(Err(ResolveError::no_match()))
            }
        };
        let body = block(stmts);
        // Parameter bindings, for the parameters the rules read.
        let mut bindings = Vec::new();
        for (var, param) in self.scope.iter().zip(params) {
            let id = &var.ident;
            let field = id;
            let read = match (param.ty, param.is_optional()) {
                (ParamType::String, true) => quote!(params.#field.as_deref()),
                (ParamType::String, false) => quote!(params.#field.as_str()),
                (ParamType::Boolean, _) => quote!(params.#field),
                (ParamType::StringArray, true) => quote!(params.#field.as_deref()),
                (ParamType::StringArray, false) => quote!(params.#field.as_slice()),
            };
            let used = var.used.get();
            if param.is_optional() && param.required {
                let name = &param.name;
                bindings.push(if used {
                    quote! {
                        let Some(#id) = #read else {
                            return Err(ResolveError::missing_parameter(#name));
                        };
                    }
                } else {
                    quote! {
                        if params.#field.is_none() {
                            return Err(ResolveError::missing_parameter(#name));
                        }
                    }
                });
            } else if used {
                bindings.push(quote!(let #id = #read;));
            }
        }
        let params_arg = if bindings.is_empty() {
            quote!(_params)
        } else {
            quote!(params)
        };
        Ok(quote! {
            /// The rules, in order; each block is one rule, labeled after its
            /// place in the rule set (`rule_1_0`: the first rule of the
            /// second rule's tree).
            fn rules(#params_arg: &Params) -> Result<Endpoint, ResolveError> {
                #(#bindings)*
                #body
                #tail
            }
        })
    }

    /// Rules one after the other (the top level, or a tree's rules).
    fn sequence(
        &mut self,
        rules: &[Rule],
        path: &str,
        label: &str,
    ) -> Result<RuleOut, EndpointError> {
        let mut stmts = Vec::new();
        let mut always_returns = false;
        for (k, rule) in rules.iter().enumerate() {
            let rule_path = format!("{path}/rules/{k}");
            let rule_label = format!("{label}_{k}");
            let out = self.rule(rule, &rule_path, &rule_label)?;
            if always_returns {
                // Unreachable, as in botocore; typed all the same.
                continue;
            }
            if out.can_fail {
                if !out.stmts.is_empty() {
                    let lifetime = syn::Lifetime::new(&format!("'{rule_label}"), Span::call_site());
                    let body = block(out.stmts);
                    stmts.push(Stmt::Code(quote!(#lifetime: { #body })));
                }
            } else {
                stmts.extend(out.stmts);
                always_returns = out.always_returns;
            }
        }
        Ok(RuleOut {
            stmts,
            can_fail: false,
            always_returns,
        })
    }

    fn rule(&mut self, rule: &Rule, path: &str, label: &str) -> Result<RuleOut, EndpointError> {
        // The emitter recurses per tree level and per condition; real rule
        // sets stay far below these (botocore's: 18 levels, 11 conditions).
        if rule.conditions.len() > MAX_CONDITIONS {
            return Err(self.error(
                &format!("{path}/conditions"),
                format!("more than {MAX_CONDITIONS} conditions in one rule"),
            ));
        }
        if label.matches('_').count() > MAX_DEPTH {
            return Err(self.error(path, format!("trees nest more than {MAX_DEPTH} deep")));
        }
        let lifetime = syn::Lifetime::new(&format!("'{label}"), Span::call_site());
        let mut can_fail = false;
        let depth = self.scope.len();
        let at = RuleAt {
            rule,
            path,
            label,
            lifetime: &lifetime,
        };
        let result = self.conditions(&at, 0, &mut can_fail);
        self.scope.truncate(depth);
        match result? {
            None => Ok(RuleOut {
                stmts: Vec::new(),
                can_fail: true,
                always_returns: false,
            }),
            Some((stmts, body_returns)) => Ok(RuleOut {
                stmts,
                can_fail,
                always_returns: !can_fail && body_returns,
            }),
        }
    }

    /// Conditions `i..` and then the rule's body; `None` when a condition
    /// is always false (the rule never applies).
    fn conditions(
        &mut self,
        r: &RuleAt,
        i: usize,
        can_fail: &mut bool,
    ) -> Result<Option<(Vec<Stmt>, bool)>, EndpointError> {
        let (rule, path, label, lifetime) = (r.rule, r.path, r.label, r.lifetime);
        let Some(condition) = rule.conditions.get(i) else {
            return self.body(rule, path, label).map(Some);
        };
        let at = format!("{path}/conditions/{i}");
        let brk = quote!(break #lifetime;);

        // `isSet(Ref)` on an optional value narrows it.
        if let Some(name) = narrowed_ref(condition) {
            let var = self.lookup(name, &format!("{at}/argv/0"))?;
            if var.optional {
                let (id, ty, owned) = (var.ident.clone(), var.ty, var.owned);
                var.used.set(true);
                self.scope.push(Var {
                    name: name.to_owned(),
                    ident: id.clone(),
                    ty,
                    optional: false,
                    owned,
                    used: Cell::new(false),
                });
                let rest = self.conditions(r, i + 1, can_fail)?;
                let narrowed = self.scope.pop().is_some_and(|v| v.used.get());
                *can_fail = true;
                let stmt = if narrowed {
                    quote!(let Some(#id) = #id else { #brk };)
                } else {
                    quote!(if #id.is_none() { #brk })
                };
                return Ok(rest.map(|(mut stmts, returns)| {
                    stmts.insert(0, Stmt::Code(stmt));
                    (stmts, returns)
                }));
            }
        }

        let value = self.call(&condition.function, &condition.argv, &at)?;
        let depth = self.scope.len();
        let (requires, narrowed) = self.take_required();
        self.scope.extend(narrowed);
        let result = self.condition_value(r, i, can_fail, value);
        self.scope.truncate(depth);
        Ok(result?.map(|(mut stmts, returns)| {
            let lets: Vec<Stmt> = requires.into_iter().map(Stmt::Code).collect();
            stmts.splice(0..0, lets);
            (stmts, returns)
        }))
    }

    /// The rest of [`Emitter::conditions`] for a condition whose value is
    /// computed.
    fn condition_value(
        &mut self,
        r: &RuleAt,
        i: usize,
        can_fail: &mut bool,
        mut value: Val,
    ) -> Result<Option<(Vec<Stmt>, bool)>, EndpointError> {
        let condition = &r.rule.conditions[i];
        let at = format!("{}/conditions/{i}", r.path);
        let lifetime = r.lifetime;
        let brk = quote!(break #lifetime;);
        if value.owned && !value.temporary {
            // A field of a local (`arn.region`): bind a borrow, not a move.
            value.tokens = value.as_str();
            value.owned = false;
        }
        let Some(name) = &condition.assign else {
            let stmt = if value.optional {
                let t = &value.tokens;
                *can_fail = true;
                Some(quote!(if #t.is_none() { #brk }))
            } else {
                match &value.truth {
                    Some(Truth::Const(true)) | None => None,
                    Some(Truth::Const(false)) => {
                        let rest = self.conditions(r, i + 1, can_fail)?;
                        drop(rest);
                        return Ok(None);
                    }
                    Some(Truth::Expr { neg, .. }) => {
                        *can_fail = true;
                        Some(quote!(if #neg { #brk }))
                    }
                }
            };
            let rest = self.conditions(r, i + 1, can_fail)?;
            return Ok(rest.map(|(mut stmts, returns)| {
                if let Some(stmt) = stmt {
                    stmts.insert(0, Stmt::Code(stmt));
                }
                (stmts, returns)
            }));
        };

        if self.scope.iter().any(|v| v.name == *name) {
            return Err(self.error(
                &format!("{at}/assign"),
                format!("`{name}` is already in scope and cannot be assigned again (botocore: \"Assignment {name} already exists in scoped variables and cannot be overwritten\")"),
            ));
        }
        let id_text = match self.assigned.get(name) {
            Some(id) => id.clone(),
            None => {
                return Err(self.error(
                    &format!("{at}/assign"),
                    format!("`{name}` names a parameter"),
                ))
            }
        };
        let id = ident(&id_text);
        self.scope.push(Var {
            name: name.clone(),
            ident: id.clone(),
            ty: value.ty,
            optional: false,
            owned: value.owned,
            used: Cell::new(false),
        });
        let rest = self.conditions(r, i + 1, can_fail);
        let used = self.scope.pop().is_some_and(|v| v.used.get());
        let rest = rest?;
        let t = &value.tokens;
        let stmts: Vec<TokenStream> = if value.optional {
            *can_fail = true;
            if used {
                vec![quote!(let Some(#id) = #t else { #brk };)]
            } else {
                vec![quote!(if #t.is_none() { #brk })]
            }
        } else {
            match &value.truth {
                Some(Truth::Const(false)) => return Ok(None),
                Some(Truth::Const(true)) if used => vec![quote!(let #id = true;)],
                Some(Truth::Const(true)) => Vec::new(),
                Some(Truth::Expr { neg, .. }) => {
                    *can_fail = true;
                    if used {
                        vec![quote!(let #id = #t;), quote!(if !#id { #brk })]
                    } else {
                        vec![quote!(if #neg { #brk })]
                    }
                }
                None if used => vec![quote!(let #id = #t;)],
                None => Vec::new(),
            }
        };
        Ok(rest.map(|(rest, returns)| {
            let mut all: Vec<Stmt> = stmts.into_iter().map(Stmt::Code).collect();
            all.extend(rest);
            (all, returns)
        }))
    }

    /// A rule's result, once its conditions hold; with whether it always
    /// returns.
    fn body(
        &mut self,
        rule: &Rule,
        path: &str,
        label: &str,
    ) -> Result<(Vec<Stmt>, bool), EndpointError> {
        match rule.kind.as_str() {
            "endpoint" => {
                let Some(def) = &rule.endpoint else {
                    return Err(self.error(path, "an endpoint rule without `endpoint`"));
                };
                let endpoint = self.endpoint(def, &format!("{path}/endpoint"))?;
                let (requires, _) = self.take_required();
                let mut stmts: Vec<Stmt> = requires.into_iter().map(Stmt::Code).collect();
                stmts.push(Stmt::Return(quote!(Ok(#endpoint))));
                Ok((stmts, true))
            }
            "error" => {
                let Some(error) = &rule.error else {
                    return Err(self.error(path, "an error rule without `error`"));
                };
                let at = format!("{path}/error");
                let message = self.expr(error, &at)?;
                let message = self.string_arg(&message, &at)?;
                let (requires, _) = self.take_required();
                let mut stmts: Vec<Stmt> = requires.into_iter().map(Stmt::Code).collect();
                stmts.push(Stmt::Return(quote!(Err(ResolveError::rule(#message)))));
                Ok((stmts, true))
            }
            "tree" => {
                let Some(rules) = &rule.rules else {
                    return Err(self.error(path, "a tree rule without `rules`"));
                };
                let out = self.sequence(rules, path, label)?;
                Ok((out.stmts, out.always_returns))
            }
            other => Err(self.error(
                &format!("{path}/type"),
                format!(
                    "unknown rule type `{other}`: a rule must be of type tree, endpoint or error"
                ),
            )),
        }
    }

    fn endpoint(&mut self, def: &EndpointDef, at: &str) -> Result<TokenStream, EndpointError> {
        let url_at = format!("{at}/url");
        let url = self.expr(&def.url, &url_at)?;
        let url = self.string_arg(&url, &url_at)?;
        let mut calls = Vec::new();
        for (name, values) in &def.headers {
            let header_at = format!("{at}/headers/{}", pointer_escape(name));
            let mut items = Vec::new();
            for (i, value) in values.iter().enumerate() {
                let item_at = format!("{header_at}/{i}");
                let v = self.expr(value, &item_at)?;
                let v = self.need(v, Ty::Str, &item_at)?;
                items.push(v.as_str());
            }
            calls.push(quote!(.header(#name, &[#(#items),*])));
        }
        for (name, value) in &def.properties {
            let value =
                self.document(value, &format!("{at}/properties/{}", pointer_escape(name)))?;
            calls.push(quote!(.property(#name, #value)));
        }
        Ok(quote!(Endpoint::new(#url) #(#calls)*))
    }

    /// A property value: JSON with templates in its strings.
    fn document(&mut self, value: &Value, at: &str) -> Result<TokenStream, EndpointError> {
        Ok(match value {
            Value::Null => quote!(Document::Null),
            Value::Bool(b) => quote!(#b.into()),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    quote!(Document::from(#u))
                } else if let Some(i) = n.as_i64() {
                    quote!(Document::from(#i))
                } else {
                    let f = n.as_f64().unwrap_or_default();
                    quote!(Document::from(#f))
                }
            }
            Value::String(_) => {
                let v = self.expr(value, at)?;
                let s = self.string_arg(&v, at)?;
                quote!(#s.into())
            }
            Value::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    out.push(self.document(item, &format!("{at}/{i}"))?);
                }
                quote!(Document::Array(vec![#(#out),*]))
            }
            Value::Object(entries) => {
                let mut out = Vec::new();
                for (key, item) in entries {
                    let item = self.document(item, &format!("{at}/{}", pointer_escape(key)))?;
                    out.push(quote!((#key, #item)));
                }
                quote!(lib::object([#(#out),*]))
            }
        })
    }

    /// A non-optional string as an argument that takes `impl Into<String>`:
    /// a `format!` result is passed as it is, anything else borrowed.
    fn string_arg(&self, value: &Val, at: &str) -> Result<TokenStream, EndpointError> {
        let value = &self.need(value.clone(), Ty::Str, at)?;
        Ok(if value.temporary {
            value.tokens.clone()
        } else {
            value.as_str()
        })
    }

    fn lookup(&self, name: &str, at: &str) -> Result<&Var, EndpointError> {
        self.scope
            .iter()
            .rev()
            .find(|v| v.name == name)
            .ok_or_else(|| {
                self.error(at, format!("`{name}` is neither a parameter nor assigned by an earlier condition of this rule or an enclosing one"))
            })
    }

    fn reference(&self, name: &str, at: &str) -> Result<Val, EndpointError> {
        let var = self.lookup(name, at)?;
        var.used.set(true);
        let id = &var.ident;
        let mut value = if var.ty == Ty::Bool && !var.optional {
            Val::term(quote!(#id))
        } else {
            Val::new(quote!(#id), var.ty, var.optional)
        };
        value.owned = var.owned;
        value.var = Some(var.ident.clone());
        value.name = Some(var.name.clone());
        Ok(value)
    }

    /// `value` as a non-optional `ty`. A reference to a parameter that may
    /// be unset, where botocore would fail at run time (stringEquals and
    /// booleanEquals raise, a template raises a KeyError), is read as set
    /// after a `let x = lib::require(x, "X")?;` that [`Emitter::take_required`]
    /// puts before the statement: resolution fails there with a clear
    /// error. 17 old rule sets do this (`Region` after
    /// `aws.partition(Region)` without `isSet`). Anything else that may be
    /// unset is a generation error.
    fn need(&self, value: Val, ty: Ty, at: &str) -> Result<Val, EndpointError> {
        if let (true, true, Some(name), Some(id)) =
            (value.ty == ty, value.optional, &value.name, &value.var)
        {
            let mut required = self.required.borrow_mut();
            if !required.iter().any(|(_, n, _)| n == name) {
                required.push((id.clone(), name.clone(), ty));
            }
            let mut narrowed = if ty == Ty::Bool {
                Val::term(quote!(#id))
            } else {
                Val::new(quote!(#id), ty, false)
            };
            narrowed.var = Some(id.clone());
            narrowed.name = Some(name.clone());
            return Ok(narrowed);
        }
        self.expect(&value, ty, at)?;
        Ok(value)
    }

    /// The `let x = lib::require(x, "X")?;` statements the expressions just
    /// emitted need, and the variables they set.
    fn take_required(&self) -> (Vec<TokenStream>, Vec<Var>) {
        let required = std::mem::take(&mut *self.required.borrow_mut());
        required
            .into_iter()
            .map(|(id, name, ty)| {
                let stmt = quote!(let #id = lib::require(#id, #name)?;);
                let var = Var {
                    name,
                    ident: id,
                    ty,
                    optional: false,
                    owned: false,
                    used: Cell::new(true),
                };
                (stmt, var)
            })
            .unzip()
    }

    /// Fails unless `value` is a non-optional `ty`.
    fn expect(&self, value: &Val, ty: Ty, at: &str) -> Result<(), EndpointError> {
        if value.ty != ty {
            return Err(self.error(
                at,
                format!("expected {}, found {}", ty.describe(), value.ty.describe()),
            ));
        }
        if value.optional {
            return Err(self.error(
                at,
                format!(
                    "expected {}, found one that may be unset: check it with `isSet` in an earlier condition",
                    ty.describe()
                ),
            ));
        }
        Ok(())
    }

    fn expr(&mut self, value: &Value, at: &str) -> Result<Val, EndpointError> {
        match value {
            Value::String(text) => self.string(text, at),
            Value::Bool(b) => Ok(Val::constant(*b)),
            Value::Number(n) => match n.as_u64() {
                Some(n) => {
                    let lit = Literal::usize_unsuffixed(n as usize);
                    Ok(Val::new(quote!(#lit), Ty::Int, false))
                }
                None => Err(self.error(at, format!("{n} is not a non-negative integer"))),
            },
            Value::Object(object) => {
                if let (Some(Value::String(name)), 1) = (object.get("ref"), object.len()) {
                    return self.reference(name, at);
                }
                if let Some(Value::String(function)) = object.get("fn") {
                    if object.contains_key("assign") {
                        return Err(self.error(
                            at,
                            "`assign` is supported on conditions only, not on nested calls",
                        ));
                    }
                    let Some(Value::Array(argv)) = object.get("argv") else {
                        return Err(
                            self.error(at, format!("the call of `{function}` has no `argv` list"))
                        );
                    };
                    if let Some(key) = object.keys().find(|k| *k != "fn" && *k != "argv") {
                        return Err(
                            self.error(at, format!("unexpected key `{key}` in a function call"))
                        );
                    }
                    return self.call(function, argv, at);
                }
                Err(self.error(
                    at,
                    "expected `{\"ref\": …}` or `{\"fn\": …, \"argv\": […]}`",
                ))
            }
            Value::Array(_) | Value::Null => Err(self.error(
                at,
                "expected a string, boolean, integer, reference or function call",
            )),
        }
    }

    /// A string literal: a template becomes `format!` (or the one value it
    /// names), anything else a `&'static str`.
    fn string(&mut self, text: &str, at: &str) -> Result<Val, EndpointError> {
        let parts = match template::parse(text) {
            Ok(Some(parts)) => parts,
            Ok(None) => return Ok(Val::new(quote!(#text), Ty::Str, false)),
            Err(message) => return Err(self.error(at, message)),
        };
        let mut values = Vec::new();
        for part in &parts {
            if let Part::Ref { name, attribute } = part {
                let mut value = self.reference(name, at)?;
                if let Some(attribute) = attribute {
                    value = self.get_attr(value, attribute, at)?;
                } else if value.ty == Ty::Str {
                    value = self.need(value, Ty::Str, at)?;
                }
                if value.ty != Ty::Str || value.optional {
                    return Err(self.error(
                        at,
                        format!(
                            "the template {text:?} inserts {}, which is {}{}",
                            match attribute {
                                Some(a) => format!("`{name}#{a}`"),
                                None => format!("`{name}`"),
                            },
                            value.ty.describe(),
                            if value.optional {
                                " that may be unset"
                            } else {
                                ""
                            }
                        ),
                    ));
                }
                values.push(value);
            }
        }
        if let ([Part::Ref { .. }], [value]) = (parts.as_slice(), values.as_slice()) {
            return Ok(value.clone());
        }
        if values.is_empty() {
            let literal: String = parts
                .iter()
                .filter_map(|p| match p {
                    Part::Literal(s) => Some(s.as_str()),
                    Part::Ref { .. } => None,
                })
                .collect();
            return Ok(Val::new(quote!(#literal), Ty::Str, false));
        }
        let mut format = String::new();
        let mut args = Vec::new();
        let mut values = values.into_iter();
        for part in &parts {
            match part {
                Part::Literal(s) => format.push_str(&s.replace('{', "{{").replace('}', "}}")),
                Part::Ref { .. } => {
                    let Some(value) = values.next() else { break };
                    match &value.var {
                        Some(var) if !var.to_string().starts_with("r#") => {
                            format.push_str(&format!("{{{var}}}"));
                        }
                        _ => {
                            format.push_str("{}");
                            // A `String` field formats as it is.
                            args.push(value.tokens.clone());
                        }
                    }
                }
            }
        }
        Ok(Val::new(quote!(format!(#format #(, #args)*)), Ty::Str, false).temporary())
    }

    /// A function call.
    fn call(&mut self, function: &str, argv: &[Value], at: &str) -> Result<Val, EndpointError> {
        let arity = match function {
            "isSet" | "not" | "aws.partition" | "aws.parseArn" | "parseURL" | "uriEncode" => 1,
            "booleanEquals"
            | "stringEquals"
            | "getAttr"
            | "isValidHostLabel"
            | "aws.isVirtualHostableS3Bucket" => 2,
            "substring" => 4,
            other => {
                return Err(self.error(
                    at,
                    format!(
                    "unknown function `{other}`; the generator knows isSet, not, booleanEquals, \
                         stringEquals, getAttr, aws.partition, aws.parseArn, parseURL, \
                         isValidHostLabel, aws.isVirtualHostableS3Bucket, substring and uriEncode"
                ),
                ))
            }
        };
        if argv.len() != arity {
            return Err(self.error(
                at,
                format!("`{function}` takes {arity} argument(s), not {}", argv.len()),
            ));
        }
        let arg_at = |i: usize| format!("{at}/argv/{i}");
        // getAttr's path is a literal, not a template.
        if function == "getAttr" {
            let target = self.expr(&argv[0], &arg_at(0))?;
            let Some(path) = argv[1].as_str() else {
                return Err(
                    self.error(&arg_at(1), "the path of `getAttr` must be a string literal")
                );
            };
            return self.get_attr(target, path, &arg_at(1));
        }
        let mut args = Vec::with_capacity(argv.len());
        for (i, arg) in argv.iter().enumerate() {
            args.push(self.expr(arg, &arg_at(i))?);
        }
        match function {
            "isSet" => {
                let a = &args[0];
                if !a.optional {
                    return Ok(Val::constant(true));
                }
                let t = &a.tokens;
                Ok(Val::boolean(
                    quote!(#t.is_some()),
                    quote!(#t.is_none()),
                    false,
                ))
            }
            "not" => {
                self.expect(&args[0], Ty::Bool, &arg_at(0))?;
                Ok(args.swap_remove(0).not())
            }
            "booleanEquals" => {
                let (b, a) = (args.pop(), args.pop());
                let (Some(a), Some(b)) = (a, b) else {
                    return Err(self.error(at, "two arguments"));
                };
                let a = self.need(a, Ty::Bool, &arg_at(0))?;
                let b = self.need(b, Ty::Bool, &arg_at(1))?;
                Ok(match (&a.truth, &b.truth) {
                    (Some(Truth::Const(x)), Some(Truth::Const(y))) => Val::constant(x == y),
                    (Some(Truth::Const(true)), _) => b,
                    (_, Some(Truth::Const(true))) => a,
                    (Some(Truth::Const(false)), _) => b.not(),
                    (_, Some(Truth::Const(false))) => a.not(),
                    _ => {
                        let (x, y) = (a.operand(), b.operand());
                        Val::boolean(quote!(#x == #y), quote!(#x != #y), true)
                    }
                })
            }
            "stringEquals" => {
                let a = self.need(args[0].clone(), Ty::Str, &arg_at(0))?;
                let b = self.need(args[1].clone(), Ty::Str, &arg_at(1))?;
                let empty = |v: &Val| v.tokens.to_string() == "\"\"";
                Ok(match (empty(&a), empty(&b)) {
                    (true, true) => Val::constant(true),
                    (true, false) | (false, true) => {
                        let v = if empty(&a) { &b } else { &a };
                        // `String` and `&str` both have `is_empty`.
                        let x = if v.owned {
                            v.tokens.clone()
                        } else {
                            v.operand()
                        };
                        Val::boolean(quote!(#x.is_empty()), quote!(!#x.is_empty()), false)
                    }
                    (false, false) => {
                        let (x, y) = (a.operand(), b.operand());
                        Val::boolean(quote!(#x == #y), quote!(#x != #y), true)
                    }
                })
            }
            "aws.partition" => {
                let a = &args[0];
                if a.ty != Ty::Str {
                    self.expect(a, Ty::Str, &arg_at(0))?;
                }
                self.uses_partitions = true;
                let region = if a.optional {
                    // botocore looks up None as no region: the default partition.
                    let t = a.as_str();
                    quote!(#t.unwrap_or_default())
                } else {
                    a.as_str()
                };
                Ok(Val::new(
                    quote!(lib::partition(PARTITIONS, #region)),
                    Ty::Partition,
                    true,
                ))
            }
            "aws.parseArn" | "parseURL" => {
                let a = &args[0];
                if a.ty != Ty::Str {
                    self.expect(a, Ty::Str, &arg_at(0))?;
                }
                let (f, ty) = if function == "parseURL" {
                    (quote!(lib::parse_url), Ty::Url)
                } else {
                    (quote!(lib::parse_arn), Ty::Arn)
                };
                let t = a.as_str();
                let tokens = if a.optional {
                    quote!(#t.and_then(#f))
                } else {
                    quote!(#f(#t))
                };
                Ok(Val::new(tokens, ty, true))
            }
            "isValidHostLabel" | "aws.isVirtualHostableS3Bucket" => {
                let a = &args[0];
                if a.ty != Ty::Str {
                    self.expect(a, Ty::Str, &arg_at(0))?;
                }
                self.expect(&args[1], Ty::Bool, &arg_at(1))?;
                let f = if function == "isValidHostLabel" {
                    quote!(lib::is_valid_host_label)
                } else {
                    quote!(lib::is_virtual_hostable_s3_bucket)
                };
                let subdomains = &args[1].tokens;
                let t = a.as_str();
                Ok(if a.optional {
                    // botocore: an unset value is not a valid label.
                    Val::term(quote!(#t.is_some_and(|value| #f(value, #subdomains))))
                } else {
                    Val::term(quote!(#f(#t, #subdomains)))
                })
            }
            "substring" => {
                args[0] = self.need(args[0].clone(), Ty::Str, &arg_at(0))?;
                self.expect(&args[1], Ty::Int, &arg_at(1))?;
                self.expect(&args[2], Ty::Int, &arg_at(2))?;
                self.expect(&args[3], Ty::Bool, &arg_at(3))?;
                let input = args[0].as_str();
                let (start, stop, reverse) = (&args[1].tokens, &args[2].tokens, &args[3].tokens);
                Ok(Val::new(
                    quote!(lib::substring(#input, #start, #stop, #reverse)),
                    Ty::Str,
                    true,
                )
                .temporary())
            }
            "uriEncode" => {
                let a = &args[0];
                if a.ty != Ty::Str {
                    self.expect(a, Ty::Str, &arg_at(0))?;
                }
                let t = a.as_str();
                Ok(if a.optional {
                    Val::new(quote!(#t.map(lib::uri_encode)), Ty::Str, true).temporary()
                } else {
                    Val::new(quote!(lib::uri_encode(#t)), Ty::Str, false).temporary()
                })
            }
            _ => Err(self.error(at, format!("unknown function `{function}`"))),
        }
    }

    /// `getAttr(target, path)`: `name`, `name[i]` or `[i]`, dot-separated;
    /// an index ends the path (botocore returns there).
    fn get_attr(&self, target: Val, path: &str, at: &str) -> Result<Val, EndpointError> {
        if target.optional {
            return Err(self.error(
                at,
                format!(
                    "`getAttr` of {} that may be unset: check it with `isSet` in an earlier condition",
                    target.ty.describe()
                ),
            ));
        }
        let parts: Vec<&str> = path.split('.').collect();
        let mut value = target;
        for (n, part) in parts.iter().enumerate() {
            let (name, index) = match part.split_once('[') {
                Some((name, rest)) => {
                    let index = rest
                        .strip_suffix(']')
                        .and_then(|i| i.parse::<usize>().ok())
                        .ok_or_else(|| {
                            self.error(
                                at,
                                format!("`{part}` in the path {path:?} is not `name[index]`"),
                            )
                        })?;
                    (name, Some(index))
                }
                None => (*part, None),
            };
            if index.is_some() && n + 1 != parts.len() {
                return Err(self.error(
                    at,
                    format!("the path {path:?} goes on after an index, where botocore stops"),
                ));
            }
            if !name.is_empty() {
                value = self.attribute(&value, name, path, at)?;
            }
            if let Some(index) = index {
                if value.ty != Ty::StrArray || value.optional {
                    return Err(self.error(
                        at,
                        format!(
                            "the path {path:?} indexes {}, not a string array",
                            value.ty.describe()
                        ),
                    ));
                }
                let t = &value.tokens;
                let element = if index == 0 {
                    quote!(#t.first())
                } else {
                    let i = Literal::usize_unsuffixed(index);
                    quote!(#t.get(#i))
                };
                value = Val::new(quote!(#element.map(String::as_str)), Ty::Str, true);
            }
        }
        Ok(value)
    }

    fn attribute(
        &self,
        value: &Val,
        name: &str,
        path: &str,
        at: &str,
    ) -> Result<Val, EndpointError> {
        let t = &value.tokens;
        let field = |f: &str| ident(f);
        let str_field = |f: &str| {
            let f = field(f);
            Val::new(quote!(#t.#f), Ty::Str, false)
        };
        let owned_field = |f: &str| {
            let f = field(f);
            Val::new(quote!(#t.#f), Ty::Str, false).owned()
        };
        let bool_field = |f: &str| {
            let f = field(f);
            Val::term(quote!(#t.#f))
        };
        let found = match (value.ty, name) {
            (Ty::Partition, "name") => Some(str_field("name")),
            (Ty::Partition, "dnsSuffix") => Some(str_field("dns_suffix")),
            (Ty::Partition, "dualStackDnsSuffix") => Some(str_field("dual_stack_dns_suffix")),
            (Ty::Partition, "implicitGlobalRegion") => Some(str_field("implicit_global_region")),
            (Ty::Partition, "supportsFIPS") => Some(bool_field("supports_fips")),
            (Ty::Partition, "supportsDualStack") => Some(bool_field("supports_dual_stack")),
            (Ty::Arn, "partition") => Some(owned_field("partition")),
            (Ty::Arn, "service") => Some(owned_field("service")),
            (Ty::Arn, "region") => Some(owned_field("region")),
            (Ty::Arn, "accountId") => Some(owned_field("account_id")),
            (Ty::Arn, "resourceId") => Some(Val::new(quote!(#t.resource_id), Ty::StrArray, false)),
            (Ty::Url, "scheme") => Some(owned_field("scheme")),
            (Ty::Url, "authority") => Some(owned_field("authority")),
            (Ty::Url, "path") => Some(owned_field("path")),
            (Ty::Url, "normalizedPath") => Some(owned_field("normalized_path")),
            (Ty::Url, "isIp") => Some(bool_field("is_ip")),
            _ => None,
        };
        found.ok_or_else(|| {
            let known = match value.ty {
                Ty::Partition => "name, dnsSuffix, dualStackDnsSuffix, implicitGlobalRegion, supportsFIPS, supportsDualStack",
                Ty::Arn => "partition, service, region, accountId, resourceId",
                Ty::Url => "scheme, authority, path, normalizedPath, isIp",
                _ => "none",
            };
            self.error(
                at,
                format!(
                    "{} has no attribute `{name}` (in the path {path:?}; attributes: {known})",
                    value.ty.describe()
                ),
            )
        })
    }
}

/// `isSet({"ref": name})` without `assign`.
fn narrowed_ref(condition: &Condition) -> Option<&str> {
    if condition.function != "isSet" || condition.assign.is_some() {
        return None;
    }
    match condition.argv.as_slice() {
        [Value::Object(object)] if object.len() == 1 => object.get("ref")?.as_str(),
        _ => None,
    }
}

/// Every `assign` name, in rule order.
fn collect_assigns(rules: &[Rule], out: &mut Vec<String>) {
    for rule in rules {
        for condition in &rule.conditions {
            if let Some(name) = &condition.assign {
                out.push(name.clone());
            }
        }
        if let Some(rules) = &rule.rules {
            collect_assigns(rules, out);
        }
    }
}

/// The `use` lines of `wanted` whose name `tokens` mention, so the
/// resolver imports exactly what its rules use. (The resolver names its
/// own items; the service files record imports in their symbol tables.)
fn use_lines_for(tokens: &TokenStream, wanted: &[(&str, TokenStream)]) -> TokenStream {
    let mut idents = std::collections::BTreeSet::new();
    crate::emit::collect_idents(tokens, &mut idents);
    wanted
        .iter()
        .filter(|(name, _)| idents.contains(*name))
        .map(|(_, line)| line.clone())
        .collect()
}
